package wire

// FunctionCall (F, 'F') calls a function by OID through the legacy
// fast-path interface, which libpq's large-object functions use
// (protocol-v3.txt §7 FunctionCall, §2.5).
type FunctionCall struct {
	// FunctionOID is the function's object ID.
	FunctionOID uint32
	// ArgFormats holds none (all text), one (applies to all) or one per
	// argument format code. Decode reuses the slice's storage.
	ArgFormats []int16
	// Arguments holds the values: nil for SQL NULL, otherwise the bytes.
	// Decode reuses the slice's storage and makes each value a
	// capacity-clipped sub-slice of the body.
	Arguments [][]byte
	// ResultFormat is the result's format code: 0 text, 1 binary.
	ResultFormat int16
}

// Frontend marks FunctionCall as a client message.
func (*FunctionCall) Frontend() {}

// Decode parses the body.
func (m *FunctionCall) Decode(body []byte) error {
	d := newDecoder('F', "FunctionCall", body)
	oid := d.uint32("function OID")
	af := decodeFormats(&d, "argument format", m.ArgFormats)
	n := d.count("argument count", 4)
	args := m.Arguments[:0]
	for range n {
		args = append(args, d.value("argument value"))
	}
	rf := d.int16("result format")
	if err := d.finish(); err != nil {
		return err
	}
	m.FunctionOID, m.ArgFormats, m.Arguments, m.ResultFormat = oid, af, args, rf
	return nil
}

// Encode appends the message to dst. Each list holds at most 65535 entries.
func (m *FunctionCall) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkCount("FunctionCall", "ArgFormats", len(m.ArgFormats)),
		checkCount("FunctionCall", "Arguments", len(m.Arguments)),
		checkValues("FunctionCall", "Arguments", m.Arguments)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'F')
	dst = appendUint32(dst, m.FunctionOID)
	dst = appendFormats(dst, m.ArgFormats)
	dst = appendUint16(dst, uint16(len(m.Arguments)))
	for _, v := range m.Arguments {
		dst = appendValue(dst, v)
	}
	dst = appendInt16(dst, m.ResultFormat)
	return mk.finish(dst, "FunctionCall")
}
