package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSendDiff covers the \g family against psql 15: \g with an empty buffer, \g FILE and
// |command, \g (options), \gx, \gset with its errors and prefix, \gexec, \gdesc, and how
// they combine with FETCH_COUNT and ON_ERROR_STOP.
func TestSendDiff(t *testing.T) {
	dir := t.TempDir()
	file := func(name string) string { return filepath.Join(dir, name) }
	script := func(name, body string) string {
		p := file(name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	g := script("g.sql", `\g
select 1 as a \g
\g
select 2 as b, 'x' as c \gx
select 3 as a \g (format=unaligned tuples_only)
select 4 as a;
select 5 as a \g `+file("g5.txt")+`
\! cat `+file("g5.txt")+`
select 6 as a \g |cat -n
select 1 as a; select 2 as b \g
\g (bogus=1)
\g (format=nosuch)
select 9 as z \gx (format=unaligned)
select 1 as a, 2 as b \g (t x)
select 1 as a \g (format=unaligned
\echo after
select 1 as a \g (format=csv) `+file("csv.txt")+`
\! cat `+file("csv.txt")+`
create temp table t2(a int) \g `+file("never.txt")+`
\! ls `+file("never.txt")+`
insert into t2 values (1),(2) returning a \g `+file("ret.txt")+`
\! cat `+file("ret.txt")+`
select 1 \g /nonexistent/x
select 1 as a \gx (format=csv) `+file("x.txt")+`
\! cat `+file("x.txt")+`
`)
	gset := script("gset.sql", `select 7 as a, null as b \gset
\echo :a :b
\set b was_set
select 1 as b \gset
select null as b \gset
\echo :b
select 8 as x \gset pre_
\echo :pre_x
select 1 as a where false \gset
select 1 as a union all select 2 \gset
select 1 as "?column?", 2 \gset
select 1 as "AUTOCOMMIT", 2 as "PROMPT1", 3 as "HISTFILE", 4 as ok \gset
\echo :AUTOCOMMIT :ok
create temp table t3(a int) \gset
select 1/0 \gset
select 1 as a \gset :x
select 1 as a; select 2 as c \gset
\echo :c
\gset
`)
	gexec := script("gexec.sql", `select 'select 1 as q' union all select 'select 2 as r' \gexec
select 'x' as a \gexec
select null, 'select 5 as n' \gexec
select 'select 1/0', 'select 2' \gexec
select generate_series(1,2) \gexec extra
select 'create temp table gx' || g || '(a int)' from generate_series(1,2) g \gexec
\d gx2
`)
	gdesc := script("gdesc.sql", `select 1 as a, 'x'::text as b, 1.5::numeric(10,2) as "c d" \gdesc
insert into nosuch values(1) \gdesc
create temp table t(a int) \gdesc
select 1 as a; select 2 as b \gdesc
\gdesc
select $1::int as p \gdesc
select 1 as a \gdesc extra
select 1 as a \gdesc
\g
`)
	fetch := script("fetch.sql", `\set FETCH_COUNT 1
select 1 as a union all select 2 \g `+file("fc.txt")+`
\! cat `+file("fc.txt")+`
select 1 as a, 2 as b \gset f_
\echo :f_a :f_b
select 'select ' || g || ' as x' from generate_series(1,2) g \gexec
select 1 as a union all select 2 \gx
`)
	tests := []diffCase{
		{name: "g", args: []string{"-X", "-f", g}},
		{name: "gset", args: []string{"-X", "-f", gset}},
		{name: "gexec", args: []string{"-X", "-f", gexec}, scrub: []string{`pg_temp_\d+`}}, // the temp schema follows the backend slot
		{name: "gdesc", args: []string{"-X", "-f", gdesc}},
		{name: "fetch count", args: []string{"-X", "-f", fetch}},
		{name: "gexec on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-c", `select 'select 1/0', 'select 2' \gexec`}},
		{name: "gexec echo all", args: []string{"-X", "-a"}, stdin: "select 'select 1 as one' \\gexec\n"},
		{name: "gset on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1"}, stdin: "select 1 as a where false \\gset\nselect 'not reached';\n"},
		{name: "g error -c", args: []string{"-X", "-c", `select 1/0 \g`}},
		{name: "gx -c", args: []string{"-X", "-c", `select 1 as a, 2 as b \gx`}},
		{name: "g echo queries", args: []string{"-X", "-e", "-c", `select 1 as a \g`}},
		{name: "g in false if", args: []string{"-X"}, stdin: "select 0 as zero\n\\if false\n\\g\n\\endif\n;\n"},
	}
	for _, tc := range tests {
		tc.env = sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc)
			if tc.name == "g" && !strings.Contains(runClient(t, gpsqlBin, tc.args, tc.env, "").stdout, "(1 row)") {
				t.Error("the \\g script printed no table: not connected?")
			}
		})
	}
}

// watchTimeRe matches the timestamp \watch puts in its titles (C's %c).
var watchTimeRe = regexp.MustCompile(`[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9]\d \d\d:\d\d:\d\d \d{4} \(every`)

