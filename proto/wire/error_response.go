package wire

import "strconv"

// Fields holds the fields of an ErrorResponse or NoticeResponse
// (protocol-v3.txt §8 "Error and Notice Message Fields"). A field the server
// did not send is the zero value; an empty field and a missing one are the
// same. If a code appears twice, the later value wins, as in libpq, whose
// PQresultErrorField finds the most recently saved field.
type Fields struct {
	Severity            string // 'S': ERROR, FATAL, PANIC, WARNING, NOTICE, DEBUG, INFO, LOG, possibly localized
	SeverityUnlocalized string // 'V': the same, never localized (9.6+)
	Code                string // 'C': SQLSTATE
	Message             string // 'M': primary message
	Detail              string // 'D'
	Hint                string // 'H'
	// Position ('P') is the 1-based character index of the error cursor in
	// the query string, 0 if absent. The decimal text is parsed as C's atoi
	// does (libpq's reportErrorPosition uses atoi): leading digits, values
	// beyond int32 saturate.
	Position int32
	// InternalPosition ('p') is like Position, for InternalQuery.
	InternalPosition int32
	InternalQuery    string // 'q'
	Where            string // 'W': context, one line per entry, innermost first
	SchemaName       string // 's'
	TableName        string // 't'
	ColumnName       string // 'c'
	DataTypeName     string // 'd'
	ConstraintName   string // 'n'
	File             string // 'F': source file of the report
	// Line ('L') is the source line of the report, 0 if absent; parsed as
	// Position is.
	Line    int32
	Routine string // 'R'
	// UnknownFields keeps fields of codes not listed above, in arrival
	// order; the protocol says to ignore them, and they are kept so that
	// nothing is lost. Decode reuses the slice's storage (from Receive:
	// valid until the next Receive).
	UnknownFields []UnknownField
}

// UnknownField is an error or notice field with an unrecognized code.
type UnknownField struct {
	Code  byte   // the field code, never 0
	Value string // the field value
}

// knownFieldCodes lists the codes Fields has a field for, in the order the
// server sends them (src/backend/utils/error/elog.c, send_message_to_frontend)
// and Encode writes them.
const knownFieldCodes = "SVCMDHPpqWstcdnFLR"

// field returns a pointer to the string field for a code, or nil.
func (f *Fields) field(code byte) *string {
	switch code {
	case 'S':
		return &f.Severity
	case 'V':
		return &f.SeverityUnlocalized
	case 'C':
		return &f.Code
	case 'M':
		return &f.Message
	case 'D':
		return &f.Detail
	case 'H':
		return &f.Hint
	case 'q':
		return &f.InternalQuery
	case 'W':
		return &f.Where
	case 's':
		return &f.SchemaName
	case 't':
		return &f.TableName
	case 'c':
		return &f.ColumnName
	case 'd':
		return &f.DataTypeName
	case 'n':
		return &f.ConstraintName
	case 'F':
		return &f.File
	case 'R':
		return &f.Routine
	}
	return nil
}

// number returns a pointer to the numeric field for a code, or nil.
func (f *Fields) number(code byte) *int32 {
	switch code {
	case 'P':
		return &f.Position
	case 'p':
		return &f.InternalPosition
	case 'L':
		return &f.Line
	}
	return nil
}

// atoi32 parses like C's atoi: optional blanks, optional sign, then leading
// digits; anything else stops it. Out-of-range values saturate.
func atoi32(s []byte) int32 {
	i := 0
	for i < len(s) && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var v int64
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		v = v*10 + int64(s[i]-'0')
		if v > 1<<31 {
			v = 1 << 31
		}
	}
	if neg {
		v = -v
	}
	return int32(max(min(v, 1<<31-1), -1<<31))
}

// decodeFields parses the field list shared by ErrorResponse and
// NoticeResponse into f.
func decodeFields(typ byte, name string, body []byte, f *Fields) error {
	d := newDecoder(typ, name, body)
	unknown := f.UnknownFields[:0]
	var out Fields
	for d.err == nil {
		code := d.byte1("field code")
		if code == 0 || d.err != nil {
			break
		}
		v := d.cstring("field value")
		if d.err != nil {
			break
		}
		if p := out.field(code); p != nil {
			*p = string(v)
		} else if n := out.number(code); n != nil {
			*n = atoi32(v)
		} else {
			unknown = append(unknown, UnknownField{Code: code, Value: string(v)})
		}
	}
	if err := d.finish(); err != nil {
		return err
	}
	out.UnknownFields = unknown
	*f = out
	return nil
}

