package wire

// CopyFail (F, 'f') aborts COPY FROM STDIN; the server fails the COPY with
// "COPY from stdin failed: " and the message (protocol-v3.txt §7 CopyFail,
// §2.6).
type CopyFail struct {
	// Message is the reason reported by the server.
	Message string
}

// Frontend marks CopyFail as a client message.
func (*CopyFail) Frontend() {}

// Decode parses the body: one String.
func (m *CopyFail) Decode(body []byte) error {
	d := newDecoder('f', "CopyFail", body)
	s := d.cstring("message")
	if err := d.finish(); err != nil {
		return err
	}
	m.Message = string(s)
	return nil
}

// Encode appends the message to dst. The message must not contain NUL.
func (m *CopyFail) Encode(dst []byte) ([]byte, error) {
	if err := checkString("CopyFail", "Message", m.Message); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'f')
	dst = appendCString(dst, m.Message)
	return mk.finish(dst, "CopyFail")
}
