package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// The psql 18 golden tests cover the commands psql 15 does not have (issue 10: \bind,
// \parse, \bind_named, \close_prepared and the pipeline commands), for which psql 18 is the
// oracle. psql 18 is not installed where the tests run, so what it printed is kept in
// testdata/psql18: for each script NAME.sql, NAME.golden holds psql 18's standard output,
// standard error and exit code for `psql -X -f -` with the script on standard input, against
// PostgreSQL 18 (program names as PROG, timings and process IDs scrubbed).
//
// The golden files are made by psql 18 only: with GPSQL_PSQL18 naming a psql 18 binary, the
// test first runs it on every script against the same server and rewrites the golden files,
// then checks gpsql against them as always:
//
//	GPSQL_PSQL18=/path/to/psql18 GPSQL_PG18_BIN=/path/to/pg18/bin go test -run TestPsql18Golden ./cmd/gpsql/

// goldenScrub blanks what differs from run to run.
var goldenScrub = []*regexp.Regexp{
	regexp.MustCompile(`Time: [0-9.]+ ms`),
	regexp.MustCompile(`PID \d+`),
	regexp.MustCompile(`\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4} \(every`), // \watch's title
}

func TestPsql18Golden(t *testing.T) {
	s := pgtest.StartFromEnv(t, "GPSQL_PG18_BIN", 18)
	scripts, err := filepath.Glob(filepath.Join("testdata", "psql18", "*.sql"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no scripts in testdata/psql18: %v", err)
	}
	env := []string{"PGHOST=" + s.SocketDir, fmt.Sprintf("PGPORT=%d", s.Port), "PGUSER=postgres",
		"PGDATABASE=postgres", "PGTZ=UTC"}
	psql18 := os.Getenv("GPSQL_PSQL18")
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".sql")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(script, ".sql") + ".golden"
			if psql18 != "" {
				want := runClient(t, psql18, []string{"-X", "-f", "-"}, env, string(in))
				if err := os.WriteFile(golden, []byte(formatGolden(want)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			data, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (make it with psql 18: see the comment of this file)", err)
			}
			want, err := parseGolden(string(data))
			if err != nil {
				t.Fatalf("%s: %v", golden, err)
			}
			got := scrubGolden(runClient(t, gpsqlBin, []string{"-X", "-f", "-"}, env, string(in)))
			compareRuns(t, "psql 18", want, got)
		})
	}
}

// scrubGolden names the program PROG and blanks timings and process IDs.
func scrubGolden(r runResult) runResult {
	for _, re := range goldenScrub {
		r.stdout = re.ReplaceAllString(r.stdout, "<scrubbed>")
		r.stderr = re.ReplaceAllString(r.stderr, "<scrubbed>")
	}
	r.stdout, r.stderr = normalize(r.stdout), normalize(r.stderr)
	return r
}

// The golden file format: three sections, each a header line then the text; the text of
// stdout and stderr is written with a final "\n" added, so that its own last newline (or
// the lack of one) survives.
const (
	goldenStdout = "=== psql 18 stdout ===\n"
	goldenStderr = "=== psql 18 stderr ===\n"
	goldenExit   = "=== psql 18 exit code ===\n"
)

func formatGolden(r runResult) string {
	r = scrubGolden(r)
	return goldenStdout + r.stdout + "\n" + goldenStderr + r.stderr + "\n" + goldenExit + strconv.Itoa(r.code) + "\n"
}

func parseGolden(data string) (runResult, error) {
	rest, ok := strings.CutPrefix(data, goldenStdout)
	if !ok {
		return runResult{}, fmt.Errorf("no %q header", strings.TrimSpace(goldenStdout))
	}
	stdout, rest, ok := strings.Cut(rest, "\n"+goldenStderr)
	if !ok {
		return runResult{}, fmt.Errorf("no %q header", strings.TrimSpace(goldenStderr))
	}
	stderr, rest, ok := strings.Cut(rest, "\n"+goldenExit)
	if !ok {
		return runResult{}, fmt.Errorf("no %q header", strings.TrimSpace(goldenExit))
	}
	code, err := strconv.Atoi(strings.TrimSpace(rest))
	if err != nil {
		return runResult{}, fmt.Errorf("exit code: %v", err)
	}
	return runResult{stdout: stdout, stderr: stderr, code: code}, nil
}
