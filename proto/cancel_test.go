package proto_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
)

// waitActive waits until backend pid runs a statement containing pg_sleep, as seen from
// another session, so that a cancel cannot arrive before the statement started.
func waitActive(t *testing.T, observer *proto.Conn, pid uint32) {
	t.Helper()
	q := fmt.Sprintf("select count(*) from pg_stat_activity where pid = %d and state = 'active' and query like '%%pg_sleep%%'", pid)
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		v, err := observer.QueryValue(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if v == "1" {
			return
		}
	}
	t.Fatal("the statement never became active")
}

// cancelSleep runs pg_sleep(60) on c, cancels it once it runs, with ctx or with
// CancelRequest from another goroutine, and returns the time from the cancel to the end of
// the results.
func cancelSleep(t *testing.T, c, observer *proto.Conn, viaContext bool) time.Duration {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rs, err := c.Query(ctx, "select pg_sleep(60)")
	if err != nil {
		t.Fatal(err)
	}
	var start time.Time
	go func() {
		waitActive(t, observer, c.PID())
		start = time.Now()
		if viaContext {
			cancel()
		} else if err := c.CancelRequest(context.Background()); err != nil {
			t.Error(err)
		}
	}()
	var code string
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
		}
		var se *proto.ServerError
		if errors.As(r.Err(), &se) {
			code = se.Code
		}
	}
	elapsed := time.Since(start)
	if rs.Err() != nil || code != "57014" {
		t.Fatalf("query ended with %q, %v; want 57014", code, rs.Err())
	}
	if v, err := c.QueryValue(context.Background(), "select 'after'"); err != nil || v != "after" {
		t.Fatalf("after cancel: %q %v", v, err)
	}
	return elapsed
}

// TestCancelSleep: pg_sleep(60) is cancelled within a second, over every transport.
func TestCancelSleep(t *testing.T) {
	t.Parallel()
	tcp := fmt.Sprintf("host=127.0.0.1 port=%d user=postgres dbname=postgres ", srv.Port)
	tests := []struct {
		name, conninfo string
		viaContext     bool
	}{
		{"socket context", fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port), true},
		{"tcp plain CancelRequest", tcp + "sslmode=disable", false},
		{"tcp tls context", tcp + "sslmode=require", true},
		{"protocol 3.2 requested", tcp + "sslmode=disable max_protocol_version=3.2", true},
	}
	observer := socketConn(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := connect(t, tc.conninfo)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if d := cancelSleep(t, c, observer, tc.viaContext); d > time.Second {
				t.Fatalf("cancel took %v", d)
			}
		})
	}
}

// recordingProxy forwards loopback connections to a server and records the first 8 bytes
// (length word and code) of each one.
type recordingProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	heads [][8]byte
}

func startProxy(t *testing.T, target string) *recordingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &recordingProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			go p.serve(in, target)
		}
	}()
	return p
}

func (p *recordingProxy) serve(in net.Conn, target string) {
	defer in.Close()
	var head [8]byte
	if _, err := io.ReadFull(in, head[:]); err != nil {
		return
	}
	p.mu.Lock()
	p.heads = append(p.heads, head)
	p.mu.Unlock()
	out, err := net.Dial("tcp", target)
	if err != nil {
		return
	}
	defer out.Close()
	out.Write(head[:])
	go func() { io.Copy(in, out); in.Close() }()
	io.Copy(out, in)
}

func (p *recordingProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func (p *recordingProxy) firstPackets() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, h := range p.heads {
		l, code := binary.BigEndian.Uint32(h[:4]), binary.BigEndian.Uint32(h[4:])
		switch code {
		case 80877103:
			out = append(out, "SSLRequest")
		case 80877102:
			out = append(out, fmt.Sprintf("CancelRequest(%d)", l))
		default:
			out = append(out, fmt.Sprintf("Startup(%d.%d)", code>>16, code&0xffff))
		}
	}
	return out
}

