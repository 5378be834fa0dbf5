package wire

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// decoder is a cursor over one message body. The first failure is recorded
// and every later read returns a zero value, so decoders read all fields and
// check the outcome once, in finish. It never panics.
type decoder struct {
	typ  byte   // message type byte, 0 for startup packets
	name string // Go name of the message, for errors
	b    []byte
	pos  int
	err  error
}

func newDecoder(typ byte, name string, body []byte) decoder {
	return decoder{typ: typ, name: name, b: body}
}

// fail records the first failure.
func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = &ProtocolError{Kind: KindMalformed, Type: d.typ, Message: d.name,
			Err: fmt.Errorf("%s: "+format, append([]any{d.name}, args...)...)}
	}
}

// remaining returns how many bytes are left, 0 after a failure.
func (d *decoder) remaining() int {
	if d.err != nil {
		return 0
	}
	return len(d.b) - d.pos
}

// take returns the next n bytes, capacity-clipped.
func (d *decoder) take(n int, what string) []byte {
	if d.err != nil {
		return nil
	}
	if n < 0 || n > len(d.b)-d.pos {
		d.fail("%s: need %d bytes at offset %d, have %d", what, n, d.pos, len(d.b)-d.pos)
		return nil
	}
	p := d.b[d.pos : d.pos+n : d.pos+n]
	d.pos += n
	return p
}

func (d *decoder) byte1(what string) byte {
	p := d.take(1, what)
	if p == nil {
		return 0
	}
	return p[0]
}

func (d *decoder) uint16(what string) uint16 {
	p := d.take(2, what)
	if p == nil {
		return 0
	}
	return binary.BigEndian.Uint16(p)
}

func (d *decoder) int16(what string) int16 { return int16(d.uint16(what)) }

func (d *decoder) uint32(what string) uint32 {
	p := d.take(4, what)
	if p == nil {
		return 0
	}
	return binary.BigEndian.Uint32(p)
}

func (d *decoder) int32(what string) int32 { return int32(d.uint32(what)) }

// cstring returns the bytes up to the next NUL, which it consumes, without
// the NUL (capacity-clipped).
func (d *decoder) cstring(what string) []byte {
	if d.err != nil {
		return nil
	}
	i := bytes.IndexByte(d.b[d.pos:], 0)
	if i < 0 {
		d.fail("%s: missing NUL terminator", what)
		return nil
	}
	p := d.b[d.pos : d.pos+i : d.pos+i]
	d.pos += i + 1
	return p
}

// str returns the next String as a Go string (a copy).
func (d *decoder) str(what string) string { return string(d.cstring(what)) }

// rest returns everything left (capacity-clipped, non-nil when the body is).
func (d *decoder) rest() []byte {
	if d.err != nil {
		return nil
	}
	p := d.b[d.pos:len(d.b):len(d.b)]
	d.pos = len(d.b)
	return p
}

// restOrNil is rest, but nil when nothing is left: for Byten fields that run
// to the end of the message and have no NULL to tell apart from empty.
func (d *decoder) restOrNil() []byte {
	p := d.rest()
	if len(p) == 0 {
		return nil
	}
	return p
}

// count reads an Int16 element count, read as unsigned as the server and
// libpq do, and checks that count elements of at least minSize bytes each
// can fit in what is left, so that no allocation is sized by a lie.
func (d *decoder) count(what string, minSize int) int {
	n := int(d.uint16(what))
	if d.err == nil && n*minSize > len(d.b)-d.pos {
		d.fail("%s %d does not fit in the %d bytes left", what, n, len(d.b)-d.pos)
		return 0
	}
	return n
}

// value reads an Int32 length and that many bytes; -1 gives nil (SQL NULL),
// 0 a non-nil empty slice, any other negative length is an error.
func (d *decoder) value(what string) []byte {
	n := d.int32(what)
	if d.err != nil {
		return nil
	}
	if n == -1 {
		return nil
	}
	if n < 0 {
		d.fail("%s: negative length %d", what, n)
		return nil
	}
	return d.take(int(n), what)
}

