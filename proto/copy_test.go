package proto_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/proto"
)

// TestCopyRoundTrip copies data in and out in every format; binary data passes untouched.
func TestCopyRoundTrip(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx := context.Background()
	if _, err := c.QueryValue(ctx, "create temp table rt(a int, b text, c bytea); create temp table rt2 (like rt)"); err != nil {
		t.Fatal(err)
	}
	text := "1\thello\t\\\\x00ff\n2\t\\N\t\\N\n3\ttab\\there\t\\\\x\n"
	if tag, err := c.CopyFrom(ctx, "copy rt from stdin", strings.NewReader(text), nil); err != nil || tag != "COPY 3" {
		t.Fatalf("copy in: %q %v", tag, err)
	}
	tests := []struct {
		name, sql, want string
	}{
		{"text", "copy rt to stdout", text},
		{"csv", "copy rt to stdout (format csv, header)", "a,b,c\n1,hello,\\x00ff\n2,,\n3,tab\there,\\x\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			tag, err := c.CopyTo(ctx, tc.sql, &out, nil)
			if err != nil || tag != "COPY 3" || out.String() != tc.want {
				t.Fatalf("copy out %q %v:\n%q\nwant\n%q", tag, err, out.String(), tc.want)
			}
		})
	}
	t.Run("binary", func(t *testing.T) {
		var bin bytes.Buffer
		if _, err := c.CopyTo(ctx, "copy rt to stdout (format binary)", &bin, nil); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(bin.Bytes(), []byte("PGCOPY\n\xff\r\n\x00")) {
			t.Fatalf("binary COPY header %q", bin.Bytes()[:min(11, bin.Len())])
		}
		if tag, err := c.CopyFrom(ctx, "copy rt2 from stdin (format binary)", bytes.NewReader(bin.Bytes()), nil); err != nil || tag != "COPY 3" {
			t.Fatalf("binary copy in: %q %v", tag, err)
		}
		var out bytes.Buffer
		if _, err := c.CopyTo(ctx, "copy rt2 to stdout", &out, nil); err != nil || out.String() != text {
			t.Fatalf("after binary round trip: %q %v", out.String(), err)
		}
	})
}

// rowSource generates "n\tpayload\n" rows; row number bad (1-based) has a non-integer first
// column. It counts the bytes handed out.
type rowSource struct {
	rows, bad, next int
	pending         []byte
	read            int64
}

func (s *rowSource) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(s.pending) == 0 {
			if s.next >= s.rows {
				break
			}
			s.next++
			if s.next == s.bad {
				s.pending = []byte("oops\tbad row\n")
			} else {
				s.pending = fmt.Appendf(s.pending[:0], "%d\tsome payload for the row\n", s.next)
			}
		}
		k := copy(p[n:], s.pending)
		s.pending = s.pending[k:]
		n += k
	}
	s.read += int64(n)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// TestCopyMidError: a bad row stops the upload promptly, the error names the line, nothing is
// committed and the session goes on; with the simple and the extended protocol.
func TestCopyMidError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		extended bool
	}{{"simple", false}, {"extended", true}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := socketConn(t)
			ctx := context.Background()
			if _, err := c.QueryValue(ctx, "create temp table mid(n int, s text)"); err != nil {
				t.Fatal(err)
			}
			// Ten million rows (about 300 MB) would follow the bad one.
			src := &rowSource{rows: 10_000_000, bad: 12345}
			var rs *proto.Results
			var err error
			if tc.extended {
				rs, err = c.ExecParams(ctx, "copy mid from stdin", nil, nil)
			} else {
				rs, err = c.Query(ctx, "copy mid from stdin")
			}
			if err != nil {
				t.Fatal(err)
			}
			rs.SetCopy(src, nil)
			var errs []error
			for rs.NextResult() {
				errs = append(errs, rs.Result().Err())
			}
			if rs.Err() != nil {
				t.Fatal(rs.Err())
			}
			var se *proto.ServerError
			if len(errs) != 1 || !errors.As(errs[0], &se) || se.Code != "22P02" {
				t.Fatalf("results %v, want one 22P02", errs)
			}
			if se.Where != `COPY mid, line 12345, column n: "oops"` {
				t.Fatalf("CONTEXT %q, want it to name line 12345", se.Where)
			}
			if src.read > 64<<20 {
				t.Fatalf("%d bytes uploaded after the error: the upload did not stop", src.read)
			}
			if v, err := c.QueryValue(ctx, "select count(*) from mid"); err != nil || v != "0" {
				t.Fatalf("rows committed: %q %v", v, err)
			}
			if c.TxStatus() != 'I' {
				t.Fatalf("tx status %c", c.TxStatus())
			}
		})
	}
}

type failingReader struct {
	data []byte
	err  error
}

func (r *failingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, r.err
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

// cancellingReader cancels its context on the second Read.
type cancellingReader struct {
	cancel func()
	reads  int
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	r.reads++
	if r.reads == 2 {
		r.cancel()
	}
	return copy(p, "1\tx\n"), nil
}

// TestCopyAbort: a read error or the end of ctx aborts with CopyFail and its reason; the
// session stays usable and the COPY leaves nothing behind.
func TestCopyAbort(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	if _, err := c.QueryValue(context.Background(), "create temp table ab(n int, s text)"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		ctx     func() (context.Context, func())
		src     func(cancel func()) io.Reader
		wantMsg string
	}{
		{"read error", func() (context.Context, func()) { return context.Background(), func() {} },
			func(func()) io.Reader {
				return &failingReader{data: []byte("1\ta\n2\tb\n"), err: errors.New("disk on fire")}
			}, "COPY from stdin failed: disk on fire"},
		{"context cancelled", func() (context.Context, func()) {
			ctx, cancel := context.WithCancelCause(context.Background())
			return ctx, func() { cancel(errors.New("canceled by user")) }
		}, func(cancel func()) io.Reader { return &cancellingReader{cancel: cancel} }, "COPY from stdin failed: canceled by user"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			_, err := c.CopyFrom(ctx, "copy ab from stdin", tc.src(cancel), nil)
			var se *proto.ServerError
			if !errors.As(err, &se) || se.Code != "57014" || se.Message != tc.wantMsg {
				t.Fatalf("error %v, want 57014 %q", err, tc.wantMsg)
			}
			if v, err := c.QueryValue(context.Background(), "select count(*) from ab"); err != nil || v != "0" {
				t.Fatalf("after abort: %q %v", v, err)
			}
		})
	}
}

