package wire

// PasswordMessage (F, 'p') answers AuthenticationCleartextPassword or
// AuthenticationMD5Password (protocol-v3.txt §7 PasswordMessage). The type
// byte 'p' is shared with SASLInitialResponse, SASLResponse and GSSResponse;
// the receiver tells them apart by the authentication request it sent (see
// Backend.SetAuthType).
type PasswordMessage struct {
	// Password is the clear-text or MD5-hashed password. It must never be
	// logged; the errors of this package never include it.
	Password string
}

// Frontend marks PasswordMessage as a client message.
func (*PasswordMessage) Frontend() {}

// Decode parses the body: one String.
func (m *PasswordMessage) Decode(body []byte) error {
	d := newDecoder('p', "PasswordMessage", body)
	pw := d.cstring("password")
	if err := d.finish(); err != nil {
		return err
	}
	m.Password = string(pw)
	return nil
}

// Encode appends the message to dst. The password must not contain NUL.
func (m *PasswordMessage) Encode(dst []byte) ([]byte, error) {
	if err := checkString("PasswordMessage", "Password", m.Password); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'p')
	dst = appendCString(dst, m.Password)
	return mk.finish(dst, "PasswordMessage")
}
