package wire

// Execute (F, 'E') runs a portal (protocol-v3.txt §7 Execute, §2.3).
type Execute struct {
	// Portal is the portal name; "" is the unnamed portal.
	Portal string
	// MaxRows limits the rows returned before PortalSuspended; 0 means no
	// limit.
	MaxRows uint32
}

// Frontend marks Execute as a client message.
func (*Execute) Frontend() {}

// Decode parses the body: String portal, Int32 row limit.
func (m *Execute) Decode(body []byte) error {
	d := newDecoder('E', "Execute", body)
	p := d.cstring("portal name")
	n := d.uint32("row limit")
	if err := d.finish(); err != nil {
		return err
	}
	m.Portal, m.MaxRows = string(p), n
	return nil
}

// Encode appends the message to dst. The portal name must not contain NUL.
func (m *Execute) Encode(dst []byte) ([]byte, error) {
	if err := checkString("Execute", "Portal", m.Portal); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'E')
	dst = appendCString(dst, m.Portal)
	dst = appendUint32(dst, m.MaxRows)
	return mk.finish(dst, "Execute")
}
