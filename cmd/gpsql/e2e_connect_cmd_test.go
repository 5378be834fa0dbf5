package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestConnectCommandDiff runs \c in psql's forms (positional with "-", conninfo strings,
// URIs, -reuse-previous), \conninfo over a socket, TCP, hostaddr and TLS, and \encoding,
// side by side with psql; a failed \c ends a script with code 2.
func TestConnectCommandDiff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	port := fmt.Sprint(srv.Port)
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []diffCase{
		{name: "positional", args: []string{"-X", "-f", write("pos.sql", `\conninfo
\c template1
\conninfo
\c - scram_user
\echo :DBNAME :USER
\c postgres postgres
\c - - 127.0.0.1
\conninfo
\c - - localhost
\conninfo
\c - - `+srv.SocketDir+` `+port+`
\conninfo
\c - - - -
\c "template1"
\c -reuse-previous=foo
\c "dbname=postgres" postgres
select current_database(), current_user;
`)}},
		{name: "conninfo strings", args: []string{"-X", "-f", write("cs.sql", `\c -reuse-previous=on dbname=template1
\conninfo
\c -reuse-previous=on host=127.0.0.1
\conninfo
\c postgresql://postgres@127.0.0.1:`+port+`/template1?sslmode=disable
\conninfo
\c postgresql://postgres@127.0.0.1:`+port+`?sslmode=require&sslrootcert=`+srv.CACert+`
\conninfo
\c "hostaddr=127.0.0.1 port=`+port+` user=postgres dbname=postgres sslmode=disable"
\conninfo
\c "host=localhost hostaddr=127.0.0.1 port=`+port+` user=postgres dbname=postgres sslmode=disable"
\conninfo
\c "dbname=postgres host=`+srv.SocketDir+` port=`+port+` user=postgres"
\c "host=127.0.0.1 port=1 dbname=postgres"
select 'not reached';
`)}},
		{name: "failed connect ends script", args: []string{"-X", "-f", write("fail.sql", "\\c nosuchdb\nselect 'not reached';\n")}},
		{name: "failed connect with -c", args: []string{"-X", "-c", "\\c nosuchdb", "-c", "\\conninfo", "-c", "select 1", "-c", "\\c postgres"}},
		{name: "failed connect with -c then query", args: []string{"-X", "-c", "\\c nosuchdb", "-c", "select 1"}},
		{name: "bad connection string", args: []string{"-X", "-c", "\\c \"host='unterminated\""}},
		// A host given by name: libpq's PQhostaddr is the address that answered.
		{name: "conninfo host name", args: []string{"-X", "-h", "localhost", "-c", "\\conninfo"}},
		{name: "conninfo host list", args: []string{"-X", "-h", "nosuch.invalid,localhost", "-c", "\\conninfo"}},
		{name: "quiet", args: []string{"-X", "-q", "-c", "\\c template1", "-c", "select current_database()"}},
		{name: "encoding", args: []string{"-X", "-f", write("enc.sql", `\encoding
\encoding latin1
\encoding
\echo :ENCODING
show client_encoding;
\encoding foo
\encoding
`)}},
	}
	for i := range tests {
		tests[i].env = sockEnv()
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
