package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCopyStdinDiff: COPY FROM STDIN reads the lines that follow it in the script (up to
// \.), COPY TO STDOUT writes to the query output without a status line, and a rejected row
// fails only that COPY.
func TestCopyStdinDiff(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "cp.sql")
	os.WriteFile(script, []byte("create temp table c(a int, b text);\ncopy c from stdin;\n1\tone\n2\ttwo\n\\.\nselect * from c;\n"+
		"copy c to stdout;\ncopy c from stdin (format csv);\n3,three\nbad\n\\.\nselect count(*) from c;\ncopy c from stdin;\n4\tfour\n"), 0o644)
	tests := []diffCase{
		{name: "script", args: []string{"-X", "-f", script}},
		{name: "rejected row mid-data", args: []string{"-X"}, stdin: "create temp table c(a int);\ncopy c from stdin;\n1\nbad\n3\n4\n\\.\nselect count(*) from c;\n"},
		{name: "stdin", args: []string{"-X"}, stdin: "create temp table c(a int);\ncopy c from stdin;\n1\n2\n\\.\nselect sum(a) from c;\n"},
		{name: "-c reads stdin", args: []string{"-X", "-c", "create temp table z(a int)", "-c", "copy z from stdin"}, stdin: "1\n2\n\\.\n"},
		{name: "copy to stdout", args: []string{"-X", "-c", "copy (select 1, 'x') to stdout", "-c", "select 2"}},
		{name: "copy to stdout csv header", args: []string{"-X", "-c", "copy (select 1 as a, 'x,y' as b) to stdout (format csv, header)"}},
	}
	for i := range tests {
		tests[i].env = append(sockEnv(), tests[i].env...)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
