package wire

// ParseComplete (B, '1') acknowledges a Parse (protocol-v3.txt §7 ParseComplete).
type ParseComplete struct{}

// Backend marks ParseComplete as a server message.
func (*ParseComplete) Backend() {}

// Decode checks that the body is empty.
func (m *ParseComplete) Decode(body []byte) error { return decodeEmpty('1', "ParseComplete", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *ParseComplete) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, '1'), nil }
