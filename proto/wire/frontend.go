package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
)

// Frontend is the client side of a connection: it writes FrontendMessages and
// reads BackendMessages.
//
// Concurrency: Receive, ReceiveStartup and SetMaxMessageLen use only the read
// side and Send and Flush only the write side, so one goroutine may receive
// while another sends (as pipelining needs); calls on the same side must not
// overlap.
type Frontend struct {
	in     inbuf
	maxLen int
	err    error // sticky fatal *ProtocolError

	w    io.Writer
	wbuf []byte
	wpos int // wbuf[:wpos] is already written

	msgs backendMessages
	v2   *v2State // non-nil after UseProtocol2 (v2.go)
}

// backendMessages holds the one value per message type that Receive reuses.
type backendMessages struct {
	authOk          AuthenticationOk
	authKerberosV5  AuthenticationKerberosV5
	authCleartext   AuthenticationCleartextPassword
	authMD5         AuthenticationMD5Password
	authGSS         AuthenticationGSS
	authGSSContinue AuthenticationGSSContinue
	authSSPI        AuthenticationSSPI
	authSASL        AuthenticationSASL
	authSASLCont    AuthenticationSASLContinue
	authSASLFinal   AuthenticationSASLFinal
	authUnknown     AuthenticationUnknown

	backendKeyData   BackendKeyData
	bindComplete     BindComplete
	closeComplete    CloseComplete
	commandComplete  CommandComplete
	copyBothResponse CopyBothResponse
	copyData         CopyData
	copyDone         CopyDone
	copyInResponse   CopyInResponse
	copyOutResponse  CopyOutResponse
	dataRow          DataRow
	emptyQuery       EmptyQueryResponse
	errorResponse    ErrorResponse
	functionCallResp FunctionCallResponse
	negotiate        NegotiateProtocolVersion
	noData           NoData
	noticeResponse   NoticeResponse
	notification     NotificationResponse
	paramDescription ParameterDescription
	paramStatus      ParameterStatus
	parseComplete    ParseComplete
	portalSuspended  PortalSuspended
	readyForQuery    ReadyForQuery
	rowDescription   RowDescription
}

// NewFrontend returns a Frontend that reads from r and writes to w. It does
// its own buffering: r and w should be the raw connection.
func NewFrontend(r io.Reader, w io.Writer) *Frontend {
	return &Frontend{in: inbuf{r: r, buf: make([]byte, initialBufSize)}, w: w, maxLen: DefaultMaxMessageLen}
}

// SetMaxMessageLen bounds the body length of one received message, in bytes.
// A longer message fails Receive with a fatal KindTooLarge error before
// anything is allocated for it. n <= 0 restores DefaultMaxMessageLen (1 GiB
// - 1); values above what the length word can express are clamped.
func (f *Frontend) SetMaxMessageLen(n int) {
	if n <= 0 {
		n = DefaultMaxMessageLen
	}
	f.maxLen = min(n, maxMessageLenWord-4)
}

// Send encodes m at the end of the write buffer. Nothing is written until
// Flush. If encoding fails, the buffer is left as it was.
func (f *Frontend) Send(m FrontendMessage) error {
	if f.v2 != nil {
		return f.sendV2(m)
	}
	buf, err := m.Encode(f.wbuf)
	if err != nil {
		return err
	}
	f.wbuf = buf
	return nil
}

// Flush writes everything Send has buffered. If the write fails part way
// (for example at a write deadline), the unwritten bytes stay buffered and
// the next Flush continues with them, so the stream never holds half a
// message followed by another one.
func (f *Frontend) Flush() error {
	var err error
	f.wbuf, f.wpos, err = flush(f.w, f.wbuf, f.wpos)
	return err
}

// flush is Flush for both sides.
func flush(w io.Writer, buf []byte, pos int) ([]byte, int, error) {
	if pos >= len(buf) {
		return buf[:0], 0, nil
	}
	n, err := w.Write(buf[pos:])
	if n < 0 || n > len(buf)-pos {
		n = 0
		if err == nil {
			err = errors.New("wire: invalid write count")
		}
	}
	pos += n
	if err == nil && pos < len(buf) {
		err = io.ErrShortWrite
	}
	if pos == len(buf) {
		return buf[:0], 0, err
	}
	return buf, pos, err
}