type brokenWriter struct{ n int }

func (w *brokenWriter) Write(p []byte) (int, error) {
	if w.n++; w.n > 3 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestCopyOutWriterError: a failing writer does not stop the server's COPY; its error is
// reported and the session goes on.
func TestCopyOutWriterError(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	var last int64
	_, err := c.CopyTo(context.Background(), "copy (select g from generate_series(1, 10000) g) to stdout", &brokenWriter{},
		func(n int64) { last = n })
	if err == nil || !strings.Contains(err.Error(), "could not write COPY data: disk full") {
		t.Fatalf("error %v", err)
	}
	// 1..9 are 2 bytes, 10..99 3, 100..999 4, 1000..9999 5, 10000 6.
	if want := int64(9*2 + 90*3 + 900*4 + 9000*5 + 6); last != want {
		t.Fatalf("progress ended at %d bytes, want %d", last, want)
	}
	if v, err := c.QueryValue(context.Background(), "select 'on'"); err != nil || v != "on" {
		t.Fatalf("after writer error: %q %v", v, err)
	}
}

// TestCopyProgress: the upload hook sees every byte, in chunks of at most 64 KiB.
func TestCopyProgress(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	if _, err := c.QueryValue(context.Background(), "create temp table pr(n int, s text)"); err != nil {
		t.Fatal(err)
	}
	src := &rowSource{rows: 50000}
	var calls []int64
	tag, err := c.CopyFrom(context.Background(), "copy pr from stdin", src, func(n int64) { calls = append(calls, n) })
	if err != nil || tag != "COPY 50000" {
		t.Fatalf("%q %v", tag, err)
	}
	if len(calls) < 2 || calls[len(calls)-1] != src.read {
		t.Fatalf("progress %d calls, last %v, want %d", len(calls), calls[len(calls)-1:], src.read)
	}
	for i := 1; i < len(calls); i++ {
		if d := calls[i] - calls[i-1]; d <= 0 || d > 64<<10 {
			t.Fatalf("chunk %d of %d bytes", i, d)
		}
	}
}

// heapPeak samples the heap in use from a COPY's progress hook, every 32 MiB.
type heapPeak struct {
	base, peak uint64
	next       int64
}

func newHeapPeak() *heapPeak {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return &heapPeak{base: ms.HeapInuse}
}

func (h *heapPeak) progress(n int64) {
	if n < h.next {
		return
	}
	h.next = n + 32<<20
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, ms.HeapInuse)
}

func (h *heapPeak) growth() int64 { return int64(h.peak) - int64(h.base) }

// TestCopyGigabyte copies 1 GB each way and checks that the heap does not grow with it.
// With -short it copies 64 MB.
func TestCopyGigabyte(t *testing.T) {
	c := socketConn(t)
	ctx := context.Background()
	rows := 1_000_000 // of 1000 bytes and a newline: 1 GB
	if testing.Short() {
		rows = 64_000
	}
	const limit = 16 << 20
	t.Run("out", func(t *testing.T) {
		h := newHeapPeak()
		var n countWriter
		tag, err := c.CopyTo(ctx, fmt.Sprintf("copy (select repeat('x', 1000) from generate_series(1, %d)) to stdout", rows), &n, h.progress)
		if err != nil || tag != fmt.Sprintf("COPY %d", rows) || int64(n) != int64(rows)*1001 {
			t.Fatalf("%q %v, %d bytes", tag, err, n)
		}
		t.Logf("COPY TO STDOUT of %d bytes: heap grew by at most %d bytes", n, h.growth())
		if h.growth() > limit {
			t.Fatalf("heap grew by %d bytes", h.growth())
		}
	})
	t.Run("in", func(t *testing.T) {
		if _, err := c.QueryValue(ctx, "create temp table gig(s text)"); err != nil {
			t.Fatal(err)
		}
		h := newHeapPeak()
		src := &lineSource{rows: rows, line: []byte(strings.Repeat("y", 1000) + "\n")}
		// WHERE false: the server parses every row and stores none.
		tag, err := c.CopyFrom(ctx, "copy gig from stdin where false", src, h.progress)
		if err != nil || tag != "COPY 0" || src.read != int64(rows)*1001 {
			t.Fatalf("%q %v, %d bytes", tag, err, src.read)
		}
		t.Logf("COPY FROM STDIN of %d bytes: heap grew by at most %d bytes", src.read, h.growth())
		if h.growth() > limit {
			t.Fatalf("heap grew by %d bytes", h.growth())
		}
	})
}

type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) { *w += countWriter(len(p)); return len(p), nil }

// lineSource repeats line rows times without allocating.
type lineSource struct {
	rows int
	line []byte
	off  int
	read int64
}

func (s *lineSource) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) && s.rows > 0 {
		k := copy(p[n:], s.line[s.off:])
		n += k
		s.off += k
		if s.off == len(s.line) {
			s.off = 0
			s.rows--
		}
	}
	s.read += int64(n)
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}
