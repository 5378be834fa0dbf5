package wire

// EmptyQueryResponse (B, 'I') replaces CommandComplete when the query string held no statement
// (protocol-v3.txt §7 EmptyQueryResponse, §2.2).
type EmptyQueryResponse struct{}

// Backend marks EmptyQueryResponse as a server message.
func (*EmptyQueryResponse) Backend() {}

// Decode checks that the body is empty.
func (m *EmptyQueryResponse) Decode(body []byte) error {
	return decodeEmpty('I', "EmptyQueryResponse", body)
}

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *EmptyQueryResponse) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'I'), nil }
