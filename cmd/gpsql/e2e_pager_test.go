package main

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// The built-in pager (issue 6), driven in tmux: gpsql runs with neither PSQL_PAGER nor
// PAGER set (newTmux clears the environment), so a result longer than the 40-line pane
// opens in the pager.

// pagerSession starts gpsql at a 120x40 terminal and waits for its prompt.
func pagerSession(t *testing.T) *tmuxSession {
	t.Helper()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	return ts
}

// openPager types query and returns how long the pager took to show its status line.
func openPager(ts *tmuxSession, query, status string) time.Duration {
	ts.t.Helper()
	ts.typeText(query)
	start := time.Now()
	ts.keys("Enter")
	ts.waitFor(status)
	return time.Since(start)
}

// firstLines returns the first n lines of the screen, trailing spaces removed.
func firstLines(s string, n int) []string {
	lines := strings.Split(trimLines(s), "\n")
	return lines[:min(n, len(lines))]
}

// backAtPrompt quits the pager and checks that the prompt takes a query at once.
func backAtPrompt(t *testing.T, ts *tmuxSession) {
	t.Helper()
	ts.keys("q")
	ts.waitFor("postgres=# ")
	promptWorks(t, ts)
}

// promptWorks checks that a short query typed at the prompt prints as usual.
func promptWorks(t *testing.T, ts *tmuxSession) {
	t.Helper()
	ts.line("select 'back' as at_prompt;")
	s := ts.waitFor(" at_prompt \n-----------\n back\n(1 row)\n\npostgres=# ")
	if strings.Contains(s, "rows  lines") {
		t.Errorf("the pager's status line is still on the screen:\n%s", s)
	}
}

func TestTerminalPagerMillionRows(t *testing.T) {
	t.Parallel()
	ts := pagerSession(t)
	took := openPager(ts, "select g as id, md5(g::text) as name, repeat('w', 80) || g as wide from generate_series(1, 1000000) g;", " rows (loading…)")
	if took > 2*time.Second {
		t.Errorf("the pager took %v to open, want under 2s", took)
	}
	header := firstLines(ts.screen(), 2)
	// The first part (1000 rows) has its own widths, as FETCH_COUNT parts do in psql.
	if !strings.HasPrefix(header[0], "  id  |               name") || !strings.HasPrefix(header[1], "------+---") {
		t.Fatalf("unexpected header:\n%s", strings.Join(header, "\n"))
	}
	// page down keeps the header
	ts.keys("PgDn", "PgDn")
	s := ts.waitFor("\n   77 | ")
	if got := firstLines(s, 2); got[0] != header[0] || got[1] != header[1] {
		t.Errorf("header moved:\n%s", s)
	}
	// G reaches the last row
	ts.waitFor("1000000 rows  lines")
	ts.keys("G")
	s = ts.waitFor(" 1000000 | 8155bc545f84d9652f1012ef2bdfb6eb")
	if got := firstLines(s, 1); got[0] != header[0] {
		t.Errorf("header not frozen at the end:\n%s", s)
	}
	// search finds a value
	ts.keys("g")
	ts.line("/f63f4fbc9f8c85d4") // md5('777777')
	ts.waitFor(" 777777 | f63f4fbc9f8c85d409f2f59f2b9e12d5")
	// first column stays while scrolling right
	ts.keys("Right", "Right", "Right")
	// The table is 131 cells wide: the right end is 11 cells in, and the md5's first 11
	// cells are under the frozen column.
	s = ts.waitFor(" 777777 |8c85d409f2f59f2b9e12d5 | www")
	if strings.Contains(s, "f63f4fbc9f") || !strings.HasPrefix(firstLines(s, 1)[0], "  id  |") {
		t.Errorf("unexpected screen after scrolling right:\n%s", s)
	}
	backAtPrompt(t, ts)
}

