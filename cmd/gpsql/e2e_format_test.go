package main

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// formatFixture creates, once per test binary, the table the format tests print: NULLs,
// newlines, tabs, a carriage return, wide (CJK) and combining characters, emoji, every
// numeric type (right-aligned) and domains over int and text (aligned by their base type).
var formatFixture = sync.OnceValue(func() error {
	const sql = `
drop table if exists r5_fix; drop domain if exists r5_int; drop domain if exists r5_text;
create domain r5_int as int;
create domain r5_text as text;
create table r5_fix (id int2, big int8, num numeric(10,3), f4 float4, f8 float8, cash money,
  o oid, di r5_int, dt r5_text, txt text);
insert into r5_fix values
  (1, 9000000000, 3.142, 1.5, -2.25, 12.5, 26, 7, 'dom', 'plain'),
  (2, null, null, null, null, null, null, null, null, null),
  (3, -1, 0, 'NaN', 1e100, -1, 0, -3, E'two\nlines', E'tab\there'),
  (4, 42, 123456.789, 0.001, 3, 1000000, 1, 0, '日本語テキスト', E'cr\rreturn'),
  (5, 0, -1.5, 1, 1, 0, 2, 1, 'e' || chr(769) || 'cole', '🎉 party'),
  (6, 1, 1, 1, 1, 1, 3, 2, 'x', E'a long value that needs wrapping in the wrapped format\nand a second line');
`
	cmd := exec.Command(psqlBin, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql)
	cmd.Env = append(sockEnv(), "HOME="+homeDir, "PATH=/usr/bin:/bin")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("creating the format fixture: %v\n%s", err, out)
	}
	return nil
})

func needFixture(t *testing.T) {
	t.Helper()
	if err := formatFixture(); err != nil {
		t.Fatal(err)
	}
}

// TestFormatMatrixDiff prints the fixture, a one-row result and an empty result in every
// format x border x linestyle x expanded x tuples_only combination (one script per
// format, so that the whole matrix costs a few runs) and diffs gpsql with psql.
func TestFormatMatrixDiff(t *testing.T) {
	needFixture(t)
	formats := []string{"aligned", "unaligned", "wrapped", "csv", "html", "asciidoc", "latex", "latex-longtable", "troff-ms"}
	for _, format := range formats {
		t.Run(format, func(t *testing.T) {
			t.Parallel()
			var b strings.Builder
			fmt.Fprintf(&b, "\\pset format %s\n\\pset columns 60\n\\pset null (null)\n", format)
			borders := []int{0, 1, 2}
			if strings.HasPrefix(format, "latex") {
				borders = append(borders, 3)
			}
			for _, border := range borders {
				for _, ls := range []string{"ascii", "old-ascii", "unicode"} {
					for _, x := range []string{"off", "on", "auto"} {
						for _, tuples := range []string{"off", "on"} {
							fmt.Fprintf(&b, "\\pset border %d\n\\pset linestyle %s\n\\pset expanded %s\n\\pset tuples_only %s\n", border, ls, x, tuples)
							b.WriteString("select * from r5_fix order by id;\n")
							b.WriteString("select 1 as one where false;\n")
							b.WriteString("\\pset title 'A title'\nselect id, dt as \"multi\nline header\" from r5_fix where id in (3, 4) order by id;\n\\pset title\n")
						}
					}
				}
			}
			runDiff(t, diffCase{name: format, args: []string{"-X", "-q"}, env: sockEnv(), stdin: b.String()})
		})
	}
}

