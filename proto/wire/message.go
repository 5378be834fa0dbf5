package wire

// Message is one protocol message that can be decoded from and encoded to its
// wire form. See the package documentation for the contract of Decode and
// Encode.
type Message interface {
	// Decode parses body, the message content after the type byte and the
	// Int32 length, into the receiver, overwriting all of its fields.
	Decode(body []byte) error
	// Encode appends the whole message, header included, to dst.
	Encode(dst []byte) ([]byte, error)
}

// BackendMessage is a message sent by the server.
type BackendMessage interface {
	Message
	// Backend marks the type as a server-to-client message.
	Backend()
}

// FrontendMessage is a message sent by the client.
type FrontendMessage interface {
	Message
	// Frontend marks the type as a client-to-server message.
	Frontend()
}

// Protocol version numbers and request codes that take the place of a
// protocol version in the untyped startup packets (protocol-v3.txt §1.4 and
// §7, StartupMessage, SSLRequest, GSSENCRequest, CancelRequest).
const (
	// ProtocolVersion30 is protocol 3.0 (0x00030000), spoken by PostgreSQL 7.4 and later.
	ProtocolVersion30 uint32 = 196608
	// ProtocolVersion32 is protocol 3.2 (0x00030002), PostgreSQL 18 and later:
	// variable-length cancel keys.
	ProtocolVersion32 uint32 = 196610
	// CancelRequestCode identifies a CancelRequest packet (1234 << 16 | 5678).
	CancelRequestCode uint32 = 80877102
	// SSLRequestCode identifies an SSLRequest packet (1234 << 16 | 5679).
	SSLRequestCode uint32 = 80877103
	// GSSENCRequestCode identifies a GSSENCRequest packet (1234 << 16 | 5680).
	GSSENCRequestCode uint32 = 80877104
)

// Authentication request codes carried by the 'R' messages (protocol-v3.txt
// §7, Authentication*; src/include/libpq/pqcomm.h AUTH_REQ_*). Codes 1, 4 and
// 6 were only used by old servers; they decode as AuthenticationUnknown.
const (
	AuthOk                uint32 = 0  // AuthenticationOk
	AuthKerberosV4        uint32 = 1  // obsolete; AuthenticationUnknown
	AuthKerberosV5        uint32 = 2  // AuthenticationKerberosV5
	AuthCleartextPassword uint32 = 3  // AuthenticationCleartextPassword
	AuthCrypt             uint32 = 4  // obsolete, with a 2-byte salt; AuthenticationUnknown
	AuthMD5Password       uint32 = 5  // AuthenticationMD5Password
	AuthSCMCredential     uint32 = 6  // obsolete; AuthenticationUnknown
	AuthGSS               uint32 = 7  // AuthenticationGSS
	AuthGSSContinue       uint32 = 8  // AuthenticationGSSContinue
	AuthSSPI              uint32 = 9  // AuthenticationSSPI
	AuthSASL              uint32 = 10 // AuthenticationSASL
	AuthSASLContinue      uint32 = 11 // AuthenticationSASLContinue
	AuthSASLFinal         uint32 = 12 // AuthenticationSASLFinal
)

// Limits of the protocol that the codec enforces.
const (
	// DefaultMaxMessageLen is the default bound on one message body, in
	// bytes: 1 GiB - 1, PostgreSQL's MaxAllocSize (src/include/utils/memutils.h),
	// beyond which neither side can build a message. SetMaxMessageLen changes it.
	DefaultMaxMessageLen = 1<<30 - 1
	// MaxSecretKeyLen is the longest cancel key that BackendKeyData and
	// CancelRequest may carry (protocol 3.2; protocol-v3.txt §7 BackendKeyData).
	MaxSecretKeyLen = 256
	// MinSecretKeyLen is the shortest cancel key: protocol 3.0 keys are always 4 bytes.
	MinSecretKeyLen = 4
	// maxCount is the largest element count an Int16 count field can carry.
	// The server reads counts as unsigned (pq_getmsgint(msg, 2)), so Bind
	// accepts up to 65535 parameters.
	maxCount = 1<<16 - 1
	// maxShortMessageLen is libpq's bound on the length word of a message
	// type that is not expected to be long (fe-protocol3.c,
	// VALID_LONG_MESSAGE_TYPE).
	maxShortMessageLen = 30000
	// maxMessageLenWord is the largest value the Int32 length word can hold.
	maxMessageLenWord = 1<<31 - 1
)

// isLongBackendType reports whether libpq believes lengths over 30000 for a
// server message of type t: RowDescription, DataRow, CopyData,
// FunctionCallResponse, ErrorResponse, NoticeResponse, NotificationResponse
// (fe-protocol3.c, VALID_LONG_MESSAGE_TYPE).
func isLongBackendType(t byte) bool {
	switch t {
	case 'T', 'D', 'd', 'V', 'E', 'N', 'A':
		return true
	}
	return false
}
