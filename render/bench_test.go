package render

import (
	"context"
	"io"
	"strconv"
	"testing"
)

// benchSource yields n rows of six columns (int4, text, numeric, timestamp
// text, bool, text), formatting each value into reused buffers so that the
// benchmark measures the renderer, not the source.
type benchSource struct {
	n, i int
	bufs [6][]byte
	vals [][]byte
}

func (s *benchSource) Columns() []Column {
	return []Column{
		{"id", AlignRight}, {"name", AlignLeft}, {"amount", AlignRight},
		{"created", AlignLeft}, {"active", AlignLeft}, {"note", AlignLeft},
	}
}

func (s *benchSource) Next() bool {
	if s.i >= s.n {
		return false
	}
	s.i++
	i := s.i
	s.bufs[0] = strconv.AppendInt(s.bufs[0][:0], int64(i), 10)
	s.bufs[1] = strconv.AppendInt(append(s.bufs[1][:0], "name "...), int64(i%977), 10)
	s.bufs[2] = strconv.AppendFloat(s.bufs[2][:0], float64(i)*1.25, 'f', 2, 64)
	s.bufs[3] = append(s.bufs[3][:0], "2024-05-17 12:34:56.789+00"...)
	s.bufs[4] = append(s.bufs[4][:0], "tf"[i%2])
	s.bufs[5] = append(s.bufs[5][:0], "some note text"[:i%15]...)
	s.vals = append(s.vals[:0], s.bufs[0], s.bufs[1], s.bufs[2], s.bufs[3], s.bufs[4], s.bufs[5])
	if i%10 == 0 {
		s.vals[5] = nil
	}
	return true
}

func (s *benchSource) Values() [][]byte { return s.vals }
func (s *benchSource) Err() error       { return nil }

func benchmarkFormat(b *testing.B, rows int, opts Options) {
	b.ReportAllocs()
	for b.Loop() {
		if err := PrintQuery(context.Background(), io.Discard, &benchSource{n: rows}, &opts, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAligned100k prints 100,000 rows of 6 columns aligned; psql 15
// takes about 0.45 s for this (4.5 s per million rows).
func BenchmarkAligned100k(b *testing.B) { benchmarkFormat(b, 100_000, Defaults()) }

// BenchmarkExpanded100k is BenchmarkAligned100k with \x on.
func BenchmarkExpanded100k(b *testing.B) {
	o := Defaults()
	o.Expanded = ExpandedOn
	benchmarkFormat(b, 100_000, o)
}

// BenchmarkUnaligned100k and BenchmarkCSV100k are the other formats.
func BenchmarkUnaligned100k(b *testing.B) {
	o := Defaults()
	o.Format = FormatUnaligned
	benchmarkFormat(b, 100_000, o)
}

func BenchmarkCSV100k(b *testing.B) {
	o := Defaults()
	o.Format = FormatCSV
	benchmarkFormat(b, 100_000, o)
}

// TestAllocsDoNotGrowWithRows checks the storage contract: cells go into
// shared chunks, so printing 2,000 rows allocates about as often as
// printing 10 (a few more chunk and index blocks at most).
func TestAllocsDoNotGrowWithRows(t *testing.T) {
	formats := []struct {
		name string
		opts func(*Options)
	}{
		{"aligned", func(*Options) {}},
		{"expanded", func(o *Options) { o.Expanded = ExpandedOn }},
		{"wrapped", func(o *Options) { o.Format = FormatWrapped; o.Columns = 40 }},
		{"unaligned", func(o *Options) { o.Format = FormatUnaligned }},
		{"csv", func(o *Options) { o.Format = FormatCSV }},
		{"html", func(o *Options) { o.Format = FormatHTML }},
	}
	for _, f := range formats {
		t.Run(f.name, func(t *testing.T) {
			opts := Defaults()
			f.opts(&opts)
			allocs := func(rows int) float64 {
				return testing.AllocsPerRun(5, func() {
					if err := PrintQuery(context.Background(), io.Discard, &benchSource{n: rows}, &opts, nil); err != nil {
						t.Fatal(err)
					}
				})
			}
			small, large := allocs(10), allocs(2000)
			if large > small+5 {
				t.Fatalf("%v allocations for 10 rows, %v for 2000", small, large)
			}
		})
	}
}
