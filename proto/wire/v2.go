package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Protocol 2.0 (PostgreSQL 6.4 to 13 servers; /work/shared/reference/protocol-v2.txt) as a
// second codec of the same Frontend: after UseProtocol2, Send translates the protocol 3.0
// message values the connection code already builds into their 2.0 forms, and Receive
// decodes 2.0 messages (which carry no length word) into the same 3.0 message values. So
// the layer above keeps one state machine for both protocols.

// ProtocolVersion20 is protocol 2.0 (0x00020000), the version word of the 2.0 StartupPacket.
const ProtocolVersion20 uint32 = 2 << 16

// ErrProtocol2 is wrapped by every error that reports something protocol 2.0 cannot express
// (the extended query protocol, CopyFail, copy-both, SASL).
var ErrProtocol2 = errors.New("not supported by protocol 2.0")

// v2State is the decoding and encoding state of a Frontend speaking protocol 2.0.
type v2State struct {
	nfields int  // columns of the last RowDescription: AsciiRow/BinaryRow need it
	binary  bool // the current rows are BinaryRows
	copyOut bool // between CopyOutResponse and the \. line
	tx      byte // transaction status tracked from command tags (libpq 13's checkXactStatus)
	cursor  CursorResponse

	// COPY FROM STDIN: the \. rules of protocol-v2.txt §2.2 (CopyDataRows).
	inCopy    bool   // CopyData was sent and the end marker not yet
	lineStart bool   // the next data byte starts a line
	pending   []byte // a possible "\." line start held back until its end is seen
	ended     bool   // the data had a "\." line: the server stops there, the rest is dropped
}

// CursorResponse (B, protocol 2.0 only) starts the response to SELECT, FETCH, INSERT,
// UPDATE and DELETE; Name is "blank" or the cursor fetched from (protocol-v2.txt §4).
type CursorResponse struct {
	// Name is the cursor name; it aliases the read buffer until the next Receive.
	Name string
}

// Backend marks CursorResponse as a server message.
func (*CursorResponse) Backend() {}

// Decode parses the NUL-terminated name.
func (m *CursorResponse) Decode(body []byte) error {
	d := newDecoder('P', "CursorResponse", body)
	m.Name = d.str("name")
	return d.finish()
}

// Encode appends the 2.0 form ('P', the name, NUL).
func (m *CursorResponse) Encode(dst []byte) ([]byte, error) {
	return appendCString(append(dst, 'P'), m.Name), nil
}

// UseProtocol2 switches f to protocol 2.0 for everything sent and received from now on
// (call it on a fresh Frontend, before sending the StartupMessage). There is no way back.
func (f *Frontend) UseProtocol2() { f.v2 = &v2State{tx: TxIdle} }

// Protocol2 reports whether UseProtocol2 was called.
func (f *Frontend) Protocol2() bool { return f.v2 != nil }

// sendV2 appends the protocol 2.0 form of m to the write buffer (protocol-v2.txt §4):
//   - StartupMessage: the fixed 296-byte StartupPacket (database, user, options; other
//     parameters are dropped, 2.0 has no place for them; a value too long is an error);
//   - Query, Terminate, FunctionCall: typed but without a length word;
//   - PasswordMessage: the untyped PasswordPacket;
//   - SSLRequest, CancelRequest: as in 3.0;
//   - CopyData: the raw bytes, cut at a "\." line, after which the server stops reading;
//   - CopyDone: a newline if the data did not end with one, then the "\.\n" end marker.
//
// Anything else fails with an error wrapping ErrProtocol2, leaving the buffer as it was.
func (f *Frontend) sendV2(m FrontendMessage) error {
	s := f.v2
	dst := f.wbuf
	switch m := m.(type) {
	case *StartupMessage:
		var db, user, opts string
		for _, p := range m.Parameters {
			switch p.Name {
			case "database":
				db = p.Value
			case "user":
				user = p.Value
			case "options":
				opts = p.Value
			}
		}
		dst = appendUint32(appendUint32(dst, 296), ProtocolVersion20)
		for _, fld := range []struct {
			name, v string
			n       int
		}{{"database", db, 64}, {"user", user, 32}, {"options", opts, 64}, {"unused", "", 64}, {"tty", "", 64}} {
			if len(fld.v) >= fld.n {
				return fmt.Errorf("wire: %s is longer than the %d bytes of the protocol 2.0 startup packet: %w", fld.name, fld.n-1, ErrProtocol2)
			}
			dst = append(dst, fld.v...)
			dst = append(dst, make([]byte, fld.n-len(fld.v))...)
		}
	case *Query:
		if strings.IndexByte(m.String, 0) >= 0 {
			return &EncodeError{Message: "Query", Reason: "string contains a NUL byte"}
		}
		dst = appendCString(append(dst, 'Q'), m.String)
	case *Terminate:
		dst = append(dst, 'X')
	case *PasswordMessage:
		if strings.IndexByte(m.Password, 0) >= 0 {
			return &EncodeError{Message: "PasswordMessage", Reason: "password contains a NUL byte"}
		}
		dst = appendCString(appendUint32(dst, uint32(4+len(m.Password)+1)), m.Password)
	case *SSLRequest, *CancelRequest:
		var err error
		if dst, err = m.Encode(dst); err != nil {
			return err
		}
	case *FunctionCall:
		dst = appendInt32(appendUint32(appendCString(append(dst, 'F'), ""), m.FunctionOID), int32(len(m.Arguments)))
		for _, a := range m.Arguments {
			if a == nil {
				return fmt.Errorf("wire: a NULL function argument: %w", ErrProtocol2)
			}
			dst = append(appendInt32(dst, int32(len(a))), a...)
		}
	case *CopyData:
		dst = s.appendCopyData(dst, m.Data)
	case *CopyDone:
		dst = s.appendCopyEnd(dst)
	case *CopyFail:
		return fmt.Errorf("wire: COPY FROM STDIN cannot be aborted (CopyFail): %w", ErrProtocol2)
	default:
		return fmt.Errorf("wire: %T: %w", m, ErrProtocol2)
	}
	f.wbuf = dst
	return nil
}

