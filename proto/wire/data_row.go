package wire

import "encoding/binary"

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
//
// A well-formed body takes a direct loop (this is the hot path of every
// result); anything else goes through the general decoder, which finds and
// words the fault.
func (m *DataRow) Decode(body []byte) error {
	if len(body) >= 2 {
		n := int(binary.BigEndian.Uint16(body))
		if n*4 <= len(body)-2 {
			vals := m.Values
			if cap(vals) < n {
				vals = make([][]byte, n)
			}
			vals = vals[:n]
			// The length word is read byte by byte and one unsigned compare
			// sorts it into "fits" or "NULL or bad": measured faster than
			// binary.BigEndian on a sub-slice plus two signed tests.
			pos, ok := 2, true
			for i := range vals {
				if pos+4 > len(body) {
					ok = false
					break
				}
				l := int(int32(uint32(body[pos])<<24 | uint32(body[pos+1])<<16 | uint32(body[pos+2])<<8 | uint32(body[pos+3])))
				pos += 4
				if uint(l) > uint(len(body)-pos) {
					if l != -1 {
						ok = false
						break
					}
					vals[i] = nil
					continue
				}
				end := pos + l
				vals[i] = body[pos:end:end]
				pos = end
			}
			if ok && pos == len(body) {
				m.Values = vals
				return nil
			}
			m.Values = vals
		}
	}
	return m.decodeChecked(body)
}

// decodeChecked is Decode through the general decoder, for bodies the fast
// path refused.
func (m *DataRow) decodeChecked(body []byte) error {
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
