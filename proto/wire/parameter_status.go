package wire

// ParameterStatus (B, 'S') reports the value of a run-time parameter, at
// startup and whenever a reported parameter changes (protocol-v3.txt §7
// ParameterStatus, §2.7).
type ParameterStatus struct {
	// Name is the parameter name, such as "client_encoding".
	Name string
	// Value is its current value.
	Value string
}

// Backend marks ParameterStatus as a server message.
func (*ParameterStatus) Backend() {}

// Decode parses the body: String name, String value.
func (m *ParameterStatus) Decode(body []byte) error {
	d := newDecoder('S', "ParameterStatus", body)
	name := d.cstring("name")
	value := d.cstring("value")
	if err := d.finish(); err != nil {
		return err
	}
	m.Name, m.Value = string(name), string(value)
	return nil
}

// Encode appends the message to dst. Neither string may contain NUL.
func (m *ParameterStatus) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkString("ParameterStatus", "Name", m.Name),
		checkString("ParameterStatus", "Value", m.Value)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'S')
	dst = appendCString(dst, m.Name)
	dst = appendCString(dst, m.Value)
	return mk.finish(dst, "ParameterStatus")
}
