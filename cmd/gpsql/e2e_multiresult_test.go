package main

import (
	"path/filepath"
	"testing"
)

// TestMultiResultDiff: a query string of several statements, as psql 15 handles its
// results: a notice of one statement comes before the table of the one before it, \gset
// and \crosstabview take the last result, SHOW_ALL_RESULTS off prints only the last, each
// COPY FROM STDIN reads its own data, and COPY TO STDOUT's data comes after the result
// before it.
func TestMultiResultDiff(t *testing.T) {
	t.Parallel()
	gfile := filepath.Join(t.TempDir(), "g.txt")
	tests := []diffCase{
		{name: "notice order", stdin: "SELECT 1 AS one \\; DO $$BEGIN RAISE NOTICE 'n2'; END$$ \\; SELECT 3 AS three;\n"},
		{name: "gset takes the last", stdin: "SELECT 3 AS three \\; SELECT 4 AS four \\gset\n\\echo :three :four\n"},
		{name: "show all results off", stdin: "\\set SHOW_ALL_RESULTS off\nselect 1 as a \\; select 2 as b \\; insert into nosuch values (1);\n" +
			"select 1 as a \\; select 2 as b;\nselect 1 as a \\; create temp table sar(a int) \\; insert into sar values (1) returning a;\n"},
		{name: "two copies from stdin", stdin: "create temp table ct(a int);\ncopy ct from stdin \\; copy ct from stdin;\n1\n\\.\n2\n\\.\n" +
			"select 5 as before \\; copy ct to stdout \\; select 6 as after;\n" +
			"select 7 as x \\; copy ct from stdin \\; select count(*) from ct;\n8\n\\.\n"},
		{name: "crosstab takes the last", stdin: "select g as row, g%2 as col, g as v from generate_series(1,3) g \\; " +
			"select 1 as x, 2 as y, 3 as z \\crosstabview\n"},
		{name: "error in the middle", stdin: "select 1 \\; select 1/0 \\; select 3;\n"},
		// The server refuses this COPY right after it asks for data: its lines are still
		// read up to \., whether or not gpsql had begun to send them (copy2.sql).
		{name: "copy refused before its data", stdin: "create temp table vt(a text);\nbegin;\ntruncate vt;\nsavepoint s1;\n" +
			"truncate vt;\nrollback to savepoint s1;\ncopy vt from stdin csv freeze;\nd3\ne\n\\.\ncommit;\nselect count(*) from vt;\n"},
		{name: "g file gets every result", stdin: "select 'a' as a \\; select 'b' as b \\g " + gfile + "\n\\! cat " + gfile + "\n"},
	}
	for _, tc := range tests {
		tc.args, tc.env = []string{"-X"}, sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc) // not parallel: one case writes the \g file
		})
	}
}
