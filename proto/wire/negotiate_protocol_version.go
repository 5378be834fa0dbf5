package wire

// NegotiateProtocolVersion (B, 'v') tells the client that the server does not
// support the requested minor version or some "_pq_." options; the
// connection continues with NewestMinor (protocol-v3.txt §7
// NegotiateProtocolVersion, §1.4, §2.1). libpq 15 does not know this message
// during startup and fails with "expected authentication request from
// server, but received v" (checked against psql 15); libpq 16 and later
// accept it.
type NegotiateProtocolVersion struct {
	// NewestMinor is the newest minor version the server supports for the
	// requested major version.
	NewestMinor uint32
	// UnrecognizedOptions lists the option names the server did not
	// recognize. Decode reuses the slice's storage.
	UnrecognizedOptions []string
}

// Backend marks NegotiateProtocolVersion as a server message.
func (*NegotiateProtocolVersion) Backend() {}

// Decode parses the body: Int32 minor version, Int32 count, then a String
// per option. A negative count is an error.
func (m *NegotiateProtocolVersion) Decode(body []byte) error {
	d := newDecoder('v', "NegotiateProtocolVersion", body)
	minor := d.uint32("newest minor version")
	n := d.int32("option count")
	if d.err == nil && (n < 0 || int(n) > d.remaining()) {
		d.fail("option count %d does not fit in the %d bytes left", n, d.remaining())
	}
	opts := m.UnrecognizedOptions[:0]
	for i := int32(0); i < n && d.err == nil; i++ {
		s := d.cstring("option name")
		if d.err == nil {
			opts = append(opts, string(s))
		}
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.NewestMinor, m.UnrecognizedOptions = minor, opts
	return nil
}

// Encode appends the message to dst. No option may contain NUL.
func (m *NegotiateProtocolVersion) Encode(dst []byte) ([]byte, error) {
	for _, s := range m.UnrecognizedOptions {
		if err := checkString("NegotiateProtocolVersion", "option", s); err != nil {
			return dst, err
		}
	}
	if len(m.UnrecognizedOptions) > maxMessageLenWord {
		return dst, &EncodeError{Message: "NegotiateProtocolVersion", Reason: "too many options"}
	}
	dst, mk := beginTyped(dst, 'v')
	dst = appendUint32(dst, m.NewestMinor)
	dst = appendInt32(dst, int32(len(m.UnrecognizedOptions)))
	for _, s := range m.UnrecognizedOptions {
		dst = appendCString(dst, s)
	}
	return mk.finish(dst, "NegotiateProtocolVersion")
}
