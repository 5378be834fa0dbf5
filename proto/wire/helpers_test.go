package wire

import (
	"bytes"
	"encoding/binary"
	"reflect"
	"testing"
)

// isUntyped reports whether a message encodes without a type byte.
func isUntyped(m Message) bool {
	switch m.(type) {
	case *StartupMessage, *SSLRequest, *GSSENCRequest, *CancelRequest:
		return true
	}
	return false
}

// split checks the framing of one encoded message and returns its type byte
// (0 if untyped) and body.
func split(t testing.TB, enc []byte, untyped bool) (byte, []byte) {
	t.Helper()
	hdr := 5
	if untyped {
		hdr = 4
	}
	if len(enc) < hdr {
		t.Fatalf("encoding %q shorter than its header", enc)
	}
	var typ byte
	lenWord := enc[hdr-4 : hdr]
	if !untyped {
		typ = enc[0]
	}
	if got, want := binary.BigEndian.Uint32(lenWord), uint32(len(enc)-hdr+4); got != want {
		t.Fatalf("length word %d, want %d (encoding %q)", got, want, enc)
	}
	return typ, enc[hdr:]
}

// fresh returns a new zero value of m's type.
func fresh(m Message) Message {
	return reflect.New(reflect.TypeOf(m).Elem()).Interface().(Message)
}

// normalize turns empty non-byte slices into nil, recursively, so that a
// value decoded into reused storage compares equal to one decoded fresh.
// []byte values are left alone: nil (NULL) and empty differ.
func normalize(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			normalize(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			normalize(v.Field(i))
		}
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		if v.Len() == 0 && !v.IsNil() {
			v.SetZero()
			return
		}
		for i := range v.Len() {
			normalize(v.Index(i))
		}
	}
}

// encodeAll concatenates the encodings of msgs.
func encodeAll(t testing.TB, msgs ...Message) []byte {
	t.Helper()
	var out []byte
	for _, m := range msgs {
		var err error
		out, err = m.Encode(out)
		if err != nil {
			t.Fatalf("encode %T: %v", m, err)
		}
	}
	return out
}

// raw builds a typed message from a type byte and a body, by hand.
func raw(typ byte, body ...[]byte) []byte {
	b := bytes.Join(body, nil)
	out := []byte{typ, 0, 0, 0, 0}
	binary.BigEndian.PutUint32(out[1:], uint32(len(b)+4))
	return append(out, b...)
}

// be32 and be16 write big-endian integers, for hand-built bodies.
func be32(v int32) []byte { return binary.BigEndian.AppendUint32(nil, uint32(v)) }
func be16(v int16) []byte { return binary.BigEndian.AppendUint16(nil, uint16(v)) }

// cstr is a NUL-terminated string.
func cstr(s string) []byte { return append([]byte(s), 0) }
