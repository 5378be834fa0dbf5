package wire

// RowDescription (B, 'T') describes the columns of the rows that follow, or
// of a statement or portal after Describe (protocol-v3.txt §7 RowDescription).
type RowDescription struct {
	// Fields describes each column in order. Decode reuses the slice's
	// storage, so a Fields slice obtained from Frontend.Receive is valid
	// until the next Receive.
	Fields []FieldDescription
}

// FieldDescription describes one column of a RowDescription.
type FieldDescription struct {
	// Name is the column name.
	Name string
	// TableOID is the table's object ID if the column is a plain table
	// column, else 0.
	TableOID uint32
	// TableAttributeNumber is the column's attribute number in that table,
	// else 0.
	TableAttributeNumber uint16
	// DataTypeOID is the data type's object ID.
	DataTypeOID uint32
	// DataTypeSize is pg_type.typlen; negative for variable-width types.
	DataTypeSize int16
	// TypeModifier is pg_attribute.atttypmod.
	TypeModifier int32
	// Format is 0 (text) or 1 (binary); always 0 after Describe of a
	// statement.
	Format int16
}

// Backend marks RowDescription as a server message.
func (*RowDescription) Backend() {}

// fieldMinSize is the smallest encoding of one field: an empty name's NUL
// plus 18 bytes of numbers.
const fieldMinSize = 1 + 4 + 2 + 4 + 2 + 4 + 2

// Decode parses the body: Int16 count, then per field a String and six
// numbers.
func (m *RowDescription) Decode(body []byte) error {
	d := newDecoder('T', "RowDescription", body)
	n := d.count("field count", fieldMinSize)
	fields := m.Fields[:0]
	for range n {
		var f FieldDescription
		f.Name = d.str("field name")
		f.TableOID = d.uint32("table OID")
		f.TableAttributeNumber = d.uint16("attribute number")
		f.DataTypeOID = d.uint32("type OID")
		f.DataTypeSize = d.int16("type size")
		f.TypeModifier = d.int32("type modifier")
		f.Format = d.int16("format code")
		if d.err != nil {
			break
		}
		fields = append(fields, f)
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.Fields = fields
	return nil
}

// Encode appends the message to dst. At most 65535 fields; names without NUL.
func (m *RowDescription) Encode(dst []byte) ([]byte, error) {
	if err := checkCount("RowDescription", "Fields", len(m.Fields)); err != nil {
		return dst, err
	}
	for _, f := range m.Fields {
		if err := checkString("RowDescription", "field name", f.Name); err != nil {
			return dst, err
		}
	}
	dst, mk := beginTyped(dst, 'T')
	dst = appendUint16(dst, uint16(len(m.Fields)))
	for _, f := range m.Fields {
		dst = appendCString(dst, f.Name)
		dst = appendUint32(dst, f.TableOID)
		dst = appendUint16(dst, f.TableAttributeNumber)
		dst = appendUint32(dst, f.DataTypeOID)
		dst = appendInt16(dst, f.DataTypeSize)
		dst = appendInt32(dst, f.TypeModifier)
		dst = appendInt16(dst, f.Format)
	}
	return mk.finish(dst, "RowDescription")
}
