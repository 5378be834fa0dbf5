package proto_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
)

// pg13Server starts a PostgreSQL 13 server (the last that speaks protocol 2.0) from
// $GPSQL_PG13_BIN, installed by .ci/test from the npm registry.
func pg13Server(t *testing.T) *pgtest.Server { return pgtest.StartFromEnv(t, "GPSQL_PG13_BIN", 13) }

// rows runs sql and renders every result as lines: tag, NULLs as <null>, errors as
// SEVERITY: message @position.
func rows(t *testing.T, c *proto.Conn, sql string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	rs, err := c.Query(ctx, sql)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for rs.NextResult() {
		r := rs.Result()
		var names []string
		for _, f := range r.Fields {
			names = append(names, f.Name)
		}
		if r.HasRows() {
			fmt.Fprintf(&b, "[%s]\n", strings.Join(names, ","))
		}
		for r.NextRow() {
			var vs []string
			for _, v := range r.Values() {
				if v == nil {
					vs = append(vs, "<null>")
				} else {
					vs = append(vs, string(v))
				}
			}
			fmt.Fprintf(&b, "%s\n", strings.Join(vs, "|"))
		}
		var se *proto.ServerError
		switch err := r.Err(); {
		case errors.As(err, &se):
			fmt.Fprintf(&b, "%s: %s @%d\n", se.Severity, se.Message, se.Position)
		case err != nil:
			fmt.Fprintf(&b, "err: %v\n", err)
		case r.Empty():
			b.WriteString("empty\n")
		default:
			fmt.Fprintf(&b, "%s\n", r.CommandTag())
		}
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestProtocol2Connect connects to PostgreSQL 13 with the protocol forced to 2.0, with each
// authentication method 2.0 knows, and checks what the server saw.
func TestProtocol2Connect(t *testing.T) {
	s := pg13Server(t)
	base := fmt.Sprintf("host=127.0.0.1 port=%d dbname=postgres sslmode=disable max_protocol_version=2.0 min_protocol_version=2.0 ", s.Port)
	tests := []struct {
		name, conninfo, wantUser, wantErr string
	}{
		{name: "trust", conninfo: base + "user=postgres", wantUser: "postgres"},
		{name: "cleartext", conninfo: base + "user=pw_user password=pw_pw", wantUser: "pw_user"},
		{name: "md5", conninfo: base + "user=md5_user password=md5_pw", wantUser: "md5_user"},
		{name: "md5 wrong password", conninfo: base + "user=md5_user password=nope",
			wantErr: `FATAL:  password authentication failed for user "md5_user"`},
		{name: "scram is refused by the server", conninfo: base + "user=scram_user password=scram_pw",
			wantErr: "FATAL:  "},
		{name: "socket", conninfo: fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres max_protocol_version=2.0", s.SocketDir, s.Port), wantUser: "postgres"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := connect(t, tc.conninfo)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if v := c.ProtocolVersion(); v != 20000 {
				t.Errorf("ProtocolVersion = %d, want 20000", v)
			}
			if got := rows(t, c, "select current_user"); got != "[current_user]\n"+tc.wantUser+"\nSELECT 1\n" {
				t.Errorf("current_user: %q", got)
			}
			if v := c.ServerVersionNum(); v/10000 != 13 {
				t.Errorf("ServerVersionNum = %d", v)
			}
			if c.PID() == 0 {
				t.Error("no BackendKeyData")
			}
		})
	}
}

// TestProtocol2Query runs the same statements over 2.0 and 3.0 on PostgreSQL 13 and wants
// the same results, NULLs, several result sets and errors included.
func TestProtocol2Query(t *testing.T) {
	s := pg13Server(t)
	base := fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres ", s.SocketDir, s.Port)
	c2, err := connect(t, base+"max_protocol_version=2.0")
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	c3, err := connect(t, base)
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	for _, p := range []string{"client_encoding", "server_encoding", "standard_conforming_strings", "DateStyle", "integer_datetimes", "server_version", "is_superuser", "session_authorization"} {
		if a, b := c2.ParameterStatus(p), c3.ParameterStatus(p); a != b || a == "" {
			t.Errorf("%s: 2.0 %q, 3.0 %q", p, a, b)
		}
	}
	tests := []struct{ name, sql string }{
		{"nulls", "select 1 as a, null::text as b, 'x' as c, null as d, 2, 3, 4, 5, null, 'ten'"},
		{"many rows", "select g, case when g % 3 = 0 then null else g::text end from generate_series(1, 20) g"},
		{"several results", "create temp table t(a int, b text); insert into t values (1, null), (2, 'two'); select * from t order by a; update t set b = 'u'; delete from t"},
		{"empty", ";"},
		{"error with position", "select * from nosuchtable"},
		{"error without position", "select 1/0"},
		{"error stops the string", "select 1; select 1/0; select 2"},
		{"notice", "do $$begin raise notice 'hello'; end$$"},
		{"empty string and wide", "select '', repeat('x', 100000)"},
		{"binary cursor", "begin; declare c binary cursor for select 1::int4, null::int4; fetch all from c; commit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, want := rows(t, c2, tc.sql), rows(t, c3, tc.sql)
			if got != want {
				t.Errorf("2.0:\n%s\n3.0:\n%s", got, want)
			}
		})
	}
}

