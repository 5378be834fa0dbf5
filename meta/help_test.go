package meta

import (
	"strings"
	"testing"

	"github.com/gpsql/gpsql/render"
)

func TestSQLHelpList(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name          string
		width         int
		lines, maxLen int
	}{
		// psql 15 prints 185 commands in 93 rows of two 33-wide columns at 80 columns; the
		// longest name (CREATE TEXT SEARCH CONFIGURATION) has 32 characters.
		{"80 columns", 80, 94, 2 + 33 + 32},
		{"narrow", 20, 186, 2 + 32},
		{"wide", 140, 1 + 47, 2 + 3*33 + 32},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := SQLHelp("", tc.width)
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if lines[0] != "Available help:" || len(lines) != tc.lines {
				t.Fatalf("got %d lines starting %q, want %d", len(lines), lines[0], tc.lines)
			}
			if !strings.HasPrefix(lines[1], "  ABORT ") && tc.width >= 40 {
				t.Errorf("first row %q", lines[1])
			}
			max := 0
			for _, l := range lines[1:] {
				if len(l) > max {
					max = len(l)
				}
			}
			if max > tc.maxLen {
				t.Errorf("longest row %d > %d", max, tc.maxLen)
			}
		})
	}
}

func TestSQLHelpTopics(t *testing.T) {
	t.Parallel()
	cases := []struct {
		topic string
		want  []string // the commands shown, in order (as psql 15's \h shows them)
	}{
		{"select", []string{"SELECT"}},
		{"SeLeCt into", []string{"SELECT INTO"}},
		{"alter text search", []string{"ALTER TEXT SEARCH CONFIGURATION", "ALTER TEXT SEARCH DICTIONARY", "ALTER TEXT SEARCH PARSER", "ALTER TEXT SEARCH TEMPLATE"}},
		{"rollback to", []string{"ROLLBACK TO SAVEPOINT"}},
		{"alter table foo", []string{"ALTER TABLE", "ALTER TABLESPACE"}},
		{"end", []string{"END"}},
		{"nosuch", nil},
	}
	for _, tc := range cases {
		t.Run(tc.topic, func(t *testing.T) {
			t.Parallel()
			out := SQLHelp(tc.topic, 80)
			var got []string
			for _, l := range strings.Split(out, "\n") {
				if name, ok := strings.CutPrefix(l, "Command:     "); ok {
					got = append(got, name)
				}
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if tc.want == nil && out != "No help available for \"nosuch\".\nTry \\h with no arguments to see available help.\n" {
				t.Errorf("no-match text %q", out)
			}
		})
	}
}

func TestSQLCommandsTable(t *testing.T) {
	t.Parallel()
	cmds := sqlCommands()
	if len(cmds) != 185 {
		t.Fatalf("%d commands, psql 15 has 185", len(cmds))
	}
	for i, c := range cmds {
		if i > 0 && cmds[i-1].name >= c.name {
			t.Errorf("%q after %q: not sorted", c.name, cmds[i-1].name)
		}
		if c.desc == "" || strings.TrimSpace(c.syntax) == "" || !strings.HasPrefix(c.id, "sql-") {
			t.Errorf("%q: incomplete entry %+v", c.name, c)
		}
	}
}

func TestCommandsHelpState(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		st   HelpStatus
		want []string
	}{
		{"defaults", HelpStatus{}, []string{"toggle HTML output mode (currently off)", "show only rows (currently off)",
			"toggle expanded output (currently off)", "connect to new database (currently no connection)", "toggle timing of commands (currently off)"}},
		{"set", HelpStatus{DB: "db1", HTML: true, TuplesOnly: true, Expanded: render.ExpandedAuto, Timing: true},
			[]string{"toggle HTML output mode (currently on)", "show only rows (currently on)", "toggle expanded output (currently auto)",
				`connect to new database (currently "db1")`, "toggle timing of commands (currently on)"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out := CommandsHelp(tc.st)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q", w)
				}
			}
			if strings.Contains(out, "%s") || strings.HasPrefix(out, "\n") || strings.Contains(out, "\n\n\n") {
				t.Errorf("bad layout:\n%s", out)
			}
		})
	}
}

func TestStripLineno(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in string
		line     int
		rest     string
		ok       bool
	}{
		{"none", "f1", -1, "f1", true},
		{"space", "f1 12", 12, "f1 ", true},
		{"paren", "f1(int)3", 3, "f1(int)", true},
		{"trailing space", "f1 4  ", 4, "f1 ", true},
		{"digits in name", "f12", -1, "f12", true},
		{"only digits", "12", -1, "12", true},
		{"one char name", "f 2", 2, "f ", true},
		{"zero", "f1 0", 0, "0", false},
		{"empty", "", -1, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			line, rest, ok := stripLineno(tc.in)
			if line != tc.line || rest != tc.rest || ok != tc.ok {
				t.Errorf("stripLineno(%q) = %d, %q, %v; want %d, %q, %v", tc.in, line, rest, ok, tc.line, tc.rest, tc.ok)
			}
		})
	}
}

func TestHeaderLines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, def string
		want      int
	}{
		{"sql function", "CREATE OR REPLACE FUNCTION f()\n RETURNS int\n LANGUAGE sql\nAS $function$select 1$function$\n", 3},
		{"sql body", "CREATE OR REPLACE FUNCTION f()\n RETURNS int\n LANGUAGE sql\nRETURN 1\n", 3},
		{"begin atomic", "CREATE OR REPLACE PROCEDURE p()\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND\n", 2},
		{"no body line", "CREATE VIEW v AS\n SELECT 1\n", 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := headerLines(tc.def); got != tc.want {
				t.Errorf("headerLines = %d, want %d", got, tc.want)
			}
		})
	}
}
