package completion_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/gpsql/gpsql/completion"
)

// BenchmarkComplete10000Tables measures the latency of one Tab press after FROM on a
// schema of 10,000 tables (issue 8 asks for < 100 ms): "cold" includes fetching all the
// names from the server (the first Tab, or the first after DDL), "cached" is every later one.
func BenchmarkComplete10000Tables(b *testing.B) {
	admin := connect(b, "postgres")
	exec(b, admin, "DROP DATABASE IF EXISTS bench_completion")
	exec(b, admin, "CREATE DATABASE bench_completion")
	c := connect(b, "bench_completion")
	// In batches: one transaction holding 10,000 tables' locks exhausts the lock table.
	for from := 1; from <= 10000; from += 500 {
		exec(b, c, fmt.Sprintf(`DO $$ BEGIN FOR i IN %d..%d LOOP
		EXECUTE format('CREATE TABLE t%%s (id int, name text, created timestamptz)', i); END LOOP; END $$`, from, from+499))
	}
	q := connQuerier{c}
	opts := func(cat completion.Catalog) completion.Options {
		return completion.Options{Catalog: cat, Timeout: 10 * time.Second}
	}
	check := func(b *testing.B, got []string) {
		// t5, t50..t59, t500..t599, t5000..t5999: 1 + 10 + 100 + 1000.
		if len(got) != 1111 {
			b.Fatalf("got %d candidates, want 1111", len(got))
		}
	}
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			comp := completion.New(opts(completion.NewSQLCatalog(q)))
			got, _ := comp.Complete(ctx, "select * from t5", "")
			check(b, got)
		}
	})
	b.Run("cached", func(b *testing.B) {
		comp := completion.New(opts(completion.NewSQLCatalog(q)))
		comp.Complete(ctx, "select * from t5", "")
		b.ReportAllocs()
		for b.Loop() {
			got, _ := comp.Complete(ctx, "select * from t5", "")
			check(b, got)
		}
	})
	b.Run("columns", func(b *testing.B) {
		comp := completion.New(opts(completion.NewSQLCatalog(q)))
		b.ReportAllocs()
		for b.Loop() {
			got, _ := comp.Complete(ctx, "select x.", " from t9999 x")
			if len(got) != 3 {
				b.Fatalf("got %q", got)
			}
		}
	})
}
