package wire

// CopyData (F & B, 'd') carries part of a COPY data stream: one row per
// message from the server, arbitrary chunks from the client (protocol-v3.txt
// §7 CopyData, §2.6). The same type serves both directions, so it implements
// both BackendMessage and FrontendMessage.
type CopyData struct {
	// Data is the payload. Decode makes it a capacity-clipped sub-slice of
	// the body (nil when empty), valid as long as the body is (from
	// Receive: until the next Receive).
	Data []byte
}

// Backend marks CopyData as a server message.
func (*CopyData) Backend() {}

// Frontend marks CopyData as a client message.
func (*CopyData) Frontend() {}

// Decode takes the whole body as the payload; it cannot fail.
func (m *CopyData) Decode(body []byte) error {
	d := newDecoder('d', "CopyData", body)
	m.Data = d.restOrNil()
	return nil
}

// Encode appends the message to dst.
func (m *CopyData) Encode(dst []byte) ([]byte, error) {
	dst, mk := beginTyped(dst, 'd')
	dst = append(dst, m.Data...)
	return mk.finish(dst, "CopyData")
}