// TestPsetDiff checks \pset and its shortcuts against psql: every message, the listing,
// errors, unique prefixes, quiet mode and extra arguments.
func TestPsetDiff(t *testing.T) {
	all := `\pset
\pset format
\pset format a
\pset format w
\pset format l
\pset format latex-l
\pset format LATEX
\pset format tr
\pset format ''
\pset format foo
\pset format unaligned
\pset border
\pset border 3
\pset border x
\pset border -1
\pset border 2x
\pset linestyle
\pset linestyle u
\pset linestyle o
\pset linestyle ''
\pset linestyle z
\pset expanded
\pset expanded auto
\pset x
\pset expanded auto
\pset expanded
\pset expanded AUTO
\pset expanded off
\pset expanded maybe
\pset x ''
\pset null
\pset null NUL
\pset null 'it''s'
\pset title
\pset title hi
\pset title ''
\pset title
\pset t
\pset tuples_only
\pset tuples_only on
\pset tuples_only of
\pset tuples_only xx
\pset footer
\pset footer
\pset footer off
\pset footer x
\pset fieldsep
\pset fieldsep ,
\pset fieldsep_zero
\pset fieldsep
\pset fieldsep_zero on
\pset recordsep
\pset recordsep_zero
\pset recordsep
\pset recordsep x
\pset recordsep ''
\pset csv_fieldsep
\pset csv_fieldsep ;
\pset csv_fieldsep ab
\pset csv_fieldsep '"'
\pset csv_fieldsep '\t'
\pset tableattr
\pset T x=1
\pset tableattr ''
\pset columns
\pset columns 80
\pset columns abc
\pset columns -3
\pset pager
\pset pager
\pset pager always
\pset pager
\pset pager 0
\pset pager x
\pset pager_min_lines
\pset pager_min_lines 1
\pset pager_min_lines 5
\pset pager_min_lines x
\pset numericlocale
\pset numericlocale
\pset numericlocale on
\pset unicode_border_linestyle
\pset unicode_border_linestyle d
\pset unicode_border_linestyle x
\pset unicode_border_linestyle ''
\pset unicode_column_linestyle double
\pset unicode_column_linestyle x
\pset unicode_header_linestyle S
\pset unicode_header_linestyle x
\pset bogus
\pset bogus 1
\pset border 2 3
\pset
\t
\t
\t on extra
\a
\a
\a on
\x
\x auto
\x
\x off
\x bogus
\x on off
\f
\f ;
\f a b
\H
\H
\H x
\T
\T foo
\T a b
\T
\C
\C hello
\C a b
\C
\pset null 'a\\b"c'
\pset fieldsep '\n'
\pset recordsep '|'
\pset
`
	tests := []diffCase{
		{name: "every option", args: []string{"-X"}, stdin: all},
		{name: "quiet", args: []string{"-X", "-q"}, stdin: all},
		{name: "-c pset", args: []string{"-X", "-c", `\pset border 2`}},
		{name: "-c listing", args: []string{"-X", "-c", `\pset`}},
		{name: "-c error", args: []string{"-X", "-c", `\pset format foo`}},
		{name: "on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1"}, stdin: "\\pset nosuch\n\\echo not reached\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.env = sockEnv()
			runDiff(t, tc)
		})
	}
}

// TestFormatOptionsDiff checks the command-line format options against psql's, alone and
// combined, including -P errors (which stop psql before it connects).
func TestFormatOptionsDiff(t *testing.T) {
	needFixture(t)
	const q = "select id, num, dt, txt from r5_fix order by id"
	tests := []diffCase{
		{name: "-A", args: []string{"-X", "-A", "-c", q}},
		{name: "-t", args: []string{"-X", "-t", "-c", q}},
		{name: "-t -t", args: []string{"-X", "-t", "-t", "-c", q}},
		{name: "-x", args: []string{"-X", "-x", "-c", q}},
		{name: "-x -x", args: []string{"-X", "-x", "-x", "-c", q}},
		{name: "-H", args: []string{"-X", "-H", "-c", q}},
		{name: "-H -T", args: []string{"-X", "-H", "-T", "class=x", "-c", q}},
		{name: "-H -T empty", args: []string{"-X", "-H", "-T", "", "-c", q}},
		{name: "-A -F", args: []string{"-X", "-A", "-F", ";", "-c", q}},
		{name: "-A -F empty", args: []string{"-X", "-A", "-F", "", "-c", q}},
		{name: "-A -R", args: []string{"-X", "-A", "-R", "#", "-c", q}},
		{name: "-A -z -0", args: []string{"-X", "-A", "-z", "-0", "-c", q}},
		{name: "--csv", args: []string{"-X", "--csv", "-c", q}},
		{name: "--csv -t", args: []string{"-X", "--csv", "-t", "-c", q}},
		{name: "-A then -P aligned", args: []string{"-X", "-A", "-P", "format=aligned", "-c", q}},
		{name: "-P border", args: []string{"-X", "-P", "border=2", "-P", "linestyle=unicode", "-c", q}},
		{name: "-P expanded toggle", args: []string{"-X", "-P", "expanded", "-c", q}},
		{name: "-P title empty", args: []string{"-X", "-P", "title=", "-c", q}},
		{name: "-P border empty", args: []string{"-X", "-P", "border=", "-c", q}},
		{name: "-P null", args: []string{"-X", "-P", "null=¤", "-c", q}},
		{name: "-P null empty", args: []string{"-X", "-P", "null=x", "-P", "null=", "-c", q}},
		{name: "-P unknown", args: []string{"-X", "-P", "bogus=1", "-c", q}},
		{name: "-P bad format", args: []string{"-X", "-P", "format=foo", "-c", q}},
		{name: "-P empty format", args: []string{"-X", "-P", "format=", "-c", q}},
		{name: "-P bad bool", args: []string{"-X", "-P", "tuples_only=xx", "-c", q}},
		{name: "-P bad pager", args: []string{"-X", "-P", "pager=x", "-c", q}},
		{name: "-P bad csv_fieldsep", args: []string{"-X", "-P", "csv_fieldsep=ab", "-c", q}},
		{name: "-P quiet", args: []string{"-X", "-P", "format=wrapped", "-P", "columns=30", "-c", q}},
		{name: "COLUMNS ignored when not a tty", args: []string{"-X", "-P", "format=wrapped", "-c", q}, env: []string{"COLUMNS=20"}},
		{name: "x auto without a terminal", args: []string{"-X", "-P", "expanded=auto", "-c", q}, env: []string{"COLUMNS=20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.env = sockEnv(tc.env...)
			runDiff(t, tc)
		})
	}
}

