package wire

// FunctionCallResponse (B, 'V') carries the result of a FunctionCall
// (protocol-v3.txt §7 FunctionCallResponse, §2.5).
type FunctionCallResponse struct {
	// Result is the function result: nil for SQL NULL, otherwise its bytes
	// (possibly empty but non-nil). Decode makes it a capacity-clipped
	// sub-slice of the body, valid as long as the body is (from
	// Frontend.Receive: until the next Receive).
	Result []byte
}

// Backend marks FunctionCallResponse as a server message.
func (*FunctionCallResponse) Backend() {}

// Decode parses the body: Int32 length (-1 for NULL) and that many bytes.
func (m *FunctionCallResponse) Decode(body []byte) error {
	d := newDecoder('V', "FunctionCallResponse", body)
	v := d.value("result")
	if err := d.finish(); err != nil {
		return err
	}
	m.Result = v
	return nil
}

// Encode appends the message to dst.
func (m *FunctionCallResponse) Encode(dst []byte) ([]byte, error) {
	dst, mk := beginTyped(dst, 'V')
	dst = appendValue(dst, m.Result)
	return mk.finish(dst, "FunctionCallResponse")
}
