package wire

// Terminate (F, 'X') announces that the client closes the connection
// (protocol-v3.txt §7 Terminate, §2.9).
type Terminate struct{}

// Frontend marks Terminate as a client message.
func (*Terminate) Frontend() {}

// Decode checks that the body is empty.
func (m *Terminate) Decode(body []byte) error { return decodeEmpty('X', "Terminate", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *Terminate) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'X'), nil }