// appendCopyData appends data for COPY FROM STDIN: everything up to and including the first
// line that is exactly "\." (with "\n" or "\r\n"); nothing after it. A possible "\." line
// cut by the chunk boundary is held back until the next chunk or the end.
func (s *v2State) appendCopyData(dst, data []byte) []byte {
	if !s.inCopy {
		s.inCopy, s.lineStart, s.ended, s.pending = true, true, false, s.pending[:0]
	}
	if s.ended {
		return dst
	}
	if len(s.pending) > 0 {
		data = append(s.pending, data...)
		s.pending = nil
	}
	for len(data) > 0 {
		if s.lineStart {
			switch endMarker(data) {
			case markerYes:
				s.ended, s.lineStart = true, true
				return append(dst, "\\.\n"...)
			case markerMaybe:
				s.pending = append(s.pending[:0], data...)
				return dst
			}
		}
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			s.lineStart = false
			return append(dst, data...)
		}
		dst = append(dst, data[:i+1]...)
		data = data[i+1:]
		s.lineStart = true
	}
	return dst
}

// appendCopyEnd ends COPY FROM STDIN data with the 2.0 end marker.
func (s *v2State) appendCopyEnd(dst []byte) []byte {
	if !s.inCopy {
		s.lineStart = true
	}
	ended := s.ended
	if len(s.pending) > 0 && !ended {
		// "\." or "\.\r" at the very end: psql treats a final "\." as the end marker too.
		if p := string(s.pending); p != `\.` && p != "\\.\r" {
			dst = append(dst, s.pending...)
			s.lineStart = false
		}
	}
	if !ended {
		if !s.lineStart {
			dst = append(dst, '\n')
		}
		dst = append(dst, "\\.\n"...)
	}
	s.inCopy, s.ended, s.lineStart, s.pending = false, false, true, nil
	return dst
}

const (
	markerNo = iota
	markerYes
	markerMaybe
)

// endMarker tells whether data, at a line start, begins with the "\." line.
func endMarker(data []byte) int {
	for _, want := range []string{"\\.\n", "\\.\r\n"} {
		n := min(len(data), len(want))
		if string(data[:n]) != want[:n] {
			continue
		}
		if n == len(want) {
			return markerYes
		}
		return markerMaybe
	}
	return markerNo
}

// errV2Short means the buffered bytes end inside a message.
var errV2Short = errors.New("short")

// v2scan reads one 2.0 message from buffered bytes.
type v2scan struct {
	b   []byte
	pos int
	err error
}

func (p *v2scan) take(n int) []byte {
	if p.err != nil {
		return nil
	}
	if n < 0 || n > len(p.b)-p.pos {
		p.err = errV2Short
		return nil
	}
	r := p.b[p.pos : p.pos+n : p.pos+n]
	p.pos += n
	return r
}

func (p *v2scan) uint32() uint32 {
	b := p.take(4)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint32(b)
}

func (p *v2scan) cstring() []byte {
	if p.err != nil {
		return nil
	}
	i := bytes.IndexByte(p.b[p.pos:], 0)
	if i < 0 {
		p.err = errV2Short
		return nil
	}
	r := p.b[p.pos : p.pos+i : p.pos+i]
	p.pos += i + 1
	return r
}

