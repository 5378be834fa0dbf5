package repl

import (
	"io"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/render"
)

// TestKeyMux: bytes go to readline until a pager claims the input, to the pager while
// its claim lasts, and back to readline when the claim is closed; a closed claim reads
// io.EOF at once.
func TestKeyMux(t *testing.T) {
	t.Parallel()
	pr, pw := io.Pipe()
	m := newKeyMux(pr)
	rl := m.readline()
	buf := make([]byte, 16)
	read := func(r io.Reader) (string, error) {
		n, err := r.Read(buf)
		return string(buf[:n]), err
	}
	go pw.Write([]byte("a"))
	if got, err := read(rl); got != "a" || err != nil {
		t.Fatalf("readline read %q, %v; want \"a\"", got, err)
	}
	p := m.claim()
	// readline's goroutine is blocked in Read while the pager owns the input.
	rlGot := make(chan string, 1)
	go func() {
		s, _ := read2(rl)
		rlGot <- s
	}()
	go pw.Write([]byte("q"))
	pbuf := make([]byte, 4)
	if n, err := p.Read(pbuf); string(pbuf[:n]) != "q" || err != nil {
		t.Fatalf("pager read %q, %v; want \"q\"", pbuf[:n], err)
	}
	p.Close()
	if n, err := p.Read(pbuf); n != 0 || err != io.EOF {
		t.Fatalf("closed claim read %d, %v; want io.EOF", n, err)
	}
	go pw.Write([]byte("z"))
	if got := <-rlGot; got != "z" {
		t.Fatalf("readline got %q after the claim, want \"z\"", got)
	}
	rl.Close()
	if _, err := read(rl); err != io.EOF {
		t.Fatalf("closed readline side: %v, want io.EOF", err)
	}
}

func read2(r io.Reader) (string, error) {
	b := make([]byte, 16)
	n, err := r.Read(b)
	return string(b[:n]), err
}

// TestPsqlLineCount: the counts psql 15 compares with the terminal height, checked in
// tmux against psql (e2e_pager_test.go): 37 rows of one column count 39, 38 count 40.
func TestPsqlLineCount(t *testing.T) {
	t.Parallel()
	aligned := func(n int) string {
		var b strings.Builder
		b.WriteString(" g\n---\n")
		for i := 0; i < n; i++ {
			b.WriteString(" x\n")
		}
		b.WriteString("(n rows)\n\n")
		return b.String()
	}
	expanded := "-[ RECORD 1 ]\na | 1\nb | 2\n-[ RECORD 2 ]\na | 1\nb | 2\n\n"
	cases := []struct {
		name   string
		text   string
		header int
		popt   render.Options
		want   int
	}{
		{"37 rows", aligned(37), 2, render.Defaults(), 39},
		{"38 rows", aligned(38), 2, render.Defaults(), 40},
		{"expanded", expanded, 0, render.Options{Expanded: render.ExpandedOn}, 6},
		{"tuples only", " x\n x\n\n", 0, render.Options{TuplesOnly: true}, 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := psqlLineCount(tc.text, tc.header, &tc.popt); got != tc.want {
				t.Errorf("psqlLineCount = %d, want %d", got, tc.want)
			}
		})
	}
}
