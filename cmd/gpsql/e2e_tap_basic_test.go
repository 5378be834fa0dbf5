package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto/pgtest"
	"github.com/gpsql/gpsql/proto/wire"
)

// The checks of psql 15's own TAP test src/bin/psql/t/001_basic.pl, run through psql 15 and
// gpsql. Where psql's text is PostgreSQL's prose that gpsql writes in its own words (--help,
// \copyright, \h), both clients must pass the .pl's property (exit code, empty standard
// error, a word in the output); everything else is compared byte for byte.

// tapConnstr is the -d argument of the .pl's $node->psql: port, host and a quoted dbname,
// with " replication=database" for its psql_fails_like.
func tapConnstr(replication bool) string {
	s := fmt.Sprintf("port=%d host=%s dbname='postgres'", srv.Port, srv.SocketDir)
	if replication {
		s += " replication=database"
	}
	return s
}

// tapArgs is the command line of $node->psql: -XAtq -d CONNSTR -f -, plus
// -v ON_ERROR_STOP=1 unless onErrorStop is false.
func tapArgs(replication, onErrorStop bool) []string {
	args := []string{"-XAtq", "-d", tapConnstr(replication), "-f", "-"}
	if onErrorStop {
		args = append(args, "-v", "ON_ERROR_STOP=1")
	}
	return args
}

// TestTapBasicProperties covers the .pl's checks on texts gpsql words its own way: the exit
// code, whether standard output is empty, standard error, and the word the .pl looks for
// must all be as with psql.
func TestTapBasicProperties(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		args  []string
		stdin string
		want  string // a regular expression standard output matches, "" for any
	}{
		{name: "help", args: []string{"--help"}},
		{name: "version", args: []string{"--version"}},
		{name: "invalid option", args: []string{"--not-a-valid-option"}},
		{name: "help commands", args: []string{"--help=commands"}},
		{name: "help variables", args: []string{"--help=variables"}},
		{name: "copyright", args: tapArgs(false, true), stdin: `\copyright`, want: `Copyright`},
		{name: "help without argument", args: tapArgs(false, true), stdin: `\help`, want: `ALTER`},
		{name: "help with argument", args: tapArgs(false, true), stdin: `\help SELECT`, want: `SELECT`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := normalized(runClient(t, psqlBin, tc.args, sockEnv(), tc.stdin))
			got := normalized(runClient(t, gpsqlBin, tc.args, sockEnv(), tc.stdin))
			if got.code != want.code {
				t.Errorf("exit code %d, psql's %d", got.code, want.code)
			}
			if (got.stdout == "") != (want.stdout == "") {
				t.Errorf("standard output %q, psql's %q", got.stdout, want.stdout)
			}
			if (got.stderr == "") != (want.stderr == "") || (want.stderr == "" && got.stderr != "") {
				t.Errorf("standard error %q, psql's %q", got.stderr, want.stderr)
			}
			if tc.want != "" {
				re := regexp.MustCompile(tc.want)
				if !re.MatchString(want.stdout) {
					t.Fatalf("psql's output does not match %q: %q", tc.want, want.stdout)
				}
				if !re.MatchString(got.stdout) {
					t.Errorf("output does not match %q: %q", tc.want, got.stdout)
				}
			}
		})
	}
}