// TestCancelTransport checks what the cancel connection sends first: TLS negotiation when
// the session uses TLS, and a key as long as the server gave.
func TestCancelTransport(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		server   func(t *testing.T) *pgtest.Server
		settings string
		want     []string
		wantVer  int
	}{
		{"tls", func(*testing.T) *pgtest.Server { return srv }, "sslmode=require", []string{"SSLRequest", "SSLRequest"}, 30000},
		{"plain", func(*testing.T) *pgtest.Server { return srv }, "sslmode=disable", []string{"Startup(3.0)", "CancelRequest(16)"}, 30000},
		{"3.2 from 15 negotiates 3.0", olderServer, "sslmode=disable max_protocol_version=3.2",
			[]string{"Startup(3.2)", "CancelRequest(16)"}, 30000},
		// PostgreSQL 18 gives 32-byte keys under protocol 3.2: 12 + 32 bytes.
		{"3.2 on 18", newerServer, "sslmode=disable max_protocol_version=3.2", []string{"Startup(3.2)", "CancelRequest(44)"}, 30002},
		{"3.0 on 18", newerServer, "sslmode=disable", []string{"Startup(3.0)", "CancelRequest(16)"}, 30000},
		{"3.2 on 18 over tls", newerServer, "sslmode=require min_protocol_version=3.2", []string{"SSLRequest", "SSLRequest"}, 30002},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.server(t)
			p := startProxy(t, fmt.Sprintf("127.0.0.1:%d", s.Port))
			c, err := connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=postgres dbname=postgres %s", p.port(), tc.settings))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if c.ProtocolVersion() != tc.wantVer {
				t.Fatalf("protocol version %d, want %d", c.ProtocolVersion(), tc.wantVer)
			}
			observer, err := connect(t, fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", s.SocketDir, s.Port))
			if err != nil {
				t.Fatal(err)
			}
			defer observer.Close()
			if d := cancelSleep(t, c, observer, false); d > time.Second {
				t.Fatalf("cancel took %v", d)
			}
			if got := p.firstPackets(); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("first packets %v, want %v", got, tc.want)
			}
		})
	}
}

// olderServer is the package's server if it predates protocol 3.2 (PostgreSQL 17 or older);
// the test is skipped when the suite runs against a newer one (PG_BIN).
func olderServer(t *testing.T) *pgtest.Server {
	if srv.Version >= 18 {
		t.Skipf("the test server is PostgreSQL %d, which speaks protocol 3.2", srv.Version)
	}
	return srv
}

// TestMinProtocolVersion: a server older than min_protocol_version=3.2 is refused with
// libpq 18's text.
func TestMinProtocolVersion(t *testing.T) {
	t.Parallel()
	s := olderServer(t)
	_, err := connect(t, fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres min_protocol_version=3.2", s.SocketDir, s.Port))
	want := `server only supports protocol version 3.0, but "min_protocol_version" was set to 3.2`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("error %v, want %q", err, want)
	}
}

// TestTerminateBackend: pg_terminate_backend of our own backend is a lost connection; the
// server's FATAL comes first as the statement's error and is kept in the ConnLostError.
func TestTerminateBackend(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	rs, err := c.Query(context.Background(), "select pg_terminate_backend(pg_backend_pid())")
	if err != nil {
		t.Fatal(err)
	}
	var stmtErrs []string
	for rs.NextResult() {
		stmtErrs = append(stmtErrs, flatten(rs.Result()).err)
	}
	if fmt.Sprint(stmtErrs) != "[57P01]" {
		t.Fatalf("statement errors %v, want [57P01] (%v)", stmtErrs, rs.Err())
	}
	var lost *proto.ConnLostError
	if !errors.As(rs.Err(), &lost) {
		t.Fatalf("Err() = %v, want ConnLostError", rs.Err())
	}
	want := "server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n\tbefore or while processing the request."
	if lost.Msg != want {
		t.Fatalf("message %q, want libpq's %q", lost.Msg, want)
	}
	if lost.Fatal == nil || lost.Fatal.Error() != "FATAL:  terminating connection due to administrator command" {
		t.Fatalf("Fatal = %v", lost.Fatal)
	}
	if !c.Closed() {
		t.Fatal("connection not closed")
	}
	if _, err := c.Query(context.Background(), "select 1"); !errors.As(err, &lost) {
		t.Fatalf("query after loss: %v", err)
	}
}
