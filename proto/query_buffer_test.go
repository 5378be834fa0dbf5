package proto_test

import (
	"context"
	"strings"
	"testing"
)

// TestResultBuffer: a buffered Result keeps its rows while the Results move on to the next
// statement, and replays them with NextRow; an error after some rows stays its Err.
func TestResultBuffer(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	rs, err := c.Query(context.Background(), "select g, repeat('x', g) from generate_series(1, 3) g; select 'second' as s, null::text as n; select 1/(g-2) from generate_series(1, 3) g")
	if err != nil {
		t.Fatal(err)
	}
	var results []string
	var kept []func() string
	for rs.NextResult() {
		r := rs.Result()
		r.Buffer()
		kept = append(kept, func() string {
			var b strings.Builder
			for r.NextRow() {
				for i, v := range r.Values() {
					if i > 0 {
						b.WriteByte(',')
					}
					if v == nil {
						b.WriteString("ø")
					}
					b.Write(v)
				}
				b.WriteByte(';')
			}
			if r.Err() != nil {
				b.WriteString("err")
			}
			return b.String() + " " + r.CommandTag()
		})
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	for _, f := range kept { // read after all three statements were read from the server
		results = append(results, f())
	}
	want := []string{"1,x;2,xx;3,xxx; SELECT 3", "second,ø; SELECT 1", "-1;err "} // the row before the error, then the error
	if strings.Join(results, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q\nwant %q", results, want)
	}
}
