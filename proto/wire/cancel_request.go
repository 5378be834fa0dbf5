package wire

// CancelRequest (F, untyped) asks the server, on a new connection, to cancel
// the query running in the backend identified by ProcessID and SecretKey as
// BackendKeyData gave them (protocol-v3.txt §7 CancelRequest, §2.8). The key
// is 4 bytes under protocol 3.0 and up to 256 bytes under 3.2.
type CancelRequest struct {
	// ProcessID is the target backend's process ID.
	ProcessID uint32
	// SecretKey is the cancel key, 4 to 256 bytes. Decode makes it a
	// capacity-clipped sub-slice of the body, valid as long as the body is.
	SecretKey []byte
}

// Frontend marks CancelRequest as a client message.
func (*CancelRequest) Frontend() {}

// Decode parses the body after the length word: Int32 CancelRequestCode,
// Int32 process ID, then the key to the end.
func (m *CancelRequest) Decode(body []byte) error {
	d := newDecoder(0, "CancelRequest", body)
	if code := d.uint32("request code"); d.err == nil && code != CancelRequestCode {
		d.fail("request code %d, want %d", code, CancelRequestCode)
	}
	pid := d.uint32("process ID")
	key := d.rest()
	if d.err == nil && (len(key) < MinSecretKeyLen || len(key) > MaxSecretKeyLen) {
		d.fail("secret key of %d bytes, want 4 to 256", len(key))
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.ProcessID, m.SecretKey = pid, key
	return nil
}

// Encode appends the packet (no type byte) to dst. The key must be 4 to 256
// bytes long.
func (m *CancelRequest) Encode(dst []byte) ([]byte, error) {
	if err := checkKey("CancelRequest", m.SecretKey); err != nil {
		return dst, err
	}
	dst, mk := beginUntyped(dst)
	dst = appendUint32(dst, CancelRequestCode)
	dst = appendUint32(dst, m.ProcessID)
	dst = append(dst, m.SecretKey...)
	return mk.finish(dst, "CancelRequest")
}
