package wire

// GSSResponse (F, 'p') carries a GSSAPI or SSPI token, answering
// AuthenticationGSS, AuthenticationSSPI or AuthenticationGSSContinue
// (protocol-v3.txt §7 GSSResponse).
type GSSResponse struct {
	// Data is the token. Decode makes it a capacity-clipped sub-slice of
	// the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Frontend marks GSSResponse as a client message.
func (*GSSResponse) Frontend() {}

// Decode takes the whole body as the token; it cannot fail.
func (m *GSSResponse) Decode(body []byte) error {
	d := newDecoder('p', "GSSResponse", body)
	m.Data = d.restOrNil()
	return nil
}

// Encode appends the message to dst.
func (m *GSSResponse) Encode(dst []byte) ([]byte, error) {
	dst, mk := beginTyped(dst, 'p')
	dst = append(dst, m.Data...)
	return mk.finish(dst, "GSSResponse")
}
