package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestScriptDiff covers the scripting language: \if nesting and errors, special variables
// and their validation, interpolation, through -f, stdin and ON_ERROR_STOP.
func TestScriptDiff(t *testing.T) {
	script := func(name, body string) string {
		p := filepath.Join(homeDir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ifs := script("if.sql", `\if true
select 1;
\elif false
select 2;
\else
select 3;
\endif
\if maybe
select 4;
\endif
\elif t
\else
\endif
\if false
\echo no :x `+"`echo hi`"+`
\foo
\else
\echo yes
\else
\endif
\if 1
  \if 0
    select 5;
  \elif on
    select 'nested' as n;
  \else
    select 6;
  \endif
\else
  select 7;
\endif
\if 1
\if 0
 select 8;
\endif
`)
	vars := script("vars.sql", `\set ECHO bogus
\set ON_ERROR_ROLLBACK sometimes
\set ECHO_HIDDEN noexec
\set HISTSIZE abc
\set HISTCONTROL nope
\set AUTOCOMMIT maybe
\set IGNOREEOF nonnumeric
\echo :IGNOREEOF
\unset ECHO
\echo :ECHO
\set x 1 2 3
\echo :x :'x' :"x" :y
\set 'bad name' 1
\unset
select :'x' as lit;
`)
	tests := []diffCase{
		{name: "if", args: []string{"-X", "-f", ifs}},
		{name: "if on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-f", ifs}},
		{name: "if stdin unterminated", args: []string{"-X"}, stdin: "\\if yes\n\\echo a\n"},
		{name: "special variables", args: []string{"-X", "-f", vars}},
		{name: "defaults", args: []string{"-X", "-c", "\\echo :AUTOCOMMIT :COMP_KEYWORD_CASE :ECHO :ECHO_HIDDEN :HIDE_TABLEAM :HISTCONTROL :HISTSIZE :IGNOREEOF :LAST_ERROR_SQLSTATE :ON_ERROR_ROLLBACK :SHOW_ALL_RESULTS :SINGLELINE :SINGLESTEP :'LAST_ERROR_MESSAGE'"}},
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

// TestPsqlrcDiff: the start-up file runs before the actions (psql's ~/.psqlrc; gpsql also
// reads it when there is no ~/.gpsqlrc), and -X skips it.
func TestPsqlrcDiff(t *testing.T) {
	rcHome := t.TempDir()
	os.WriteFile(filepath.Join(rcHome, ".psqlrc"), []byte("\\set QUIET on\n\\set greeting 'from rc'\nselect 'rc ran' as rc;\n"), 0o644)
	tests := []diffCase{
		{name: "rc runs", args: []string{"-c", "\\echo :greeting"}, env: []string{"HOME=" + rcHome}},
		{name: "-X skips", args: []string{"-X", "-c", "\\echo :greeting"}, env: []string{"HOME=" + rcHome}},
		{name: "PSQLRC", args: []string{"-c", "create temp table x(a int)"}, env: []string{"PSQLRC=" + filepath.Join(rcHome, ".psqlrc")}},
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

// TestResultVariablesDiff: ROW_COUNT, ERROR, SQLSTATE, LAST_ERROR_MESSAGE,
// LAST_ERROR_SQLSTATE and LASTOID after successes, errors, commands and empty queries.
func TestResultVariablesDiff(t *testing.T) {
	script := `select 1 union select 2;
\echo :ROW_COUNT :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE
select 1/0;
\echo :ROW_COUNT :ERROR :SQLSTATE :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
create temp table o(a int);
\echo :ROW_COUNT :ERROR :SQLSTATE :LASTOID
insert into o values (1),(2),(3);
\echo :ROW_COUNT :ERROR :SQLSTATE :LASTOID :LAST_ERROR_MESSAGE
\set ROW_COUNT 5
\echo :ROW_COUNT
select nosuch;
\echo :ERROR :SQLSTATE :LAST_ERROR_MESSAGE
;
\echo :ROW_COUNT :ERROR
\foo
\echo :ERROR
begin;
select 1/0;
select 1;
\echo :SQLSTATE :ERROR
rollback;
update o set a = 1 returning a;
\echo :ROW_COUNT :LASTOID
\s
`
	runDiff(t, diffCase{name: "result variables", args: []string{"-X"}, stdin: script, env: sockEnv()})
	fetch := "\\set FETCH_COUNT 3\nselect g from generate_series(1,7) g;\n\\echo :ROW_COUNT\nvalues (1),(2),(3),(4);\n\\echo :ROW_COUNT\n" +
		"select 1 where false;\n\\echo :ROW_COUNT\nselect 1/(g-5) from generate_series(1,7) g;\n\\echo :ROW_COUNT :ERROR\n"
	runDiff(t, diffCase{name: "result variables with FETCH_COUNT", args: []string{"-X"}, stdin: fetch, env: sockEnv()})
	runDiff(t, diffCase{name: "result variables with FETCH_COUNT over extended", args: []string{"-X", "-v", "QUERY_PROTOCOL=extended"}, stdin: fetch, env: sockEnv()})
}

// TestExtraArgumentsDiff: arguments a command does not take are warned about, unexpanded,
// and never run as SQL; after a failed command the rest of the line is dropped.
func TestExtraArgumentsDiff(t *testing.T) {
	script := "\\set v 1\n\\r extra :v `echo hi` 'q'\n\\dt x y z\n\\echo a b\n\\i /nonexistent select 1;\n\\if false\n\\r ignored :v\n\\endif\n\\q x\n"
	runDiff(t, diffCase{name: "extra arguments", args: []string{"-X"}, stdin: script, env: sockEnv()})
}
