package wire

import "strconv"

// Object types named by Describe and Close.
const (
	ObjectStatement byte = 'S' // a prepared statement
	ObjectPortal    byte = 'P' // a portal
)

func validObjectType(b byte) bool { return b == ObjectStatement || b == ObjectPortal }

// decodeObject parses the body shared by Describe and Close.
func decodeObject(typ byte, name string, body []byte) (byte, string, error) {
	d := newDecoder(typ, name, body)
	ot := d.byte1("object type")
	if d.err == nil && !validObjectType(ot) {
		d.fail("object type %q, want 'S' or 'P'", ot)
	}
	n := d.cstring("object name")
	if err := d.finish(); err != nil {
		return 0, "", err
	}
	return ot, string(n), nil
}

// encodeObject appends the layout shared by Describe and Close.
func encodeObject(dst []byte, typ byte, name string, ot byte, obj string) ([]byte, error) {
	if !validObjectType(ot) {
		return dst, &EncodeError{Message: name, Reason: "object type " + strconv.QuoteRuneToASCII(rune(ot))}
	}
	if err := checkString(name, "Name", obj); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, typ)
	dst = append(dst, ot)
	dst = appendCString(dst, obj)
	return mk.finish(dst, name)
}

// Describe (F, 'D') asks for the description of a statement
// (ParameterDescription, then RowDescription or NoData) or of a portal
// (RowDescription or NoData) (protocol-v3.txt §7 Describe, §2.3).
type Describe struct {
	// ObjectType is ObjectStatement ('S') or ObjectPortal ('P').
	ObjectType byte
	// Name is the statement or portal name; "" is the unnamed one.
	Name string
}

// Frontend marks Describe as a client message.
func (*Describe) Frontend() {}

// Decode parses the body: Byte1 'S' or 'P', String name.
func (m *Describe) Decode(body []byte) error {
	ot, n, err := decodeObject('D', "Describe", body)
	if err != nil {
		return err
	}
	m.ObjectType, m.Name = ot, n
	return nil
}

// Encode appends the message to dst. ObjectType must be 'S' or 'P'.
func (m *Describe) Encode(dst []byte) ([]byte, error) {
	return encodeObject(dst, 'D', "Describe", m.ObjectType, m.Name)
}
