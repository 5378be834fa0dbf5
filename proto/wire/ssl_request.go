package wire

// SSLRequest (F, untyped) asks the server to switch to TLS; it answers with
// one unframed byte, 'S' or 'N' (protocol-v3.txt §7 SSLRequest, §2.10).
type SSLRequest struct{}

// Frontend marks SSLRequest as a client message.
func (*SSLRequest) Frontend() {}

// Decode checks that the body after the length word is SSLRequestCode.
func (m *SSLRequest) Decode(body []byte) error {
	return decodeRequestCode("SSLRequest", SSLRequestCode, body)
}

// Encode appends the 8-byte packet to dst; it cannot fail.
func (m *SSLRequest) Encode(dst []byte) ([]byte, error) {
	return appendUint32(append(dst, 0, 0, 0, 8), SSLRequestCode), nil
}

// decodeRequestCode checks a body that is just a request code.
func decodeRequestCode(name string, want uint32, body []byte) error {
	d := newDecoder(0, name, body)
	if code := d.uint32("request code"); d.err == nil && code != want {
		d.fail("request code %d, want %d", code, want)
	}
	return d.finish()
}
