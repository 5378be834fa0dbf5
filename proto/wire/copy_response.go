package wire

// The three Copy*Response messages share one layout (protocol-v3.txt §7
// CopyInResponse, CopyOutResponse, CopyBothResponse; §2.6): Int8 overall
// format, Int16 column count, Int16 format code per column.

// decodeCopyResponse parses the shared body.
func decodeCopyResponse(typ byte, name string, body []byte, formats []uint16) (byte, []uint16, error) {
	d := newDecoder(typ, name, body)
	overall := d.byte1("overall format")
	n := d.count("column count", 2)
	formats = formats[:0]
	for range n {
		formats = append(formats, d.uint16("column format"))
	}
	if err := d.finish(); err != nil {
		return 0, nil, err
	}
	return overall, formats, nil
}

// encodeCopyResponse appends the shared layout.
func encodeCopyResponse(dst []byte, typ byte, name string, overall byte, formats []uint16) ([]byte, error) {
	if err := checkCount(name, "ColumnFormats", len(formats)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, typ)
	dst = append(dst, overall)
	dst = appendUint16(dst, uint16(len(formats)))
	for _, f := range formats {
		dst = appendUint16(dst, f)
	}
	return mk.finish(dst, name)
}

// CopyInResponse (B, 'G') starts COPY FROM STDIN: the client now sends
// CopyData messages and then CopyDone, or CopyFail to abort.
type CopyInResponse struct {
	// OverallFormat is 0 for text, 1 for binary. Decode accepts any byte.
	OverallFormat byte
	// ColumnFormats holds one format code (0 text, 1 binary) per column.
	// Decode reuses the slice's storage (from Frontend.Receive: valid until
	// the next Receive).
	ColumnFormats []uint16
}

// Backend marks CopyInResponse as a server message.
func (*CopyInResponse) Backend() {}

// Decode parses the body.
func (m *CopyInResponse) Decode(body []byte) error {
	o, f, err := decodeCopyResponse('G', "CopyInResponse", body, m.ColumnFormats)
	if err != nil {
		return err
	}
	m.OverallFormat, m.ColumnFormats = o, f
	return nil
}

// Encode appends the message to dst. At most 65535 columns.
func (m *CopyInResponse) Encode(dst []byte) ([]byte, error) {
	return encodeCopyResponse(dst, 'G', "CopyInResponse", m.OverallFormat, m.ColumnFormats)
}

// CopyOutResponse (B, 'H') starts COPY TO STDOUT: CopyData messages follow,
// then CopyDone.
type CopyOutResponse struct {
	// OverallFormat is 0 for text, 1 for binary. Decode accepts any byte.
	OverallFormat byte
	// ColumnFormats holds one format code (0 text, 1 binary) per column.
	// Decode reuses the slice's storage (from Frontend.Receive: valid until
	// the next Receive).
	ColumnFormats []uint16
}

// Backend marks CopyOutResponse as a server message.
func (*CopyOutResponse) Backend() {}

// Decode parses the body.
func (m *CopyOutResponse) Decode(body []byte) error {
	o, f, err := decodeCopyResponse('H', "CopyOutResponse", body, m.ColumnFormats)
	if err != nil {
		return err
	}
	m.OverallFormat, m.ColumnFormats = o, f
	return nil
}

// Encode appends the message to dst. At most 65535 columns.
func (m *CopyOutResponse) Encode(dst []byte) ([]byte, error) {
	return encodeCopyResponse(dst, 'H', "CopyOutResponse", m.OverallFormat, m.ColumnFormats)
}

// CopyBothResponse (B, 'W') starts a bidirectional copy; only streaming
// replication uses it.
type CopyBothResponse struct {
	// OverallFormat is 0 for text, 1 for binary. Decode accepts any byte.
	OverallFormat byte
	// ColumnFormats holds one format code (0 text, 1 binary) per column.
	// Decode reuses the slice's storage (from Frontend.Receive: valid until
	// the next Receive).
	ColumnFormats []uint16
}

// Backend marks CopyBothResponse as a server message.
func (*CopyBothResponse) Backend() {}

// Decode parses the body.
func (m *CopyBothResponse) Decode(body []byte) error {
	o, f, err := decodeCopyResponse('W', "CopyBothResponse", body, m.ColumnFormats)
	if err != nil {
		return err
	}
	m.OverallFormat, m.ColumnFormats = o, f
	return nil
}

// Encode appends the message to dst. At most 65535 columns.
func (m *CopyBothResponse) Encode(dst []byte) ([]byte, error) {
	return encodeCopyResponse(dst, 'W', "CopyBothResponse", m.OverallFormat, m.ColumnFormats)
}
