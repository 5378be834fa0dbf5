package wire

// BackendKeyData (B, 'K') gives the process ID and secret key that a
// CancelRequest must quote (protocol-v3.txt §7 BackendKeyData, §2.8).
//
// The key is 4 bytes under protocol 3.0 and 4 to 256 bytes under 3.2.
// Decode accepts 4 to 256 bytes whatever the negotiated version; libpq 15,
// which only speaks 3.0, rejects any other length than 4 with "message
// contents do not agree with length in message type "K"" (checked against
// psql 15), so a 3.0 client should check len(SecretKey) == 4 itself.
type BackendKeyData struct {
	// ProcessID is the backend's process ID.
	ProcessID uint32
	// SecretKey is the cancel key. Decode makes it a capacity-clipped
	// sub-slice of the body, valid as long as the body is: copy it to keep
	// it beyond the next Receive.
	SecretKey []byte
}

// Backend marks BackendKeyData as a server message.
func (*BackendKeyData) Backend() {}

// Decode parses the body: Int32 process ID, then the key to the end.
func (m *BackendKeyData) Decode(body []byte) error {
	d := newDecoder('K', "BackendKeyData", body)
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

// Encode appends the message to dst. The key must be 4 to 256 bytes long.
func (m *BackendKeyData) Encode(dst []byte) ([]byte, error) {
	if err := checkKey("BackendKeyData", m.SecretKey); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'K')
	dst = appendUint32(dst, m.ProcessID)
	dst = append(dst, m.SecretKey...)
	return mk.finish(dst, "BackendKeyData")
}