// receiveV2 reads one protocol 2.0 message. Messages have no length word, so the decoder
// parses what is buffered and reads more until the message is complete; a message longer
// than SetMaxMessageLen is a fatal KindTooLarge, an unknown type byte a fatal
// KindUnexpectedType (without a length the stream cannot be resynchronised).
func (f *Frontend) receiveV2() (BackendMessage, error) {
	need := 1
	for {
		if err := f.in.fill(need); err != nil {
			return nil, err
		}
		b := f.in.buffered()
		if len(b) > f.maxLen+1 {
			b = b[:f.maxLen+1]
		}
		m, n, err := f.decodeV2(b)
		switch {
		case err == nil:
			f.in.start += n
			return m, nil
		case errors.Is(err, errV2Short):
			if len(b) > f.maxLen {
				return nil, f.fatal(&ProtocolError{Kind: KindTooLarge, Type: b[0], Length: int64(len(b))})
			}
			need = len(b) + 1
		default:
			var pe *ProtocolError
			if errors.As(err, &pe) {
				return nil, f.fatal(pe)
			}
			return nil, err
		}
	}
}

// decodeV2 decodes the message at the start of b into the Frontend's reused values and
// returns how many bytes it took, or errV2Short.
func (f *Frontend) decodeV2(b []byte) (BackendMessage, int, error) {
	s := f.v2
	m := &f.msgs
	if s.copyOut {
		// CopyDataRows: text lines up to the "\.\n" line (protocol-v2.txt §2.2).
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			return nil, 0, errV2Short
		}
		line := b[: i+1 : i+1]
		if string(line) == "\\.\n" {
			s.copyOut = false
			return &m.copyDone, i + 1, nil
		}
		m.copyData.Data = line
		return &m.copyData, i + 1, nil
	}
	p := &v2scan{b: b, pos: 1}
	typ := b[0]
	var msg BackendMessage
	switch typ {
	case 'R':
		code := p.uint32()
		switch code {
		case AuthOk:
			msg = &m.authOk
		case AuthKerberosV5:
			msg = &m.authKerberosV5
		case AuthCleartextPassword:
			msg = &m.authCleartext
		case 4:
			// AuthenticationCryptPassword: a 2-byte salt; refused above (libpq 14 removed crypt).
			m.authUnknown.Code, m.authUnknown.Data = code, p.take(2)
			msg = &m.authUnknown
		case AuthMD5Password:
			copy(m.authMD5.Salt[:], p.take(4))
			msg = &m.authMD5
		default:
			// Kerberos V4 (1) and SCM credentials (6) carry nothing more.
			m.authUnknown.Code, m.authUnknown.Data = code, nil
			msg = &m.authUnknown
		}
	case 'K':
		pid := p.uint32()
		key := p.take(4)
		m.backendKeyData.ProcessID, m.backendKeyData.SecretKey = pid, key
		msg = &m.backendKeyData
	case 'P':
		s.cursor.Name = string(p.cstring())
		msg = &s.cursor
	case 'C':
		tag := p.cstring()
		if p.err == nil {
			s.trackTx(string(tag))
		}
		m.commandComplete.CommandTag = tag
		msg = &m.commandComplete
	case 'I':
		p.cstring()
		msg = &m.emptyQuery
	case 'E', 'N':
		text := p.cstring()
		var fl *Fields
		if typ == 'E' {
			m.errorResponse.PlainText = false
			fl, msg = &m.errorResponse.Fields, &m.errorResponse
		} else {
			fl, msg = &m.noticeResponse.Fields, &m.noticeResponse
		}
		if p.err == nil {
			*fl = ParseV2Error(string(text))
			if typ == 'E' && s.tx == TxInTransaction {
				s.tx = TxFailed
			}
		}
	case 'Z':
		m.readyForQuery.TxStatus = s.tx
		msg = &m.readyForQuery
	case 'A':
		pid := p.uint32()
		ch := p.cstring()
		m.notification.PID, m.notification.Channel, m.notification.Payload = pid, string(ch), ""
		msg = &m.notification
	case 'G':
		m.copyInResponse.OverallFormat, m.copyInResponse.ColumnFormats = 0, m.copyInResponse.ColumnFormats[:0]
		msg = &m.copyInResponse
	case 'H':
		m.copyOutResponse.OverallFormat, m.copyOutResponse.ColumnFormats = 0, m.copyOutResponse.ColumnFormats[:0]
		msg = &m.copyOutResponse
	case 'T':
		msg = f.decodeV2RowDescription(p)
	case 'D', 'B':
		msg = f.decodeV2Row(p, typ == 'B')
	case 'V':
		// FunctionResultResponse: 'G' Int32 len, the value, '0'; FunctionVoidResponse: '0'.
		var result []byte
		switch k := p.take(1); {
		case k == nil:
		case k[0] == 'G':
			n := p.uint32()
			if p.err == nil && n > uint32(f.maxLen) {
				return nil, 0, &ProtocolError{Kind: KindTooLarge, Type: typ, Length: int64(n)}
			}
			result = p.take(int(n))
			if result == nil && p.err == nil {
				result = []byte{}
			}
			if z := p.take(1); z != nil && z[0] != '0' {
				return nil, 0, &ProtocolError{Kind: KindUnexpectedType, Type: z[0]}
			}
		case k[0] != '0':
			return nil, 0, &ProtocolError{Kind: KindUnexpectedType, Type: k[0]}
		}
		m.functionCallResp.Result = result
		msg = &m.functionCallResp
	default:
		return nil, 0, &ProtocolError{Kind: KindUnexpectedType, Type: typ}
	}
	if p.err != nil {
		return nil, 0, p.err
	}
	if typ == 'H' {
		s.copyOut = true
	}
	return msg, p.pos, nil
}

