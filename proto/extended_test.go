package proto_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/proto"
)

// socketConn connects to the test server over its Unix socket as postgres.
func socketConn(t testing.TB) *proto.Conn {
	t.Helper()
	cfg, err := proto.ParseConnString(fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port), testEnv())
	if err != nil {
		t.Fatal(err)
	}
	c, err := proto.Connect(context.Background(), cfg, proto.ConnectOptions{Env: testEnv()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// outcome is one Result flattened for comparison.
type outcome struct {
	cols string // column names joined by ","
	rows string // rows as "a|b;c|d", NULL as ø
	tag  string
	err  string // SQLSTATE, or the error text when it is not a ServerError
}

func (o outcome) String() string {
	return fmt.Sprintf("{cols=%s rows=%s tag=%q err=%s}", o.cols, o.rows, o.tag, o.err)
}

// drain reads every Result of rs.
func drain(t *testing.T, rs *proto.Results) []outcome {
	t.Helper()
	var out []outcome
	for rs.NextResult() {
		out = append(out, flatten(rs.Result()))
	}
	if err := rs.Err(); err != nil {
		t.Fatalf("connection error: %v", err)
	}
	return out
}

func flatten(r *proto.Result) outcome {
	var o outcome
	var names []string
	for _, f := range r.Fields {
		names = append(names, f.Name)
	}
	o.cols = strings.Join(names, ",")
	var rows []string
	for r.NextRow() {
		var vals []string
		for _, v := range r.Values() {
			if v == nil {
				vals = append(vals, "ø")
			} else {
				vals = append(vals, string(v))
			}
		}
		rows = append(rows, strings.Join(vals, "|"))
	}
	o.rows = strings.Join(rows, ";")
	o.tag = r.CommandTag()
	o.err = errText(r.Err())
	return o
}

func errText(err error) string {
	var se *proto.ServerError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return se.Code
	}
	return err.Error()
}

func TestExecParams(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	tests := []struct {
		name   string
		sql    string
		params [][]byte
		opts   *proto.ExecOptions
		want   outcome
	}{
		{"text params with NULL", "select $1::int + 1 as a, $2::text as b, $3::text is null as c", [][]byte{[]byte("41"), []byte("x"), nil}, nil,
			outcome{cols: "a,b,c", rows: "42|x|t", tag: "SELECT 1"}},
		{"inferred types", "select $1 || 'b' as s", [][]byte{[]byte("a")}, nil,
			outcome{cols: "s", rows: "ab", tag: "SELECT 1"}},
		{"param OIDs", "select pg_typeof($1)::text, $1 as v", [][]byte{[]byte("7")}, &proto.ExecOptions{ParamOIDs: []uint32{20}},
			outcome{cols: "pg_typeof,v", rows: "bigint|7", tag: "SELECT 1"}},
		{"binary result", "select 258::int2 as n", nil, &proto.ExecOptions{ResultFormats: []int16{1}},
			outcome{cols: "n", rows: "\x01\x02", tag: "SELECT 1"}},
		{"no rows statement", "set application_name = 'x'", nil, nil, outcome{tag: "SET"}},
		{"empty statement", "", nil, nil, outcome{}},
		{"error at Bind", "select 1/$1::int", [][]byte{[]byte("0")}, nil, outcome{err: "22012"}},
		{"error after rows", "select 1/(g - $1::int) as q from generate_series(1, 5) g", [][]byte{[]byte("3")}, nil,
			outcome{cols: "q", rows: "0;-1", err: "22012"}},
		{"parse error", "selec 1", nil, nil, outcome{err: "42601"}},
		{"wrong param count", "select $1::int", nil, nil, outcome{err: "08P01"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := c.ExecParams(context.Background(), tc.sql, tc.params, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := drain(t, rs)
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("got %v, want [%v]", got, tc.want)
			}
			if c.TxStatus() != 'I' {
				t.Fatalf("tx status %c after Sync", c.TxStatus())
			}
		})
	}
}

func TestPreparedStatements(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	desc, err := c.Prepare(ctx, "s1", "select $1::int * 2 as twice, $2 as other", []uint32{0, 25})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(desc.ParamOIDs) != "[23 25]" || len(desc.Fields) != 2 || desc.Fields[0].Name != "twice" || desc.Fields[0].DataTypeOID != 23 {
		t.Fatalf("description %+v", desc)
	}
	for _, n := range []string{"1", "5"} {
		rs, err := c.ExecPrepared(ctx, "s1", [][]byte{[]byte(n), nil}, nil)
		if err != nil {
			t.Fatal(err)
		}
		got := drain(t, rs)
		want := fmt.Sprintf("{cols=twice,other rows=%d|ø tag=\"SELECT 1\" err=}", 2*int(n[0]-'0'))
		if fmt.Sprint(got) != "["+want+"]" {
			t.Fatalf("got %v, want %s", got, want)
		}
	}
	// A statement without rows describes as NoData.
	if d, err := c.Prepare(ctx, "s2", "create temp table if not exists pt(a int)", nil); err != nil || len(d.Fields) != 0 || len(d.ParamOIDs) != 0 {
		t.Fatalf("NoData statement: %+v %v", d, err)
	}
	if d, err := c.DescribePrepared(ctx, "s1"); err != nil || len(d.Fields) != 2 {
		t.Fatalf("DescribePrepared: %+v %v", d, err)
	}
	// \gdesc: the unnamed statement.
	if d, err := c.Prepare(ctx, "", "select 1 as one, now() as t", nil); err != nil || len(d.Fields) != 2 || d.Fields[1].DataTypeOID != 1184 {
		t.Fatalf("unnamed describe: %+v %v", d, err)
	}
	rs, err := c.ExecPrepared(ctx, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := drain(t, rs); len(got) != 1 || got[0].cols != "one,t" {
		t.Fatalf("unnamed statement run: %v", got)
	}
	var se *proto.ServerError
	if _, err := c.Prepare(ctx, "bad", "select nosuchcolumn", nil); !errors.As(err, &se) || se.Code != "42703" {
		t.Fatalf("Prepare of a bad statement: %v", err)
	}
	if err := c.ClosePrepared(ctx, "s1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribePrepared(ctx, "s1"); !errors.As(err, &se) || se.Code != "26000" {
		t.Fatalf("statement still there after Close: %v", err)
	}
	if err := c.ClosePrepared(ctx, "never-existed"); err != nil {
		t.Fatalf("closing a missing statement: %v", err)
	}
	if v, err := c.QueryValue(ctx, "select 'alive'"); err != nil || v != "alive" {
		t.Fatalf("session after errors: %q %v", v, err)
	}
}

// TestRowLimit reads a result in batches through PortalSuspended, and abandons a portal.
func TestRowLimit(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	tests := []struct {
		name      string
		total     int
		batch     uint32
		stopAfter int // abandon after this many batches; 0 reads all
		wantBatch []int
		wantTag   string
	}{
		// The tag counts the rows of the last Execute only.
		{"exact multiple", 10, 5, 0, []int{5, 5, 0}, "SELECT 0"},
		{"remainder", 7, 3, 0, []int{3, 3, 1}, "SELECT 1"},
		{"one batch", 2, 100, 0, []int{2}, "SELECT 2"},
		{"abandoned", 1000, 10, 2, []int{10, 10}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := c.ExecParams(ctx, "select g from generate_series(1, $1::int) g", [][]byte{[]byte(fmt.Sprint(tc.total))},
				&proto.ExecOptions{MaxRows: tc.batch})
			if err != nil {
				t.Fatal(err)
			}
			if !rs.NextResult() {
				t.Fatalf("no result: %v", rs.Err())
			}
			r := rs.Result()
			var batches []int
			next := 1
			for {
				n := 0
				for r.NextRow() {
					if got := string(r.Values()[0]); got != fmt.Sprint(next) {
						t.Fatalf("row %q, want %d", got, next)
					}
					n++
					next++
				}
				batches = append(batches, n)
				if !r.Suspended() || len(batches) == tc.stopAfter {
					break
				}
				if err := r.Resume(); err != nil {
					t.Fatal(err)
				}
			}
			if r.Err() != nil {
				t.Fatal(r.Err())
			}
			if rs.NextResult() {
				t.Fatal("a second result")
			}
			if rs.Err() != nil {
				t.Fatal(rs.Err())
			}
			if fmt.Sprint(batches) != fmt.Sprint(tc.wantBatch) || r.CommandTag() != tc.wantTag {
				t.Fatalf("batches %v tag %q, want %v %q", batches, r.CommandTag(), tc.wantBatch, tc.wantTag)
			}
			if v, err := c.QueryValue(ctx, "select 'next'"); err != nil || v != "next" {
				t.Fatalf("after the portal: %q %v", v, err)
			}
		})
	}
}

// TestNamedPortal keeps a named portal across Sync inside a transaction block.
func TestNamedPortal(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	if _, err := c.QueryValue(ctx, "begin"); err != nil {
		t.Fatal(err)
	}
	rs, err := c.ExecParams(ctx, "select g from generate_series(1,5) g", nil, &proto.ExecOptions{Portal: "p1", MaxRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	rs.NextResult()
	r := rs.Result()
	n := 0
	for r.NextRow() {
		n++
	}
	if !r.Suspended() || n != 2 {
		t.Fatalf("first batch %d rows, suspended %v", n, r.Suspended())
	}
	if err := rs.Close(); err != nil {
		t.Fatal(err)
	}
	if c.TxStatus() != 'T' {
		t.Fatalf("tx status %c, want T", c.TxStatus())
	}
	// The portal survived Sync: FETCH reads on from where the batch stopped.
	if v, err := c.QueryValue(ctx, "fetch next from p1"); err != nil || v != "3" {
		t.Fatalf("fetch from the named portal: %q %v", v, err)
	}
	if err := c.ClosePortal(ctx, "p1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.QueryValue(ctx, "fetch next from p1"); err == nil {
		t.Fatal("portal still open after ClosePortal")
	}
	if _, err := c.QueryValue(ctx, "rollback"); err != nil {
		t.Fatal(err)
	}
}

func TestPipeline(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	if _, err := c.Prepare(ctx, "ins", "select $1::int as v", nil); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		execs []proto.Exec
		want  []string
	}{
		{"three statements", []proto.Exec{
			{SQL: "select 1 as a"},
			{SQL: "select $1::text as b", Params: [][]byte{[]byte("two")}},
			{Statement: "ins", Params: [][]byte{[]byte("3")}},
		}, []string{`{cols=a rows=1 tag="SELECT 1" err=}`, `{cols=b rows=two tag="SELECT 1" err=}`, `{cols=v rows=3 tag="SELECT 1" err=}`}},
		{"error skips to Sync", []proto.Exec{
			{SQL: "select 1 as a"},
			{SQL: "select 1/(g - 2) as z from generate_series(1, 3) g"},
			{SQL: "select 3 as c"},
			{Statement: "ins", Params: [][]byte{[]byte("4")}},
		}, []string{`{cols=a rows=1 tag="SELECT 1" err=}`, `{cols=z rows=-1 tag="" err=22012}`,
			`{cols= rows= tag="" err=` + proto.ErrPipelineAborted.Error() + `}`, `{cols= rows= tag="" err=` + proto.ErrPipelineAborted.Error() + `}`}},
		{"one implicit transaction", []proto.Exec{
			{SQL: "create temp table pipe(a int)"},
			{SQL: "insert into pipe values (1)"},
			{SQL: "select nosuch from pipe"},
		}, []string{`{cols= rows= tag="CREATE TABLE" err=}`, `{cols= rows= tag="INSERT 0 1" err=}`, `{cols= rows= tag="" err=42703}`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rs, err := c.Pipeline(ctx, tc.execs)
			if err != nil {
				t.Fatal(err)
			}
			got := drain(t, rs)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("got  %v\nwant %v", got, tc.want)
			}
		})
	}
	// The failed pipeline rolled back its implicit transaction.
	if _, err := c.QueryValue(ctx, "select * from pipe"); errText(err) != "42P01" {
		t.Fatalf("table of the failed pipeline: %v", err)
	}
	if _, err := c.Pipeline(ctx, []proto.Exec{{SQL: "select 1", Options: proto.ExecOptions{MaxRows: 1}}}); err == nil {
		t.Fatal("MaxRows accepted in a pipeline")
	}
	if _, err := c.Pipeline(ctx, []proto.Exec{{SQL: "select 1", Statement: "a\x00b"}}); err == nil {
		t.Fatal("a NUL in a name was sent")
	}
	if v, err := c.QueryValue(ctx, "select 'ok'"); err != nil || v != "ok" {
		t.Fatalf("after refused pipelines: %q %v", v, err)
	}
}

// TestPipelineNoDeadlock sends far more than the socket buffers hold in both directions:
// writing everything before reading would block both sides.
func TestPipelineNoDeadlock(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	pad := strings.Repeat("x", 4000)
	const n = 3000
	execs := make([]proto.Exec, n)
	for i := range execs {
		execs[i] = proto.Exec{SQL: "select $1::text || g from generate_series(1, 5) g", Params: [][]byte{[]byte(pad)}}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*1e9)
	defer cancel()
	rs, err := c.Pipeline(ctx, execs)
	if err != nil {
		t.Fatal(err)
	}
	results, rows := 0, 0
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			rows++
		}
		if r.Err() != nil {
			t.Fatal(r.Err())
		}
		results++
	}
	if rs.Err() != nil || results != n || rows != 5*n {
		t.Fatalf("%d results, %d rows, err %v", results, rows, rs.Err())
	}
}

func TestBusy(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	rs, err := c.ExecParams(ctx, "select 1", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	calls := []struct {
		name string
		call func() error
	}{
		{"Query", func() error { _, err := c.Query(ctx, "select 1"); return err }},
		{"ExecParams", func() error { _, err := c.ExecParams(ctx, "select 1", nil, nil); return err }},
		{"Prepare", func() error { _, err := c.Prepare(ctx, "", "select 1", nil); return err }},
		{"Pipeline", func() error { _, err := c.Pipeline(ctx, []proto.Exec{{SQL: "select 1"}}); return err }},
		{"FunctionCall", func() error { _, err := c.FunctionCall(ctx, 1, nil, nil, 0); return err }},
		{"Watch", func() error { return c.Watch(ctx) }},
	}
	for _, tc := range calls {
		t.Run(tc.name, func(t *testing.T) {
			if err := tc.call(); !errors.Is(err, proto.ErrBusy) {
				t.Fatalf("%s while busy: %v", tc.name, err)
			}
		})
	}
	if err := rs.Close(); err != nil {
		t.Fatal(err)
	}
}
