package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestQueryDiff runs SQL through -c, -f and standard input and compares the output with
// psql's: tables, command tags, notices, errors with their script location, exit codes.
func TestQueryDiff(t *testing.T) {
	script := func(name, body string) string {
		p := filepath.Join(homeDir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	basic := script("basic.sql", "select 1 as a, 'two' as b, null as c;\n"+
		"select 1/0;\n"+
		"create temp table t (id int primary key, name text, price numeric(10,2));\n"+
		"insert into t values (1, 'apple', 1.5), (2, 'banana', null), (3, '日本語テキスト', 12345.67);\n"+
		"select * from t order by id;\n"+
		"update t set price = 2 where id = 1 returning *;\n"+
		"select foo\n  from t;\n"+
		"do $$ begin raise notice 'hello %', 42; end $$;\n"+
		"select 'a;b' as \"semi;colon\", $x$ dollar ; quoted $x$ as d; -- trailing comment\n"+
		"/* block ; comment */ select 2 as two;\n"+
		"delete from t where id > 1;\n"+
		"select\n")
	stop := script("stop.sql", "select 1;\nselect nope;\nselect 2;\n")
	tests := []diffCase{
		{name: "-c select", args: []string{"-X", "-c", "select 1 as one, 'x' as two"}},
		{name: "-c error", args: []string{"-X", "-c", "select 1/0"}},
		{name: "-c two statements", args: []string{"-X", "-c", "select 1; select 2 as b"}},
		{name: "-c repeated", args: []string{"-X", "-c", "select 1", "-c", "select 1/0", "-c", "select 3"}},
		{name: "-c repeated on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-c", "select 1/0", "-c", "select 3"}},
		{name: "-c command tag", args: []string{"-X", "-c", "create temp table x(a int)"}},
		{name: "-c empty result", args: []string{"-X", "-c", "select * from pg_class where false"}},
		{name: "-c no columns", args: []string{"-X", "-c", "select"}},
		{name: "-c null and numbers", args: []string{"-X", "-c", "select null::int as n, 1.50::numeric as num, 2::float8 as f, 3::bigint as b, 'x'::text as t, true as bool"}},
		{name: "-c wide unicode", args: []string{"-X", "-c", "select '日本' as 列, 'é' as e, 'ab' as x union all select 'a', 'éé', 'abcdef'"}},
		{name: "-c multiline cell", args: []string{"-X", "-c", "select E'line1\\nline2' as m, 'x' as y"}},
		{name: "-c error caret", args: []string{"-X", "-c", "select * from\n  nowhere"}},
		// U+2630 is one column to psql (PostgreSQL's wcwidth table), two to go-runewidth.
		{name: "-c error caret after narrow symbols", args: []string{"-X", "-c", "select '☰☰☰☰ 日本' as a, nosuch"}},
		{name: "-c error caret in a long line", args: []string{"-X", "-c", "select '" + strings.Repeat("☰", 50) + "' as a, nosuch, '" + strings.Repeat("日", 30) + "'"}},
		{name: "-c error detail hint", args: []string{"-X", "-c", "do $$ begin raise exception 'boom' using detail = 'd', hint = 'h'; end $$"}},
		{name: "-c notice", args: []string{"-X", "-c", "do $$ begin raise notice 'n'; end $$"}},
		{name: "-c verbosity verbose", args: []string{"-X", "-v", "VERBOSITY=verbose", "-c", "select 1/0"}},
		{name: "-c verbosity terse", args: []string{"-X", "-v", "VERBOSITY=terse", "-c", "select nope"}},
		{name: "-q command tag", args: []string{"-X", "-q", "-c", "create temp table x(a int)"}},
		{name: "-f script", args: []string{"-X", "-f", basic}},
		{name: "-f script on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-f", stop}},
		{name: "-f missing file", args: []string{"-X", "-f", "/nonexistent.sql"}},
		{name: "-f stdin", args: []string{"-X", "-f", "-"}, stdin: "select 1;\nselect 1/0;\n"},
		{name: "stdin script", args: []string{"-X"}, stdin: "select 1;\nselect 1/0;\nselect 'x' as y;\n"},
		{name: "stdin on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=on"}, stdin: "select 1/0;\nselect 2;\n"},
		{name: "-v interpolation", args: []string{"-X", "-v", "x=42", "-v", "t=a b"}, stdin: "select :x as v, :'t' as lit, 1 as :\"t\";\n"},
		{name: "-v bad name", args: []string{"-X", "-v", "a-b=1", "-c", "select 1"}},
		{name: "-v bad bool", args: []string{"-X", "-v", "ON_ERROR_STOP=maybe", "-c", "select 1"}},
		{name: "backslash q", args: []string{"-X"}, stdin: "select 1;\n\\q\nselect 2;\n"},
		{name: "backslash echo", args: []string{"-X", "-c", "\\echo hello 'quoted word'"}},
		{name: "invalid command", args: []string{"-X", "-c", "\\nosuch"}},
		{name: "extra argument warning", args: []string{"-X", "-c", "select 1", "postgres", "postgres", "extra"}},
		{name: "-P pager off", args: []string{"-X", "-P", "pager=off", "-c", "select 1"}},
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

// TestUsageDiff checks command-line errors against psql's.
func TestUsageDiff(t *testing.T) {
	tests := []diffCase{
		{name: "invalid short option", args: []string{"-Z"}},
		{name: "unrecognized long option", args: []string{"--bogus"}},
		{name: "missing argument short", args: []string{"-c"}},
		{name: "missing argument long", args: []string{"--command"}},
		{name: "ambiguous long option", args: []string{"--e"}},
		{name: "argument to flag", args: []string{"--quiet=1"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
