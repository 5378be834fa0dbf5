package wire

import (
	"encoding/binary"
	"io"
)

// Server-side limits (src/include/libpq/pqcomm.h and libpq/libpq.h).
const (
	// maxStartupPacketLen is MAX_STARTUP_PACKET_LENGTH: the largest length
	// word of a startup packet.
	maxStartupPacketLen = 10000
	// smallMessageLimit is PQ_SMALL_MESSAGE_LIMIT, the bound on the body of
	// Close, Describe, Execute, Flush, Sync, Terminate, CopyDone and CopyFail
	// (src/backend/tcop/postgres.c, SocketBackend).
	smallMessageLimit = 10000
	// authMessageLimit is PG_MAX_AUTH_TOKEN_LENGTH, the bound on a 'p'
	// message (src/backend/libpq/auth.c).
	authMessageLimit = 65535
)

// Backend is the server side of a connection, for scripted fake servers in
// tests: it reads FrontendMessages and writes BackendMessages.
//
// Concurrency: as for Frontend, the read side (ReceiveStartup, Receive,
// SetAuthType, SetMaxMessageLen) and the write side (Send, Flush) may be used
// by one goroutine each; Send of an authentication request also sets the
// authentication type, so do not overlap it with Receive.
type Backend struct {
	in       inbuf
	maxLen   int
	err      error
	authType uint32
	authSet  bool

	w    io.Writer
	wbuf []byte
	wpos int

	msgs frontendMessages
}

// frontendMessages holds the one value per message type that Receive reuses.
type frontendMessages struct {
	startup       StartupMessage
	sslRequest    SSLRequest
	gssencRequest GSSENCRequest
	cancelRequest CancelRequest

	bind         Bind
	close        Close
	copyData     CopyData
	copyDone     CopyDone
	copyFail     CopyFail
	describe     Describe
	execute      Execute
	flush        Flush
	functionCall FunctionCall
	gssResponse  GSSResponse
	parse        Parse
	password     PasswordMessage
	query        Query
	saslInitial  SASLInitialResponse
	saslResponse SASLResponse
	sync         Sync
	terminate    Terminate
}

// NewBackend returns a Backend that reads from r and writes to w. It does its
// own buffering: r and w should be the raw connection.
func NewBackend(r io.Reader, w io.Writer) *Backend {
	return &Backend{in: inbuf{r: r, buf: make([]byte, initialBufSize)}, w: w, maxLen: DefaultMaxMessageLen}
}

// SetMaxMessageLen bounds the body of Query, Parse, Bind, FunctionCall and
// CopyData messages (the server's PQ_LARGE_MESSAGE_LIMIT); other types have
// the server's fixed smaller bounds. n <= 0 restores DefaultMaxMessageLen.
func (b *Backend) SetMaxMessageLen(n int) {
	if n <= 0 {
		n = DefaultMaxMessageLen
	}
	b.maxLen = min(n, maxMessageLenWord-4)
}

// SetAuthType decides how the next 'p' messages decode: AuthCleartextPassword
// and AuthMD5Password give PasswordMessage, AuthSASL gives
// SASLInitialResponse, AuthSASLContinue gives SASLResponse, and AuthGSS,
// AuthSSPI and AuthGSSContinue give GSSResponse. Send sets it too when it
// sends one of those requests. Before any is set, a 'p' message fails with a
// non-fatal KindMalformed error.
func (b *Backend) SetAuthType(code uint32) {
	b.authType, b.authSet = code, true
}

// Send encodes m at the end of the write buffer; nothing is written until
// Flush. Sending an authentication request that expects an answer sets the
// authentication type (see SetAuthType). If encoding fails, the buffer is
// left as it was.
func (b *Backend) Send(m BackendMessage) error {
	buf, err := m.Encode(b.wbuf)
	if err != nil {
		return err
	}
	b.wbuf = buf
	switch m.(type) {
	case *AuthenticationCleartextPassword:
		b.SetAuthType(AuthCleartextPassword)
	case *AuthenticationMD5Password:
		b.SetAuthType(AuthMD5Password)
	case *AuthenticationSASL:
		b.SetAuthType(AuthSASL)
	case *AuthenticationSASLContinue:
		b.SetAuthType(AuthSASLContinue)
	case *AuthenticationGSS:
		b.SetAuthType(AuthGSS)
	case *AuthenticationSSPI:
		b.SetAuthType(AuthSSPI)
	case *AuthenticationGSSContinue:
		b.SetAuthType(AuthGSSContinue)
	}
	return nil
}

// Flush writes everything Send has buffered; after a partial write the rest
// stays buffered for the next Flush.
func (b *Backend) Flush() error {
	var err error
	b.wbuf, b.wpos, err = flush(b.w, b.wbuf, b.wpos)
	return err
}

