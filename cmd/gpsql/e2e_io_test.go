package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestIOCommandsDiff covers the input/output, query buffer and operating system commands
// against psql: \i \ir \o \qecho \warn \p \r \w \errverbose \timing \! \cd \setenv \getenv.
func TestIOCommandsDiff(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "inner.sql"), []byte("select 'inner' as w;\n\\ir leaf.sql\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "sub", "leaf.sql"), []byte("select 'leaf' as w;\nselect 1/0;\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "quit.sql"), []byte("select 'before quit' as q;\n\\q\nselect 'never';\n"), 0o644)
	outFile := filepath.Join(dir, "o.txt")
	main := filepath.Join(dir, "main.sql")
	os.WriteFile(main, []byte(`select 1
\p
\r
\p
select 2;
\p
\errverbose
select 1/0;
\errverbose
\qecho qe
\warn wa
\warn -n no newline
\echo -n also none
\echo
\timing
\timing off
\timing bogus
\cd /nonexistent
\getenv x HOME
\echo :x
\setenv GPSQL_TEST_VAR bar
\! echo $GPSQL_TEST_VAR
\setenv GPSQL_TEST_VAR
\! echo "[$GPSQL_TEST_VAR]"
\i /nonexistent.sql
\w /nonexistent/x
\o /nonexistent/x
\prompt
\getenv
\setenv
\i `+filepath.Join(dir, "sub", "inner.sql")+`
\prompt 'Your name: ' who
\echo :who
\o `+outFile+`
select 'to file' as f;
\qecho into file
\echo to stdout
\o
\! cat `+outFile+`
\w `+filepath.Join(dir, "w.txt")+`
\! cat `+filepath.Join(dir, "w.txt")+`
\i `+filepath.Join(dir, "quit.sql")+`
select 'not reached';
`), 0o644)
	tests := []diffCase{
		{name: "io script", args: []string{"-X", "-f", main}, stdin: "Ada\n"},
		{name: "q ends only its file", args: []string{"-X", "-f", filepath.Join(dir, "quit.sql"), "-c", "\\q", "-c", "select 'after' as a"}},
		{name: "io stdin", args: []string{"-X"}, stdin: "\\cd " + dir + "\n\\i sub/inner.sql\n\\ir sub/leaf.sql\n"},
	}
	for i := range tests {
		tests[i].env = append(sockEnv(), "HOME="+dir)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc)
		})
	}
}
