package wire

// SASLInitialResponse (F, 'p') answers AuthenticationSASL with the chosen
// mechanism and its initial response, such as SCRAM's client-first-message
// (protocol-v3.txt §7 SASLInitialResponse, §3).
type SASLInitialResponse struct {
	// Mechanism is the selected mechanism name, such as "SCRAM-SHA-256".
	Mechanism string
	// Data is the initial response; nil means none (length -1), which is
	// not the same as an empty one. Decode makes it a capacity-clipped
	// sub-slice of the body, valid as long as the body is.
	Data []byte
}

// Frontend marks SASLInitialResponse as a client message.
func (*SASLInitialResponse) Frontend() {}

// Decode parses the body: String mechanism, Int32 length (-1 for none) and
// that many bytes.
func (m *SASLInitialResponse) Decode(body []byte) error {
	d := newDecoder('p', "SASLInitialResponse", body)
	mech := d.cstring("mechanism")
	data := d.value("initial response")
	if err := d.finish(); err != nil {
		return err
	}
	m.Mechanism, m.Data = string(mech), data
	return nil
}

// Encode appends the message to dst. The mechanism must not contain NUL.
func (m *SASLInitialResponse) Encode(dst []byte) ([]byte, error) {
	if err := checkString("SASLInitialResponse", "Mechanism", m.Mechanism); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'p')
	dst = appendCString(dst, m.Mechanism)
	dst = appendValue(dst, m.Data)
	return mk.finish(dst, "SASLInitialResponse")
}
