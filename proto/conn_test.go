package proto_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
)

var srv *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &srv)) }

// testEnv is an environment with nothing set, so that only the connection string counts.
func testEnv() proto.Env {
	return proto.Env{
		LookupEnv: func(string) (string, bool) { return "", false },
		ReadFile:  os.ReadFile,
		Stat:      os.Stat,
		HomeDir:   "/nonexistent",
		OSUser:    "postgres",
	}
}

func connect(t *testing.T, conninfo string) (*proto.Conn, error) {
	t.Helper()
	cfg, err := proto.ParseConnString(conninfo, testEnv())
	if err != nil {
		t.Fatalf("parse %q: %v", conninfo, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return proto.Connect(ctx, cfg, proto.ConnectOptions{Env: testEnv()})
}

// TestAuthMethods connects with every method and TLS mode and checks what the server saw.
func TestAuthMethods(t *testing.T) {
	tcp := fmt.Sprintf("host=127.0.0.1 port=%d dbname=postgres ", srv.Port)
	tests := []struct {
		name     string
		conninfo string
		wantUser string
		wantTLS  bool
	}{
		{"socket trust", fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port), "postgres", false},
		{"tcp trust prefer", tcp + "user=postgres", "postgres", true},
		{"tcp trust disable", tcp + "user=postgres sslmode=disable", "postgres", false},
		{"tcp trust allow", tcp + "user=postgres sslmode=allow", "postgres", false},
		{"verify-full", "host=localhost " + tcp[len("host=127.0.0.1 "):] + "user=postgres sslmode=verify-full sslrootcert=" + srv.CACert, "postgres", true},
		{"scram plain", tcp + "user=scram_user password=scram_pw sslmode=disable", "scram_user", false},
		{"scram plus", tcp + "user=scram_user password=scram_pw sslmode=require channel_binding=require", "scram_user", true},
		{"md5", tcp + "user=md5_user password=md5_pw", "md5_user", true},
		{"cleartext", tcp + "user=pw_user password=pw_pw sslmode=disable", "pw_user", false},
		{"client cert", tcp + "user=cert_user sslmode=verify-ca sslrootcert=" + srv.CACert + " sslcert=" + srv.ClientCert + " sslkey=" + srv.ClientKey, "cert_user", true},
		{"nossl prefer falls back", tcp + "user=nossl_user sslmode=prefer", "nossl_user", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connect(t, tc.conninfo)
			if err != nil {
				t.Fatalf("connect: %v", err)
			}
			defer c.Close()
			user, err := c.QueryValue(context.Background(), "select current_user")
			if err != nil || user != tc.wantUser {
				t.Fatalf("current_user = %q, %v; want %q", user, err, tc.wantUser)
			}
			if (c.TLS() != nil) != tc.wantTLS {
				t.Fatalf("TLS in use = %v, want %v", c.TLS() != nil, tc.wantTLS)
			}
			ssl, _ := c.QueryValue(context.Background(), "select ssl::text from pg_stat_ssl where pid = pg_backend_pid()")
			if (ssl == "true") != tc.wantTLS {
				t.Fatalf("server says ssl = %q, want TLS %v", ssl, tc.wantTLS)
			}
		})
	}
}

func TestAuthFailures(t *testing.T) {
	tcp := fmt.Sprintf("host=127.0.0.1 port=%d dbname=postgres ", srv.Port)
	tests := []struct {
		name          string
		conninfo      string
		want          string
		needsPassword bool
	}{
		{"no password", tcp + "user=scram_user sslmode=disable", "fe_sendauth: no password supplied", true},
		{"wrong scram", tcp + "user=scram_user password=x sslmode=disable", `FATAL:  password authentication failed for user "scram_user"`, false},
		{"wrong md5", tcp + "user=md5_user password=x sslmode=disable", `FATAL:  password authentication failed for user "md5_user"`, false},
		{"binding without tls", tcp + "user=scram_user password=scram_pw sslmode=disable channel_binding=require", "channel binding required, but SSL not in use", false},
		{"binding with trust", tcp + "user=postgres sslmode=require channel_binding=require", "channel binding required, but server authenticated client without channel binding", false},
		{"require refused", tcp + "user=nossl_user sslmode=require", "pg_hba.conf rejects connection", false},
		{"verify-full wrong name", fmt.Sprintf("host=wrong.example hostaddr=127.0.0.1 port=%d user=postgres sslmode=verify-full sslrootcert=%s", srv.Port, srv.CACert), `server certificate for "localhost" (and 1 other name) does not match host name "wrong.example"`, false},
		{"untrusted root", tcp + "user=postgres sslmode=verify-ca sslrootcert=" + srv.ClientCert, "SSL error: certificate verify failed", false},
		{"refused port", "host=127.0.0.1 port=1 user=postgres", `connection to server at "127.0.0.1", port 1 failed: Connection refused`, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connect(t, tc.conninfo)
			if err == nil {
				c.Close()
				t.Fatal("connected, want failure")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
			var ce *proto.ConnectError
			if !errors.As(err, &ce) || ce.NeedsPassword != tc.needsPassword {
				t.Fatalf("NeedsPassword = %v, want %v (%T)", ce != nil && ce.NeedsPassword, tc.needsPassword, err)
			}
			if strings.Contains(err.Error(), "scram_pw") {
				t.Fatal("password in error text")
			}
		})
	}
}

// TestQueryResults checks the streamed result shapes of a multi-statement query string.
func TestQueryResults(t *testing.T) {
	c, err := connect(t, fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rs, err := c.Query(context.Background(), "select g, null::text from generate_series(1,3) g; create temp table q(a int); ; select 1/0; select 2")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rs.NextResult() {
		r := rs.Result()
		var rows []string
		for r.NextRow() {
			v := r.Values()
			rows = append(rows, fmt.Sprintf("%s/%v", v[0], v[1] == nil))
		}
		switch {
		case r.Err() != nil:
			got = append(got, "error "+r.Err().(*proto.ServerError).Code)
		case r.Empty():
			got = append(got, "empty")
		default:
			got = append(got, fmt.Sprintf("%s %v", r.CommandTag(), rows))
		}
	}
	if rs.Err() != nil {
		t.Fatal(rs.Err())
	}
	// An empty statement between semicolons sends nothing back; the error ends the string.
	want := []string{"SELECT 3 [1/true 2/true 3/true]", "CREATE TABLE []", "error 22012"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("results = %q, want %q", got, want)
	}
	if c.TxStatus() != 'I' {
		t.Fatalf("tx status %c", c.TxStatus())
	}
	rs, err = c.Query(context.Background(), "  ")
	if err != nil || !rs.NextResult() || !rs.Result().Empty() {
		t.Fatalf("empty query string: want EmptyQueryResponse (%v)", err)
	}
	rs.Close()
	v, err := c.QueryValue(context.Background(), "select 'still usable'")
	if err != nil || v != "still usable" {
		t.Fatalf("after error: %q %v", v, err)
	}
}

// TestCancel cancels a running query through the context: the server ends it with 57014
// and the connection stays usable.
func TestCancel(t *testing.T) {
	c, err := connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=postgres dbname=postgres", srv.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx, cancel := context.WithCancel(context.Background())
	rs, err := c.Query(ctx, "select pg_sleep(30)")
	if err != nil {
		t.Fatal(err)
	}
	time.AfterFunc(200*time.Millisecond, cancel)
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
	if code != "57014" {
		t.Fatalf("code %q, want 57014", code)
	}
	if v, err := c.QueryValue(context.Background(), "select 1"); err != nil || v != "1" {
		t.Fatalf("after cancel: %q %v", v, err)
	}
}