// TestTapBasicDiff runs the .pl's psql_like and psql_fails_like scripts (and its \errverbose
// ones, without ON_ERROR_STOP) through both clients, blanking only timings and process IDs.
func TestTapBasicDiff(t *testing.T) {
	t.Parallel()
	timing := `Time: \d+\.\d{3} ms`
	pid := `PID \d+\.`
	cases := []diffCase{
		{name: "timing", stdin: "\\timing on\nSELECT 1", scrub: []string{timing}},
		{name: "timing with error", stdin: "\\timing on\nSELECT error", scrub: []string{timing}},
		{name: "encoding variable", stdin: "\\echo :ENCODING\nset client_encoding = LATIN1;\n\\echo :ENCODING"},
		{name: "notification", stdin: "LISTEN foo;\nNOTIFY foo;", scrub: []string{pid}},
		{name: "notification with payload", stdin: "LISTEN foo;\nNOTIFY foo, 'bar';", scrub: []string{pid}},
		{name: "server crash", stdin: "SELECT 'before' AS running;\nSELECT pg_terminate_backend(pg_backend_pid());\nSELECT 'AFTER' AS not_running;\n"},
		{name: "errverbose without error", stdin: "SELECT 1;\n\\errverbose"},
		{name: "restrict", args: tapArgs(true, true), stdin: "\\restrict test\n\\! should_fail"},
		// on_error_stop => 0
		{name: "errverbose after error", args: tapArgs(false, false), stdin: "SELECT error;\n\\errverbose"},
		{name: "errverbose after FETCH_COUNT error", args: tapArgs(false, false), stdin: "\\set FETCH_COUNT 1\nSELECT error;\n\\errverbose"},
		{name: "errverbose after gdesc error", args: tapArgs(false, false), stdin: "SELECT error\\gdesc\n\\errverbose"},
		// Beyond psql 15's .pl (later ones test these): \gexec stops at its first failing
		// query under ON_ERROR_STOP, and \! ignores the command's exit status.
		{name: "gexec on_error_stop", stdin: "SELECT 'SELECT 1/0', 'SELECT 2' \\gexec\nSELECT 3;"},
		{name: "gexec go on", args: tapArgs(false, false), stdin: "SELECT 'SELECT 1/0', 'SELECT 2' \\gexec\nSELECT 3;"},
		{name: "shell exit status", stdin: "\\! exit 3\n\\echo after\n\\! echo hi; echo err >&2\n"},
		// Beyond the .pl: how ENCODING follows the client encoding after each query, and
		// that a \set ENCODING of the user stays until the encoding changes.
		{name: "encoding tracking", args: []string{"-X"}, stdin: "set client_encoding = LATIN1;\n\\set ENCODING foo\nselect 1;\n\\echo :ENCODING\n" +
			"\\encoding UTF8\n\\set ENCODING bar\nselect 2;\n\\echo :ENCODING\nreset client_encoding;\n\\echo :ENCODING\n" +
			"select set_config('client_encoding', 'EUC_JP', false) \\gset\n\\echo :ENCODING\n\\c\n\\echo :ENCODING\n"},
	}
	for _, tc := range cases {
		if tc.args == nil {
			tc.args = tapArgs(false, true)
		}
		tc.env = sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// TestTapBasicTimingUpdated is the .pl's check that the "Time:" line of a failed query
// measures it (the diff above blanks the numbers).
func TestTapBasicTimingUpdated(t *testing.T) {
	t.Parallel()
	r := runClient(t, gpsqlBin, tapArgs(false, true), sockEnv(), "\\timing on\nSELECT error")
	if !regexp.MustCompile(`(?m)^Time: \d+\.\d{3} ms$`).MatchString(r.stdout) {
		t.Errorf("no Time: line in %q", r.stdout)
	}
	if strings.Contains(r.stdout, "Time: 0.000 ms") {
		t.Errorf("timing not updated: %q", r.stdout)
	}
}

// TestTapBasicReplication is the .pl's START_REPLICATION on a replication=database
// connection: psql reports the copy-both result it cannot handle as "unexpected
// PQresultStatus: 8".
func TestTapBasicReplication(t *testing.T) {
	t.Parallel()
	runDiff(t, diffCase{args: tapArgs(true, true), env: sockEnv(), stdin: "START_REPLICATION 0/0"})
}

// TestTapBasicCopyBoth answers every query with CopyBothResponse, as a walsender answers
// START_REPLICATION, from a scripted server both clients connect to: either it streams
// until the client's CopyDone, or, as the walsender of the .pl's START_REPLICATION 0/0
// does, it fails at once (WAL already removed). psql reports the copy-both result either
// way.
func TestTapBasicCopyBoth(t *testing.T) {
	t.Parallel()
	walGone := &wire.ErrorResponse{Fields: wire.Fields{Severity: "ERROR", SeverityUnlocalized: "ERROR", Code: "58P01",
		Message: "requested WAL segment 000000010000000000000000 has already been removed"}}
	for _, tc := range []struct {
		name    string
		onQuery []wire.BackendMessage
	}{
		{"streams", []wire.BackendMessage{&wire.CopyBothResponse{}}},
		{"fails", []wire.BackendMessage{&wire.CopyBothResponse{}, walGone, &wire.ReadyForQuery{TxStatus: 'I'}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, err := pgtest.StartFake(func(b *wire.Backend, nc net.Conn) {
				nc.SetDeadline(time.Now().Add(20 * time.Second)) // a client that waits for what never comes
				if !pgtest.Handshake(b, nc) {
					return
				}
				for {
					m, err := b.Receive()
					if err != nil {
						return
					}
					var reply []wire.BackendMessage
					switch m.(type) {
					case *wire.Query:
						reply = tc.onQuery
					case *wire.CopyDone:
						if len(tc.onQuery) == 1 { // still streaming
							reply = []wire.BackendMessage{&wire.CopyDone{}, &wire.CommandComplete{CommandTag: []byte("START_REPLICATION")}, &wire.ReadyForQuery{TxStatus: 'I'}}
						}
					case *wire.Terminate:
						return
					}
					for _, r := range reply {
						if b.Send(r) != nil {
							return
						}
					}
					if b.Flush() != nil {
						return
					}
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			env := []string{"PGHOST=127.0.0.1", fmt.Sprintf("PGPORT=%d", f.Port), "PGUSER=postgres", "PGDATABASE=postgres", "PGSSLMODE=disable"}
			// Without ON_ERROR_STOP psql's connection stays in copy-both and every later
			// command fails with libpq's piling error texts; only the .pl's ON_ERROR_STOP
			// case is compared.
			runDiff(t, diffCase{args: []string{"-XAtq", "-f", "-", "-v", "ON_ERROR_STOP=1"}, env: env, stdin: "START_REPLICATION 0/0;\nselect 1;\n"})
		})
	}
}

// TestTapBasicSingleTransaction runs the .pl's --single-transaction command lines (-c and -f
// mixed, with and without ON_ERROR_STOP, a failing \copy) through both clients, each on a
// fresh table, comparing their output and the rows committed.
func TestTapBasicSingleTransaction(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const table = "tap_basic_single"
	missing := filepath.Join(dir, "nonexistent")
	copyFile := filepath.Join(dir, "tab_copy.sql")
	insertFile := filepath.Join(dir, "tab_insert.sql")
	copyCmd := fmt.Sprintf(`\copy %s FROM '%s'`, table, missing)
	insert := func(n int) string { return fmt.Sprintf("INSERT INTO %s VALUES (%d)", table, n) }
	if err := os.WriteFile(copyFile, []byte(copyCmd+";"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(insertFile, []byte(insert(4)+";"), 0o644); err != nil {
		t.Fatal(err)
	}
	stop := func(rest ...string) []string { return append([]string{"-v", "ON_ERROR_STOP=1"}, rest...) }
	cases := []struct {
		name string
		args []string
	}{
		{"stop, -c -c", stop("-c", insert(1), "-c", insert(2))},
		{"stop, -c -c copy fails", stop("-c", insert(3), "-c", copyCmd)},
		{"stop, -f -f", stop("-f", insertFile, "-f", insertFile)},
		{"stop, -f -f copy fails", stop("-f", insertFile, "-f", copyFile)},
		{"no stop, -f -f -c copy fails", []string{"-f", insertFile, "-f", insertFile, "-c", copyCmd}},
		{"no stop, -f -f -f copy fails", []string{"-f", insertFile, "-f", insertFile, "-f", copyFile}},
		{"no stop, -c -f copy fails -c", []string{"-c", insert(5), "-f", copyFile, "-c", insert(6)}},
	}
	run := func(t *testing.T, bin string, args []string) (runResult, string) {
		reset := runClient(t, psqlBin, []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
			fmt.Sprintf("set client_min_messages = warning; drop table if exists %[1]s; create table %[1]s (a int)", table)}, sockEnv(), "")
		if reset.code != 0 {
			t.Fatalf("resetting the table: %s", reset.stderr)
		}
		r := runClient(t, bin, append([]string{"-X", "--single-transaction"}, args...), sockEnv(), "")
		count := runClient(t, psqlBin, []string{"-XAtc", "select string_agg(a::text, ',' order by a) from " + table}, sockEnv(), "")
		if count.code != 0 {
			t.Fatalf("counting rows: %s", count.stderr)
		}
		return normalized(r), count.stdout
	}
	for _, tc := range cases { // one table: in sequence
		t.Run(tc.name, func(t *testing.T) {
			want, wantRows := run(t, psqlBin, tc.args)
			got, gotRows := run(t, gpsqlBin, tc.args)
			compareRuns(t, "psql", want, got)
			if gotRows != wantRows {
				t.Errorf("rows committed %q, with psql %q", gotRows, wantRows)
			}
		})
	}
}