// TestProtocol2TxStatus follows the transaction status, which 2.0's ReadyForQuery lacks.
func TestProtocol2TxStatus(t *testing.T) {
	s := pg13Server(t)
	c, err := connect(t, fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres max_protocol_version=2.0", s.SocketDir, s.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	steps := []struct {
		sql  string
		want byte
	}{
		{"select 1", 'I'}, {"begin", 'T'}, {"select 1", 'T'}, {"select 1/0", 'E'},
		{"rollback", 'I'}, {"start transaction", 'T'}, {"commit", 'I'}, {"begin; select 1/0", 'E'}, {"commit", 'I'},
	}
	for _, st := range steps {
		rows(t, c, st.sql)
		if got := c.TxStatus(); got != st.want {
			t.Errorf("after %q: %c, want %c", st.sql, got, st.want)
		}
	}
}

// TestProtocol2Copy copies both ways over 2.0, with the \. end-marker rules.
func TestProtocol2Copy(t *testing.T) {
	s := pg13Server(t)
	c, err := connect(t, fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres max_protocol_version=2.0", s.SocketDir, s.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := t.Context()
	rows(t, c, "create table cp(a int, b text)")
	tests := []struct {
		name, in, wantTag, wantOut string
	}{
		{"plain", "1\tone\n2\t\\N\n", "COPY 2", "1\tone\n2\t\\N\n"},
		{"no final newline", "1\tone\n2\ttwo", "COPY 2", "1\tone\n2\ttwo\n"},
		{"end marker stops", "1\tone\n\\.\n2\ttwo\n", "COPY 1", "1\tone\n"},
		{"crlf end marker", "1\tone\n\\.\r\n2\ttwo\n", "COPY 1", "1\tone\n"},
		{"final marker without newline", "1\tone\n\\.", "COPY 1", "1\tone\n"},
		{"empty", "", "COPY 0", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rows(t, c, "truncate cp")
			tag, err := c.CopyFrom(ctx, "copy cp from stdin", oneByteReader{strings.NewReader(tc.in)}, nil)
			if err != nil || tag != tc.wantTag {
				t.Fatalf("CopyFrom = %q, %v; want %q", tag, err, tc.wantTag)
			}
			var out bytes.Buffer
			tag, err = c.CopyTo(ctx, "copy (select * from cp order by a) to stdout", &out, nil)
			if err != nil || tag != strings.Replace(tc.wantTag, "COPY", "COPY", 1) {
				t.Fatalf("CopyTo = %q, %v", tag, err)
			}
			if out.String() != tc.wantOut {
				t.Errorf("out %q, want %q", out.String(), tc.wantOut)
			}
			if got := rows(t, c, "select 'alive'"); got != "[?column?]\nalive\nSELECT 1\n" {
				t.Errorf("after copy: %q", got)
			}
		})
	}
	t.Run("bad row", func(t *testing.T) {
		_, err := c.CopyFrom(ctx, "copy cp from stdin", strings.NewReader("x\ty\n"), nil)
		// A 2.0 server cannot find the next message after an error inside COPY data: it
		// ends the session with a FATAL error (postgres.c, "protocol synchronization was lost").
		var lost *proto.ConnLostError
		if !errors.As(err, &lost) || lost.Fatal == nil || !strings.Contains(lost.Fatal.Message, "synchronization") {
			t.Fatalf("err = %#v", err)
		}
	})
}

// oneByteReader returns one byte per Read, so that every "\." line is cut by chunk borders.
type oneByteReader struct{ r *strings.Reader }

func (o oneByteReader) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}

// TestProtocol2NotifyCancelLimits: notifications arrive without payload, a pg_sleep is
// cancelled, and what 2.0 cannot do fails with an error naming it.
func TestProtocol2NotifyCancelLimits(t *testing.T) {
	s := pg13Server(t)
	conninfo := fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres max_protocol_version=2.0", s.SocketDir, s.Port)
	cfg, err := proto.ParseConnString(conninfo, testEnv())
	if err != nil {
		t.Fatal(err)
	}
	var got []proto.Notification
	c, err := proto.Connect(t.Context(), cfg, proto.ConnectOptions{Env: testEnv(), OnNotification: func(n *proto.Notification) { got = append(got, *n) }})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	t.Run("notify", func(t *testing.T) {
		rows(t, c, "listen ch; notify ch, 'payload dropped'")
		if len(got) != 1 || got[0].Channel != "ch" || got[0].Payload != "" || got[0].PID != c.PID() {
			t.Fatalf("notifications %+v", got)
		}
	})
	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := c.QueryValue(ctx, "select pg_sleep(20)")
		var se *proto.ServerError
		if !errors.As(err, &se) || se.Message != "canceling statement due to user request" || time.Since(start) > 10*time.Second {
			t.Fatalf("err = %v after %v", err, time.Since(start))
		}
	})
	t.Run("extended query", func(t *testing.T) {
		_, err := c.ExecParams(t.Context(), "select $1", [][]byte{[]byte("1")}, nil)
		if !errors.Is(err, proto.ErrProtocol2) || !strings.Contains(err.Error(), "protocol 2.0") {
			t.Fatalf("err = %v", err)
		}
		if got := rows(t, c, "select 'alive'"); got != "[?column?]\nalive\nSELECT 1\n" {
			t.Errorf("after: %q", got)
		}
	})
}
