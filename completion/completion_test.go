package completion_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/completion"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
)

var srv *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &srv)) }

// fixture is the schema the engine tests complete against.
const fixture = `
CREATE SCHEMA shop;
CREATE TABLE shop.orders (id int, customer_id int, total numeric);
CREATE TABLE shop.items (id int, order_id int);
CREATE SCHEMA solo;
CREATE TABLE solo.only_one (z int);
CREATE TABLE customers (id int, name text, "Email" text);
CREATE TABLE "MyTable" (x int);
CREATE TABLE "tëst" (y int);
CREATE VIEW cust_view AS SELECT * FROM customers;
CREATE INDEX customers_name_idx ON customers (name);
CREATE SEQUENCE counter_seq;
CREATE FUNCTION custom_fn() RETURNS int LANGUAGE sql AS 'select 1';
CREATE ROLE completion_role;
`

func testEnv() proto.Env {
	return proto.Env{
		LookupEnv: func(string) (string, bool) { return "", false },
		ReadFile:  os.ReadFile,
		Stat:      os.Stat,
		HomeDir:   "/nonexistent",
		OSUser:    "postgres",
	}
}

// connQuerier is a completion.Querier over one connection.
type connQuerier struct{ c *proto.Conn }

func (q connQuerier) QueryStrings(ctx context.Context, sql string) ([]string, error) {
	rs, err := q.c.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	var out []string
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			out = append(out, string(r.Values()[0]))
		}
		if r.Err() != nil && firstErr == nil {
			firstErr = r.Err()
		}
	}
	if rs.Err() != nil {
		return nil, rs.Err()
	}
	return out, firstErr
}