func TestTerminalPagerExpanded(t *testing.T) {
	t.Parallel()
	ts := pagerSession(t)
	ts.line(`\x`)
	ts.waitFor("Expanded display is on.")
	took := openPager(ts, "select g as id, md5(g::text) as name from generate_series(1, 1000000) g;", " rows (loading…)")
	if took > 2*time.Second {
		t.Errorf("the pager took %v to open, want under 2s", took)
	}
	ts.waitFor("-[ RECORD 1 ]")
	ts.keys("PgDn")
	ts.waitFor("-[ RECORD 26 ]") // the first screen shows records 1 to 13
	ts.waitFor("1000000 rows  lines")
	ts.keys("G")
	ts.waitFor("-[ RECORD 1000000 ]--------------------\nid   | 1000000\nname | 8155bc545f84d9652f1012ef2bdfb6eb")
	ts.line("?RECORD 424242 ")
	ts.waitFor("-[ RECORD 424242 ]")
	ts.keys("q")
	ts.waitFor("postgres=# ")
	ts.line(`\x`)
	ts.waitFor("Expanded display is off.")
	promptWorks(t, ts)
}

func TestTerminalPagerTenMillionRows(t *testing.T) {
	t.Parallel()
	ts := pagerSession(t)
	// In the select list, generate_series streams; in FROM it is materialized first.
	took := openPager(ts, "select generate_series(1, 10000000) as n;", " rows (loading…)")
	if took > time.Second {
		t.Errorf("the pager took %v to open, want under 1s", took)
	}
	ts.keys("PgDn")
	ts.waitFor("\n   39\n")
	// Ctrl-C stops the load and keeps what arrived.
	ts.keys("C-c")
	ts.waitFor(" rows (stopped)")
	ts.keys("G")
	ts.waitFor(" rows (stopped)  lines")
	backAtPrompt(t, ts)
}

func TestTerminalPagerShortResultPrints(t *testing.T) {
	t.Parallel()
	ts := pagerSession(t)
	ts.line("select g from generate_series(1, 5) g;")
	ts.waitFor("(5 rows)\n\npostgres=# ")
	ts.line(`\pset pager always`)
	ts.waitFor("Pager is always used.")
	openPager(ts, "select 'tiny' as t;", " 1 rows  lines 1-3/3")
	ts.keys("q")
	ts.waitFor("postgres=# ")
	ts.line(`\pset pager on`)
	ts.waitFor("Pager is used for long output.")
	promptWorks(t, ts)
}

// TestTerminalPagerExternal: PSQL_PAGER names an external pager, and the line count at
// which it is used is psql's (rows + 1 + footers against the 40-line terminal), side by
// side with psql; an empty PAGER turns paging off.
func TestTerminalPagerExternal(t *testing.T) {
	t.Parallel()
	paged := func(bin, env string, rows int) int {
		ts := newTmux(t, fmt.Sprintf("%s %s -X -h %s -p %d -U postgres -d postgres", env, bin, srv.SocketDir, srv.Port))
		ts.waitFor("postgres=# ")
		ts.line(fmt.Sprintf("select g from generate_series(1, %d) g;", rows))
		s := ts.waitFor(fmt.Sprintf("(%d rows)", rows))
		ts.waitFor("postgres=# ")
		n := 0
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "P:") {
				n++
			}
		}
		return n
	}
	cases := []struct {
		name string
		env  string
		rows int
	}{
		{"fits", "PSQL_PAGER='sed s/^/P:/'", 37},
		{"one more", "PSQL_PAGER='sed s/^/P:/'", 38},
		{"PAGER", "PAGER='sed s/^/P:/'", 60},
		{"empty PAGER", "PAGER=", 60},
		{"PSQL_PAGER first", "PAGER='sed s/^/Q:/' PSQL_PAGER='sed s/^/P:/'", 60},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := paged(psqlBin, tc.env, tc.rows)
			if got := paged(gpsqlBin, tc.env, tc.rows); got != want {
				t.Errorf("gpsql paged %d lines, psql %d", got, want)
			}
		})
	}
}
