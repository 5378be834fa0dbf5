package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// completeFixture creates, once, the tables the completion tests press Tab on; their names
// are unique in the shared test server.
var completeFixture = sync.OnceValue(func() error {
	out, err := srv.Psql(psqlBin, `
CREATE TABLE IF NOT EXISTS tabcomp_orders (id int, customer_id int, total numeric);
CREATE TABLE IF NOT EXISTS tabcomp_items_a (id int);
CREATE TABLE IF NOT EXISTS tabcomp_items_b (id int);
`)
	if err != nil {
		return fmt.Errorf("%v: %s", err, out)
	}
	return nil
})

// TestTerminalComplete presses Tab in the built gpsql in a terminal. Where psql 15
// completes too (relations after FROM, \d arguments, the common prefix then the list of
// candidates), the same keys are typed into psql and the screens' last lines must agree;
// alias. completion is gpsql's own (pgcli-style) and is checked against the known columns.
func TestTerminalComplete(t *testing.T) {
	if err := completeFixture(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		keys   [][]string // each: text to type, or a key name prefixed with "key:"
		want   string     // what the screen must show
		inPsql bool       // psql shows the same last line
	}{
		{name: "table after from", keys: [][]string{{"select * from tabcomp_or"}, {"key:Tab"}, {"X"}},
			want: "postgres=# select * from tabcomp_orders X", inPsql: true},
		{name: "column after alias", keys: [][]string{{"select o.cust from tabcomp_orders o"},
			{"key:-N", "22", "Left"}, {"key:Tab"}, {"X"}},
			want: "postgres=# select o.customer_id X from tabcomp_orders o"},
		{name: "d argument", keys: [][]string{{`\d tabcomp_o`}, {"key:Tab"}, {"X"}},
			want: `postgres=# \d tabcomp_orders X`, inPsql: true},
		{name: "common prefix", keys: [][]string{{"table tabcomp_it"}, {"key:Tab"}},
			want: "postgres=# table tabcomp_items_", inPsql: true},
		{name: "cache refreshed after DDL", keys: [][]string{{"select * from tabcomp_ne"}, {"key:Tab"}, {"key:C-c"},
			{"create table tabcomp_new (a int);"}, {"key:Enter"}, {"select * from tabcomp_ne"}, {"key:Tab"}, {"X"}},
			want: "postgres=# select * from tabcomp_new X"},
		{name: "keyword re-cased upper", keys: [][]string{{`\set COMP_KEYWORD_CASE upper`}, {"key:Enter"}, {"sel"}, {"key:Tab"}, {"X"}},
			want: "postgres=# SELECT X", inPsql: true},
		{name: "keyword re-cased lower", keys: [][]string{{`\set COMP_KEYWORD_CASE lower`}, {"key:Enter"}, {"SEL"}, {"key:Tab"}, {"X"}},
			want: "postgres=# select X", inPsql: true},
		{name: "set enum value", keys: [][]string{{"set intervalstyle to iso"}, {"key:Tab"}, {"X"}},
			want: "postgres=# set intervalstyle to iso_8601 X", inPsql: true},
		{name: "set time zone any case", keys: [][]string{{"set TimeZone to 'europe/ber"}, {"key:Tab"}, {"X"}},
			want: "postgres=# set TimeZone to 'Europe/Berlin' X", inPsql: true},
		{name: "set bool value upper", keys: [][]string{{`\set COMP_KEYWORD_CASE upper`}, {"key:Enter"}, {"set enable_seqscan to of"}, {"key:Tab"}, {"X"}},
			want: "postgres=# set enable_seqscan to OFF X", inPsql: true},
		// The first Tab adds "ems_", the second can add nothing and only rings the bell, the
		// third lists the candidates (GNU readline's rule, as in psql).
		{name: "candidate list", keys: [][]string{{"table tabcomp_it"}, {"key:Tab"}, {"key:Tab"}, {"key:Tab"}},
			want: "tabcomp_items_a  tabcomp_items_b"},
		{name: "no list on the second Tab", keys: [][]string{{"table tabcomp_it"}, {"key:Tab"}, {"key:Tab"}, {"select 1"}},
			want: "postgres=# table tabcomp_items_select 1", inPsql: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			bins := []string{gpsqlBin}
			if tc.inPsql {
				bins = append(bins, psqlBin)
			}
			var lines []string
			for _, bin := range bins {
				ts := newTmux(t, sessionCmd(bin))
				ts.waitFor("postgres=# ")
				for _, k := range tc.keys {
					if name, ok := strings.CutPrefix(k[0], "key:"); ok {
						ts.keys(append([]string{name}, k[1:]...)...)
					} else {
						ts.typeText(k[0])
					}
				}
				s := ts.waitFor(strings.TrimRight(tc.want, " "))
				lines = append(lines, lastLine(s))
				ts.keys("C-c")
				ts.keys("C-d")
			}
			if tc.inPsql && lines[0] != lines[1] {
				t.Fatalf("last line differs\ngpsql: %q\n psql: %q", lines[0], lines[1])
			}
		})
	}
}