// ReceiveStartup reads an untyped startup packet: a StartupMessage,
// SSLRequest, GSSENCRequest or CancelRequest, told apart by the code after
// the length word. The length word must be 8..10000, as the server requires
// (src/backend/postmaster/postmaster.c, ProcessStartupPacket).
//
// The returned value is reused and valid until the next Receive or
// ReceiveStartup. Errors are as for Frontend.Receive; a bad length is a
// fatal KindSyncLost, a body that does not parse a non-fatal KindMalformed.
func (b *Backend) ReceiveStartup() (FrontendMessage, error) {
	if b.err != nil {
		return nil, b.err
	}
	if err := b.in.fill(4); err != nil {
		return nil, err
	}
	length := int32(binary.BigEndian.Uint32(b.in.buffered()))
	if length < 8 || length > maxStartupPacketLen {
		return nil, b.fatal(&ProtocolError{Kind: KindSyncLost, Length: int64(length), fromClient: true})
	}
	body, err := b.in.message(4, int(length)-4)
	if err != nil {
		return nil, err
	}
	var m FrontendMessage
	switch binary.BigEndian.Uint32(body) {
	case SSLRequestCode:
		m = &b.msgs.sslRequest
	case GSSENCRequestCode:
		m = &b.msgs.gssencRequest
	case CancelRequestCode:
		m = &b.msgs.cancelRequest
	default:
		m = &b.msgs.startup
	}
	if err := m.Decode(body); err != nil {
		return nil, err
	}
	return m, nil
}

// Receive reads the next typed message from the client. The returned value
// is reused and valid until the next Receive or ReceiveStartup. Errors are as
// for Frontend.Receive, except that an unknown type byte is fatal, as in the
// server (SocketBackend: "invalid frontend message type"), and that the
// length bounds are the server's: PQ_SMALL_MESSAGE_LIMIT (10000) for Close,
// Describe, Execute, Flush, Sync, Terminate, CopyDone and CopyFail, 65535 for
// 'p', SetMaxMessageLen for the others.
func (b *Backend) Receive() (FrontendMessage, error) {
	if b.err != nil {
		return nil, b.err
	}
	typ, length, err := b.in.header()
	if err != nil {
		return nil, err
	}
	limit := b.maxLen
	switch typ {
	case 'Q', 'F', 'B', 'P', 'd':
	case 'C', 'D', 'E', 'H', 'S', 'X', 'c', 'f':
		limit = smallMessageLimit
	case 'p':
		limit = authMessageLimit
	default:
		return nil, b.fatal(&ProtocolError{Kind: KindUnexpectedType, Type: typ, fromClient: true})
	}
	if length < 4 {
		return nil, b.fatal(&ProtocolError{Kind: KindSyncLost, Type: typ, Length: int64(length), fromClient: true})
	}
	n := int(length) - 4
	if n > limit {
		return nil, b.fatal(&ProtocolError{Kind: KindTooLarge, Type: typ, Length: int64(n), fromClient: true})
	}
	body, err := b.in.message(5, n)
	if err != nil {
		return nil, err
	}
	m, err := b.lookup(typ)
	if err != nil {
		return nil, err
	}
	if err := m.Decode(body); err != nil {
		return nil, err
	}
	return m, nil
}

// fatal records a fatal error so that later calls return it too.
func (b *Backend) fatal(err *ProtocolError) error {
	b.err = err
	return err
}

// lookup returns the reused value for a message type.
func (b *Backend) lookup(typ byte) (FrontendMessage, error) {
	m := &b.msgs
	switch typ {
	case 'B':
		return &m.bind, nil
	case 'C':
		return &m.close, nil
	case 'd':
		return &m.copyData, nil
	case 'c':
		return &m.copyDone, nil
	case 'f':
		return &m.copyFail, nil
	case 'D':
		return &m.describe, nil
	case 'E':
		return &m.execute, nil
	case 'H':
		return &m.flush, nil
	case 'F':
		return &m.functionCall, nil
	case 'P':
		return &m.parse, nil
	case 'Q':
		return &m.query, nil
	case 'S':
		return &m.sync, nil
	case 'X':
		return &m.terminate, nil
	}
	// 'p': the authentication exchange in progress decides.
	switch {
	case !b.authSet:
	case b.authType == AuthCleartextPassword || b.authType == AuthMD5Password:
		return &m.password, nil
	case b.authType == AuthSASL:
		return &m.saslInitial, nil
	case b.authType == AuthSASLContinue:
		return &m.saslResponse, nil
	case b.authType == AuthGSS || b.authType == AuthSSPI || b.authType == AuthGSSContinue:
		return &m.gssResponse, nil
	}
	d := newDecoder('p', "password message", nil)
	d.fail("no authentication request with an answer was sent (see Backend.SetAuthType)")
	return nil, d.err
}
