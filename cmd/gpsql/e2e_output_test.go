package main

import (
	"path/filepath"
	"testing"
)

// TestOutputStreamsDiff: what goes to standard output and what to \o's target. Echoed input
// (-a, ECHO queries) is psql's puts, so it stays on standard output while \o redirects query
// results; standard output written after \o is closed is not lost at exit; \w |cmd starts
// after what is already printed.
func TestOutputStreamsDiff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "o.txt")
	tests := []diffCase{
		{name: "output after o closed", stdin: "\\o " + file + "\n\\o\n\\echo end\n"},
		{name: "last line after a result", stdin: "\\o " + file + "\n\\o\n\\echo end\nselect 1 as one;\n\\echo last\n"},
		{name: "echo queries stays on stdout", stdin: "\\o " + file + "\n\\set ECHO queries\nselect 2 as y;\n\\copy (select 3) to stdout\n\\o\n\\! cat " + file + "\n"},
		{name: "echo all stays on stdout", args: []string{"-a"}, stdin: "\\o " + file + "\nselect 2 as y;\n\\o\n\\echo after\n\\! cat " + file + "\n"},
		{name: "w pipe after earlier output", stdin: "select 1 as x;\n\\! echo b\n\\echo c\n\\w |cat\n"},
	}
	for _, tc := range tests {
		tc.args, tc.env = append([]string{"-X", "-f", "-"}, tc.args...), sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc) // not parallel: the cases share the \o file
		})
	}
}