// Receive reads the next message from the server and returns it.
//
// The returned value is owned by the Frontend: there is one value per
// message type, reused by every Receive, and slices in it may point into
// the read buffer. It is valid only until the next call of Receive or
// ReceiveStartup; copy what must survive.
//
// Errors: io.EOF when the stream ends between messages,
// io.ErrUnexpectedEOF when it ends inside one, the reader's own error
// otherwise (a timeout leaves the partial message buffered, and calling
// Receive again resumes it), or a *ProtocolError. After a fatal
// ProtocolError every later call returns the same error; after a non-fatal
// one the offending message has been skipped and Receive can go on.
//
// Limits follow libpq's pqParseInput3: a length word below 4, or above 30000
// for any type but 'T', 'D', 'd', 'V', 'E', 'N' and 'A', is KindSyncLost; a
// body over SetMaxMessageLen is KindTooLarge; an unknown type byte is
// KindUnexpectedType, raised once the whole message has arrived.
func (f *Frontend) Receive() (BackendMessage, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.v2 != nil {
		return f.receiveV2()
	}
	// Fast path for the bulk of every result: a DataRow wholly in the
	// buffer skips the fill calls, the type switch and the interface call.
	// The checks are receiveBody's, in the form that holds for 'D'.
	if b := f.in.buf[f.in.start:f.in.end]; len(b) >= 5 && b[0] == 'D' {
		length := int(int32(binary.BigEndian.Uint32(b[1:5])))
		if length >= 4 && length-4 <= f.maxLen && length < len(b) {
			end := 1 + length
			f.in.start += end
			m := &f.msgs.dataRow
			if err := m.Decode(b[5:end:end]); err != nil {
				return nil, err
			}
			return m, nil
		}
	}
	typ, length, err := f.in.header()
	if err != nil {
		return nil, err
	}
	return f.receiveBody(typ, length)
}

// receiveBody validates the header already buffered, waits for the body and
// decodes it.
func (f *Frontend) receiveBody(typ byte, length int32) (BackendMessage, error) {
	if length < 4 || (length > maxShortMessageLen && !isLongBackendType(typ)) {
		return nil, f.fatal(&ProtocolError{Kind: KindSyncLost, Type: typ, Length: int64(length)})
	}
	n := int(length) - 4
	if n > f.maxLen {
		return nil, f.fatal(&ProtocolError{Kind: KindTooLarge, Type: typ, Length: int64(n)})
	}
	body, err := f.in.message(5, n)
	if err != nil {
		return nil, err
	}
	m := f.lookup(typ, body)
	if m == nil {
		return nil, &ProtocolError{Kind: KindUnexpectedType, Type: typ}
	}
	if err := m.Decode(body); err != nil {
		return nil, err
	}
	return m, nil
}

// fatal records a fatal error so that later calls return it too.
func (f *Frontend) fatal(err *ProtocolError) error {
	f.err = err
	return err
}

// lookup returns the reused value for a message type, or nil.
func (f *Frontend) lookup(typ byte, body []byte) BackendMessage {
	m := &f.msgs
	switch typ {
	case 'R':
		if len(body) < 4 {
			return &m.authOk // whose Decode reports the truncated code
		}
		switch binary.BigEndian.Uint32(body) {
		case AuthOk:
			return &m.authOk
		case AuthKerberosV5:
			return &m.authKerberosV5
		case AuthCleartextPassword:
			return &m.authCleartext
		case AuthMD5Password:
			return &m.authMD5
		case AuthGSS:
			return &m.authGSS
		case AuthGSSContinue:
			return &m.authGSSContinue
		case AuthSSPI:
			return &m.authSSPI
		case AuthSASL:
			return &m.authSASL
		case AuthSASLContinue:
			return &m.authSASLCont
		case AuthSASLFinal:
			return &m.authSASLFinal
		}
		return &m.authUnknown
	case 'K':
		return &m.backendKeyData
	case '2':
		return &m.bindComplete
	case '3':
		return &m.closeComplete
	case 'C':
		return &m.commandComplete
	case 'W':
		return &m.copyBothResponse
	case 'd':
		return &m.copyData
	case 'c':
		return &m.copyDone
	case 'G':
		return &m.copyInResponse
	case 'H':
		return &m.copyOutResponse
	case 'D':
		return &m.dataRow
	case 'I':
		return &m.emptyQuery
	case 'E':
		return &m.errorResponse
	case 'V':
		return &m.functionCallResp
	case 'v':
		return &m.negotiate
	case 'n':
		return &m.noData
	case 'N':
		return &m.noticeResponse
	case 'A':
		return &m.notification
	case 't':
		return &m.paramDescription
	case 'S':
		return &m.paramStatus
	case '1':
		return &m.parseComplete
	case 's':
		return &m.portalSuspended
	case 'Z':
		return &m.readyForQuery
	case 'T':
		return &m.rowDescription
	}
	return nil
}