// TestWatchDiff runs \watch on queries that fail after a few runs (a sequence divides by
// zero), so that it ends by itself, and compares with psql with the time stamps replaced.
func TestWatchDiff(t *testing.T) {
	tests := []diffCase{
		{name: "until error", args: []string{"-X"}, stdin: "create temp sequence sq;\nselect 10/(3-nextval('sq')) as v \\watch 0.01\n\\echo after\n"},
		{name: "user title", args: []string{"-X"}, stdin: "create temp sequence sq;\n\\pset title mytitle\nselect 10/(3-nextval('sq')) as v \\watch 0.01\n"},
		{name: "command", args: []string{"-X"}, stdin: "create temp table w(a int) \\watch 0.01\n"},
		{name: "previous query", args: []string{"-X"}, stdin: "create temp sequence sq;\n\\watch 0.01\n"},
		{name: "bad interval", args: []string{"-X"}, stdin: "create temp sequence sq;\nselect 10/(2-nextval('sq')) as v \\watch -5\n"},
		{name: "empty", args: []string{"-X"}, stdin: "\\watch\n"},
		{name: "expanded", args: []string{"-X", "-x"}, stdin: "create temp sequence sq;\nselect 10/(3-nextval('sq')) as v, 'x' as w \\watch 0.01\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := runClient(t, psqlBin, tc.args, sockEnv(), tc.stdin)
			got := runClient(t, gpsqlBin, tc.args, sockEnv(), tc.stdin)
			norm := func(r runResult) runResult {
				r = normalized(r)
				r.stdout = watchTimeRe.ReplaceAllString(r.stdout, "TIME (every")
				r.stderr = watchTimeRe.ReplaceAllString(r.stderr, "TIME (every")
				return r
			}
			compareRuns(t, "psql", norm(want), norm(got))
			if strings.Contains(tc.stdin, "nextval") && !strings.Contains(got.stdout, "TIME") && !watchTimeRe.MatchString(got.stdout) {
				t.Errorf("no \\watch title in gpsql's output:\n%s", got.stdout)
			}
		})
	}
}

// TestExtendedSameAsSimple prints a fixture with a column of every common type through the
// simple protocol and through \bind (extended protocol, text results): the outputs must be
// the same, and the simple one is psql 15's.
func TestExtendedSameAsSimple(t *testing.T) {
	const fixture = `select 1::int2 as i2, 2::int4 as i4, 3::int8 as i8, 1.5::float4 as f4, 2.25::float8 as f8,
 12.345::numeric(8,3) as num, 'txt'::text as t, 'ch'::char(4) as c, 'vc'::varchar(5) as vc, 'nm'::name as nm,
 true as b, '\xdeadbeef'::bytea as by, '2024-02-29'::date as d, '12:34:56'::time as tm, '12:34:56+02'::timetz as tz,
 '2024-02-29 12:34:56'::timestamp as ts, '2024-02-29 12:34:56+00'::timestamptz as tstz, '1 day 02:00'::interval as iv,
 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u, '{"a": [1, null]}'::json as j, '{"b": 2}'::jsonb as jb,
 '<x>1</x>'::xml as x, '{1,2,NULL}'::int[] as arr, '{"a b",c}'::text[] as tarr, '192.168.0.1/24'::inet as ip,
 '10.0.0.0/8'::cidr as cidr, '08:00:2b:01:02:03'::macaddr as mac, '(1,2)'::point as pt, '[1,5)'::int4range as r,
 B'1010'::bit(4) as bits, 12.5::money as m, 'a & b'::tsquery as q, 'fat cat'::tsvector as v, null::text as nul,
 'pg_class'::regclass as rc, 42::oid as o`
	simple := runClient(t, gpsqlBin, []string{"-X", "-c", fixture}, sockEnv("PGTZ=UTC"), "")
	want := runClient(t, psqlBin, []string{"-X", "-c", fixture}, sockEnv("PGTZ=UTC"), "")
	if simple.stdout != want.stdout || simple.stderr != "" {
		t.Fatalf("simple protocol differs from psql\n--- psql\n%s\n--- gpsql\n%s%s", want.stdout, simple.stdout, simple.stderr)
	}
	for _, x := range []string{"", "-x"} {
		args := []string{"-X"}
		if x != "" {
			args = append(args, x)
		}
		t.Run("extended"+x, func(t *testing.T) {
			s := runClient(t, gpsqlBin, append(args, "-c", fixture), sockEnv("PGTZ=UTC"), "")
			e := runClient(t, gpsqlBin, args, sockEnv("PGTZ=UTC"), fixture+" \\bind \\g\n")
			if e.stdout != s.stdout || e.stderr != "" || !strings.Contains(e.stdout, "(1 row)") && x == "" {
				t.Errorf("extended differs from simple\n--- simple\n%s\n--- extended\n%s%s", s.stdout, e.stdout, e.stderr)
			}
		})
	}
}

// TestTerminalWatchCtrlC: \watch at the terminal repeats until Ctrl-C, which ends it (with
// the newline psql adds) and leaves the session usable.
func TestTerminalWatchCtrlC(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("select 'tick' as w \\watch 0.2")
	ts.waitFor("(every 0.2s)\n\n  w   \n------\n tick\n(1 row)")
	ts.keys("C-c")
	ts.waitFor("^C\npostgres=# ")
	ts.line("select 'back' as b;")
	ts.waitFor(" b    \n------\n back\n(1 row)")
	ts.line("\\q")
	ts.waitFor("EXIT=0")
}
