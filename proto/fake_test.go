package proto_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
	"github.com/gpsql/gpsql/proto/wire"
)

func connectFake(t *testing.T, script pgtest.Script) (*proto.Conn, error) {
	t.Helper()
	f, err := pgtest.StartFake(script)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.Close)
	return connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=u dbname=d sslmode=disable connect_timeout=2", f.Port))
}

// TestBrokenServerStartup: garbage and dropped connections during start-up give libpq's
// texts, never a panic or a hang.
func TestBrokenServerStartup(t *testing.T) {
	tests := []struct {
		name   string
		script pgtest.Script
		want   string
	}{
		{"closes at once", func(b *wire.Backend, nc net.Conn) { b.ReceiveStartup() }, "server closed the connection unexpectedly"},
		{"garbage type byte", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			nc.Write([]byte("Xgarbage"))
		}, `expected authentication request from server, but received X`},
		{"plain text error", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			nc.Write([]byte("EFATAL:  sorry, too many clients already\n\x00"))
		}, "FATAL:  sorry, too many clients already"},
		{"huge length", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			nc.Write([]byte{'R', 0x7f, 0xff, 0xff, 0xff})
		}, "expected authentication request from server, but received R"},
		{"unknown auth method", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			nc.Write([]byte{'R', 0, 0, 0, 8, 0, 0, 0, 99})
		}, "authentication method 99 not supported"},
		{"gssapi", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			b.Send(&wire.AuthenticationGSS{})
			b.Flush()
		}, "GSSAPI authentication not supported"},
		{"sspi", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			b.Send(&wire.AuthenticationSSPI{})
			b.Flush()
		}, "SSPI authentication not supported"},
		{"ready before auth", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			b.Send(&wire.ReadyForQuery{TxStatus: 'I'})
			b.Flush()
		}, "expected authentication request from server, but received Z"},
		{"silent server times out", func(b *wire.Backend, nc net.Conn) {
			b.ReceiveStartup()
			io.Copy(io.Discard, nc) // until the client gives up
		}, "timeout expired"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connectFake(t, tc.script)
			if err == nil {
				c.Close()
				t.Fatal("connected to a broken server")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

// TestBrokenServerQuery: a connection lost or a garbage message in the middle of a result
// ends the query with a ConnLostError; rows already read were delivered.
func TestBrokenServerQuery(t *testing.T) {
	rows := func(b *wire.Backend) {
		b.Receive()
		b.Send(&wire.RowDescription{Fields: []wire.FieldDescription{{Name: "a", DataTypeOID: 23, DataTypeSize: 4, TypeModifier: -1}}})
		b.Send(&wire.DataRow{Values: [][]byte{[]byte("1")}})
		b.Flush()
	}
	tests := []struct {
		name   string
		script pgtest.Script
		want   string
	}{
		{"dropped mid-rows", func(b *wire.Backend, nc net.Conn) {
			if pgtest.Handshake(b, nc) {
				rows(b)
			}
		}, "server closed the connection unexpectedly"},
		{"garbage mid-rows", func(b *wire.Backend, nc net.Conn) {
			if pgtest.Handshake(b, nc) {
				rows(b)
				nc.Write([]byte{'!', 0, 0, 0, 4})
				io.Copy(io.Discard, nc)
			}
		}, `unexpected response from server; first received character was "!"`},
		{"oversized short message", func(b *wire.Backend, nc net.Conn) {
			if pgtest.Handshake(b, nc) {
				rows(b)
				nc.Write([]byte{'Z', 0, 1, 0, 0})
				io.Copy(io.Discard, nc)
			}
		}, `lost synchronization with server: got message type "Z", length 65536`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connectFake(t, tc.script)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			rs, err := c.Query(context.Background(), "select 1")
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for rs.NextResult() {
				for rs.Result().NextRow() {
					n++
				}
			}
			var lost *proto.ConnLostError
			if !errors.As(rs.Err(), &lost) || !strings.Contains(lost.Msg, tc.want) {
				t.Fatalf("Err() = %v, want ConnLostError containing %q", rs.Err(), tc.want)
			}
			if n != 1 {
				t.Fatalf("rows delivered = %d, want 1", n)
			}
			if !c.Closed() {
				t.Fatal("connection not marked broken")
			}
			if _, err := c.Query(context.Background(), "select 1"); err == nil {
				t.Fatal("query on a broken connection succeeded")
			}
		})
	}
}

// TestMalformedRowKeepsSession: a DataRow whose contents disagree with its length fails the
// statement with libpq's text, and the connection stays usable.
func TestMalformedRowKeepsSession(t *testing.T) {
	c, err := connectFake(t, func(b *wire.Backend, nc net.Conn) {
		if !pgtest.Handshake(b, nc) {
			return
		}
		for i := 0; ; i++ {
			if _, err := b.Receive(); err != nil {
				return
			}
			b.Send(&wire.RowDescription{Fields: []wire.FieldDescription{{Name: "a", DataTypeOID: 25, TypeModifier: -1}}})
			if i == 0 {
				b.Flush()
				// A DataRow claiming one column of 100 bytes but carrying 2.
				nc.Write([]byte{'D', 0, 0, 0, 12, 0, 1, 0, 0, 0, 100, 'h', 'i'})
				b.Send(&wire.DataRow{Values: [][]byte{[]byte("after")}})
			} else {
				b.Send(&wire.DataRow{Values: [][]byte{[]byte("ok")}})
			}
			b.Send(&wire.CommandComplete{CommandTag: []byte("SELECT 1")})
			b.Send(&wire.ReadyForQuery{TxStatus: 'I'})
			b.Flush()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.QueryValue(context.Background(), "select 1")
	if err == nil || !strings.Contains(err.Error(), `message contents do not agree with length in message type "D"`) {
		t.Fatalf("first query error = %v", err)
	}
	v, err := c.QueryValue(context.Background(), "select 2")
	if err != nil || v != "ok" {
		t.Fatalf("second query = %q, %v; want the session to survive", v, err)
	}
}
