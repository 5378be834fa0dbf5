package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// qprotoFixture selects a column of every common type (the server's text output of each).
const qprotoFixture = `select 1::int2 as i2, 2::int4 as i4, 3::int8 as i8, 1.5::float4 as f4, 2.25::float8 as f8,
 12.345::numeric(8,3) as num, 'txt'::text as t, 'ch'::char(4) as c, 'vc'::varchar(5) as vc, 'nm'::name as nm,
 true as b, '\xdeadbeef'::bytea as by, '2024-02-29'::date as d, '12:34:56'::time as tm, '12:34:56+02'::timetz as tz,
 '2024-02-29 12:34:56'::timestamp as ts, '2024-02-29 12:34:56+00'::timestamptz as tstz, '1 day 02:00'::interval as iv,
 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid as u, '{"a": [1, null]}'::json as j, '{"b": 2}'::jsonb as jb,
 '<x>1</x>'::xml as x, '{1,2,NULL}'::int[] as arr, '{"a b",c}'::text[] as tarr, '192.168.0.1/24'::inet as ip,
 '10.0.0.0/8'::cidr as cidr, '08:00:2b:01:02:03'::macaddr as mac, '(1,2)'::point as pt, '[1,5)'::int4range as r,
 B'1010'::bit(4) as bits, 12.5::money as m, 'a & b'::tsquery as q, 'fat cat'::tsvector as v, null::text as nul,
 'pg_class'::regclass as rc, 42::oid as o
 from generate_series(1, 2) g;
`

// TestQueryProtocolExtended runs scripts with QUERY_PROTOCOL=extended through gpsql and
// through psql 15, for which the variable means nothing (it always uses the simple protocol
// and, with FETCH_COUNT, a cursor): every result, batch and error must be the same.
// TestQueryProtocolIsExtended shows that the extended protocol is really used.
func TestQueryProtocolExtended(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	gfile := filepath.Join(dir, "g.txt")
	tests := []struct {
		name   string
		args   []string
		script string
	}{
		{name: "every type", script: qprotoFixture},
		{name: "every type expanded", args: []string{"-x"}, script: qprotoFixture},
		{name: "every type unaligned", args: []string{"-A"}, script: qprotoFixture},
		{name: "statements", script: `select 1 \; select 2;
select 'a;b' as ";", $$;$$ as d;
create temp table t(a int, b text);
insert into t values (1, 'x'), (2, null) returning *;
insert into t values (3, 'y');
copy t from stdin;
4	z
\.
copy t to stdout;
begin;
update t set b = 'w' where a = 4;
savepoint s;
delete from t;
rollback to s;
select * from t order by a;
rollback;
vacuum t;
create function pg_temp.f() returns int language sql begin atomic select 1; select 2; end;
select pg_temp.f();
;
select 1 as a \gx
select 2 as b \gset
\echo :b :ROW_COUNT
`},
		{name: "errors", script: `select 1 frm x;
select nosuch;
select 1/(3-g) from generate_series(1, 5) g;
\set VERBOSITY verbose
select nosuch2;
\set VERBOSITY default
begin;
select 1/0;
select 1;
rollback;
\set ON_ERROR_ROLLBACK on
begin;
select 1/0;
select 'still' as s;
commit;
\echo :ERROR :SQLSTATE :LAST_ERROR_MESSAGE
`},
		{name: "autocommit off", script: `\set AUTOCOMMIT off
select 1 as a;
\echo :AUTOCOMMIT
rollback;
`},
		{name: "fetch count", script: `\set FETCH_COUNT 3
` + qprotoFixture + `select g, repeat('x', g) as r from generate_series(1, 7) g;
select g from generate_series(1, 6) g;
select g from generate_series(1, 0) g;
values (1), (2), (3), (4);
select 1 frm x;
select nosuch;
select 1/(5-g) from generate_series(1, 6) g;
\echo :ERROR :SQLSTATE
begin;
select g from generate_series(1, 4) g;
select 1/(2-g) from generate_series(1, 4) g;
commit;
\pset format unaligned
select 1/(5-g) from generate_series(1, 6) g;
\pset format csv
select g from generate_series(1, 7) g;
\pset format wrapped
\pset columns 20
select g, repeat('ab ', g) as r from generate_series(1, 7) g;
\pset format aligned
\x on
select g, g * 2 as h from generate_series(1, 4) g;
\x off
select g from generate_series(1, 5) g \g ` + gfile + `
\! cat ` + gfile + `
select 1 as a into temp qp_into;
select * from qp_into;
with w as (select 2 as b) select * into temp qp_into2 from w;
table qp_into2;
`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".sql")
			if err := os.WriteFile(path, []byte(tc.script), 0o644); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"-X", "-v", "QUERY_PROTOCOL=extended"}, tc.args...)
			runDiff(t, diffCase{args: append(args, "-f", path), env: sockEnv("PGTZ=UTC")})
		})
	}
}

