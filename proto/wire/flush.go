package wire

// Flush (F, 'H') asks the server to send the output it has pending, without
// ending the batch (protocol-v3.txt §7 Flush).
type Flush struct{}

// Frontend marks Flush as a client message.
func (*Flush) Frontend() {}

// Decode checks that the body is empty.
func (m *Flush) Decode(body []byte) error { return decodeEmpty('H', "Flush", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *Flush) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'H'), nil }
