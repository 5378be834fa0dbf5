package wire

// GSSENCRequest (F, untyped) asks the server to switch to GSSAPI encryption;
// it answers with one unframed byte, 'G' or 'N' (protocol-v3.txt §7
// GSSENCRequest, §2.11).
type GSSENCRequest struct{}

// Frontend marks GSSENCRequest as a client message.
func (*GSSENCRequest) Frontend() {}

// Decode checks that the body after the length word is GSSENCRequestCode.
func (m *GSSENCRequest) Decode(body []byte) error {
	return decodeRequestCode("GSSENCRequest", GSSENCRequestCode, body)
}

// Encode appends the 8-byte packet to dst; it cannot fail.
func (m *GSSENCRequest) Encode(dst []byte) ([]byte, error) {
	return appendUint32(append(dst, 0, 0, 0, 8), GSSENCRequestCode), nil
}
