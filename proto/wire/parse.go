package wire

// Parse (F, 'P') prepares a statement (protocol-v3.txt §7 Parse, §2.3).
type Parse struct {
	// Name is the statement name; "" is the unnamed statement.
	Name string
	// Query is the SQL text of one statement.
	Query string
	// ParameterOIDs pre-specifies parameter types; 0 leaves one
	// unspecified. Decode reuses the slice's storage.
	ParameterOIDs []uint32
}

// Frontend marks Parse as a client message.
func (*Parse) Frontend() {}

// Decode parses the body: String name, String query, Int16 count, Int32 OIDs.
func (m *Parse) Decode(body []byte) error {
	d := newDecoder('P', "Parse", body)
	name := d.cstring("statement name")
	query := d.cstring("query string")
	n := d.count("parameter type count", 4)
	oids := m.ParameterOIDs[:0]
	for range n {
		oids = append(oids, d.uint32("parameter type OID"))
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.Name, m.Query, m.ParameterOIDs = string(name), string(query), oids
	return nil
}

// Encode appends the message to dst. At most 65535 OIDs; strings without NUL.
func (m *Parse) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkString("Parse", "Name", m.Name), checkString("Parse", "Query", m.Query),
		checkCount("Parse", "ParameterOIDs", len(m.ParameterOIDs))); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'P')
	dst = appendCString(dst, m.Name)
	dst = appendCString(dst, m.Query)
	dst = appendUint16(dst, uint16(len(m.ParameterOIDs)))
	for _, o := range m.ParameterOIDs {
		dst = appendUint32(dst, o)
	}
	return mk.finish(dst, "Parse")
}
