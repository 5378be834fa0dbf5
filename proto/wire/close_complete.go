package wire

// CloseComplete (B, '3') acknowledges a Close (protocol-v3.txt §7 CloseComplete).
type CloseComplete struct{}

// Backend marks CloseComplete as a server message.
func (*CloseComplete) Backend() {}

// Decode checks that the body is empty.
func (m *CloseComplete) Decode(body []byte) error { return decodeEmpty('3', "CloseComplete", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *CloseComplete) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, '3'), nil }
