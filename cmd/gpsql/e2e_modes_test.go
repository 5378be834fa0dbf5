package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestModesDiff covers the non-interactive modes: -e, -a, -b, -1, -S, -o, AUTOCOMMIT off
// and ON_ERROR_ROLLBACK, compared with psql on the same scripts.
func TestModesDiff(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	echo := script("echo.sql", "select 1;\n\n-- a comment\nselect 1/0;\n\\echo done\nselect\n  2 as two;\n")
	txn := script("txn.sql", "create table single_txn_t(a int);\ninsert into single_txn_t values (1);\nselect 1/0;\nselect 2;\n")
	auto := script("auto.sql", "\\set AUTOCOMMIT off\ncreate temp table ac(a int);\ninsert into ac values (1);\nselect 1/0;\nselect count(*) from ac;\nrollback;\nselect count(*) from ac;\n")
	rb := script("rb.sql", "\\set ON_ERROR_ROLLBACK on\nbegin;\ncreate temp table rbt(a int);\ninsert into rbt values (1);\nselect 1/0;\ninsert into rbt values (2);\nselect count(*) from rbt;\ncommit;\n")
	out := filepath.Join(dir, "out.txt")
	tests := []diffCase{
		{name: "-e", args: []string{"-X", "-e", "-f", echo}},
		{name: "-a", args: []string{"-X", "-a", "-f", echo}},
		{name: "-b", args: []string{"-X", "-b", "-f", echo}},
		{name: "-a stdin", args: []string{"-X", "-a"}, stdin: "select 1;\n\\echo x\n"},
		{name: "-1 commits", args: []string{"-X", "-1", "-c", "create temp table t1(a int)", "-c", "insert into t1 values (1)"}},
		{name: "-1 with error", args: []string{"-X", "-1", "-f", txn}},
		{name: "-1 on_error_stop rolls back", args: []string{"-X", "-1", "-v", "ON_ERROR_STOP=1", "-f", txn}},
		{name: "-1 stdin", args: []string{"-X", "-1"}, stdin: "select 1;\nselect 1/0;\n"},
		{name: "-S single line", args: []string{"-X", "-S"}, stdin: "select 1\nselect (2,\n3)\n"},
		{name: "autocommit off", args: []string{"-X", "-f", auto}},
		{name: "on_error_rollback", args: []string{"-X", "-f", rb}},
		{name: "connection lost -c", args: []string{"-X", "-c", "select pg_terminate_backend(pg_backend_pid())", "-c", "select 2"}},
		{name: "connection lost stdin", args: []string{"-X"}, stdin: "select pg_terminate_backend(pg_backend_pid());\nselect 2;\n"},
		{name: "notifications after each command", args: []string{"-X", "-c", "listen a; notify a, 'x'; notify a", "-c", "select 1"},
			scrub: []string{`PID \d+`}},
		{name: "notifications in a script", args: []string{"-X"}, stdin: "listen b;\nnotify b, 'one';\nselect pg_notify('b', 'two'), 1 as x;\nunlisten b;\nnotify b;\n",
			scrub: []string{`PID \d+`}},
		{name: "-L log file", args: []string{"-X", "-L", filepath.Join(dir, "log.txt"), "-c", "select 1", "-c", "create temp table lt(a int)", "-c", "select 1/0", "-c", "\\! cat " + filepath.Join(dir, "log.txt"), "-c", "\\! rm " + filepath.Join(dir, "log.txt")}},
		{name: "-L unwritable", args: []string{"-X", "-L", "/nonexistent/log", "-c", "select 1"}},
		{name: "-l lists databases", args: []string{"-X", "-l", "-c", "select 'ignored'"}},
		{name: "-l with format options", args: []string{"-X", "-l", "-A", "-t", "-F", ","}},
		{name: "-l unknown database", args: []string{"-X", "-l", "nodb"}},
		{name: "-o file", args: []string{"-X", "-o", out, "-c", "select 1", "-c", "\\echo x"}},
	}
	for i := range tests {
		tests[i].env = append(sockEnv(), tests[i].env...)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc) // sequential: some cases create tables
		})
	}
}
