package main

import (
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// tabDB is the database the tab-completion cases run in, so that the names they complete
// (t…, my…, pub…) meet nothing the other tests create.
const tabDB = "tabtap15"

// tabFixture creates, once, tabDB with the objects the cases press Tab on, and a directory
// holding tmp_check/ with three files for file-name completion; it returns that directory.
var tabFixture = sync.OnceValues(func() (string, error) {
	out, err := srv.Psql(psqlBin, `
DROP DATABASE IF EXISTS `+tabDB+`;
CREATE DATABASE `+tabDB+`;
\c `+tabDB+`
SET client_min_messages = error;
CREATE TABLE tab1 (c1 int PRIMARY KEY, c2 text);
CREATE TABLE mytab123 (f1 int, f2 text);
CREATE TABLE mytab246 (f1 int, f2 text);
CREATE TABLE "mixedName" (f1 int, f2 text);
CREATE TYPE enum1 AS ENUM ('foo', 'bar', 'baz', 'BLACK');
CREATE PUBLICATION some_publication;
CREATE SCHEMA zsolo;
CREATE TABLE zsolo.lonely (a int);
`)
	if err != nil {
		return "", fmt.Errorf("%v: %s", err, out)
	}
	dir := filepath.Join(homeDir, "tabtap")
	if err := os.MkdirAll(filepath.Join(dir, "tmp_check"), 0o755); err != nil {
		return "", err
	}
	for name, body := range map[string]string{"somefile": "some stuff\n", "afile123": "more stuff\n", "afile456": "other stuff\n"} {
		if err := os.WriteFile(filepath.Join(dir, "tmp_check", name), []byte(body), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
})

// tabStep is keys typed at once (text, or a key name prefixed with "key:"), after which the
// screens are compared: the line being edited and the cursor column always, the candidate
// list shown under it when list is set.
type tabStep struct {
	keys []string
	list bool
}

// tabObservation is what a step leaves on the screen.
type tabObservation struct {
	line   string   // the last prompt line
	cursor string   // the cursor column
	cands  []string // the candidate list, normalized (list steps only)
}

// TestTerminalTabCompletionTAP types the keystrokes of psql 15's own tab-completion test
// (src/bin/psql/t/010_tab_completion.pl) into psql and into gpsql, each in its terminal,
// against the same objects, and compares after every step the line being edited, the
// cursor column and, where that test looks at one, the list of candidates. The list is
// compared as a set of words without single quotes (readline shows enum labels and file
// names without them) and, for files, without their directory, as psql's readline shows
// them. GNU readline lists the candidates on the second Tab that changes nothing, the
// readline gpsql uses on the first, so steps end where both show the same.
func TestTerminalTabCompletionTAP(t *testing.T) {
	dir, err := tabFixture()
	if err != nil {
		t.Fatal(err)
	}
	tab := "key:Tab"
	step := func(keys ...string) tabStep { return tabStep{keys: keys} }
	list := func(keys ...string) tabStep { return tabStep{keys: keys, list: true} }
	tests := []struct {
		name  string
		files bool // candidates are file names
		steps []tabStep
	}{
		{name: "keyword in upper case", steps: []tabStep{step("SEL", tab)}},
		{name: "keyword in lower case then a table", steps: []tabStep{step("sel", tab), step("* from t", tab)}},
		{name: "several tables", steps: []tabStep{step("select * from my", tab), list(tab, tab), step("2", tab)}},
		{name: "several quoted tables", steps: []tabStep{step(`select * from "my`, tab), list(tab, tab), step("2", tab)}},
		{name: "mixed-case name", steps: []tabStep{step(`select * from "mi`, tab)}},
		{name: "name folded to lower case", steps: []tabStep{step("select * from TAB", tab)}},
		{name: "backslash command in other case", steps: []tabStep{step(`\DRD`, tab)}},
		{name: "schema then qualified name", steps: []tabStep{step("select * from pub", tab), step("tab", tab)}},
		{name: "lone schema", steps: []tabStep{step("select * from zs", tab), step(tab)}},
		{name: "schema folded to lower case", steps: []tabStep{step("select * from PUBLIC.t", tab)}},
		{name: "constraint of table", steps: []tabStep{step("alter table tab1 drop constraint ", tab)}},
		{name: "constraint of upper-case table", steps: []tabStep{step("alter table TAB1 drop constraint ", tab)}},
		{name: "constraint of qualified quoted table", steps: []tabStep{step(`alter table public."tab1" drop constraint `, tab)}},
		{name: "table of constraint on second line", steps: []tabStep{step("comment on constraint tab1_pkey ", "key:Enter", " on public.", tab)}},
		{name: "file name", steps: []tabStep{step(`\lo_import tmp_check/some`, tab)}},
		{name: "file names", steps: []tabStep{step(`\lo_import tmp_check/af`, tab)}},
		{name: "quoted file name", steps: []tabStep{step("COPY foo FROM tmp_check/some", tab)}},
		{name: "quoted file names", files: true, steps: []tabStep{step("COPY foo FROM tmp_check/af", tab), list(tab, tab)}},
		{name: "enum labels", steps: []tabStep{list("ALTER TYPE enum1 RENAME VALUE 'ba", tab, tab)}},
		{name: "enum label case", steps: []tabStep{step("ALTER TYPE enum1 RENAME VALUE 'B", tab)}},
		{name: "time zone", steps: []tabStep{step("SET timezone TO am", tab), step("new_", tab)}},
		{name: "keyword case lower", steps: []tabStep{step(`\set COMP_KEYWORD_CASE lower`, "key:Enter", "alter table tab1 rename CO"), list(tab, tab, tab)}},
		{name: "keyword case upper", steps: []tabStep{step(`\set COMP_KEYWORD_CASE upper`, "key:Enter", "alter table tab1 rename co"), list(tab, tab, tab)}},
		{name: "keyword case preserve-lower", steps: []tabStep{step(`\set COMP_KEYWORD_CASE preserve-lower`, "key:Enter", "alter table tab1 rename co"), list(tab, tab, tab)}},
		{name: "keyword case preserve-upper", steps: []tabStep{step(`\set COMP_KEYWORD_CASE preserve-upper`, "key:Enter", "alter table tab1 rename CO"), list(tab, tab, tab)}},
		{name: "type keyword", steps: []tabStep{step("DROP TYPE big", tab)}},
		{name: "create command", steps: []tabStep{step("CREATE TY", tab)}},
		{name: "names after create table", steps: []tabStep{step("CREATE TABLE mytab"), list(tab, tab)}},
		{name: "publication", steps: []tabStep{step("DROP PUBLIC", tab), step(" ", tab, tab)}},
		{name: "analyze options on second line", steps: []tabStep{step("analyze (", "key:Enter"), list(tab, tab)}},
		{name: "setting and enum value", steps: []tabStep{step("set interval", tab, tab), step(" iso", tab)}},
		{name: "qualified setting", steps: []tabStep{step("DO $$begin end$$ LANGUAGE plpgsql;", "key:Enter", "set plpg", tab),
			step("var", tab, tab), step(" USE_C", tab)}},
		{name: "psql variable and value", steps: []tabStep{step(`\set VERB`, tab), step("def", tab)}},
		{name: "interpolated variable", steps: []tabStep{step(`\echo :VERB`, tab)}},
		{name: "nothing to complete", steps: []tabStep{step("blarg ", tab, tab)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var ts [2]*tmuxSession
			for i, bin := range []string{psqlBin, gpsqlBin} {
				ts[i] = newTmux(t, fmt.Sprintf("sh -c 'cd %s && exec %s -X -h %s -p %d -U postgres -d %s'", dir, bin, srv.SocketDir, srv.Port, tabDB))
			}
			for _, s := range ts {
				s.waitFor(tabDB + "=# ")
			}
			for i, st := range tc.steps {
				for _, s := range ts {
					for _, k := range st.keys {
						if name, ok := strings.CutPrefix(k, "key:"); ok {
							s.keys(name)
						} else {
							s.typeText(k)
						}
					}
				}
				want := ts[0].settle(func(o tabObservation) bool { return true }, st.list, tc.files)
				got := ts[1].settle(func(o tabObservation) bool {
					return o.line == want.line && o.cursor == want.cursor && slices.Equal(o.cands, want.cands)
				}, st.list, tc.files)
				if got.line != want.line || got.cursor != want.cursor || !slices.Equal(got.cands, want.cands) {
					t.Fatalf("after step %d (%q):\n psql: %q at column %s, candidates %q\ngpsql: %q at column %s, candidates %q\n--- gpsql screen\n%s",
						i+1, st.keys, want.line, want.cursor, want.cands, got.line, got.cursor, got.cands, ts[1].screen())
				}
			}
		})
	}
}

// settle polls the screen until it has stopped changing for a while (and, when ok says so,
// shows what was expected, which ends the wait early) and returns what it shows.
func (ts *tmuxSession) settle(ok func(tabObservation) bool, list, files bool) tabObservation {
	ts.t.Helper()
	deadline := time.Now().Add(4 * time.Second)
	var prev string
	stable := 0
	for {
		scr := trimLines(ts.screen())
		o := observe(scr, ts.cursorX(), list, files)
		if scr == prev {
			stable++
		} else {
			stable = 0
		}
		prev = scr
		if stable >= 6 && ok(o) || stable >= 12 || time.Now().After(deadline) {
			return o
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// cursorX returns the column of the cursor in the pane.
func (ts *tmuxSession) cursorX() string {
	out, err := exec.Command("tmux", "-L", ts.name, "display-message", "-p", "-t", ts.name, "#{cursor_x}").Output()
	if err != nil {
		ts.t.Fatalf("display-message: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// observe reads a screen: the last prompt line and, for a list step, the candidates. psql's
// readline prints the list between the line and the prompt it shows again; gpsql's shows it
// under the line.
func observe(screen, cursor string, list, files bool) tabObservation {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	isPrompt := func(l string) bool { return strings.HasPrefix(l, tabDB) }
	last := -1
	for i, l := range lines {
		if isPrompt(l) {
			last = i
		}
	}
	o := tabObservation{cursor: cursor}
	if last < 0 {
		return o
	}
	o.line = lines[last]
	if !list {
		return o
	}
	var block []string
	for _, l := range lines[last+1:] {
		if strings.TrimSpace(l) != "" {
			block = append(block, l)
		}
	}
	if len(block) == 0 {
		for i := last - 1; i >= 0 && !isPrompt(lines[i]) && strings.TrimSpace(lines[i]) != ""; i-- {
			block = append(block, lines[i])
		}
	}
	for _, l := range block {
		for _, f := range strings.Fields(l) {
			f = strings.ReplaceAll(f, "'", "")
			if files {
				f = path.Base(f)
			}
			o.cands = append(o.cands, f)
		}
	}
	slices.Sort(o.cands)
	return o
}