// finish checks that the whole body was consumed and returns the first error.
func (d *decoder) finish() error {
	if d.err == nil && d.pos != len(d.b) {
		d.fail("%d trailing bytes", len(d.b)-d.pos)
	}
	return d.err
}

// mark remembers where an Encode started, to back-patch the length word and
// to undo the append on error.
type mark struct {
	orig   int // len(dst) when Encode was called
	lenPos int // offset of the Int32 length word
}

// beginTyped appends a type byte and a length placeholder.
func beginTyped(dst []byte, typ byte) ([]byte, mark) {
	m := mark{orig: len(dst), lenPos: len(dst) + 1}
	return append(dst, typ, 0, 0, 0, 0), m
}

// beginUntyped appends a length placeholder for a startup packet.
func beginUntyped(dst []byte) ([]byte, mark) {
	m := mark{orig: len(dst), lenPos: len(dst)}
	return append(dst, 0, 0, 0, 0), m
}

// finish back-patches the length word, which counts itself and the body.
func (m mark) finish(dst []byte, name string) ([]byte, error) {
	n := len(dst) - m.lenPos
	if n > maxMessageLenWord {
		return dst[:m.orig], &EncodeError{Message: name, Reason: "message longer than 2^31-1 bytes"}
	}
	binary.BigEndian.PutUint32(dst[m.lenPos:], uint32(n))
	return dst, nil
}

func appendUint16(dst []byte, v uint16) []byte { return binary.BigEndian.AppendUint16(dst, v) }
func appendInt16(dst []byte, v int16) []byte   { return binary.BigEndian.AppendUint16(dst, uint16(v)) }
func appendUint32(dst []byte, v uint32) []byte { return binary.BigEndian.AppendUint32(dst, v) }
func appendInt32(dst []byte, v int32) []byte   { return binary.BigEndian.AppendUint32(dst, uint32(v)) }

// appendCString appends s and a NUL; callers check s with checkString first.
func appendCString(dst []byte, s string) []byte { return append(append(dst, s...), 0) }

// appendValue appends an Int32 length (-1 for nil) and the bytes.
func appendValue(dst []byte, v []byte) []byte {
	if v == nil {
		return appendInt32(dst, -1)
	}
	return append(appendInt32(dst, int32(len(v))), v...)
}

// checkString rejects a String field value containing NUL.
func checkString(msg, field, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return &EncodeError{Message: msg, Reason: field + " contains a NUL byte"}
	}
	return nil
}

// checkBytes rejects a String field value, held as bytes, containing NUL.
func checkBytes(msg, field string, b []byte) error {
	if bytes.IndexByte(b, 0) >= 0 {
		return &EncodeError{Message: msg, Reason: field + " contains a NUL byte"}
	}
	return nil
}

// checkCount rejects more elements than an Int16 count can carry.
func checkCount(msg, field string, n int) error {
	if n > maxCount {
		return &EncodeError{Message: msg, Reason: field + ": " + strconv.Itoa(n) + " elements, at most 65535 fit"}
	}
	return nil
}

// checkValues rejects byte values longer than an Int32 length can carry.
func checkValues(msg, field string, vs [][]byte) error {
	for _, v := range vs {
		if len(v) > maxMessageLenWord {
			return &EncodeError{Message: msg, Reason: field + ": value longer than 2^31-1 bytes"}
		}
	}
	return nil
}

// checkKey validates a cancel key length (4..256 bytes).
func checkKey(msg string, key []byte) error {
	if len(key) < MinSecretKeyLen || len(key) > MaxSecretKeyLen {
		return &EncodeError{Message: msg, Reason: "secret key of " + strconv.Itoa(len(key)) + " bytes, want 4 to 256"}
	}
	return nil
}

// firstErr returns the first non-nil error.
func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// encodeEmpty appends a message that has no body (Int32(4) length).
func encodeEmpty(dst []byte, typ byte) []byte {
	return append(dst, typ, 0, 0, 0, 4)
}

// decodeEmpty checks that a body-less message has no body.
func decodeEmpty(typ byte, name string, body []byte) error {
	d := newDecoder(typ, name, body)
	return d.finish()
}