// TestFetchCountDiff checks FETCH_COUNT: batches with widths of their own, one header, the
// footer after the last batch, batch-numbered expanded records, an error mid-way that keeps
// the batches printed, the transaction psql opens (and one it must not), and the
// variable's validation.
func TestFetchCountDiff(t *testing.T) {
	needFixture(t)
	script := `\set FETCH_COUNT 2
select g, repeat('x', g) as r from generate_series(1,5) g;
select g, repeat('x', g) as r from generate_series(1,4) g;
select * from r5_fix order by id;
\pset border 2
\pset linestyle unicode
select g, repeat('x', g * 3) as r from generate_series(1,5) g;
\x
select g, repeat('x', g) as r from generate_series(1,3) g;
select g, repeat('x', g) as r from generate_series(1,4) g;
\x
\pset border 1
\pset linestyle ascii
select 1/(3-g) as q from generate_series(1,5) g;
select 1/(4-g) as q from generate_series(1,5) g;
select  /* c */ (values (1),(2),(3));
-- a comment
 ( values (1), (22), (333) );
select g from generate_series(1,0) g;
\pset format unaligned
select g, g*g as sq from generate_series(1,5) g;
\pset tuples_only on
select g from generate_series(1,4) g;
\pset tuples_only off
\pset format csv
select g, 'a,b' as t from generate_series(1,3) g;
\pset format html
select g from generate_series(1,3) g;
\x
select g from generate_series(1,3) g;
\x
\pset format asciidoc
select g from generate_series(1,3) g;
\pset format latex
select g from generate_series(1,3) g;
\pset format troff-ms
select g from generate_series(1,3) g;
\pset format aligned
begin;
select g from generate_series(1,3) g;
select 1/0;
select 1;
rollback;
select txid_current_if_assigned() is null as no_txn_left;
insert into r5_fix select * from r5_fix where false;
\set FETCH_COUNT 0x10
\echo :FETCH_COUNT
\set FETCH_COUNT ' 5'
\set FETCH_COUNT '5 '
\set FETCH_COUNT 99999999999
\set FETCH_COUNT -3
\set FETCH_COUNT ''
\set FETCH_COUNT abc
\echo :FETCH_COUNT
\unset FETCH_COUNT
\echo :FETCH_COUNT
select 1 as still_ok;
\set FETCH_COUNT 2
\x
\pset format asciidoc
select g from generate_series(1,3) g;
\pset format latex
select g from generate_series(1,3) g;
\pset format latex-longtable
select g from generate_series(1,3) g;
\pset format troff-ms
select g from generate_series(1,3) g;
\pset format unaligned
select g from generate_series(1,3) g;
\pset format csv
select g from generate_series(1,3) g;
\x
\pset format latex-longtable
select g from generate_series(1,3) g;
\pset format wrapped
\pset columns 20
select g, repeat('xy ', g*3) from generate_series(1,5) g;
\pset expanded auto
select g, repeat('xy ', g*3) from generate_series(1,5) g;
`
	const wide = "select g, repeat('xy ', g*3) as r from generate_series(1,5) g"
	tests := []diffCase{
		{name: "script", args: []string{"-X"}, stdin: script},
		{name: "-c with -v", args: []string{"-X", "-v", "FETCH_COUNT=3", "-c", "select g from generate_series(1,7) g"}},
		{name: "-c error mid-way", args: []string{"-X", "-v", "FETCH_COUNT=3", "-c", "select 10/(5-g) from generate_series(1,7) g"}},
		{name: "-c declare error", args: []string{"-X", "-v", "FETCH_COUNT=3", "-c", "select nosuch\nfrom generate_series(1,7) g"}},
		{name: "-v invalid", args: []string{"-X", "-v", "FETCH_COUNT=x", "-c", "select 1"}},
		{name: "COLUMNS with several batches", args: []string{"-X", "-v", "FETCH_COUNT=2", "-P", "format=wrapped", "-c", wide}, env: []string{"COLUMNS=20"}},
		{name: "COLUMNS in one batch", args: []string{"-X", "-v", "FETCH_COUNT=20", "-P", "format=wrapped", "-c", wide}, env: []string{"COLUMNS=20"}},
		{name: "x auto with several batches", args: []string{"-X", "-v", "FETCH_COUNT=2", "-x", "-P", "expanded=auto", "-c", wide}},
		{name: "x auto in one batch", args: []string{"-X", "-v", "FETCH_COUNT=20", "-P", "expanded=auto", "-c", wide}, env: []string{"COLUMNS=20"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.env = sockEnv(tc.env...)
			runDiff(t, tc)
		})
	}
}
