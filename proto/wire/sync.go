package wire

// Sync (F, 'S') ends an extended-query batch: the server ends the implicit
// transaction, stops skipping after an error and answers ReadyForQuery
// (protocol-v3.txt §7 Sync, §2.3).
type Sync struct{}

// Frontend marks Sync as a client message.
func (*Sync) Frontend() {}

// Decode checks that the body is empty.
func (m *Sync) Decode(body []byte) error { return decodeEmpty('S', "Sync", body) }

// Encode appends the message (type byte and Int32(4)) to dst; it cannot fail.
func (m *Sync) Encode(dst []byte) ([]byte, error) { return encodeEmpty(dst, 'S'), nil }
