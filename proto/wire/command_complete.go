package wire

// CommandComplete (B, 'C') ends the result of one SQL command; its tag, such
// as "SELECT 2", "INSERT 0 5" or "UPDATE 3", carries the row count
// (protocol-v3.txt §7 CommandComplete).
type CommandComplete struct {
	// CommandTag is the tag without its NUL. Decode makes it a
	// capacity-clipped sub-slice of the body, valid as long as the body is
	// (from Frontend.Receive: until the next Receive).
	CommandTag []byte
}

// Backend marks CommandComplete as a server message.
func (*CommandComplete) Backend() {}

// Decode parses the body: one String.
func (m *CommandComplete) Decode(body []byte) error {
	d := newDecoder('C', "CommandComplete", body)
	tag := d.cstring("command tag")
	if err := d.finish(); err != nil {
		return err
	}
	m.CommandTag = tag
	return nil
}

// Encode appends the message to dst. The tag must not contain NUL.
func (m *CommandComplete) Encode(dst []byte) ([]byte, error) {
	if err := checkBytes("CommandComplete", "CommandTag", m.CommandTag); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'C')
	dst = append(dst, m.CommandTag...)
	dst = append(dst, 0)
	return mk.finish(dst, "CommandComplete")
}