// decodeV2RowDescription reads Int16 count, then per field: name, Int32 type OID, Int16
// size, Int32 modifier.
func (f *Frontend) decodeV2RowDescription(p *v2scan) BackendMessage {
	m := &f.msgs.rowDescription
	nb := p.take(2)
	if nb == nil {
		return m
	}
	n := int(binary.BigEndian.Uint16(nb))
	m.Fields = m.Fields[:0]
	for i := 0; i < n && p.err == nil; i++ {
		name := p.cstring()
		oid := p.uint32()
		sz := p.take(2)
		mod := p.uint32()
		if p.err != nil {
			break
		}
		m.Fields = append(m.Fields, FieldDescription{Name: string(name), DataTypeOID: oid,
			DataTypeSize: int16(binary.BigEndian.Uint16(sz)), TypeModifier: int32(mod)})
	}
	if p.err == nil {
		f.v2.nfields = n
	}
	return m
}

// decodeV2Row reads an AsciiRow or BinaryRow: the null bitmap, then a length-prefixed
// value per non-NULL field (AsciiRow lengths count themselves, BinaryRow lengths do not).
func (f *Frontend) decodeV2Row(p *v2scan, binaryRow bool) BackendMessage {
	m := &f.msgs.dataRow
	n := f.v2.nfields
	bitmap := p.take((n + 7) / 8)
	m.Values = m.Values[:0]
	for i := 0; i < n && p.err == nil; i++ {
		if bitmap[i/8]&(0x80>>(i%8)) == 0 {
			m.Values = append(m.Values, nil)
			continue
		}
		size := int64(p.uint32())
		if p.err != nil {
			break
		}
		if !binaryRow {
			size -= 4
		}
		if size < 0 || size > int64(f.maxLen) {
			p.err = &ProtocolError{Kind: KindMalformed, Type: 'D', Message: "AsciiRow",
				Err: fmt.Errorf("field %d: size %d", i+1, size)}
			break
		}
		v := p.take(int(size))
		if v == nil && p.err == nil {
			v = []byte{}
		}
		m.Values = append(m.Values, v)
	}
	return m
}

// trackTx follows the transaction status from command tags as libpq 13's checkXactStatus
// did (fe-protocol2.c): 2.0's ReadyForQuery has no status byte.
func (s *v2State) trackTx(tag string) {
	switch tag {
	case "BEGIN", "START TRANSACTION":
		s.tx = TxInTransaction
	case "COMMIT", "ROLLBACK", "PREPARE TRANSACTION", "COMMIT PREPARED", "ROLLBACK PREPARED":
		s.tx = TxIdle
	case "*ABORT STATE*":
		s.tx = TxFailed
	}
}

// ParseV2Error splits a protocol 2.0 ErrorResponse or NoticeResponse text, as PostgreSQL
// 7.4 to 13 format it for a 2.0 client (elog.c, send_message_to_frontend: severity, ":  ",
// the message, "at character N" when there is a cursor position, a newline), into Fields:
// Severity, Message (without the trailing newline) and Position. A text without a
// recognisable severity prefix becomes Severity "ERROR" with the whole text as Message.
func ParseV2Error(text string) Fields {
	text = strings.TrimSuffix(text, "\n")
	fl := Fields{Severity: "ERROR", Message: text}
	if sev, msg, ok := strings.Cut(text, ":  "); ok && sev != "" && strings.ToUpper(sev) == sev && !strings.ContainsAny(sev, " \n") {
		fl.Severity, fl.Message = sev, msg
	}
	if i := strings.LastIndex(fl.Message, "at character "); i > 0 {
		if n, err := strconv.ParseInt(fl.Message[i+len("at character "):], 10, 32); err == nil && n > 0 {
			fl.Message, fl.Position = strings.TrimSuffix(fl.Message[:i], " "), int32(n)
		}
	}
	return fl
}