func connect(tb testing.TB, dbname string) *proto.Conn {
	tb.Helper()
	cfg, err := proto.ParseConnString(fmt.Sprintf("host=%s port=%d user=postgres dbname=%s", srv.SocketDir, srv.Port, dbname), testEnv())
	if err != nil {
		tb.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := proto.Connect(ctx, cfg, proto.ConnectOptions{Env: testEnv()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { c.Close() })
	return c
}

func exec(tb testing.TB, c *proto.Conn, sql string) {
	tb.Helper()
	if _, err := (connQuerier{c}).QueryStrings(context.Background(), sql); err != nil {
		tb.Fatalf("%s: %v", sql, err)
	}
}

// fixtureDB creates the fixture in its own database once per test binary run and returns a
// catalog over it.
func fixtureCatalog(t *testing.T) *completion.SQLCatalog {
	t.Helper()
	admin := connect(t, "postgres")
	exec(t, admin, "DROP DATABASE IF EXISTS fixture_completion")
	exec(t, admin, "CREATE DATABASE fixture_completion")
	exec(t, admin, "DROP DATABASE IF EXISTS comp_db")
	exec(t, admin, "DROP ROLE IF EXISTS completion_role")
	c := connect(t, "fixture_completion")
	exec(t, c, fixture)
	exec(t, admin, "CREATE DATABASE comp_db")
	return completion.NewSQLCatalog(connQuerier{c})
}

// TestComplete runs the engine with the cursor at many points of statements against the
// fixture schema on a real server. Expected lists follow what psql 15 offers on Tab where
// psql completes (checked by hand in tmux: FROM lists, WHERE/ORDER BY columns, "MyTable",
// a lone schema expanding to its table, ALTER TABLE's words, \pset options), and pgcli's
// behaviour where psql offers nothing (alias., ::).
func TestComplete(t *testing.T) {
	cat := fixtureCatalog(t)
	dir := t.TempDir()
	for _, f := range []string{"a.sql", "b.txt", ".hidden"} {
		os.WriteFile(filepath.Join(dir, f), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	vars := []string{"AUTOCOMMIT", "ECHO", "my_var"}
	cmds := []string{"c", "connect", "copy", "d", "dt", "i", "p", "password", "pset", "set"}
	fromAll := []string{`"MyTable"`, `"tëst"`, "cust_view", "customers", "information_schema.", "public.", "shop.", "solo."}
	custCols := []string{`"Email"`, "id", "name"}
	tests := []struct {
		name          string
		before, after string
		pending       string
		kwcase        string
		want          []string // the exact candidate list, when set
		has           []string // candidates that must be among them
		not           []string // candidates that must not
	}{
		{name: "keyword lower", before: "sel", want: []string{"select "}},
		{name: "keyword upper", before: "SEL", want: []string{"SELECT "}},
		{name: "keyword at start", before: "", has: []string{"SELECT", "CREATE", "INSERT INTO"}},
		{name: "keyword case lower", before: "", kwcase: "lower", has: []string{"select", "alter"}, not: []string{"SELECT"}},
		{name: "keyword preserve-lower empty", before: "", kwcase: "preserve-lower", has: []string{"update"}},
		{name: "keyword case upper re-spells", before: "upd", kwcase: "upper", want: []string{"UPDATE "}},
		{name: "keyword case lower re-spells", before: "SEL", kwcase: "lower", want: []string{"select "}},
		{name: "keyword preserve-lower by first letter", before: "sEL", kwcase: "preserve-lower", want: []string{"select "}},
		{name: "keyword preserve-upper by first letter", before: "Sel", kwcase: "preserve-upper", want: []string{"SELECT "}},
		{name: "keyword preserve-upper lower first", before: "sEL", kwcase: "preserve-upper", want: []string{"select "}},
		{name: "set enum values", before: "set intervalstyle to ", want: []string{"DEFAULT", "iso_8601", "postgres", "postgres_verbose", "sql_standard"}},
		{name: "set enum values with =", before: "SET client_min_messages = ", has: []string{"DEFAULT", "debug1", "warning"}},
		{name: "set timezone name any case", before: "set TimeZone to 'europe/ber", want: []string{"'Europe/Berlin' "}},
		{name: "set timezone names", before: "set timezone to 'Asia/Tok", want: []string{"'Asia/Tokyo' "}},
		{name: "set enum value prefix", before: "set intervalstyle to i", want: []string{"iso_8601 "}},
		{name: "set enum value upper typed", before: "set intervalstyle to ISO", want: []string{"iso_8601 "}},
		{name: "set enum quoted values", before: "set ssl_min_protocol_version to ", want: []string{`"TLSv1"`, `"TLSv1.1"`, `"TLSv1.2"`, `"TLSv1.3"`, "DEFAULT"}},
		{name: "set enum quoted needs quote", before: "set ssl_min_protocol_version to T", want: nil},
		{name: "set enum quoted typed", before: `set ssl_min_protocol_version to "TLSv1.3`, want: []string{`"TLSv1.3" `}},
		{name: "set bool values", before: "set enable_seqscan to ", want: []string{"0", "1", "DEFAULT", "FALSE", "NO", "OFF", "ON", "TRUE", "YES"}},
		{name: "set bool lower typed", before: "set enable_seqscan to o", want: []string{"off", "on"}},
		{name: "set bool upper mode", before: "set enable_seqscan to o", kwcase: "upper", want: []string{"OFF", "ON"}},
		{name: "set other default", before: "set work_mem to ", want: []string{"DEFAULT "}},
		{name: "set unknown nothing", before: "set nosuch to ", want: nil},
		{name: "set datestyle words", before: "set datestyle to i", want: []string{"iso "}},
		{name: "set datestyle upper mode", before: "SET datestyle TO i", kwcase: "upper", want: []string{"ISO "}},
		{name: "set datestyle lower mode", before: "set datestyle to d", kwcase: "lower", want: []string{"default", "dmy"}},
		{name: "set search_path schemas", before: "set search_path to ", want: []string{"DEFAULT", "information_schema", "pg_catalog", "public", "shop", "solo"}},
		{name: "update set value not a setting", before: "update customers set name = ", not: []string{"DEFAULT"}},
		{name: "multi-word type in column", before: "create table t (a timestamp w", want: []string{"with time zone", "without time zone"}},
		{name: "multi-word type after cast", before: "select 1::double ", want: []string{"PRECISION "}},
		{name: "multi-word type third word", before: "create table t (a int, b time with ", want: []string{"TIME ZONE "}},
		{name: "multi-word type varying", before: "alter table customers add column c character v", want: []string{"varying "}},
		{name: "first type word outside type position", before: "select timestamp w", not: []string{"with time zone"}},
		{name: "from all", before: "select * from ", want: fromAll},
		{name: "from prefix", before: "select * from cu", want: []string{"cust_view", "customers"}},
		{name: "from unique", before: "select * from custo", want: []string{"customers "}},
		{name: "from quoted mixed case", before: `select * from "My`, want: []string{`"MyTable" `}},
		{name: "unquoted does not match mixed case", before: "select * from my", want: nil},
		{name: "multibyte quoted", before: `select * from "të`, want: []string{`"tëst" `}},
		{name: "schema qualified", before: "select * from shop.", want: []string{"shop.items", "shop.orders"}},
		{name: "schema qualified prefix", before: "select * from shop.o", want: []string{"shop.orders "}},
		{name: "lone schema then its objects", before: "select * from so", want: []string{"solo."}},
		{name: "lone schema qualified", before: "select * from solo.", want: []string{"solo.only_one "}},
		{name: "system names need pg_", before: "select * from pg_cl", has: []string{"pg_class "}},
		{name: "from list after comma", before: "select * from customers, sh", want: []string{"shop."}},
		{name: "join relation", before: "select * from customers c join shop.i", want: []string{"shop.items "}},
		{name: "join on keywords", before: "select * from customers c join shop.orders o ", want: []string{"ON", "USING"}},
		{name: "join on columns", before: "select * from customers c join shop.orders o on ", want: []string{`"Email"`, "customer_id", "id", "name", "total"}},
		{name: "after from keywords", before: "select * from customers ", has: []string{"WHERE", "ORDER BY", "LEFT JOIN"}},
		{name: "where columns", before: "select * from customers where ", want: custCols},
		{name: "where prefix", before: "select * from customers where na", want: []string{"name "}},
		{name: "where after and", before: "select * from customers where id = 1 and ", want: custCols},
		{name: "order by", before: "select * from customers order by ", want: custCols},
		{name: "group by keyword", before: "select * from customers group ", want: []string{"BY "}},
		{name: "group by columns", before: "select * from customers group by id, ", want: custCols},
		{name: "alias dot", before: "select c.", after: " from customers c", want: []string{`c."Email"`, "c.id", "c.name"}},
		{name: "alias dot prefix", before: "select * from shop.orders o join customers c on o.cu", want: []string{"o.customer_id "}},
		{name: "alias with as", before: "select x.t", after: " from shop.orders as x", want: []string{"x.total "}},
		{name: "table name as qualifier", before: "select customers.i", after: " from customers", want: []string{"customers.id "}},
		{name: "select list sees later from", before: "select na", after: " from customers", has: []string{"name"}},
		{name: "select list functions", before: "select custom_", want: []string{"custom_fn "}},
		{name: "pending lines", pending: "select *\nfrom customers c", before: "where c.n", want: []string{"c.name "}},
		{name: "second statement", before: "select 1; select * from customers where i", want: []string{"id "}},
		{name: "inside string nothing", before: "select 'cu", want: nil},
		{name: "update table", before: "update cu", want: []string{"cust_view", "customers"}},
		{name: "update set keyword", before: "update customers ", want: []string{"SET "}},
		{name: "update set columns", before: "update customers set ", want: custCols},
		{name: "insert into", before: "insert ", want: []string{"INTO "}},
		{name: "insert into columns", before: "insert into customers (id, ", want: custCols},
		{name: "insert follow", before: "insert into customers ", has: []string{"VALUES", "SELECT", "("}},
		{name: "delete from", before: "delete from customers ", want: []string{"USING", "WHERE"}},
		{name: "type after cast", before: "select 1::intege", want: []string{"integer "}},
		{name: "type after cast prefix", before: "select now()::timestamp", want: []string{"timestamp with time zone", "timestamp without time zone"}},
		{name: "create table column type", before: "create table t (a int, b charac", want: []string{"character", "character varying"}},
		{name: "create table first column type", before: "create table t (a boo", want: []string{"boolean "}},
		{name: "create table column name no types", before: "create table t (a int, ", want: nil},
		{name: "cast as type", before: "select cast(x as doub", want: []string{"double precision "}},
		{name: "alter table words", before: "alter table customers ", want: []string{"ADD", "ALTER", "ATTACH PARTITION", "CLUSTER ON",
			"DETACH PARTITION", "DISABLE", "DROP", "ENABLE", "FORCE ROW LEVEL SECURITY", "INHERIT", "NO", "OWNER TO",
			"RENAME", "REPLICA IDENTITY", "RESET", "SET", "VALIDATE CONSTRAINT"}},
		{name: "alter table drop column", before: "alter table customers drop column ", want: custCols},
		{name: "alter table name", before: "alter table cu", want: []string{"customers "}},
		{name: "alter table add column type", before: "alter table customers add column c nume", want: []string{"numeric "}},
		{name: "owner to role", before: "alter table customers owner to comp", want: []string{"completion_role "}},
		{name: "drop object type", before: "drop ta", want: []string{"table", "tablespace"}},
		{name: "drop view", before: "drop view cu", want: []string{"cust_view "}},
		{name: "drop index", before: "drop index cu", want: []string{"customers_name_idx "}},
		{name: "drop sequence", before: "drop sequence cou", want: []string{"counter_seq "}},
		{name: "drop function", before: "drop function custom", want: []string{"custom_fn "}},
		{name: "drop schema", before: "drop schema so", want: []string{"solo "}},
		{name: "drop database", before: "drop database comp_", want: []string{"comp_db "}},
		{name: "create index on", before: "create index on custo", want: []string{"customers "}},
		{name: "create index name on", before: "create index i ", want: []string{"ON "}},
		{name: "create index columns", before: "create index i on customers (", want: custCols},
		{name: "grant on", before: "grant select on cus", has: []string{"customers"}},
		{name: "grant to", before: "grant select on customers ", want: []string{"TO "}},
		{name: "grant to role", before: "grant select on customers to comp", want: []string{"completion_role "}},
		{name: "revoke from", before: "revoke select on customers ", want: []string{"FROM "}},
		{name: "set setting", before: "set work_m", want: []string{"work_mem "}},
		{name: "set to", before: "set work_mem ", want: []string{"TO "}},
		{name: "show setting", before: "show search_p", want: []string{"search_path "}},
		{name: "set role", before: "set role comp", want: []string{"completion_role "}},
		{name: "copy from file", before: "copy customers from '" + dir + "/a", want: []string{"'" + dir + "/a.sql' "}},
		{name: "copy follow", before: "copy customers ", want: []string{"(", "FROM", "TO"}},
		{name: "backslash names", before: `\ps`, want: []string{`\pset `}},
		{name: "backslash names several", before: `\p`, want: []string{`\p`, `\password`, `\pset`}},
		{name: "d relations", before: `\d cu`, want: []string{"cust_view", "customers", "customers_name_idx"}},
		{name: "dt tables", before: `\dt cu`, want: []string{"customers "}},
		{name: "d schema qualified", before: `\d shop.`, want: []string{"shop.items", "shop.orders"}},
		{name: "d quoted", before: `\d "My`, want: []string{`"MyTable" `}},
		{name: "connect database", before: `\c comp`, want: []string{"comp_db "}},
		{name: "connect user", before: `\c comp_db comp`, want: []string{"completion_role "}},
		{name: "include file", before: `\i ` + dir + "/", want: []string{dir + "/a.sql", dir + "/b.txt", dir + "/sub/"}},
		{name: "include file unique", before: `\i ` + dir + "/a", want: []string{dir + "/a.sql "}},
		{name: "include directory", before: `\o ` + dir + "/s", want: []string{dir + "/sub/"}},
		{name: "include hidden", before: `\i ` + dir + "/.", want: []string{dir + "/.hidden "}},
		{name: "copy meta relation", before: `\copy cu`, want: []string{"cust_view", "customers"}},
		{name: "copy meta direction", before: `\copy customers `, want: []string{"FROM", "TO"}},
		{name: "copy meta file", before: `\copy customers from ` + dir + "/b", want: []string{dir + "/b.txt "}},
		{name: "pset option", before: `\pset for`, want: []string{"format "}},
		{name: "pset value", before: `\pset format u`, want: []string{"unaligned "}},
		{name: "pset values", before: `\pset linestyle `, want: []string{"ascii", "old-ascii", "unicode"}},
		{name: "set variable", before: `\set AUTO`, want: []string{"AUTOCOMMIT "}},
		{name: "set variable value", before: `\set ECHO `, want: []string{"all", "errors", "none", "queries"}},
		{name: "interpolated variable", before: "select :my", want: []string{":my_var "}},
		{name: "meta after sql", before: `select 1 \g ` + dir + "/b", want: []string{dir + "/b.txt "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := completion.New(completion.Options{
				Catalog:     cat,
				KeywordCase: func() string { return tc.kwcase },
				Variables:   func() []string { return vars },
				Commands:    cmds,
				Pending:     func() string { return tc.pending },
				Timeout:     10 * time.Second,
			})
			ctx := context.Background()
			got, _ := c.Complete(ctx, tc.before, tc.after)
			if tc.want != nil || (tc.has == nil && tc.not == nil) {
				if !slices.Equal(got, tc.want) {
					t.Fatalf("Complete(%q, %q) = %q, want %q", tc.before, tc.after, got, tc.want)
				}
			}
			for _, h := range tc.has {
				if !slices.Contains(got, h) && !slices.Contains(got, h+" ") {
					t.Errorf("Complete(%q) = %q, lacks %q", tc.before, got, h)
				}
			}
			for _, n := range tc.not {
				if slices.Contains(got, n) {
					t.Errorf("Complete(%q) = %q, has %q", tc.before, got, n)
				}
			}
		})
	}
}

// TestDo checks the readline adapter: suffixes to append and the typed word's rune length.
func TestDo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		line     string
		pos      int // in runes; -1 means the end
		kwcase   string
		want     []string
		wantLen  int
		wantLine string // the line after readline appends want[0] (if one) and OnChange runs; "" skips
	}{
		{name: "keyword", line: "sel", pos: -1, want: []string{"ect "}, wantLen: 3},
		{name: "multibyte word", line: `select * from "tës`, pos: -1, want: []string{`t_a"`, `t_b"`}, wantLen: 4},
		{name: "cursor mid line", line: "sel * from x", pos: 3, want: []string{"ect "}, wantLen: 3},
		{name: "bad position", line: "sel", pos: 9, want: nil, wantLen: 0},
		{name: "re-spelled keyword", line: "sel", pos: -1, kwcase: "upper", want: nil, wantLen: 0, wantLine: "SELECT "},
		{name: "re-spelled mid line", line: "x; sel * from x", pos: 6, kwcase: "upper", want: nil, wantLen: 0, wantLine: "x; SELECT  * from x"},
		{name: "re-spelled list", line: "se", pos: -1, kwcase: "upper", want: nil, wantLen: 0, wantLine: "SE"},
		{name: "multibyte not folded", line: "select * from TËS", pos: -1, want: nil, wantLen: 3, wantLine: "select * from TËS"},
		{name: "folded ascii name", line: "table TAB", pos: -1, want: nil, wantLen: 0, wantLine: "table tab "},
		{name: "agreeing case untouched", line: "SEL", pos: -1, kwcase: "upper", want: []string{"ECT "}, wantLen: 3, wantLine: "SELECT "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := []rune(tc.line)
			pos := tc.pos
			if pos < 0 {
				pos = len(r)
			}
			c := completion.New(completion.Options{Catalog: staticCatalog{"tëst_a", "tëst_b", "tab"},
				KeywordCase: func() string { return tc.kwcase }})
			got, n := c.Do(r, pos)
			var gs []string
			for _, g := range got {
				gs = append(gs, string(g))
			}
			if !slices.Equal(gs, tc.want) || n != tc.wantLen {
				t.Fatalf("Do(%q, %d) = %q, %d; want %q, %d", tc.line, pos, gs, n, tc.want, tc.wantLen)
			}
			if tc.wantLine == "" {
				return
			}
			// What readline does next: append a lone candidate at the cursor, then tell the
			// listener about the Tab key.
			line, cursor := r, pos
			if len(got) == 1 {
				line = append(append(append([]rune(nil), r[:pos]...), got[0]...), r[pos:]...)
				cursor += len(got[0])
			}
			newLine, _, ok := c.OnChange(line, cursor, '\t')
			if ok {
				line = newLine
			}
			if string(line) != tc.wantLine {
				t.Fatalf("line after Tab = %q, want %q", string(line), tc.wantLine)
			}
			// The re-spelling applies once: a second key leaves the line alone.
			if _, _, again := c.OnChange(line, pos, '\t'); again {
				t.Fatal("OnChange applied a re-spelling twice")
			}
		})
	}
}

// staticCatalog lists its names as visible relations, nothing else.
type staticCatalog []string

func (s staticCatalog) Names(_ context.Context, k completion.Kind, schema string) ([]string, error) {
	if k == completion.Relations && schema == "" {
		return s, nil
	}
	return nil, nil
}

func (s staticCatalog) Columns(context.Context, string, string) ([]string, error) { return nil, nil }

// countingQuerier counts the queries that reach it.
type countingQuerier struct{ n int }

func (q *countingQuerier) QueryStrings(context.Context, string) ([]string, error) {
	q.n++
	return []string{"t" + strings.Repeat("x", q.n)}, nil
}

// TestSQLCatalogCache: answers are cached per kind and schema until Invalidate.
func TestSQLCatalogCache(t *testing.T) {
	t.Parallel()
	q := &countingQuerier{}
	cat := completion.NewSQLCatalog(q)
	ctx := context.Background()
	steps := []struct {
		name       string
		invalidate bool
		kind       completion.Kind
		schema     string
		want       string
		queries    int
	}{
		{name: "first lookup queries", kind: completion.Relations, want: "tx", queries: 1},
		{name: "second lookup cached", kind: completion.Relations, want: "tx", queries: 1},
		{name: "other schema queries", kind: completion.Relations, schema: "s", want: "txx", queries: 2},
		{name: "other kind queries", kind: completion.Types, want: "txxx", queries: 3},
		{name: "invalidate refetches", invalidate: true, kind: completion.Relations, want: "txxxx", queries: 4},
	}
	for _, st := range steps {
		if st.invalidate {
			cat.Invalidate()
		}
		got, err := cat.Names(ctx, st.kind, st.schema)
		if err != nil || len(got) != 1 || got[0] != st.want || q.n != st.queries {
			t.Fatalf("%s: Names = %q, %v after %d queries; want %q after %d", st.name, got, err, q.n, st.want, st.queries)
		}
	}
}

func TestQuoteIdent(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{name: "plain", in: "customers", want: "customers"},
		{name: "upper", in: "MyTable", want: `"MyTable"`},
		{name: "multibyte", in: "tëst", want: `"tëst"`},
		{name: "reserved keyword", in: "user", want: `"user"`},
		{name: "unreserved keyword", in: "name", want: "name"},
		{name: "leading digit", in: "1a", want: `"1a"`},
		{name: "inner quote", in: `a"b`, want: `"a""b"`},
		{name: "empty", in: "", want: `""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := completion.QuoteIdent(tc.in); got != tc.want {
				t.Fatalf("QuoteIdent(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzComplete: no input makes the engine panic, and every candidate extends the word.
func FuzzComplete(f *testing.F) {
	c := completion.New(completion.Options{
		Catalog:   staticCatalog{"a", "B", "ü"},
		Variables: func() []string { return []string{"v"} },
		Commands:  []string{"d", "pset"},
		ReadDir:   func(string) ([]os.DirEntry, error) { return nil, os.ErrNotExist },
	})
	f.Fuzz(func(t *testing.T, before, after string) {
		got, word := c.Complete(context.Background(), before, after)
		for _, g := range got {
			if !strings.HasPrefix(g, word) {
				t.Fatalf("candidate %q does not extend %q", g, word)
			}
		}
		c.Do([]rune(before+after), len([]rune(before)))
	})
}
