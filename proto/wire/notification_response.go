package wire

// NotificationResponse (B, 'A') delivers a NOTIFY on a channel the session
// LISTENs to (protocol-v3.txt §7 NotificationResponse, §2.7).
type NotificationResponse struct {
	// PID is the process ID of the notifying backend.
	PID uint32
	// Channel is the channel name.
	Channel string
	// Payload is the payload string, empty if none was given.
	Payload string
}

// Backend marks NotificationResponse as a server message.
func (*NotificationResponse) Backend() {}

// Decode parses the body: Int32 PID, String channel, String payload.
func (m *NotificationResponse) Decode(body []byte) error {
	d := newDecoder('A', "NotificationResponse", body)
	pid := d.uint32("process ID")
	ch := d.cstring("channel")
	payload := d.cstring("payload")
	if err := d.finish(); err != nil {
		return err
	}
	m.PID, m.Channel, m.Payload = pid, string(ch), string(payload)
	return nil
}

// Encode appends the message to dst. Neither string may contain NUL.
func (m *NotificationResponse) Encode(dst []byte) ([]byte, error) {
	if err := firstErr(checkString("NotificationResponse", "Channel", m.Channel),
		checkString("NotificationResponse", "Payload", m.Payload)); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'A')
	dst = appendUint32(dst, m.PID)
	dst = appendCString(dst, m.Channel)
	dst = appendCString(dst, m.Payload)
	return mk.finish(dst, "NotificationResponse")
}
