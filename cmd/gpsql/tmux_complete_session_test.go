package main

import (
	"strings"
	"testing"
)

// TestTerminalCompleteSession presses Tab where only the session's own connection knows the
// answer, as psql's completion (which runs on that connection) does: a table created in the
// open transaction, and one in a schema the session put on its search_path. The last line
// of the screen must be psql's.
func TestTerminalCompleteSession(t *testing.T) {
	tests := []struct {
		name string
		keys []string // text to type, or a key name prefixed with "key:"
		want string
	}{
		{name: "table created in the open transaction",
			keys: []string{"begin;", "key:Enter", "create table tabsess_in_tx (a int);", "key:Enter",
				"select * from tabsess_in", "key:Tab", "X"},
			want: "postgres=*# select * from tabsess_in_tx X"},
		{name: "search_path set in the session",
			keys: []string{"begin;", "key:Enter", "create schema tabsess_s create table tabsess_in_schema (a int);", "key:Enter",
				"set search_path = tabsess_s;", "key:Enter", "select * from tabsess_in", "key:Tab", "X"},
			want: "postgres=*# select * from tabsess_in_schema X"},
		{name: "temporary table",
			keys: []string{"create temp table tabsess_temp (a int);", "key:Enter", "select * from tabsess_te", "key:Tab", "X"},
			want: "postgres=# select * from tabsess_temp X"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var lines []string
			for _, bin := range []string{gpsqlBin, psqlBin} {
				ts := newTmux(t, sessionCmd(bin))
				ts.waitFor("postgres=# ")
				for _, k := range tc.keys {
					if name, ok := strings.CutPrefix(k, "key:"); ok {
						ts.keys(name)
					} else {
						ts.typeText(k)
					}
				}
				lines = append(lines, lastLine(ts.waitFor(tc.want)))
				ts.keys("C-c")
				ts.keys("C-d")
			}
			if lines[0] != lines[1] {
				t.Fatalf("last line differs\ngpsql: %q\n psql: %q", lines[0], lines[1])
			}
		})
	}
}

// TestTerminalCompleteSessionNotify: completion borrows the connection that watches for
// notifications at the prompt, and hands it back: a notification sent by another session
// after a Tab is still shown at once, the typed line redrawn below it, and the statement
// still runs. In a failed transaction, where psql's completion finds nothing, gpsql's still
// completes (from its second connection), and the transaction is left as it was.
func TestTerminalCompleteSessionNotify(t *testing.T) {
	t.Parallel()
	if err := completeFixture(); err != nil {
		t.Fatal(err)
	}
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("listen tabsess_chan;")
	ts.waitFor("LISTEN\npostgres=# ")
	ts.typeText("select count(*) as n from tabcomp_or")
	ts.keys("Tab")
	ts.waitFor("postgres=# select count(*) as n from tabcomp_orders ")
	sideSQL(t, "notify tabsess_chan, 'after tab'")
	ts.waitFor("Asynchronous notification \"tabsess_chan\" with payload \"after tab\" received from server process with PID")
	ts.waitFor("postgres=# select count(*) as n from tabcomp_orders ")
	ts.line(";")
	ts.waitFor(" n\n---\n 0\n(1 row)\n\npostgres=# ")
	ts.line("begin;")
	ts.line("select 1/0;")
	ts.waitFor("postgres=!# ")
	ts.typeText("select * from tabcomp_or")
	ts.keys("Tab")
	ts.typeText("X")
	ts.waitFor("postgres=!# select * from tabcomp_orders X")
	ts.keys("C-c")
	ts.line("select 1;")
	ts.waitFor("ERROR:  current transaction is aborted, commands ignored until end of transaction block\npostgres=!# ")
	ts.line("rollback;")
	ts.waitFor("ROLLBACK\npostgres=# ")
}
