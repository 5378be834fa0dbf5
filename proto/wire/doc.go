// Package wire encodes and decodes the messages of the PostgreSQL
// frontend/backend protocol, versions 3.0 and 3.2, and frames them on a byte
// stream.
//
// # Messages
//
// Every message of the protocol is a struct named as in the protocol
// documentation ("Message Formats", protocol-v3.txt §7) with exported fields
// and two methods:
//
//   - Decode(body) parses the message content that follows the type byte and
//     the Int32 length (for the untyped startup packets: what follows the
//     length). On success it overwrites every field; on error the
//     receiver's contents are unspecified. Some decoders keep sub-slices of
//     body instead of copying, and some reuse the storage of the slices the
//     receiver already holds; each type documents which fields do. Decode
//     never panics; malformed input gives a *ProtocolError of kind
//     KindMalformed.
//   - Encode(dst) appends the whole message (type byte, back-patched length,
//     body) to dst and returns the extended slice. Values that cannot be
//     represented on the wire (a NUL inside a String field, more than 65535
//     elements behind an Int16 count, ...) give an *EncodeError and dst is
//     returned unchanged.
//
// Messages sent by the server implement BackendMessage, those sent by the
// client implement FrontendMessage. CopyData and CopyDone travel both ways and
// implement both interfaces.
//
// # Framing
//
// Frontend is the client end of a connection and Backend the server end (the
// latter is meant for scripted fake servers in tests). Both buffer what they
// send until Flush, and both return one reused value per message type from
// Receive, valid until the next call of Receive. Receive is resumable: when
// the underlying reader fails (for example with a read-deadline timeout) in
// the middle of a message, the bytes already read are kept and the next call
// continues where the previous one stopped.
//
// The framing limits and error texts follow libpq 15 (src/interfaces/libpq/
// fe-protocol3.c, pqParseInput3 and handleSyncLoss; fe-connect.c,
// PQconnectPoll in state CONNECTION_AWAITING_RESPONSE); see ProtocolError.
//
// The package imports nothing but the standard library and holds no
// package-level mutable state.
package wire
