package wire

import "strconv"

// StartupMessage (F, untyped) opens a session: the protocol version, then
// name/value parameters such as user (required), database, options,
// replication, application_name, client_encoding or "_pq_." protocol
// extensions (protocol-v3.txt §7 StartupMessage, §2.1).
type StartupMessage struct {
	// ProtocolVersion is the requested version, major in the high 16 bits:
	// ProtocolVersion30, ProtocolVersion32, or any other 3.x (libpq 19
	// "greases" with 3.9999).
	ProtocolVersion uint32
	// Parameters are the name/value pairs in the order sent. Decode reuses
	// the slice's storage.
	Parameters []Param
}

// Param is one name/value pair of a StartupMessage.
type Param struct {
	Name  string // parameter name, non-empty
	Value string // its value, possibly empty
}

// Frontend marks StartupMessage as a client message.
func (*StartupMessage) Frontend() {}

// Decode parses the body after the length word: Int32 version, then
// (String name, String value)* and a final NUL. The major version must be 3.
func (m *StartupMessage) Decode(body []byte) error {
	d := newDecoder(0, "StartupMessage", body)
	v := d.uint32("protocol version")
	if d.err == nil && v>>16 != 3 {
		d.fail("protocol version %d.%d, want major version 3", v>>16, v&0xffff)
	}
	params := m.Parameters[:0]
	for d.err == nil {
		name := d.cstring("parameter name")
		if len(name) == 0 {
			break
		}
		value := d.cstring("parameter value")
		if d.err == nil {
			params = append(params, Param{Name: string(name), Value: string(value)})
		}
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.ProtocolVersion, m.Parameters = v, params
	return nil
}

// Encode appends the packet (no type byte) to dst. The major version must
// be 3; names must be non-empty (an empty name ends the list) and no string
// may contain NUL.
func (m *StartupMessage) Encode(dst []byte) ([]byte, error) {
	if m.ProtocolVersion>>16 != 3 {
		return dst, &EncodeError{Message: "StartupMessage", Reason: "protocol version " + strconv.FormatUint(uint64(m.ProtocolVersion), 10) + " is not 3.x"}
	}
	for _, p := range m.Parameters {
		if p.Name == "" {
			return dst, &EncodeError{Message: "StartupMessage", Reason: "empty parameter name"}
		}
		if err := firstErr(checkString("StartupMessage", "parameter name", p.Name),
			checkString("StartupMessage", "parameter "+p.Name, p.Value)); err != nil {
			return dst, err
		}
	}
	dst, mk := beginUntyped(dst)
	dst = appendUint32(dst, m.ProtocolVersion)
	for _, p := range m.Parameters {
		dst = appendCString(dst, p.Name)
		dst = appendCString(dst, p.Value)
	}
	dst = append(dst, 0)
	return mk.finish(dst, "StartupMessage")
}
