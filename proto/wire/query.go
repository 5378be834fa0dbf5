package wire

// Query (F, 'Q') runs a simple query: one string that may hold several
// statements (protocol-v3.txt §7 Query, §2.2).
type Query struct {
	// String is the SQL text.
	String string
}

// Frontend marks Query as a client message.
func (*Query) Frontend() {}

// Decode parses the body: one String.
func (m *Query) Decode(body []byte) error {
	d := newDecoder('Q', "Query", body)
	s := d.cstring("query string")
	if err := d.finish(); err != nil {
		return err
	}
	m.String = string(s)
	return nil
}

// Encode appends the message to dst. The string must not contain NUL.
func (m *Query) Encode(dst []byte) ([]byte, error) {
	if err := checkString("Query", "String", m.String); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'Q')
	dst = appendCString(dst, m.String)
	return mk.finish(dst, "Query")
}
