package wire

import "strconv"

// The authentication requests all share the type byte 'R' and differ in the
// Int32 code that starts their body (protocol-v3.txt §7, Authentication*;
// §2.1 for the flow). Decode expects body to start with the code and fails if
// it is not the receiver's. Frontend.Receive picks the type from the code.

// decodeAuth reads and checks the authentication code.
func decodeAuth(d *decoder, want uint32) {
	if code := d.uint32("authentication code"); d.err == nil && code != want {
		d.fail("authentication code %d, want %d", code, want)
	}
}

// encodeAuth appends an 'R' message with the given code and extra bytes.
func encodeAuth(dst []byte, name string, code uint32, data []byte) ([]byte, error) {
	dst, m := beginTyped(dst, 'R')
	dst = appendUint32(dst, code)
	dst = append(dst, data...)
	return m.finish(dst, name)
}

// AuthenticationOk (B, 'R' code 0) says that authentication succeeded. The
// server may send it without any prior request (trust, peer).
type AuthenticationOk struct{}

// Backend marks AuthenticationOk as a server message.
func (*AuthenticationOk) Backend() {}

// Decode parses the body (the code and nothing else).
func (m *AuthenticationOk) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationOk", body)
	decodeAuth(&d, AuthOk)
	return d.finish()
}

// Encode appends the message to dst.
func (m *AuthenticationOk) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationOk", AuthOk, nil)
}

// AuthenticationKerberosV5 (B, 'R' code 2) asks for Kerberos V5, which no
// client supports any more; libpq fails with "Kerberos 5 authentication not
// supported".
type AuthenticationKerberosV5 struct{}

// Backend marks AuthenticationKerberosV5 as a server message.
func (*AuthenticationKerberosV5) Backend() {}

// Decode parses the body (the code and nothing else).
func (m *AuthenticationKerberosV5) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationKerberosV5", body)
	decodeAuth(&d, AuthKerberosV5)
	return d.finish()
}

// Encode appends the message to dst.
func (m *AuthenticationKerberosV5) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationKerberosV5", AuthKerberosV5, nil)
}

// AuthenticationCleartextPassword (B, 'R' code 3) asks for a PasswordMessage
// holding the password in clear text.
type AuthenticationCleartextPassword struct{}

// Backend marks AuthenticationCleartextPassword as a server message.
func (*AuthenticationCleartextPassword) Backend() {}

// Decode parses the body (the code and nothing else).
func (m *AuthenticationCleartextPassword) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationCleartextPassword", body)
	decodeAuth(&d, AuthCleartextPassword)
	return d.finish()
}

// Encode appends the message to dst.
func (m *AuthenticationCleartextPassword) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationCleartextPassword", AuthCleartextPassword, nil)
}

// AuthenticationMD5Password (B, 'R' code 5) asks for a PasswordMessage holding
// "md5" + md5hex(md5hex(password + user) + salt).
type AuthenticationMD5Password struct {
	// Salt is the 4-byte random salt.
	Salt [4]byte
}

// Backend marks AuthenticationMD5Password as a server message.
func (*AuthenticationMD5Password) Backend() {}

// Decode parses the body: the code and a 4-byte salt.
func (m *AuthenticationMD5Password) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationMD5Password", body)
	decodeAuth(&d, AuthMD5Password)
	salt := d.take(4, "salt")
	if err := d.finish(); err != nil {
		return err
	}
	copy(m.Salt[:], salt)
	return nil
}

// Encode appends the message to dst.
func (m *AuthenticationMD5Password) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationMD5Password", AuthMD5Password, m.Salt[:])
}

// AuthenticationGSS (B, 'R' code 7) asks the client to start a GSSAPI
// exchange with GSSResponse messages.
type AuthenticationGSS struct{}

// Backend marks AuthenticationGSS as a server message.
func (*AuthenticationGSS) Backend() {}

// Decode parses the body (the code and nothing else).
func (m *AuthenticationGSS) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationGSS", body)
	decodeAuth(&d, AuthGSS)
	return d.finish()
}

// Encode appends the message to dst.
func (m *AuthenticationGSS) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationGSS", AuthGSS, nil)
}

// AuthenticationGSSContinue (B, 'R' code 8) carries the next GSSAPI or SSPI
// token from the server.
type AuthenticationGSSContinue struct {
	// Data is the token. Decode makes it a capacity-clipped sub-slice of
	// the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Backend marks AuthenticationGSSContinue as a server message.
func (*AuthenticationGSSContinue) Backend() {}

// Decode parses the body: the code, then token bytes to the end.
func (m *AuthenticationGSSContinue) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationGSSContinue", body)
	decodeAuth(&d, AuthGSSContinue)
	data := d.restOrNil()
	if err := d.finish(); err != nil {
		return err
	}
	m.Data = data
	return nil
}

// Encode appends the message to dst.
func (m *AuthenticationGSSContinue) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationGSSContinue", AuthGSSContinue, m.Data)
}

// AuthenticationSSPI (B, 'R' code 9) asks the client to start an SSPI
// exchange with GSSResponse messages.
type AuthenticationSSPI struct{}

// Backend marks AuthenticationSSPI as a server message.
func (*AuthenticationSSPI) Backend() {}

// Decode parses the body (the code and nothing else).
func (m *AuthenticationSSPI) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationSSPI", body)
	decodeAuth(&d, AuthSSPI)
	return d.finish()
}

// Encode appends the message to dst.
func (m *AuthenticationSSPI) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationSSPI", AuthSSPI, nil)
}

