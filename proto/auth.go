package proto

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"

	"github.com/gpsql/gpsql/proto/wire"
)

// authState runs the authentication exchange of one connection attempt (protocol-v3.txt §3,
// libpq's fe-auth.c). It answers each Authentication* request and enforces channel_binding.
type authState struct {
	c        *Conn
	password string
	scram    *scramClient
	plusDone bool // a SCRAM-SHA-256-PLUS exchange completed
	done     bool // AuthenticationOk received
}

// failure builds a start-up failure with libpq's text.
func failure(msg string) error {
	return &attemptError{msg: msg, err: errors.New(msg)}
}

var errNoPassword = &attemptError{
	msg:           "fe_sendauth: no password supplied",
	err:           errors.New("fe_sendauth: no password supplied"),
	needsPassword: true,
}

func (a *authState) send(m wire.FrontendMessage) error {
	if err := a.c.fe.Send(m); err != nil {
		return failure(err.Error())
	}
	if err := a.c.fe.Flush(); err != nil {
		return a.c.ioAttemptError(err)
	}
	return nil
}

// requireBinding reports channel_binding=require.
func (a *authState) requireBinding() bool { return a.c.cfg.ChannelBinding == "require" }

func (a *authState) handle(msg wire.BackendMessage) error {
	c := a.c
	switch m := msg.(type) {
	case *wire.AuthenticationOk:
		if a.requireBinding() && !a.plusDone {
			return failure("channel binding required, but server authenticated client without channel binding")
		}
		if a.scram != nil && !a.scramFinished() {
			return failure("server sent AuthenticationOk before the SCRAM exchange finished")
		}
		a.done = true
		return nil
	case *wire.AuthenticationCleartextPassword:
		if a.requireBinding() {
			return failure("channel binding required but not supported by server's authentication request")
		}
		if a.password == "" {
			return errNoPassword
		}
		return a.send(&wire.PasswordMessage{Password: a.password})
	case *wire.AuthenticationMD5Password:
		if a.requireBinding() {
			return failure("channel binding required but not supported by server's authentication request")
		}
		if a.password == "" {
			return errNoPassword
		}
		return a.send(&wire.PasswordMessage{Password: md5Password(a.password, c.cfg.User, m.Salt)})
	case *wire.AuthenticationSASL:
		return a.saslInit(m.Mechanisms)
	case *wire.AuthenticationSASLContinue:
		if a.scram == nil {
			return failure("malformed SCRAM message (unexpected SASLContinue)")
		}
		final, err := a.scram.serverFirst(m.Data)
		if err != nil {
			return failure(err.Error())
		}
		return a.send(&wire.SASLResponse{Data: final})
	case *wire.AuthenticationSASLFinal:
		if a.scram == nil {
			return failure("malformed SCRAM message (unexpected SASLFinal)")
		}
		if err := a.scram.serverFinal(m.Data); err != nil {
			return failure(err.Error())
		}
		a.plusDone = a.scram.cbindData != nil
		a.scram.password = nil
		return nil
	case *wire.AuthenticationKerberosV5:
		return failure("Kerberos 5 authentication not supported")
	case *wire.AuthenticationGSS, *wire.AuthenticationGSSContinue:
		return failure("GSSAPI authentication not supported")
	case *wire.AuthenticationSSPI:
		return failure("SSPI authentication not supported")
	case *wire.AuthenticationUnknown:
		switch m.Code {
		case 1:
			return failure("Kerberos 4 authentication not supported")
		case 4:
			return failure("Crypt authentication not supported")
		case 6:
			return failure("SCM_CRED authentication method not supported")
		}
		return failure(fmt.Sprintf("authentication method %d not supported", m.Code))
	}
	return failure(fmt.Sprintf("unexpected message type %T during authentication", msg))
}

func (a *authState) scramFinished() bool { return a.scram.password == nil }

// saslInit picks the mechanism as libpq's pg_SASL_init does and sends the client-first
// message: -PLUS over TLS unless channel_binding=disable, "y" when TLS is in use but the
// server offers no -PLUS, "n" otherwise.
func (a *authState) saslInit(mechs []string) error {
	c := a.c
	cb := c.cfg.ChannelBinding
	if a.requireBinding() && c.tlsState == nil {
		return failure("channel binding required, but SSL not in use")
	}
	mech := ""
	if slices.Contains(mechs, mechSCRAMPlus) {
		if c.tlsState == nil {
			return failure("server offered SCRAM-SHA-256-PLUS authentication over a non-SSL connection")
		}
		if cb != "disable" {
			mech = mechSCRAMPlus
		}
	}
	if mech == "" && slices.Contains(mechs, mechSCRAM) {
		mech = mechSCRAM
	}
	if mech == "" {
		return failure("none of the server's SASL authentication mechanisms are supported")
	}
	if a.requireBinding() && mech != mechSCRAMPlus {
		return failure("channel binding is required, but server did not offer an authentication method that supports channel binding")
	}
	if a.password == "" {
		return errNoPassword
	}
	gs2 := "n,,"
	var cbData []byte
	switch {
	case mech == mechSCRAMPlus:
		gs2 = "p=tls-server-end-point,,"
		if len(c.tlsState.PeerCertificates) == 0 {
			return failure("could not get server certificate for channel binding")
		}
		d, err := tlsServerEndPoint(c.tlsState.PeerCertificates[0])
		if err != nil {
			return failure(err.Error())
		}
		cbData = d
	case c.tlsState != nil && cb != "disable":
		gs2 = "y,,"
	}
	nonce, err := randomNonce()
	if err != nil {
		return failure(err.Error())
	}
	a.scram = newSCRAM(a.password, gs2, cbData, nonce)
	return a.send(&wire.SASLInitialResponse{Mechanism: mech, Data: a.scram.clientFirst()})
}

// md5Password is the MD5 answer: "md5" + md5hex(md5hex(password + user) + salt).
func md5Password(password, user string, salt [4]byte) string {
	inner := md5.Sum([]byte(password + user))
	h := hex.EncodeToString(inner[:])
	outer := md5.Sum(append([]byte(h), salt[:]...))
	return "md5" + hex.EncodeToString(outer[:])
}
