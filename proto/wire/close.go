package wire

// Close (F, 'C') closes a prepared statement or portal; closing one that
// does not exist is not an error (protocol-v3.txt §7 Close, §2.3).
type Close struct {
	// ObjectType is ObjectStatement ('S') or ObjectPortal ('P').
	ObjectType byte
	// Name is the statement or portal name; "" is the unnamed one.
	Name string
}

// Frontend marks Close as a client message.
func (*Close) Frontend() {}

// Decode parses the body: Byte1 'S' or 'P', String name.
func (m *Close) Decode(body []byte) error {
	ot, n, err := decodeObject('C', "Close", body)
	if err != nil {
		return err
	}
	m.ObjectType, m.Name = ot, n
	return nil
}

// Encode appends the message to dst. ObjectType must be 'S' or 'P'.
func (m *Close) Encode(dst []byte) ([]byte, error) {
	return encodeObject(dst, 'C', "Close", m.ObjectType, m.Name)
}