// appendFields appends the field list and its terminator; fields with zero
// values are left out.
func appendFields(dst []byte, f *Fields) []byte {
	for i := range len(knownFieldCodes) {
		code := knownFieldCodes[i]
		if p := f.field(code); p != nil {
			if *p != "" {
				dst = appendCString(append(dst, code), *p)
			}
		} else if n := *f.number(code); n != 0 {
			dst = appendCString(append(dst, code), strconv.Itoa(int(n)))
		}
	}
	for _, u := range f.UnknownFields {
		dst = appendCString(append(dst, u.Code), u.Value)
	}
	return append(dst, 0)
}

// checkFields validates f for encoding.
func checkFields(name string, f *Fields) error {
	for i := range len(knownFieldCodes) {
		if p := f.field(knownFieldCodes[i]); p != nil {
			if err := checkString(name, "field "+knownFieldCodes[i:i+1], *p); err != nil {
				return err
			}
		}
	}
	for _, u := range f.UnknownFields {
		if u.Code == 0 || f.field(u.Code) != nil || f.number(u.Code) != nil {
			return &EncodeError{Message: name, Reason: "unknown field with code " + strconv.QuoteRuneToASCII(rune(u.Code))}
		}
		if err := checkString(name, "unknown field", u.Value); err != nil {
			return err
		}
	}
	return nil
}

// ErrorResponse (B, 'E') reports an error; after it the server skips to the
// end of the query or to the next Sync, and a FATAL one closes the connection
// (protocol-v3.txt §7 ErrorResponse, §8).
//
// PlainText marks the pre-3.0 form that a server may send during startup (a
// 2.0-only server, or one rejecting the connection before reading the
// startup packet): 'E' then a NUL-terminated text with no length word.
// Frontend.ReceiveStartup returns it with PlainText set, Severity "FATAL" and
// Message holding the whole text, which already starts with its own
// "FATAL:  " when the server wrote one, minus one trailing newline. libpq
// prints that text as is (fe-connect.c, "Handle error from a pre-3.0
// server"; checked against psql 15).
type ErrorResponse struct {
	Fields
	// PlainText is true for a pre-3.0 plain-text error. Decode, which
	// parses the 3.0 form, always clears it.
	PlainText bool
}

// Backend marks ErrorResponse as a server message.
func (*ErrorResponse) Backend() {}

// Decode parses the body: (Byte1 code, String value)* then a NUL. Unknown
// codes are kept in UnknownFields. It copies every string: nothing refers to
// body afterwards, but UnknownFields' storage is reused.
func (m *ErrorResponse) Decode(body []byte) error {
	if err := decodeFields('E', "ErrorResponse", body, &m.Fields); err != nil {
		return err
	}
	m.PlainText = false
	return nil
}

// Encode appends the message to dst. With PlainText it writes the pre-3.0
// form: 'E', Message, a newline and a NUL, with no length word (for fake
// servers); the other fields are then ignored. Without it, no field may
// contain NUL, and an UnknownField may not use code 0 or a known code.
func (m *ErrorResponse) Encode(dst []byte) ([]byte, error) {
	if m.PlainText {
		if err := checkString("ErrorResponse", "Message", m.Message); err != nil {
			return dst, err
		}
		dst = append(dst, 'E')
		dst = append(dst, m.Message...)
		return append(dst, '\n', 0), nil
	}
	if err := checkFields("ErrorResponse", &m.Fields); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'E')
	dst = appendFields(dst, &m.Fields)
	return mk.finish(dst, "ErrorResponse")
}

// NoticeResponse (B, 'N') reports a warning or informational message; it can
// arrive at any time, even while idle (protocol-v3.txt §7 NoticeResponse,
// §2.7, §8).
type NoticeResponse struct {
	Fields
}

// Backend marks NoticeResponse as a server message.
func (*NoticeResponse) Backend() {}

// Decode parses the body as ErrorResponse.Decode does.
func (m *NoticeResponse) Decode(body []byte) error {
	return decodeFields('N', "NoticeResponse", body, &m.Fields)
}

// Encode appends the message to dst, under the rules of ErrorResponse.Encode
// for the 3.0 form.
func (m *NoticeResponse) Encode(dst []byte) ([]byte, error) {
	if err := checkFields("NoticeResponse", &m.Fields); err != nil {
		return dst, err
	}
	dst, mk := beginTyped(dst, 'N')
	dst = appendFields(dst, &m.Fields)
	return mk.finish(dst, "NoticeResponse")
}
