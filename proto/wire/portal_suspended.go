package wire

// PortalSuspended (B, 's') says that an Execute reached its row limit; Execute the portal again
// for more rows (protocol-v3.txt §7 PortalSuspended, §2.3).
type PortalSuspended struct{}

// Backend marks PortalSuspended as a server message.
func (*PortalSuspended) Backend() {}

// Decode checks that the body is empty.
func (m *PortalSuspended) Decode(body []byte) error { return decodeEmpty('s', "PortalSuspended", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *PortalSuspended) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 's'), nil }
