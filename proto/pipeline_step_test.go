package proto_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
)

// TestStepPipeline drives a StepPipeline with a small script against the real server.
// Steps: "q SQL" queues a statement, "qp NAME" runs a prepared one, "p NAME SQL" prepares,
// "c NAME" closes, "S" Sync, "F" FlushRequest, "R" reads one item (its outcome, "SYNC", or
// the error), "A" records Aborted(), "r" reads one and only its first row,
// "C" reads one with a context that ends after 100ms, "E" End, "TX" the transaction status
// (known at each sync point only).
func TestStepPipeline(t *testing.T) {
	t.Parallel()
	aborted := `{cols= rows= tag="" err=` + proto.ErrPipelineAborted.Error() + `}`
	tests := []struct {
		name  string
		steps []string
		want  []string
	}{
		{"two queries one sync",
			[]string{"q select 1 as a", "q select 'x' as b, null as c", "S", "R", "R", "R", "E"},
			[]string{`{cols=a rows=1 tag="SELECT 1" err=}`, `{cols=b,c rows=x|ø tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"error in the middle skips to the sync",
			[]string{"q select 1 as a", "q select 1/0", "A", "q select 3 as c", "S", "q select 4 as d", "S",
				"R", "R", "A", "R", "A", "R", "A", "R", "R", "E"},
			[]string{"aborted:false", `{cols=a rows=1 tag="SELECT 1" err=}`, `{cols= rows= tag="" err=22012}`, "aborted:true",
				aborted, "aborted:true", "SYNC", "aborted:false", `{cols=d rows=4 tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"error after some rows",
			[]string{"q select 1/(g-2) as q from generate_series(1,3) g", "q select 2", "S", "R", "R", "R", "E"},
			[]string{`{cols=q rows=-1 tag="" err=22012}`, aborted, "SYNC", "end:"}},
		{"parse error",
			[]string{"q selec 1", "q select 2 as two", "S", "R", "R", "R", "E"},
			[]string{`{cols= rows= tag="" err=42601}`, aborted, "SYNC", "end:"}},
		{"flush request without sync",
			[]string{"q select 1 as a", "F", "q select 2 as b", "R", "R", "S", "R", "R", "E"},
			[]string{`{cols=a rows=1 tag="SELECT 1" err=}`, "err:" + proto.ErrNoPendingResults.Error(),
				`{cols=b rows=2 tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"nothing requested",
			[]string{"q select 1", "R", "E", "S", "R", "R", "E"},
			[]string{"err:" + proto.ErrNoPendingResults.Error(), "end:" + proto.ErrPipelineNotIdle.Error(),
				`{cols=?column? rows=1 tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"implicit transaction until sync",
			[]string{"q create temp table step_t(i int)", "q insert into step_t values (1)", "F", "R", "R", "TX",
				"q select count(*) from step_t", "S", "R", "R", "TX", "E"},
			[]string{`{cols= rows= tag="CREATE TABLE" err=}`, `{cols= rows= tag="INSERT 0 1" err=}`, "tx:I",
				`{cols=count rows=1 tag="SELECT 1" err=}`, "SYNC", "tx:I", "end:"}},
		{"transaction block outlives the sync",
			[]string{"q begin", "S", "R", "R", "TX", "q rollback", "S", "R", "R", "TX", "E"},
			[]string{`{cols= rows= tag="BEGIN" err=}`, "SYNC", "tx:T", `{cols= rows= tag="ROLLBACK" err=}`, "SYNC", "tx:I", "end:"}},
		{"unread rows are skipped",
			[]string{"q select g from generate_series(5,9) g", "q select 'next' as n", "S", "r", "R", "R", "E"},
			[]string{"first:5", `{cols=n rows=next tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"cancel",
			[]string{"q select pg_sleep(20)", "q select 2", "S", "C", "R", "R", "E"},
			[]string{`{cols=pg_sleep rows= tag="" err=57014}`, aborted, "SYNC", "end:"}},
		{"prepare, execute, close",
			[]string{"p st select $1::int * 2 as d", "qp st 21", "c st", "qp st 1", "S", "R", "R", "R", "R", "R", "E"},
			[]string{`{cols=d rows= tag="" err=}`, `{cols=d rows=42 tag="SELECT 1" err=}`, `{cols= rows= tag="" err=}`,
				`{cols= rows= tag="" err=26000}`, "SYNC", "end:"}},
		{"the unnamed prepared statement is not parsed again",
			[]string{"p  select $1 || 'y' as v", "qp  x", "S", "R", "R", "R", "E"},
			[]string{`{cols=v rows= tag="" err=}`, `{cols=v rows=xy tag="SELECT 1" err=}`, "SYNC", "end:"}},
		{"two syncs, error in the second stretch",
			[]string{"q select 1 as a", "S", "q select x", "q select 2", "S", "R", "R", "R", "R", "R", "E"},
			[]string{`{cols=a rows=1 tag="SELECT 1" err=}`, "SYNC", `{cols= rows= tag="" err=42703}`, aborted, "SYNC", "end:"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := socketConn(t)
			ctx := context.Background()
			p, err := c.BeginPipeline()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Query(ctx, "select 1"); !errors.Is(err, proto.ErrBusy) {
				t.Fatalf("Query in pipeline mode: %v, want ErrBusy", err)
			}
			var got []string
			for _, step := range tc.steps {
				cmd, arg, _ := strings.Cut(step, " ")
				var err error
				switch cmd {
				case "q":
					err = p.Queue(proto.Exec{SQL: arg})
				case "qp":
					name, val, _ := strings.Cut(arg, " ")
					err = p.QueuePrepared(name, [][]byte{[]byte(val)})
				case "p":
					name, sql, _ := strings.Cut(arg, " ")
					err = p.QueuePrepare(name, sql, nil)
				case "c":
					err = p.QueueClose(arg)
				case "S":
					err = p.Sync()
				case "F":
					err = p.FlushRequest()
				case "A":
					got = append(got, "aborted:"+map[bool]string{false: "false", true: "true"}[p.Aborted()])
				case "TX":
					got = append(got, "tx:"+string(c.TxStatus()))
				case "E":
					e := p.End()
					got = append(got, "end:"+errText(e))
				case "r": // read without draining the rows: the next read skips them
					r, _, e := p.NextResult(ctx)
					if e != nil || !r.NextRow() {
						t.Fatalf("r: %v", e)
					}
					got = append(got, "first:"+string(r.Values()[0]))
				case "C": // read with a context that ends: the statement is cancelled
					cctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
					r, _, e := p.NextResult(cctx)
					if e != nil {
						t.Fatalf("C: %v", e)
					}
					got = append(got, flatten(r).String())
					cancel()
				case "R":
					r, sync, e := p.NextResult(ctx)
					switch {
					case e != nil:
						got = append(got, "err:"+e.Error())
					case sync:
						got = append(got, "SYNC")
					default:
						got = append(got, flatten(r).String())
					}
				default:
					t.Fatalf("bad step %q", step)
				}
				if err != nil {
					t.Fatalf("%s: %v", step, err)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			if v, err := c.QueryValue(ctx, "select 'idle again'"); err != nil || v != "idle again" {
				t.Fatalf("after End: %q, %v", v, err)
			}
		})
	}
}

// TestStepPipelineWritesLongQueue: a queue that grows past 64 KiB is written without a
// Flush, as libpq does, so the client does not hold an unbounded queue; the answers still
// come back in order.
func TestStepPipelineWritesLongQueue(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	p, err := c.BeginPipeline()
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("x", 1000)
	const n = 200 // about 200 KB of messages
	for i := 0; i < n; i++ {
		if err := p.Queue(proto.Exec{SQL: "select $1::int as i, '" + pad + "' as pad", Params: [][]byte{[]byte(strconv.Itoa(i))}}); err != nil {
			t.Fatal(err)
		}
		if p.Buffered() >= 64<<10 {
			t.Fatalf("%d bytes queued after %d statements: the queue should have been written", p.Buffered(), i+1)
		}
	}
	if p.Buffered() == 0 {
		t.Fatal("nothing left queued: the last statements should wait for Flush or Sync")
	}
	if err := p.Sync(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		r, sync, err := p.NextResult(context.Background())
		if err != nil || sync {
			t.Fatalf("result %d: sync=%v err=%v", i, sync, err)
		}
		if !r.NextRow() || string(r.Values()[0]) != strconv.Itoa(i) {
			t.Fatalf("result %d: wrong row", i)
		}
	}
	if _, sync, err := p.NextResult(context.Background()); !sync || err != nil {
		t.Fatalf("want the sync, got sync=%v err=%v", sync, err)
	}
	if err := p.End(); err != nil {
		t.Fatal(err)
	}
}
