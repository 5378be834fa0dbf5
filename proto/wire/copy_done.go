package wire

// CopyDone (F & B, 'c') ends the COPY data stream in the sender's direction
// (protocol-v3.txt §7 CopyDone, §2.6). The same type serves both directions,
// so it implements both BackendMessage and FrontendMessage.
type CopyDone struct{}

// Backend marks CopyDone as a server message.
func (*CopyDone) Backend() {}

// Frontend marks CopyDone as a client message.
func (*CopyDone) Frontend() {}

// Decode checks that the body is empty.
func (m *CopyDone) Decode(body []byte) error { return decodeEmpty('c', "CopyDone", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *CopyDone) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'c'), nil }
