package wire

// NoData (B, 'n') answers Describe for a statement or portal that returns no rows
// (protocol-v3.txt §7 NoData).
type NoData struct{}

// Backend marks NoData as a server message.
func (*NoData) Backend() {}

// Decode checks that the body is empty.
func (m *NoData) Decode(body []byte) error { return decodeEmpty('n', "NoData", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *NoData) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'n'), nil }
