package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCopyDiff runs \copy in every form psql 15 accepts, and its failures, side by side
// with psql: files (relative, quoted, ~), stdin/stdout/pstdin/pstdout, programs, old-style
// and new-style options, (query), parse errors, a missing file, a directory, a rejected
// CSV row with its CONTEXT line, and what the script does after each.
func TestCopyDiff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("d.csv", "1,x\n2,y\n")
	write("bad.csv", "1,x\n2\n3,z\n")
	write("d.txt", "5\tfive\n\\.\n6\tsix\n")
	write("q'uote.csv", "7,seven\n")
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	setup := "\\cd " + dir + "\ncreate temp table t(a int, b text);\n"
	script := func(name, body string) string { return write(name, setup+body) }
	tests := []diffCase{
		{name: "forms", args: []string{"-X", "-f", script("forms.sql", `\copy t from d.csv csv
\copy t from 'd.csv' with (format csv)
\copy t from 'q''uote.csv' csv
\copy public.t to stdout csv
\copy pg_temp.t (a) to stdout
\copy t(b,a) to stdout with csv header delimiter ';' quote '"'
\copy (select a, b from t where a > 1 order by a) to stdout (format csv, force_quote *)
\copy ( select 1, 'a''b', ')' ) to stdout
\copy t to pstdout with csv header
\copy t to stdout;
\copy binary t to 'out.bin'
\copy t from 'd.txt'
\copy t to 'out b.csv' csv
\! cat 'out b.csv'
\copy t to sub//x/../out.txt
\! cat sub/out.txt
\copy t to program 'sort -r' csv
\copy t from program 'printf "8,eight\n"' csv
select count(*) from t;
`)}},
		{name: "errors", args: []string{"-X", "-f", script("errors.sql", `\copy
\copy t
\copy t frm x
\copy t to program cat
\copy t from nofile.csv csv
\copy t from ./sub/nofile
\copy t from sub csv
\copy t to sub
\copy t from bad.csv csv
\copy t from program 'exit 3'
\copy t from program 'nonexist_cmd_gpsql'
\copy nosuchtable from d.csv
\copy t from d.csv (format nosuch)
select count(*) from t;
`)}},
		{name: "stdin in script", args: []string{"-X", "-e", "-f", script("stdin.sql", `\copy t from stdin csv
10,a
11,b
\.
\copy t from stdin
12	c
\.
\copy t from stdin csv
99
\.
select count(*) from t;
`)}},
		{name: "-c reads stdin", args: []string{"-X", "-c", "create temp table t(a int, b text)", "-c", `\copy t from stdin csv`, "-c", "table t"},
			stdin: "20,p\n21,q\n\\.\nignored\n"},
		{name: "pstdin from stdin script", args: []string{"-X"},
			stdin: "create temp table t(a int, b text);\n\\copy t from pstdin csv\n30,q\n\\.\n\\copy t from stdin csv\n31,r\n\\.\ntable t;\n"},
		{name: "pstdin with -f", args: []string{"-X", "-f", script("pstdin.sql", "\\copy t from pstdin csv\ntable t;\n")},
			stdin: "40,s\n41,t\n"},
		{name: "echo and quiet", args: []string{"-X", "-q", "-e", "-f", script("quiet.sql", "\\copy t from d.csv csv\n\\copy t to stdout\n")}},
		{name: "on error stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-f", script("stop.sql", "\\copy t from bad.csv csv\nselect 1;\n")}},
		{name: "single transaction", args: []string{"-X", "-1", "-v", "ON_ERROR_STOP=1", "-f", script("one.sql",
			"\\copy t from d.csv csv\n\\copy t from bad.csv csv\n")}},
	}
	for i := range tests {
		tests[i].env = append(sockEnv(), tests[i].env...)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc) // not parallel: the cases share the data directory's output files
		})
	}
}

// TestLargeObjectDiff: \lo_import (with a comment and LASTOID), \lo_export, \lo_unlink,
// \lo_list, their argument and server errors, and the transaction rules (an aborted
// transaction refuses them).
func TestLargeObjectDiff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "lo.txt"), []byte(strings.Repeat("large object\n", 2000)), 0o644); err != nil {
		t.Fatal(err)
	}
	// OIDs differ between the two runs, so they are scrubbed.
	oid := `\b[0-9]{5,}\b`
	body := "\\cd " + dir + `
begin;
\lo_import lo.txt
\set a :LASTOID
\lo_import lo.txt 'a ''comment'''
\set b :LASTOID
select count(*) from pg_largeobject_metadata where oid in (:a, :b);
select obj_description(:b, 'pg_largeobject');
\lo_export :a out.txt
\! cmp lo.txt out.txt && echo same
\lo_unlink :a
\lo_import nofile
\lo_export 4000000000 x
\lo_export :b sub/none/x
\lo_unlink
\lo_unlink 4000000000
\lo_import
\lo_export 1
select 1/0;
\lo_import lo.txt
rollback;
\lo_unlink abc
\lo_list
`
	script := filepath.Join(dir, "lo.sql")
	if err := os.WriteFile(script, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []diffCase{
		{name: "script", args: []string{"-X", "-f", script}, scrub: []string{oid}},
		{name: "autocommit", args: []string{"-X", "-c", "\\cd " + dir, "-c", "\\lo_import lo.txt", "-c", "\\lo_unlink :LASTOID",
			"-c", "select count(*) from pg_largeobject_metadata where oid = :LASTOID"}, scrub: []string{oid}},
	}
	for _, tc := range tests {
		tc.env = sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc)
		})
	}
}
