package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestLexerR6Diff covers the lexer and \if items of the r5 regression sweep
// (/tmp/sweep/report.md items 5, 6, 7, 8, 12, 13, 14), each script run through psql 15 and
// gpsql with -a so that every input line is echoed next to its output.
func TestLexerR6Diff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inc := filepath.Join(dir, "inc.sql")
	if err := os.WriteFile(inc, []byte("select 'included' as i;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.txt")
	cases := []struct{ name, script string }{
		// Item 7: text typed in a skipped branch is dropped at \else, \elif and \endif, and so
		// is the parenthesis depth it left.
		{"inactive text dropped at endif", "\\if false\n  junk\n\\endif\nselect 1 as a;\n"},
		{"inactive paren dropped", "select\n\\if false\n  (bogus\n\\endif\n  2 as b;\nselect 3 as c;\n"},
		{"inactive statement keeps earlier text", "select\n\\if false\nx;\n\\endif\n1 as c;\n"},
		{"inactive text dropped at else and elif", "select\n\\if false\n  nope\n\\elif false\n  (no\n\\elif true\n  4 as d\n\\else\n  (never\n\\endif\n;\n"},
		{"active branch text kept", "select\n\\if true\n  5 as e\n\\else\n  6 as f\n\\endif\n;\n"},
		{"nested inactive if", "select\n\\if false\n  (a\n  \\if true\n    (b\n  \\endif\n  (c\n\\endif\n7 as g;\n"},
		{"previous buffer after inactive statement", "select 1 as a;\n\\if false\nselect 2 as b;\n\\endif\n\\g\n"},
		{"same line text before endif", "select 8 as h\n\\if false\nzap \\endif\n;\n"},
		// Item 8: in a skipped branch, commands consume their arguments as they would when
		// active, so a \else or \endif inside a whole-line or pipe argument is not a command.
		{"inactive pipe argument", "\\if false\n  \\w |/no/such/file \\else\n  \\echo 'should not print'\n\\else\n  \\echo 'ok'\n\\endif\n"},
		{"inactive whole line", "\\if false\n  \\! echo SHOULD-NOT-RUN \\endif\n\\endif\n\\echo done\n"},
		{"inactive whole line commands", "\\if false\n\\sf f \\endif\n\\sv v \\endif\n\\ef f \\endif\n\\ev v \\endif\n\\h select \\endif\n\\copy t from x \\endif\n\\o |cat \\endif\n\\o " + filepath.Join(dir, "never") + " \\endif\n\\endif\n\\echo done\n"},
		{"inactive lo_ and d names", "\\if false\n\\lo_foo x\n\\lo_list; \\endif\n\\dfoo; \\endif\n\\conninfo \\endif\n\\endif\n\\echo a\n\\lo_list;\n"},
		{"inactive g options", "\\if false\n\\g (format=csv tuples_only) |cat \\endif\n\\gx (a \\else b) \\endif\n\\endif\n\\echo done\n"},
		// Item 12: extra arguments are neither expanded nor run.
		{"extra arguments unevaluated", "\\set foo bar\n\\pset fieldsep | `echo hi` :foo :'foo' :\"foo\"\n\\t on `echo x` :foo\n\\a :foo\n"},
		// Item 13: only an unquoted -n is \echo's option.
		{"echo quoted -n", "\\echo '-n' x\n\\echo \"-n\" y\n\\set v -n\n\\echo :v z\n\\echo -n -n w\n\\echo\n\\qecho '-n' q\n\\warn '-n' r\n"},
		// Item 14: \html is \H's long name.
		{"html long name", "\\html\nselect 1 as one;\n\\html\n\\if false\n\\html\n\\endif\n\\html extra\n\\H\n"},
		// Item 5: trailing unquoted semicolons are stripped where psql asks for it.
		{"semicolon stripped", "create table r6semi (a int);\n\\d r6semi;\n\\dt r6semi;;\n\\d \"r6semi\";\n\\d 'r6semi;'\n\\t on;\nselect 1;\n\\t off;\n\\x on;\nselect 1;\n\\x off;\n\\C 'my title';\nselect 1;\n\\C\n\\echo a;\n\\set s x;\n\\echo :s\n\\i " + inc + ";\n\\sf pg_catalog.now;\n\\pset null x;\nselect null;\n\\lo_unlink 0;\n" +
			"\\o " + out + ";\nselect 'to file' as f;\n\\o\n\\! cat " + out + "\n\\w " + out + ";\n\\! cat " + out + "\n" +
			"\\cd " + dir + ";\n\\! pwd\n\\c postgres;\n\\z r6semi;\n\\l postgres;\n\\crosstabview a b;\n\\x auto;\n\\x\n\\pset title 'x;'\n\\C x;;;\n\\pset title\ndrop table r6semi;\n"},
		// Item 6: standard_conforming_strings is followed line by line.
		{"standard strings off", "set standard_conforming_strings = off;\nset escape_string_warning = off;\nselect 'a\\'b' as x;\nselect 1 as y;\nset standard_conforming_strings = on;\nselect 'c\\' as z;\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, diffCase{name: tc.name, args: []string{"-X", "-a"}, stdin: tc.script, env: sockEnv()})
		})
	}
}
