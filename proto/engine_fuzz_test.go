package proto

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto/wire"
)

// scriptedConn is a net.Conn whose reads come from a fixed byte string (the server's side)
// and whose writes are dropped.
type scriptedConn struct{ r *bytes.Reader }

func (s *scriptedConn) Read(p []byte) (int, error)       { return s.r.Read(p) }
func (s *scriptedConn) Write(p []byte) (int, error)      { return len(p), nil }
func (s *scriptedConn) Close() error                     { return nil }
func (s *scriptedConn) LocalAddr() net.Addr              { return &net.UnixAddr{} }
func (s *scriptedConn) RemoteAddr() net.Addr             { return &net.UnixAddr{} }
func (s *scriptedConn) SetDeadline(time.Time) error      { return nil }
func (s *scriptedConn) SetReadDeadline(time.Time) error  { return nil }
func (s *scriptedConn) SetWriteDeadline(time.Time) error { return nil }

// FuzzEngine feeds arbitrary server bytes to every query path of a connection (simple,
// extended with a row limit, pipeline, COPY in and out, FunctionCall, Watch): whatever the
// bytes, each ends with a result or an error, without a panic or a hang. The first byte
// picks the path.
func FuzzEngine(f *testing.F) {
	enc := func(msgs ...wire.BackendMessage) []byte {
		var b []byte
		for _, m := range msgs {
			b, _ = m.Encode(b)
		}
		return b
	}
	rows := enc(&wire.RowDescription{Fields: []wire.FieldDescription{{Name: "a", DataTypeOID: 25}}},
		&wire.DataRow{Values: [][]byte{[]byte("x"), nil}}, &wire.CommandComplete{CommandTag: []byte("SELECT 1")},
		&wire.ReadyForQuery{TxStatus: 'I'})
	for op := range byte(7) {
		f.Add(append([]byte{op}, rows...))
	}
	f.Add(append([]byte{1}, enc(&wire.ParseComplete{}, &wire.BindComplete{}, &wire.RowDescription{},
		&wire.DataRow{}, &wire.PortalSuspended{}, &wire.DataRow{}, &wire.CommandComplete{CommandTag: []byte("SELECT 1")},
		&wire.ReadyForQuery{TxStatus: 'I'})...))
	f.Add(append([]byte{3}, enc(&wire.CopyInResponse{}, &wire.NoticeResponse{}, &wire.ErrorResponse{},
		&wire.ReadyForQuery{TxStatus: 'I'})...))
	f.Add(append([]byte{4}, enc(&wire.CopyOutResponse{}, &wire.CopyData{Data: []byte("1\n")}, &wire.CopyDone{},
		&wire.CommandComplete{CommandTag: []byte("COPY 1")}, &wire.ReadyForQuery{TxStatus: 'I'})...))
	f.Add(append([]byte{5}, enc(&wire.FunctionCallResponse{Result: []byte{1}}, &wire.ReadyForQuery{TxStatus: 'I'})...))
	f.Add(append([]byte{6}, enc(&wire.NotificationResponse{PID: 1, Channel: "c"}, &wire.ErrorResponse{Fields: wire.Fields{Severity: "FATAL"}})...))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		sc := &scriptedConn{r: bytes.NewReader(data[1:])}
		c := &Conn{cfg: &Config{}, nc: sc, fe: wire.NewFrontend(sc, sc), params: map[string]string{},
			notices: func(*Notice) {}, notifications: func(*Notification) {}}
		ctx := context.Background()
		var rs *Results
		var err error
		switch data[0] % 7 {
		case 0:
			rs, err = c.Query(ctx, "select 1")
		case 1:
			rs, err = c.ExecParams(ctx, "select $1", [][]byte{nil}, &ExecOptions{MaxRows: 1})
		case 2:
			rs, err = c.Pipeline(ctx, []Exec{{SQL: "select 1"}, {SQL: "select 2"}, {Statement: "s"}})
		case 3:
			rs, err = c.Query(ctx, "copy t from stdin")
			if rs != nil {
				rs.SetCopy(strings.NewReader("1\n2\n"), nil)
			}
		case 4:
			rs, err = c.Query(ctx, "copy t to stdout")
			if rs != nil {
				rs.SetCopy(nil, io.Discard)
			}
		case 5:
			c.FunctionCall(ctx, 1, [][]byte{{1}}, nil, 1)
			return
		case 6:
			c.Watch(ctx)
			return
		}
		if err != nil {
			return
		}
		for rs.NextResult() {
			r := rs.Result()
			for range 100 {
				for r.NextRow() {
					_ = r.Values()
				}
				if !r.Suspended() {
					break
				}
				r.Resume()
			}
			_ = r.Err()
		}
		if !rs.done {
			t.Fatal("results not finished")
		}
	})
}
