package wire

// BindComplete (B, '2') acknowledges a Bind (protocol-v3.txt §7 BindComplete).
type BindComplete struct{}

// Backend marks BindComplete as a server message.
func (*BindComplete) Backend() {}

// Decode checks that the body is empty.
func (m *BindComplete) Decode(body []byte) error { return decodeEmpty('2', "BindComplete", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *BindComplete) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, '2'), nil }
