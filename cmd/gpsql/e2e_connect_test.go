package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestConnectDiff connects with every authentication method and sslmode, with passwords
// from every source, and checks gpsql's output and exit code against psql's, failures
// included.
func TestConnectDiff(t *testing.T) {
	q := []string{"-X", "-c", "select current_user, (select ssl from pg_stat_ssl where pid = pg_backend_pid()) as ssl"}
	ca := "sslrootcert=" + srv.CACert
	port := fmt.Sprintf("port=%d", srv.Port)
	conn := func(s string) []string { return append([]string{s}, q...) }
	pgpass := filepath.Join(homeDir, "pgpass-ok")
	os.WriteFile(pgpass, []byte(fmt.Sprintf("# comment\n127.0.0.1:%d:*:scram_user:scram_pw\nlocalhost:*:*:md5_user:md5_pw\n*:*:*:pw_user:wrong\\:pw\n", srv.Port)), 0o600)
	pgpassOpen := filepath.Join(homeDir, "pgpass-open")
	os.WriteFile(pgpassOpen, []byte("*:*:*:*:scram_pw\n"), 0o644)
	os.Chmod(pgpassOpen, 0o644)

	tests := []diffCase{
		{name: "socket trust", args: q, env: sockEnv()},
		{name: "tcp trust sslmode prefer", args: conn("host=127.0.0.1 user=postgres " + port), env: nil},
		{name: "tcp trust sslmode disable", args: conn("host=127.0.0.1 user=postgres sslmode=disable " + port)},
		{name: "tcp trust sslmode allow", args: conn("host=127.0.0.1 user=postgres sslmode=allow " + port)},
		{name: "tcp trust sslmode require", args: conn("host=127.0.0.1 user=postgres sslmode=require " + port)},
		{name: "verify-ca", args: conn("host=127.0.0.1 user=postgres sslmode=verify-ca " + ca + " " + port)},
		{name: "verify-full localhost", args: conn("host=localhost user=postgres sslmode=verify-full " + ca + " " + port)},
		{name: "verify-full ip", args: conn("host=127.0.0.1 user=postgres sslmode=verify-full " + ca + " " + port)},
		{name: "verify-full wrong host name", args: conn("host=wrong.example hostaddr=127.0.0.1 user=postgres sslmode=verify-full " + ca + " " + port)},
		{name: "verify-full missing root cert", args: conn("host=127.0.0.1 user=postgres sslmode=verify-full " + port)},
		{name: "verify-ca wrong root", args: conn("host=127.0.0.1 user=postgres sslmode=verify-ca sslrootcert=" + srv.ClientCert + " " + port)},
		{name: "ssl-only user without ssl", args: conn("host=127.0.0.1 user=ssl_user sslmode=disable " + port)},
		{name: "ssl-only user with ssl", args: conn("host=127.0.0.1 user=ssl_user sslmode=require " + port)},
		{name: "nossl user refused tls require", args: conn("host=127.0.0.1 user=nossl_user sslmode=require " + port)},
		{name: "nossl user prefer falls back", args: conn("host=127.0.0.1 user=nossl_user sslmode=prefer " + port)},
		{name: "client certificate", args: conn("host=127.0.0.1 user=cert_user sslmode=require sslcert=" + srv.ClientCert + " sslkey=" + srv.ClientKey + " " + port)},
		{name: "client certificate missing", args: conn("host=127.0.0.1 user=cert_user sslmode=require " + port)},
		{name: "scram from PGPASSWORD", args: conn("host=127.0.0.1 user=scram_user " + port), env: []string{"PGPASSWORD=scram_pw"}},
		{name: "scram from conninfo no ssl", args: conn("host=127.0.0.1 user=scram_user sslmode=disable password=scram_pw " + port)},
		{name: "scram plus channel binding required", args: conn("host=127.0.0.1 user=scram_user sslmode=require channel_binding=require password=scram_pw " + port)},
		{name: "channel binding required without ssl", args: conn("host=127.0.0.1 user=scram_user sslmode=disable channel_binding=require password=scram_pw " + port)},
		{name: "channel binding required with trust", args: conn("host=127.0.0.1 user=postgres sslmode=require channel_binding=require " + port)},
		{name: "channel binding disabled", args: conn("host=127.0.0.1 user=scram_user sslmode=require channel_binding=disable password=scram_pw " + port)},
		{name: "scram wrong password", args: conn("host=127.0.0.1 user=scram_user password=nope " + port)},
		{name: "scram no password -w", args: append([]string{"-w", "host=127.0.0.1 user=scram_user " + port}, q...)},
		{name: "md5 right", args: conn("host=127.0.0.1 user=md5_user password=md5_pw " + port)},
		{name: "md5 wrong", args: conn("host=127.0.0.1 user=md5_user password=nope sslmode=disable " + port)},
		{name: "cleartext right", args: conn("host=127.0.0.1 user=pw_user password=pw_pw " + port)},
		{name: "cleartext wrong", args: conn("host=127.0.0.1 user=pw_user password=nope sslmode=disable " + port)},
		{name: "passfile scram", args: conn("host=127.0.0.1 user=scram_user " + port), env: []string{"PGPASSFILE=" + pgpass}},
		{name: "passfile localhost md5", args: conn("host=localhost user=md5_user " + port), env: []string{"PGPASSFILE=" + pgpass}},
		{name: "passfile wrong password says so", args: conn("host=127.0.0.1 user=pw_user sslmode=disable " + port), env: []string{"PGPASSFILE=" + pgpass}},
		{name: "passfile readable by others is ignored", args: append([]string{"-w", "host=127.0.0.1 user=scram_user sslmode=disable " + port}, q...), env: []string{"PGPASSFILE=" + pgpassOpen}},
		{name: "uri with percent-encoded password", args: conn(fmt.Sprintf("postgresql://scram_user:scram%%5Fpw@127.0.0.1:%d/postgres?sslmode=disable", srv.Port))},
		{name: "uri socket host", args: conn(fmt.Sprintf("postgresql://postgres@%%2F%s:%d/postgres", srv.SocketDir[1:], srv.Port))},
		{name: "several hosts first refused", args: conn(fmt.Sprintf("host=127.0.0.1,127.0.0.1 port=1,%d user=postgres", srv.Port))},
		{name: "all hosts refused", args: conn("host=127.0.0.1,/nonexistent port=1,2 user=postgres")},
		{name: "unknown host", args: conn("host=nonexistent.invalid user=postgres")},
		{name: "no socket", args: conn("host=/nonexistent user=postgres")},
		{name: "unknown database", args: conn("host=127.0.0.1 user=postgres dbname=nodb " + port)},
		{name: "unknown role", args: conn("host=127.0.0.1 user=nobody " + port)},
		{name: "target read-write ok", args: conn("host=127.0.0.1 user=postgres target_session_attrs=read-write " + port)},
		{name: "target standby refused", args: conn("host=127.0.0.1 user=postgres target_session_attrs=standby " + port)},
		{name: "flags host port user db", args: append([]string{"-h", "127.0.0.1", "-p", fmt.Sprint(srv.Port), "-U", "postgres", "-d", "postgres"}, q...)},
		{name: "positional db and user", args: append([]string{"-h", srv.SocketDir, "-p", fmt.Sprint(srv.Port), "postgres", "postgres"}, q...)},
		{name: "bad conninfo keyword", args: conn("host=127.0.0.1 foo=bar")},
		{name: "bad sslmode", args: conn("host=127.0.0.1 sslmode=sometimes")},
		{name: "bad uri", args: conn("postgresql://[::1")},
	}
	for i := range tests {
		if tests[i].env == nil {
			tests[i].env = []string{}
		}
		tests[i].env = append(tests[i].env, "PGDATABASE=postgres")
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