// AuthenticationSASL (B, 'R' code 10) lists the SASL mechanisms the server
// accepts, in its order of preference (protocol-v3.txt §3).
type AuthenticationSASL struct {
	// Mechanisms are the mechanism names, such as "SCRAM-SHA-256" and
	// "SCRAM-SHA-256-PLUS". Decode reuses the slice's storage.
	Mechanisms []string
}

// Backend marks AuthenticationSASL as a server message.
func (*AuthenticationSASL) Backend() {}

// Decode parses the body: the code, then Strings ended by an empty one.
func (m *AuthenticationSASL) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationSASL", body)
	decodeAuth(&d, AuthSASL)
	mechs := m.Mechanisms[:0]
	for d.err == nil {
		s := d.cstring("mechanism list")
		if len(s) == 0 {
			break
		}
		mechs = append(mechs, string(s))
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.Mechanisms = mechs
	return nil
}

// Encode appends the message to dst. A mechanism name must be non-empty
// (the empty String ends the list) and free of NUL.
func (m *AuthenticationSASL) Encode(dst []byte) ([]byte, error) {
	for i, s := range m.Mechanisms {
		if s == "" {
			return dst, &EncodeError{Message: "AuthenticationSASL", Reason: "mechanism " + strconv.Itoa(i) + " is empty"}
		}
		if err := checkString("AuthenticationSASL", "mechanism", s); err != nil {
			return dst, err
		}
	}
	dst, mk := beginTyped(dst, 'R')
	dst = appendUint32(dst, AuthSASL)
	for _, s := range m.Mechanisms {
		dst = appendCString(dst, s)
	}
	dst = append(dst, 0)
	return mk.finish(dst, "AuthenticationSASL")
}

// AuthenticationSASLContinue (B, 'R' code 11) carries a SASL challenge, such
// as SCRAM's server-first-message.
type AuthenticationSASLContinue struct {
	// Data is the challenge. Decode makes it a capacity-clipped sub-slice
	// of the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Backend marks AuthenticationSASLContinue as a server message.
func (*AuthenticationSASLContinue) Backend() {}

// Decode parses the body: the code, then data bytes to the end.
func (m *AuthenticationSASLContinue) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationSASLContinue", body)
	decodeAuth(&d, AuthSASLContinue)
	data := d.restOrNil()
	if err := d.finish(); err != nil {
		return err
	}
	m.Data = data
	return nil
}

// Encode appends the message to dst.
func (m *AuthenticationSASLContinue) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationSASLContinue", AuthSASLContinue, m.Data)
}

// AuthenticationSASLFinal (B, 'R' code 12) carries the SASL outcome data,
// such as SCRAM's server-final-message with the server signature.
type AuthenticationSASLFinal struct {
	// Data is the outcome data. Decode makes it a capacity-clipped
	// sub-slice of the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Backend marks AuthenticationSASLFinal as a server message.
func (*AuthenticationSASLFinal) Backend() {}

// Decode parses the body: the code, then data bytes to the end.
func (m *AuthenticationSASLFinal) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationSASLFinal", body)
	decodeAuth(&d, AuthSASLFinal)
	data := d.restOrNil()
	if err := d.finish(); err != nil {
		return err
	}
	m.Data = data
	return nil
}

// Encode appends the message to dst.
func (m *AuthenticationSASLFinal) Encode(dst []byte) ([]byte, error) {
	return encodeAuth(dst, "AuthenticationSASLFinal", AuthSASLFinal, m.Data)
}

// AuthenticationUnknown is an 'R' message whose code is none of the codes
// above: 1 (Kerberos V4), 4 (crypt), 6 (SCM credentials) or anything else.
// It lets the client report the method; libpq 15 prints "authentication
// method N not supported", or for 1, 4 and 6 "Kerberos 4 authentication not
// supported", "Crypt authentication not supported" and "SCM_CRED
// authentication method not supported" (checked against psql 15).
type AuthenticationUnknown struct {
	// Code is the authentication request code.
	Code uint32
	// Data is whatever follows the code. Decode makes it a capacity-clipped
	// sub-slice of the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Backend marks AuthenticationUnknown as a server message.
func (*AuthenticationUnknown) Backend() {}

// isKnownAuthCode reports whether an 'R' code has its own message type.
func isKnownAuthCode(code uint32) bool {
	switch code {
	case AuthOk, AuthKerberosV5, AuthCleartextPassword, AuthMD5Password, AuthGSS,
		AuthGSSContinue, AuthSSPI, AuthSASL, AuthSASLContinue, AuthSASLFinal:
		return true
	}
	return false
}

// Decode parses the body: the code, then anything. It fails for a code that
// has its own message type.
func (m *AuthenticationUnknown) Decode(body []byte) error {
	d := newDecoder('R', "AuthenticationUnknown", body)
	code := d.uint32("authentication code")
	if d.err == nil && isKnownAuthCode(code) {
		d.fail("authentication code %d has its own message type", code)
	}
	data := d.restOrNil()
	if err := d.finish(); err != nil {
		return err
	}
	m.Code, m.Data = code, data
	return nil
}

// Encode appends the message to dst. It fails for a code that has its own
// message type, which would decode as that type.
func (m *AuthenticationUnknown) Encode(dst []byte) ([]byte, error) {
	if isKnownAuthCode(m.Code) {
		return dst, &EncodeError{Message: "AuthenticationUnknown", Reason: "code " + strconv.FormatUint(uint64(m.Code), 10) + " has its own message type"}
	}
	return encodeAuth(dst, "AuthenticationUnknown", m.Code, m.Data)
}
