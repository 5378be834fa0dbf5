package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// The end-to-end tests build gpsql once, start one throwaway server, and run the same
// command lines through psql 15 (the oracle) and gpsql, comparing stdout, stderr and the
// exit code byte for byte (after naming both programs PROG).

var (
	gpsqlBin string
	psqlBin  string
	srv      *pgtest.Server
	homeDir  string
)

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	tmp, err := os.MkdirTemp("", "gpsql-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	gpsqlBin = filepath.Join(tmp, "gpsql")
	if out, err := exec.Command("go", "build", "-o", gpsqlBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building gpsql: %v\n%s", err, out)
		return 1
	}
	psqlBin, err = findPsql()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	homeDir = filepath.Join(tmp, "home")
	os.MkdirAll(homeDir, 0o755)
	srv, err = pgtest.Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer srv.Stop()
	return m.Run()
}

// findPsql locates psql 15, the reference: $PSQL, else /usr/lib/postgresql/15/bin/psql, else
// psql on PATH.
func findPsql() (string, error) {
	for _, p := range []string{os.Getenv("PSQL"), "/usr/lib/postgresql/15/bin/psql"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p, nil
			}
		}
	}
	p, err := exec.LookPath("psql")
	if err != nil {
		return "", errors.New("psql (the reference client) not found: install postgresql-client-15 or set PSQL")
	}
	return p, nil
}

type runResult struct {
	stdout, stderr string
	code           int
}

// runClient runs a client with args, extra environment and stdin, with a clean HOME and no PG*
// variables from the caller's environment.
func runClient(t *testing.T, bin string, args []string, env []string, stdin string) runResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	base := []string{"HOME=" + homeDir, "PATH=" + os.Getenv("PATH"), "LANG=C.UTF-8", "PGSYSCONFDIR=" + homeDir}
	cmd.Env = append(base, env...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatalf("running %s: %v", bin, err)
		}
		code = ee.ExitCode()
	}
	return runResult{out.String(), errb.String(), code}
}

// progRe finds the program name where psql or gpsql prints it: at the start of a line, as
// argv[0] (a path), or after text written without a newline (\warn -n).
var progRe = regexp.MustCompile(`(\S*/)?g?psql:`)

// normalize names both programs PROG.
func normalize(s string) string {
	s = progRe.ReplaceAllString(s, "PROG:")
	s = strings.ReplaceAll(s, `"psql --help"`, `"PROG --help"`)
	s = strings.ReplaceAll(s, `"gpsql --help"`, `"PROG --help"`)
	return s
}

// diffCase is one command line run through both clients.
type diffCase struct {
	name  string
	args  []string
	env   []string
	stdin string
	// scrub lists regular expressions whose matches are blanked in both outputs before
	// comparing (process IDs, timings).
	scrub []string
}

func runDiff(t *testing.T, tc diffCase) {
	t.Helper()
	want := runClient(t, psqlBin, tc.args, tc.env, tc.stdin)
	got := runClient(t, gpsqlBin, tc.args, tc.env, tc.stdin)
	for _, expr := range tc.scrub {
		re := regexp.MustCompile(expr)
		for _, r := range []*runResult{&want, &got} {
			r.stdout = re.ReplaceAllString(r.stdout, "<scrubbed>")
			r.stderr = re.ReplaceAllString(r.stderr, "<scrubbed>")
		}
	}
	compareRuns(t, "psql", normalized(want), normalized(got))
}

// normalized is r with both programs named PROG.
func normalized(r runResult) runResult {
	r.stdout, r.stderr = normalize(r.stdout), normalize(r.stderr)
	return r
}

// compareRuns reports each way gpsql's run differs from the reference's (named by who):
// standard output, standard error, exit code.
func compareRuns(t *testing.T, who string, want, got runResult) {
	t.Helper()
	if got.stdout != want.stdout {
		t.Errorf("stdout differs\n--- %s\n%s\n--- gpsql\n%s", who, want.stdout, got.stdout)
	}
	if got.stderr != want.stderr {
		t.Errorf("stderr differs\n--- %s\n%s\n--- gpsql\n%s", who, want.stderr, got.stderr)
	}
	if got.code != want.code {
		t.Errorf("exit code %d, %s's %d", got.code, who, want.code)
	}
}

// sock and tcp are the connection environments of the test server.
func sockEnv(extra ...string) []string {
	return append([]string{"PGHOST=" + srv.SocketDir, fmt.Sprintf("PGPORT=%d", srv.Port), "PGUSER=postgres", "PGDATABASE=postgres"}, extra...)
}

func tcpEnv(extra ...string) []string {
	return append([]string{"PGHOST=127.0.0.1", fmt.Sprintf("PGPORT=%d", srv.Port), "PGDATABASE=postgres"}, extra...)
}