// Startup-phase limits from libpq's PQconnectPoll, state
// CONNECTION_AWAITING_RESPONSE (src/interfaces/libpq/fe-connect.c).
const (
	minAuthLen      = 8    // an 'R' length word below this is refused
	maxAuthLen      = 2000 // an 'R' length word above this is refused
	minErrorLen     = 8    // an 'E' length word below this means plain text
	maxPlainTextErr = 30000
)

// ReceiveStartup is Receive for the authentication exchange: use it for
// every message up to and including AuthenticationOk (libpq's
// CONNECTION_AWAITING_RESPONSE state), and Receive afterwards.
//
// Like libpq 15 it accepts only 'R' (whose length word must be 8..2000) and
// 'E'; it also accepts 'v' NegotiateProtocolVersion, as libpq 16 and later
// do. Anything else is a fatal KindUnexpectedStartup error, "expected
// authentication request from server, but received X".
//
// An 'E' whose length word is below 8 or above 30000 is the pre-3.0
// plain-text error of a 2.0-only server or of one refusing connections
// early: 'E' then text up to a NUL, with no length word. ReceiveStartup
// returns it as the reused *ErrorResponse with PlainText set, Severity
// "FATAL" and Message the text minus one trailing newline. If no NUL comes
// within 30000 bytes it fails with a fatal KindInvalidErrorMessage.
//
// The lifetime and error rules of Receive apply.
func (f *Frontend) ReceiveStartup() (BackendMessage, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.v2 != nil {
		return f.receiveV2()
	}
	if err := f.in.fill(1); err != nil {
		return nil, err
	}
	typ := f.in.buffered()[0]
	if typ != 'R' && typ != 'E' && typ != 'v' {
		return nil, f.fatal(&ProtocolError{Kind: KindUnexpectedStartup, Type: typ})
	}
	_, length, err := f.in.header()
	if err != nil {
		return nil, err
	}
	switch {
	case typ == 'R' && (length < minAuthLen || length > maxAuthLen):
		return nil, f.fatal(&ProtocolError{Kind: KindUnexpectedStartup, Type: typ, Length: int64(length)})
	case typ == 'E' && (length < minErrorLen || length > maxShortMessageLen):
		return f.receivePlainTextError()
	}
	return f.receiveBody(typ, length)
}

// receivePlainTextError reads 'E' and a NUL-terminated text of at most
// 30000 bytes.
func (f *Frontend) receivePlainTextError() (BackendMessage, error) {
	const limit = 1 + maxPlainTextErr + 1 // 'E', the text, the NUL
	scanned := 1
	for {
		b := f.in.buffered()
		if len(b) > limit {
			b = b[:limit]
		}
		if i := bytes.IndexByte(b[scanned:], 0); i >= 0 {
			text := bytes.TrimSuffix(b[1:scanned+i], []byte("\n"))
			f.in.start += scanned + i + 1
			m := &f.msgs.errorResponse
			m.Fields = Fields{Severity: "FATAL", Message: string(text), UnknownFields: m.UnknownFields[:0]}
			m.PlainText = true
			return m, nil
		}
		if len(b) >= limit {
			return nil, f.fatal(&ProtocolError{Kind: KindInvalidErrorMessage, Type: 'E'})
		}
		scanned = len(b)
		if err := f.in.fill(len(b) + 1); err != nil {
			return nil, err
		}
	}
}
