package wire

// ParameterDescription (B, 't') gives the parameter types of a prepared
// statement, in answer to Describe of a statement (protocol-v3.txt §7
// ParameterDescription).
type ParameterDescription struct {
	// ParameterOIDs holds the type OID of each parameter. Decode reuses the
	// slice's storage (from Frontend.Receive: valid until the next Receive).
	ParameterOIDs []uint32
}

// Backend marks ParameterDescription as a server message.
func (*ParameterDescription) Backend() {}

// Decode parses the body: Int16 count, then an Int32 OID per parameter.
func (m *ParameterDescription) Decode(body []byte) error {
	d := newDecoder('t', "ParameterDescription", body)
	n := d.count("parameter count", 4)
	oids := m.ParameterOIDs[:0]
	for range n {
		oids = append(oids, d.uint32("parameter type OID"))
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.ParameterOIDs = oids
	return nil
}

// Encode appends the message to dst. At most 65535 parameters.
func (m *ParameterDescription) Encode(dst []byte) ([]byte, error) {
	if err := checkCount("ParameterDescription", "ParameterOIDs", len(m.ParameterOIDs)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 't')
	dst = appendUint16(dst, uint16(len(m.ParameterOIDs)))
	for _, o := range m.ParameterOIDs {
		dst = appendUint32(dst, o)
	}
	return mk.finish(dst, "ParameterDescription")
}
