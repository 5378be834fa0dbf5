package render

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// psqlWidths runs psql over every code point (bar surrogates and NUL) and
// reads each one's display width off the aligned output: the cell column is
// headed "wwwwwwwwww" (10 wide), so a cell's width is 10 minus its padding.
// Code points psql drops from its output (mbvalidate) are left out.
func psqlWidths(t *testing.T) map[rune]int {
	t.Helper()
	out := runPsql(t, `select cp, chr(cp) as wwwwwwwwww, 'X' as x
from generate_series(1, 1114111) cp where cp not between 55296 and 57343;`)
	widths := map[rune]int{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		i := bytes.Index(line, []byte(" | "))
		if i < 0 {
			continue
		}
		cp, err := strconv.Atoi(strings.TrimSpace(string(line[:i])))
		if err != nil {
			continue
		}
		cell, ok := bytes.CutSuffix(line[i+3:], []byte(" | X"))
		if !ok {
			continue
		}
		r := rune(cp)
		switch {
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			continue // control characters are escaped, not measured
		case r == ' ':
			widths[r] = 1
			continue
		}
		if !bytes.Contains(cell, []byte(string(r))) {
			continue // dropped by psql
		}
		widths[r] = 10 - (len(cell) - len(bytes.TrimRight(cell, " ")))
	}
	if len(widths) < 1_000_000 {
		t.Fatalf("only %d code points in psql's output", len(widths))
	}
	return widths
}

// TestWidthTable checks runeWidth against testdata/golden/widths.txt, the
// runs of code points psql prints 0 or 2 wide (every other printable one
// is 1 wide). With -update-golden the file is rewritten from psql's output;
// then run go generate to rebuild widthtable.go.
func TestWidthTable(t *testing.T) {
	path := filepath.Join(goldenDir, "widths.txt")
	if *updateGolden {
		widths := psqlWidths(t)
		var b strings.Builder
		b.WriteString("# Code points psql 15 prints 0 or 2 wide: first last width (hex, hex, dec).\n")
		b.WriteString("# Written by TestWidthTable -update-golden from psql's aligned output.\n")
		start, cur := rune(-1), -1
		flush := func(end rune) {
			if start >= 0 && cur != 1 {
				fmt.Fprintf(&b, "%04X %04X %d\n", start, end, cur)
			}
		}
		for r := rune(0x20); r <= 0x10ffff; r++ {
			w, ok := widths[r]
			if !ok {
				w = 1 // unknown (control, surrogate or dropped): not listed
			}
			if w != cur {
				flush(r - 1)
				start, cur = r, w
			}
		}
		flush(0x10ffff)
		writeGolden(t, "widths.txt", []byte(b.String()))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[rune]int{}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		var first, last rune
		var w int
		if _, err := fmt.Sscanf(line, "%x %x %d", &first, &last, &w); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for r := first; r <= last; r++ {
			want[r] = w
		}
	}
	bad := 0
	for r := rune(0x20); r <= 0x10ffff; r++ {
		if r >= 0x7f && r < 0xa0 {
			continue
		}
		w, ok := want[r]
		if !ok {
			w = 1
		}
		if got := runeWidth(r); got != w && bad < 20 {
			t.Errorf("runeWidth(U+%04X) = %d, psql prints it %d wide", r, got, w)
			bad++
		}
	}
	for _, r := range []rune{0x01, 0x1f, 0x7f, 0x80, 0x9f, 0x110000} {
		if got := runeWidth(r); got != -1 {
			t.Errorf("runeWidth(U+%04X) = %d, want -1 (control)", r, got)
		}
	}
}

// TestMeasureAndFormat checks pg_wcssize/pg_wcsformat rules seen in psql's
// output: tabs to multiples of 8, "\r" for CR, "\xNN" for other ASCII
// controls, "\uNNNN" for C1 controls, lines split at newlines.
func TestMeasureAndFormat(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		lines   []string
		widths  []int
		complex bool
	}{
		{"empty", "", []string{""}, []int{0}, false},
		{"ascii", "hello", []string{"hello"}, []int{5}, false},
		{"newline", "a\nbc", []string{"a", "bc"}, []int{1, 2}, true},
		{"trailing newline", "a\n", []string{"a", ""}, []int{1, 0}, true},
		{"tab at start", "\tx", []string{"        x"}, []int{9}, true},
		{"tab after 7", "1234567\tz", []string{"1234567 z"}, []int{9}, true},
		{"tab after wide", "中\tx", []string{"中      x"}, []int{9}, true},
		{"cr", "a\rb", []string{`a\rb`}, []int{4}, true},
		{"control", "\x01x\x7f", []string{`\x01x\x7F`}, []int{9}, true},
		{"c1 control", "\u0085y", []string{`\u0085y`}, []int{7}, true},
		{"cjk", "中文", []string{"中文"}, []int{4}, false},
		{"combining", "e\u0301", []string{"e\u0301"}, []int{1}, false},
		{"emoji", "😀", []string{"😀"}, []int{2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := measure([]byte(tc.in))
			maxw := 0
			for _, w := range tc.widths {
				maxw = max(maxw, w)
			}
			if m.width != maxw || m.height != len(tc.lines) || m.complex != tc.complex {
				t.Errorf("measure(%q) = %+v, want width %d height %d complex %v", tc.in, m, maxw, len(tc.lines), tc.complex)
			}
			var l cellLines
			l.format([]byte(tc.in))
			if len(l.lines) != len(tc.lines) {
				t.Fatalf("format(%q): %d lines, want %d", tc.in, len(l.lines), len(tc.lines))
			}
			for i, dl := range l.lines {
				if string(dl.text) != tc.lines[i] || dl.width != tc.widths[i] {
					t.Errorf("format(%q) line %d = %q (%d), want %q (%d)", tc.in, i, dl.text, dl.width, tc.lines[i], tc.widths[i])
				}
			}
		})
	}
}
