package wire

// DataRow (B, 'D') carries one row of a result (protocol-v3.txt §7 DataRow).
type DataRow struct {
	// Values holds one entry per column: nil for SQL NULL, otherwise the
	// value's bytes (possibly empty but non-nil). Decode makes each value a
	// capacity-clipped sub-slice of the body and reuses the Values slice
	// itself, so it allocates nothing once Values has grown to the column
	// count. From Frontend.Receive, Values and every value are valid until
	// the next Receive: copy what you keep.
	Values [][]byte
}

// Backend marks DataRow as a server message.
func (*DataRow) Backend() {}

// Decode parses the body: Int16 count, then per column an Int32 length (-1
// for NULL) and that many bytes.
func (m *DataRow) Decode(body []byte) error {
	d := newDecoder('D', "DataRow", body)
	n := d.count("column count", 4)
	if d.err != nil {
		return d.err
	}
	vals := m.Values
	if cap(vals) < n {
		vals = make([][]byte, n)
	}
	vals = vals[:n]
	for i := range vals {
		vals[i] = d.value("column value")
	}
	m.Values = vals
	return d.finish()
}

// Encode appends the message to dst. At most 65535 values.
func (m *DataRow) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkCount("DataRow", "Values", len(m.Values)),
		checkValues("DataRow", "Values", m.Values)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'D')
	dst = appendUint16(dst, uint16(len(m.Values)))
	for _, v := range m.Values {
		dst = appendValue(dst, v)
	}
	return mk.finish(dst, "DataRow")
}
