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

// TestHostileServer: what a real server will not do on demand. Each case ends with a clear
// error and no panic or hang.
func TestHostileServer(t *testing.T) {
	rowDesc := &wire.RowDescription{Fields: []wire.FieldDescription{{Name: "a", DataTypeOID: 25, TypeModifier: -1}}}
	tests := []struct {
		name     string
		script   func(b *wire.Backend, nc net.Conn)
		wantRows int
		want     string // in the ConnLostError
	}{
		{"cut mid-DataRow", func(b *wire.Backend, nc net.Conn) {
			b.Send(rowDesc)
			b.Send(&wire.DataRow{Values: [][]byte{[]byte("whole")}})
			b.Flush()
			// A DataRow announcing 100 bytes of which 10 arrive.
			nc.Write([]byte{'D', 0, 0, 0, 104, 0, 1, 0, 0, 0, 94, 'p', 'a', 'r', 't'})
		}, 1, "server closed the connection unexpectedly"},
		{"length of 2^31", func(b *wire.Backend, nc net.Conn) {
			b.Send(rowDesc)
			b.Flush()
			nc.Write([]byte{'D', 0x80, 0, 0, 0, 0, 1})
			io.Copy(io.Discard, nc)
		}, 0, `lost synchronization with server: got message type "D", length -2147483648`},
		{"length of 2^31-1, too large", func(b *wire.Backend, nc net.Conn) {
			b.Send(rowDesc)
			b.Flush()
			nc.Write([]byte{'D', 0x7f, 0xff, 0xff, 0xff, 0, 1})
			io.Copy(io.Discard, nc)
		}, 0, `lost synchronization with server: got message type "D", length 2147483643`},
		{"unknown message type", func(b *wire.Backend, nc net.Conn) {
			b.Send(rowDesc)
			b.Flush()
			nc.Write([]byte{'j', 0, 0, 0, 6, 'h', 'i'})
			io.Copy(io.Discard, nc)
		}, 0, `unexpected response from server; first received character was "j"`},
		{"PortalSuspended to a simple query", func(b *wire.Backend, nc net.Conn) {
			b.Send(rowDesc)
			b.Send(&wire.PortalSuspended{})
			b.Flush()
			io.Copy(io.Discard, nc)
		}, 0, `unexpected response from server; first received character was "s"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connectFake(t, func(b *wire.Backend, nc net.Conn) {
				if pgtest.Handshake(b, nc) {
					if _, err := b.Receive(); err == nil {
						tc.script(b, nc)
					}
				}
			})
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
			if n != tc.wantRows {
				t.Fatalf("rows delivered = %d, want %d", n, tc.wantRows)
			}
		})
	}
}

// TestBytesAfterTerminate: a server that keeps talking after Terminate does not hold up
// Close, and the server does see Terminate.
func TestBytesAfterTerminate(t *testing.T) {
	t.Parallel()
	sawTerminate := make(chan bool, 1)
	c, err := connectFake(t, func(b *wire.Backend, nc net.Conn) {
		if !pgtest.Handshake(b, nc) {
			return
		}
		m, err := b.Receive()
		_, ok := m.(*wire.Terminate)
		sawTerminate <- err == nil && ok
		for range 100 {
			if _, err := nc.Write([]byte("garbage after terminate\x00")); err != nil {
				return
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if !<-sawTerminate {
		t.Fatal("server did not receive Terminate")
	}
	if !c.Closed() {
		t.Fatal("not closed")
	}
	if _, err := c.Query(context.Background(), "select 1"); !errors.Is(err, proto.ErrClosed) {
		t.Fatalf("query after Close: %v", err)
	}
}

// TestFakeNegotiation: NegotiateProtocolVersion answers that libpq 18 refuses.
func TestFakeNegotiation(t *testing.T) {
	tests := []struct {
		name     string
		conninfo string
		msg      *wire.NegotiateProtocolVersion
		want     string
	}{
		{"higher version", "max_protocol_version=3.2", &wire.NegotiateProtocolVersion{NewestMinor: 3<<16 | 5},
			"server requested downgrade to a higher-numbered version"},
		{"3.1", "max_protocol_version=3.2", &wire.NegotiateProtocolVersion{NewestMinor: 3<<16 | 1},
			"server requested downgrade to non-existent 3.1 protocol version"},
		{"no change", "max_protocol_version=3.2", &wire.NegotiateProtocolVersion{NewestMinor: 3<<16 | 2},
			"server negotiated but asks for no changes"},
		{"unrequested option", "max_protocol_version=3.2", &wire.NegotiateProtocolVersion{NewestMinor: 3 << 16, UnrecognizedOptions: []string{"_pq_.x"}},
			`server reported an unsupported parameter that was not requested ("_pq_.x")`},
		{"option without prefix", "", &wire.NegotiateProtocolVersion{NewestMinor: 3 << 16, UnrecognizedOptions: []string{"x"}},
			`server reported unsupported parameter name without a _pq_. prefix ("x")`},
		{"below minimum", "min_protocol_version=3.2", &wire.NegotiateProtocolVersion{NewestMinor: 3 << 16},
			`server only supports protocol version 3.0, but "min_protocol_version" was set to 3.2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := pgtest.StartFake(func(b *wire.Backend, nc net.Conn) {
				if _, err := b.ReceiveStartup(); err == nil {
					b.Send(tc.msg)
					b.Send(&wire.AuthenticationOk{})
					b.Flush()
					io.Copy(io.Discard, nc)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			c, err := connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=u sslmode=disable connect_timeout=2 %s", f.Port, tc.conninfo))
			if err == nil {
				c.Close()
				t.Fatal("connected")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want %q", err, tc.want)
			}
		})
	}
}

// TestCopyBoth: a CopyBothResponse (which only a walsender sends) ends with ErrCopyBoth and
// the session goes on.
func TestCopyBoth(t *testing.T) {
	t.Parallel()
	clientDone := make(chan bool, 1)
	c, err := connectFake(t, func(b *wire.Backend, nc net.Conn) {
		if !pgtest.Handshake(b, nc) {
			return
		}
		if _, err := b.Receive(); err != nil {
			return
		}
		b.Send(&wire.CopyBothResponse{})
		b.Send(&wire.CopyData{Data: []byte("wal")})
		b.Flush()
		m, err := b.Receive()
		_, ok := m.(*wire.CopyDone)
		clientDone <- err == nil && ok
		b.Send(&wire.CopyDone{})
		b.Send(&wire.CommandComplete{CommandTag: []byte("START_REPLICATION")})
		b.Send(&wire.ReadyForQuery{TxStatus: 'I'})
		b.Flush()
		if _, err := b.Receive(); err != nil {
			return
		}
		b.Send(&wire.RowDescription{Fields: []wire.FieldDescription{{Name: "a", DataTypeOID: 25, TypeModifier: -1}}})
		b.Send(&wire.DataRow{Values: [][]byte{[]byte("fine")}})
		b.Send(&wire.CommandComplete{CommandTag: []byte("SELECT 1")})
		b.Send(&wire.ReadyForQuery{TxStatus: 'I'})
		b.Flush()
		io.Copy(io.Discard, nc)
	})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_, err = c.QueryValue(context.Background(), "START_REPLICATION 0/0")
	if !errors.Is(err, proto.ErrCopyBoth) {
		t.Fatalf("error %v, want ErrCopyBoth", err)
	}
	if !<-clientDone {
		t.Fatal("client did not end its side with CopyDone")
	}
	if v, err := c.QueryValue(context.Background(), "select 1"); err != nil || v != "fine" {
		t.Fatalf("after copy-both: %q %v", v, err)
	}
}
