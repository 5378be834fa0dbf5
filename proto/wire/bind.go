package wire

// Bind (F, 'B') creates a portal from a prepared statement and parameter
// values (protocol-v3.txt §7 Bind, §2.3).
type Bind struct {
	// Portal is the destination portal; "" is the unnamed portal.
	Portal string
	// Statement is the source statement; "" is the unnamed statement.
	Statement string
	// ParameterFormats holds none (all text), one (applies to all) or one
	// per parameter format code: 0 text, 1 binary. Decode reuses the
	// slice's storage.
	ParameterFormats []int16
	// Parameters holds the values: nil for SQL NULL, otherwise the bytes
	// (possibly empty but non-nil). Decode reuses the slice's storage and
	// makes each value a capacity-clipped sub-slice of the body.
	Parameters [][]byte
	// ResultFormats holds none, one or one per result column format code.
	// Decode reuses the slice's storage.
	ResultFormats []int16
}

// Frontend marks Bind as a client message.
func (*Bind) Frontend() {}

// Decode parses the body.
func (m *Bind) Decode(body []byte) error {
	d := newDecoder('B', "Bind", body)
	portal := d.cstring("portal name")
	stmt := d.cstring("statement name")
	pf := decodeFormats(&d, "parameter format", m.ParameterFormats)
	n := d.count("parameter count", 4)
	params := m.Parameters[:0]
	for range n {
		params = append(params, d.value("parameter value"))
	}
	rf := decodeFormats(&d, "result format", m.ResultFormats)
	if err := d.finish(); err != nil {
		return err
	}
	m.Portal, m.Statement = string(portal), string(stmt)
	m.ParameterFormats, m.Parameters, m.ResultFormats = pf, params, rf
	return nil
}

// decodeFormats reads an Int16 count and that many Int16 format codes into
// the storage of buf.
func decodeFormats(d *decoder, what string, buf []int16) []int16 {
	n := d.count(what+" count", 2)
	buf = buf[:0]
	for range n {
		buf = append(buf, d.int16(what))
	}
	return buf
}

// Encode appends the message to dst. Each list holds at most 65535 entries;
// names must not contain NUL.
func (m *Bind) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkString("Bind", "Portal", m.Portal), checkString("Bind", "Statement", m.Statement),
		checkCount("Bind", "ParameterFormats", len(m.ParameterFormats)),
		checkCount("Bind", "Parameters", len(m.Parameters)), checkValues("Bind", "Parameters", m.Parameters),
		checkCount("Bind", "ResultFormats", len(m.ResultFormats))); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'B')
	dst = appendCString(dst, m.Portal)
	dst = appendCString(dst, m.Statement)
	dst = appendFormats(dst, m.ParameterFormats)
	dst = appendUint16(dst, uint16(len(m.Parameters)))
	for _, v := range m.Parameters {
		dst = appendValue(dst, v)
	}
	dst = appendFormats(dst, m.ResultFormats)
	return mk.finish(dst, "Bind")
}

// appendFormats appends an Int16 count and the codes.
func appendFormats(dst []byte, fs []int16) []byte {
	dst = appendUint16(dst, uint16(len(fs)))
	for _, f := range fs {
		dst = appendInt16(dst, f)
	}
	return dst
}
