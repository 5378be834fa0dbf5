package proto_test

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"testing"

	"github.com/gpsql/gpsql/proto"
)

// TestLargeObjects writes and reads a large object through FunctionCall, and checks the
// result with SQL.
func TestLargeObjects(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	lo, err := c.LargeObjects(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("large\x00object "), 10000)
	oid := largeObjectRoundTrip(t, c, lo, data)
	mustExec(t, c, "commit")
	size, err := c.QueryValue(ctx, "select length(lo_get("+strconv.FormatUint(uint64(oid), 10)+"))")
	if err != nil || size != strconv.Itoa(len(data)) {
		t.Fatalf("size seen by SQL: %q %v", size, err)
	}
	if err := lo.Unlink(ctx, oid); err != nil {
		t.Fatal(err)
	}
	// A function error comes back as the server's, and the session goes on.
	var se *proto.ServerError
	if err := lo.Unlink(ctx, oid); !errors.As(err, &se) || se.Code != "42704" {
		t.Fatalf("unlinking twice: %v", err)
	}
	if _, err := lo.Open(ctx, oid, proto.LORead); !errors.As(err, &se) {
		t.Fatalf("opening a missing object: %v", err)
	}
	if v, err := c.QueryValue(ctx, "select 'ok'"); err != nil || v != "ok" {
		t.Fatalf("after function errors: %q %v", v, err)
	}
}

// largeObjectRoundTrip opens a transaction, creates a large object holding data, reads it
// back at several offsets (through FunctionCall: lo_lseek64, loread) and closes it; the
// transaction stays open. TestLargeObjects and TestProtocol2LargeObjects both run it.
func largeObjectRoundTrip(t *testing.T, c *proto.Conn, lo *proto.LargeObjects, data []byte) uint32 {
	t.Helper()
	ctx := context.Background()
	mustExec(t, c, "begin")
	oid, err := lo.Creat(ctx, proto.LORead|proto.LOWrite)
	if err != nil || oid == 0 {
		t.Fatalf("lo_creat: %d %v", oid, err)
	}
	fd, err := lo.Open(ctx, oid, proto.LORead|proto.LOWrite)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := lo.Write(ctx, fd, data); err != nil || n != len(data) {
		t.Fatalf("lowrite: %d %v", n, err)
	}
	mid := int64(len(data) / 2)
	tests := []struct {
		name   string
		offset int64
		whence int32
		n      int32
		want   []byte
	}{
		{"from start", 0, 0, 12, data[:12]},
		{"from end", -7, 2, 100, data[len(data)-7:]},
		{"past end", 10, 2, 5, []byte{}},
		{"middle", mid, 0, 13, data[mid : mid+13]},
		{"zero bytes", 0, 0, 0, []byte{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pos, err := lo.Seek(ctx, fd, tc.offset, tc.whence)
			if err != nil {
				t.Fatal(err)
			}
			if tc.whence == 0 && pos != tc.offset {
				t.Fatalf("position %d, want %d", pos, tc.offset)
			}
			got, err := lo.Read(ctx, fd, tc.n)
			if err != nil || !bytes.Equal(got, tc.want) {
				t.Fatalf("loread = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
	if err := lo.Close(ctx, fd); err != nil {
		t.Fatal(err)
	}
	return oid
}

// TestFunctionCallText calls a function with text arguments and a NULL result.
func TestFunctionCallText(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	tests := []struct {
		name string
		fn   string
		args [][]byte
		want []byte
	}{
		{"md5", "md5(text)", [][]byte{[]byte("abc")}, []byte("900150983cd24fb0d6963f7d28e17f72")},
		{"strict with NULL", "md5(text)", [][]byte{nil}, nil},
		{"two args", "repeat(text,integer)", [][]byte{[]byte("ab"), []byte("3")}, []byte("ababab")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			oidText, err := c.QueryValue(ctx, "select '"+tc.fn+"'::regprocedure::oid")
			if err != nil {
				t.Fatal(err)
			}
			oid, _ := strconv.ParseUint(oidText, 10, 32)
			got, err := c.FunctionCall(ctx, uint32(oid), tc.args, nil, 0)
			if err != nil || !bytes.Equal(got, tc.want) || (got == nil) != (tc.want == nil) {
				t.Fatalf("%s = %q, %v; want %q", tc.fn, got, err, tc.want)
			}
		})
	}
}
