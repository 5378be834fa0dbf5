package wire

import "strconv"

// ErrorKind classifies a ProtocolError.
type ErrorKind int

const (
	// KindMalformed: a message body does not match its format (truncated,
	// trailing bytes, a missing NUL terminator, a negative length other than
	// -1, a bad enumeration value). The message has been consumed, so the
	// stream is still in sync. libpq says "message contents do not agree with
	// length in message type" (fe-protocol3.c, pqParseInput3).
	KindMalformed ErrorKind = iota + 1
	// KindUnexpectedType: a type byte that no message of the expected
	// direction has. On the client side the message is consumed and the stream
	// stays in sync, as libpq does; on the server side it is fatal, as in the
	// server's SocketBackend (src/backend/tcop/postgres.c).
	KindUnexpectedType
	// KindSyncLost: a length word below 4, or above 30000 for a type that is
	// never that long. The stream position is lost: fatal.
	KindSyncLost
	// KindTooLarge: a body longer than the configured maximum. Nothing was
	// allocated for it; fatal.
	KindTooLarge
	// KindUnexpectedStartup: during authentication the server sent something
	// other than an authentication request, an error or
	// NegotiateProtocolVersion, or an authentication request whose length is
	// not within 8..2000 (fe-connect.c, CONNECTION_AWAITING_RESPONSE). Fatal.
	KindUnexpectedStartup
	// KindInvalidErrorMessage: a pre-3.0 plain-text error at startup had no
	// NUL terminator within 30000 bytes. Fatal.
	KindInvalidErrorMessage
)

// ProtocolError reports bytes received from the peer that violate the
// protocol. Error returns libpq's wording for the client side (without
// libpq's trailing newline) so that callers can print it unchanged; the
// specific reason, when there is one, is available through Unwrap.
//
// Fatal reports whether the stream can still be used: after a fatal error
// the connection must be closed, and Receive keeps returning the same error.
type ProtocolError struct {
	// Kind classifies the error.
	Kind ErrorKind
	// Type is the message type byte, or 0 for the untyped startup packets.
	Type byte
	// Length is the length libpq reports in its "lost synchronization"
	// message: the length word as received (including itself) for
	// KindSyncLost, and the body length for KindTooLarge, since libpq has
	// already subtracted 4 when it fails to enlarge its buffer
	// (fe-protocol3.c, pqParseInput3).
	Length int64
	// Message is the Go name of the message being decoded (KindMalformed).
	Message string
	// Err is the specific reason, if any.
	Err error

	// fromClient is set when the offending bytes were sent by a client,
	// which changes the wording to the server's.
	fromClient bool
}

// Error returns the libpq (client side) or server (Backend side) text for
// the error.
func (e *ProtocolError) Error() string {
	switch e.Kind {
	case KindMalformed:
		if e.Type == 0 {
			return "invalid startup packet layout"
		}
		return "message contents do not agree with length in message type \"" + e.typeChar() + "\""
	case KindUnexpectedType:
		if e.fromClient {
			return "invalid frontend message type " + strconv.Itoa(int(e.Type))
		}
		return "unexpected response from server; first received character was \"" + e.typeChar() + "\""
	case KindSyncLost, KindTooLarge:
		if e.fromClient {
			if e.Type == 0 {
				return "invalid length of startup packet"
			}
			return "invalid message length"
		}
		return "lost synchronization with server: got message type \"" + e.typeChar() + "\", length " + strconv.FormatInt(e.Length, 10)
	case KindUnexpectedStartup:
		return "expected authentication request from server, but received " + e.typeChar()
	case KindInvalidErrorMessage:
		return "received invalid error message"
	}
	return "protocol error"
}

// typeChar renders the type byte as libpq's %c does: the raw byte, whatever
// its value.
func (e *ProtocolError) typeChar() string { return string([]byte{e.Type}) }

// Unwrap returns the specific reason, if any.
func (e *ProtocolError) Unwrap() error { return e.Err }

// Fatal reports whether the connection is unusable after this error: true for
// every kind except KindMalformed and a client-side KindUnexpectedType, after
// which the offending message has been skipped and the stream is in sync.
func (e *ProtocolError) Fatal() bool {
	switch e.Kind {
	case KindMalformed:
		return false
	case KindUnexpectedType:
		return e.fromClient
	}
	return true
}

// EncodeError reports a message value that cannot be represented on the wire.
type EncodeError struct {
	// Message is the Go name of the message type, such as "Bind".
	Message string
	// Reason says what is wrong.
	Reason string
}

// Error implements error.
func (e *EncodeError) Error() string {
	return "wire: cannot encode " + e.Message + ": " + e.Reason
}
