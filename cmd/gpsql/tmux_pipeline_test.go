package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTerminalPipelinePrompt types pipelines at the terminal with a prompt showing %P (the
// pipeline status), %x and %R after every line, and compares the prompt lines with the ones
// psql 18 showed for the same keys (testdata/psql18/*.prompts; with GPSQL_PSQL18 naming a
// psql 18 binary, the test makes them again with it first, against the same server).
func TestTerminalPipelinePrompt(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
	}{
		{"error without sync", []string{`\startpipeline`, `select 1;`, `select 1/0;`, `\flushrequest`, `\getresults`,
			`select 2`, `;`, `\syncpipeline`, `\getresults`, `begin;`, `\syncpipeline`, `\getresults`, `select 5;`,
			`\flushrequest`, `\getresults`, `select 1/0;`, `\syncpipeline`, `\getresults 1`, `\endpipeline`, `rollback;`}},
		{"skipped statements before a sync", []string{`\startpipeline`, `select 1/0;`, `select 2;`, `select 3;`,
			`\syncpipeline`, `select 4;`, `\getresults 1`, `\getresults 1`, `\getresults 1`, `\getresults 1`,
			`\flushrequest`, `select 1/0;`, `\flushrequest`, `\flush`, ``, `select 6;`, `\syncpipeline`, `\flush`,
			`\endpipeline`}},
	}
	const prompt = "[%P|%x|%R]%# "
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			golden := filepath.Join("testdata", "psql18", strings.ReplaceAll(tc.name, " ", "_")+".prompts")
			run := func(bin string) string {
				ts := newTmux(t, fmt.Sprintf("PGHOST=%s PGPORT=%d PGUSER=postgres PGDATABASE=postgres %s -X -P format=unaligned -t -v 'PROMPT1=%s' -v 'PROMPT2=%s'",
					srv.SocketDir, srv.Port, bin, prompt, prompt))
				ts.waitFor("[off||=]# ")
				for i, line := range tc.lines {
					ts.line(line)
					ts.waitForCount("\n[", i+2) // the next prompt is up: the line has run
				}
				return promptLines(ts.screen())
			}
			if psql18 := os.Getenv("GPSQL_PSQL18"); psql18 != "" {
				if err := os.WriteFile(golden, []byte(run(psql18)), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if got := run(gpsqlBin); got != string(want) {
				t.Errorf("prompts differ\n--- psql 18\n%s--- gpsql\n%s", want, got)
			}
		})
	}
}

// promptLines keeps the lines of a screen that start with a prompt.
func promptLines(screen string) string {
	var b strings.Builder
	for _, l := range strings.Split(trimLines(screen), "\n") {
		if strings.HasPrefix(l, "[") {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// waitForCount polls the screen (with a newline put before it, so that the first line
// counts too) until it holds n occurrences of s.
func (ts *tmuxSession) waitForCount(s string, n int) {
	ts.t.Helper()
	for i := 0; i < 300; i++ {
		if strings.Count("\n"+ts.screen(), s) >= n {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	ts.t.Fatalf("screen never showed %d times %q; it shows:\n%s", n, s, ts.screen())
}

// TestTerminalCopyInPipeline: a COPY in a pipeline ends the connection as in psql 18, but
// where psql 18 exits, a terminal session connects again and stays usable.
func TestTerminalCopyInPipeline(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	for _, line := range []string{`\startpipeline`, `copy (select 1) to stdout;`, `\endpipeline`} {
		ts.line(line)
	}
	ts.waitFor("COPY in a pipeline is not supported, aborting connection\nThe connection to the server was lost. Attempting reset: Succeeded.\npostgres=# ")
	ts.line("select 'back' as b;")
	ts.waitFor("  b\n------\n back\n(1 row)")
}
