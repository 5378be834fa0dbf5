package wire

// SASLResponse (F, 'p') answers AuthenticationSASLContinue, such as SCRAM's
// client-final-message (protocol-v3.txt §7 SASLResponse, §3).
type SASLResponse struct {
	// Data is the mechanism data. Decode makes it a capacity-clipped
	// sub-slice of the body (nil when empty), valid as long as the body is.
	Data []byte
}

// Frontend marks SASLResponse as a client message.
func (*SASLResponse) Frontend() {}

// Decode takes the whole body as the data; it cannot fail.
func (m *SASLResponse) Decode(body []byte) error {
	d := newDecoder('p', "SASLResponse", body)
	m.Data = d.restOrNil()
	return nil
}

// Encode appends the message to dst.
func (m *SASLResponse) Encode(dst []byte) ([]byte, error) {
	dst, mk := beginTyped(dst, 'p')
	dst = append(dst, m.Data...)
	return mk.finish(dst, "SASLResponse")
}
