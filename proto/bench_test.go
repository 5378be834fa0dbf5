package proto_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/gpsql/gpsql/proto"
)

const fetchSQL = "select g, 'row number ' || g, g * 0.5 from generate_series(1, %d) g"

// fetchAll streams every row of sql and returns the row count.
func fetchAll(tb testing.TB, c *proto.Conn, sql string) int64 {
	rs, err := c.Query(context.Background(), sql)
	if err != nil {
		tb.Fatal(err)
	}
	var n int64
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			n++
		}
		if r.Err() != nil {
			tb.Fatal(r.Err())
		}
	}
	if rs.Err() != nil {
		tb.Fatal(rs.Err())
	}
	return n
}

// TestFetchAllocs: streaming a result allocates a fixed amount, nothing per row or field.
func TestFetchAllocs(t *testing.T) {
	c := socketConn(t)
	tests := []struct {
		name string
		rows int
	}{{"1k rows", 1000}, {"100k rows", 100_000}}
	var allocs []float64
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sql := fmt.Sprintf(fetchSQL, tc.rows)
			fetchAll(t, c, sql) // grow the buffers first
			a := testing.AllocsPerRun(3, func() {
				if n := fetchAll(t, c, sql); n != int64(tc.rows) {
					t.Fatalf("%d rows", n)
				}
			})
			allocs = append(allocs, a)
			if a > 50 {
				t.Fatalf("%v allocations for %d rows", a, tc.rows)
			}
		})
	}
	if len(allocs) == 2 && allocs[1] > allocs[0]+5 {
		t.Fatalf("allocations grow with the row count: %v", allocs)
	}
}

// BenchmarkFetchRows fetches 1,000,000 rows of three columns from the test server over
// its Unix socket, per iteration.
func BenchmarkFetchRows(b *testing.B) {
	c := socketConn(b)
	sql := fmt.Sprintf(fetchSQL, 1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		if n := fetchAll(b, c, sql); n != 1_000_000 {
			b.Fatalf("%d rows", n)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ns/row")
}

// BenchmarkFetchRowsServerOnly runs the same query with the rows discarded on the server
// (count(*) over it), the floor that client-side decoding adds to.
func BenchmarkFetchRowsServerOnly(b *testing.B) {
	c := socketConn(b)
	sql := "select count(*) from (" + fmt.Sprintf(fetchSQL, 1_000_000) + ") s"
	for b.Loop() {
		fetchAll(b, c, sql)
	}
}

// BenchmarkCopyOut streams 100 MB of COPY TO STDOUT per iteration.
func BenchmarkCopyOut(b *testing.B) {
	c := socketConn(b)
	var w countWriter
	b.SetBytes(100_000 * 1001)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.CopyTo(context.Background(), "copy (select repeat('x', 1000) from generate_series(1, 100000)) to stdout", &w, nil); err != nil {
			b.Fatal(err)
		}
	}
}