// TestQueryProtocolIsExtended: with QUERY_PROTOCOL=extended a single statement goes through
// Bind (a $1 without a value fails at Bind, where the simple protocol's parser says there
// is no parameter), FETCH_COUNT uses the unnamed portal instead of psql's _psql_cursor, and
// several statements still run as one simple query. psql 15's output is the simple one.
func TestQueryProtocolIsExtended(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		stdin    string
		extended string // in gpsql's output with QUERY_PROTOCOL=extended, not in psql's
		simple   string // in psql's output, not in gpsql's with QUERY_PROTOCOL=extended
	}{
		{name: "bind", stdin: "select $1;\n",
			extended: `ERROR:  bind message supplies 0 parameters, but prepared statement "" requires 1`,
			simple:   "ERROR:  there is no parameter $1"},
		{name: "portal instead of cursor", stdin: "\\set FETCH_COUNT 5\nselect name = '_psql_cursor' as cursor from pg_cursors;\n",
			extended: "\n f\n", simple: "\n t\n"},
		{name: "several statements stay simple", stdin: "select 1 \\; select $1;\n",
			extended: "", simple: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			args := []string{"-X", "-v", "QUERY_PROTOCOL=extended"}
			got := runClient(t, gpsqlBin, args, sockEnv(), tc.stdin)
			want := runClient(t, psqlBin, args, sockEnv(), tc.stdin)
			g, w := normalize(got.stdout+got.stderr), normalize(want.stdout+want.stderr)
			if tc.extended == "" {
				if g != w {
					t.Errorf("output differs\n--- psql\n%s\n--- gpsql\n%s", w, g)
				}
				return
			}
			if !strings.Contains(g, tc.extended) || strings.Contains(g, tc.simple) {
				t.Errorf("gpsql's output\n%s\nwant %q and not %q", g, tc.extended, tc.simple)
			}
			if !strings.Contains(w, tc.simple) || strings.Contains(w, tc.extended) {
				t.Errorf("psql's output\n%s\nwant %q and not %q", w, tc.simple, tc.extended)
			}
		})
	}
}

// TestQueryProtocolVariable: QUERY_PROTOCOL takes simple or extended in any case, unset
// means simple, and another value is refused with the message psql gives for its
// enumerated variables (ECHO's here, with the names changed), keeping the old value.
func TestQueryProtocolVariable(t *testing.T) {
	t.Parallel()
	echo := runClient(t, psqlBin, []string{"-X"}, sockEnv(), "\\set ECHO bogus\n")
	wantErr := strings.NewReplacer(`"ECHO"`, `"QUERY_PROTOCOL"`,
		"none, errors, queries, all", "simple, extended").Replace(normalize(echo.stderr))
	if !strings.Contains(wantErr, `unrecognized value "bogus" for "QUERY_PROTOCOL"`) {
		t.Fatalf("psql's message for ECHO changed: %q", echo.stderr)
	}
	tests := []struct {
		name   string
		stdin  string
		stdout string
		stderr string
	}{
		{name: "default", stdin: "\\echo :QUERY_PROTOCOL\n", stdout: "simple\n"},
		{name: "upper case", stdin: "\\set QUERY_PROTOCOL EXTENDED\n\\echo :QUERY_PROTOCOL\n", stdout: "EXTENDED\n"},
		{name: "unset", stdin: "\\set QUERY_PROTOCOL extended\n\\unset QUERY_PROTOCOL\n\\echo :QUERY_PROTOCOL\n", stdout: "simple\n"},
		{name: "bad value", stdin: "\\set QUERY_PROTOCOL bogus\n\\echo :QUERY_PROTOCOL\n", stdout: "simple\n", stderr: wantErr},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := runClient(t, gpsqlBin, []string{"-X"}, sockEnv(), tc.stdin)
			if got.stdout != tc.stdout || normalize(got.stderr) != tc.stderr {
				t.Errorf("got stdout %q stderr %q, want %q %q", got.stdout, got.stderr, tc.stdout, tc.stderr)
			}
		})
	}
}
