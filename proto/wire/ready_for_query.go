package wire

import "strconv"

// Transaction status indicators carried by ReadyForQuery (protocol-v3.txt §7
// ReadyForQuery).
const (
	TxIdle          byte = 'I' // not in a transaction block
	TxInTransaction byte = 'T' // in a transaction block
	TxFailed        byte = 'E' // in a failed transaction block
)

// ReadyForQuery (B, 'Z') ends every query cycle and the startup phase.
//
// Decode rejects a status other than 'I', 'T' and 'E'. (libpq 15 accepts any
// byte and reports PQTRANS_UNKNOWN; checked against psql 15.)
type ReadyForQuery struct {
	// TxStatus is TxIdle, TxInTransaction or TxFailed.
	TxStatus byte
}

// Backend marks ReadyForQuery as a server message.
func (*ReadyForQuery) Backend() {}

func validTxStatus(b byte) bool { return b == TxIdle || b == TxInTransaction || b == TxFailed }

// Decode parses the body: one status byte.
func (m *ReadyForQuery) Decode(body []byte) error {
	d := newDecoder('Z', "ReadyForQuery", body)
	st := d.byte1("transaction status")
	if d.err == nil && !validTxStatus(st) {
		d.fail("transaction status %q, want 'I', 'T' or 'E'", st)
	}
	if err := d.finish(); err != nil {
		return err
	}
	m.TxStatus = st
	return nil
}

// Encode appends the message to dst; TxStatus must be 'I', 'T' or 'E'.
func (m *ReadyForQuery) Encode(dst []byte) ([]byte, error) {
	if !validTxStatus(m.TxStatus) {
		return dst, &EncodeError{Message: "ReadyForQuery", Reason: "transaction status " + strconv.QuoteRuneToASCII(rune(m.TxStatus))}
	}
	return append(dst, 'Z', 0, 0, 0, 5, m.TxStatus), nil
}
