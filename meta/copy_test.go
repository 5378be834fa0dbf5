package meta

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestParseCopy checks \copy's parser against the statements psql 15 sends for the same
// lines (seen with psql -e) and its parse errors.
func TestParseCopy(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, line string
		std        bool
		sql, file  string
		program    bool
		psqlInOut  bool
		err        string
	}{
		{name: "file", line: "t from d.csv csv", std: true, sql: "COPY  t FROM STDIN csv", file: "d.csv"},
		{name: "quoted file", line: "t from 'a b''c.csv' with (format csv)", std: true, sql: "COPY  t FROM STDIN with (format csv)", file: "a b'c.csv"},
		{name: "stdin no options", line: "t from stdin", std: true, sql: "COPY  t FROM STDIN ", file: ""},
		{name: "schema and columns", line: "public.t (a, b) to stdout csv header", std: true, sql: "COPY  public.t ( a, b ) TO STDOUT csv header"},
		{name: "quoted column then comma", line: `"My" ("a",b) to pstdout`, std: true, sql: `COPY  "My" ( "a" ,b ) TO STDOUT `, psqlInOut: true},
		{name: "query with parens and comma", line: "(select (1), ')' ) to stdout", std: true, sql: "COPY  ( select ( 1 ) , ')' ) TO STDOUT "},
		{name: "quoted names", line: `"My"."T" ("A") to pstdout`, std: true, sql: `COPY  "My"."T" ( "A" ) TO STDOUT `, psqlInOut: true},
		{name: "query", line: "(select 1, ')' from x) to stdout", std: true, sql: "COPY  ( select 1, ')' from x ) TO STDOUT "},
		{name: "nested query", line: "(select (1)) to stdout", std: true, sql: "COPY  ( select ( 1 ) ) TO STDOUT "},
		{name: "E string in query", line: `(select E'\')') to stdout`, std: true, sql: `COPY  ( select E'\')' ) TO STDOUT `},
		{name: "binary old style", line: "binary t to 'f'", std: true, sql: "COPY binary t TO STDOUT ", file: "f"},
		{name: "program", line: "t to program 'gzip > x.gz'", std: true, sql: "COPY  t TO STDOUT ", file: "gzip > x.gz", program: true},
		{name: "semicolon", line: "t to stdout;", std: true, sql: "COPY  t TO STDOUT ;"},
		{name: "upper case", line: "t FROM STDIN CSV", std: true, sql: "COPY  t FROM STDIN CSV"},
		{name: "empty", line: "", err: `\copy: parse error at end of line`},
		{name: "table only", line: "t", err: `\copy: parse error at end of line`},
		{name: "bad direction", line: "t frm x", err: `\copy: parse error at "frm"`},
		{name: "unquoted program", line: "t to program cat", err: `\copy: parse error at "cat"`},
		{name: "no target", line: "t to", err: `\copy: parse error at end of line`},
		{name: "open column list", line: "t (a, b", err: `\copy: parse error at end of line`},
		{name: "open query", line: "(select 1", err: `\copy: parse error at end of line`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			o, err := parseCopy(tc.line, tc.std, nil)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := o.query(); got != tc.sql {
				t.Errorf("query = %q, want %q", got, tc.sql)
			}
			if o.file != tc.file || o.program != tc.program || o.psqlInOut != tc.psqlInOut {
				t.Errorf("file %q program %v psqlInOut %v, want %q %v %v", o.file, o.program, o.psqlInOut, tc.file, tc.program, tc.psqlInOut)
			}
		})
	}
}

// TestEndMarkReader: text data stops at a "\." line, only at the start of a line, and long
// lines pass in pieces.
func TestEndMarkReader(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 200<<10) + "\n"
	tests := []struct{ name, in, want string }{
		{"no marker", "a\nb\n", "a\nb\n"},
		{"marker", "a\n\\.\nb\n", "a\n"},
		{"crlf marker", "a\r\n\\.\r\nb\n", "a\r\n"},
		{"not at line start", "a\\.\nb\n", "a\\.\nb\n"},
		{"marker with more", "\\.x\n", "\\.x\n"},
		{"last line unterminated", "a\nb", "a\nb"},
		{"long line then marker", long + "\\.\n", long},
		{"marker after long line's tail", strings.Repeat("y", 70<<10) + "\\.\n", strings.Repeat("y", 70<<10) + "\\.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := io.ReadAll(iotest.OneByteReader(newEndMarkReader(strings.NewReader(tc.in))))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("got %d bytes %.40q, want %d bytes %.40q", len(got), got, len(tc.want), tc.want)
			}
		})
	}
}

// TestProgressBar: nothing before the delay, a line with the share, sizes, rows and ETA
// after it, and an erase sequence at the end only when something was drawn.
func TestProgressBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		size    int64
		steps   []time.Duration // when each 1 MiB chunk of 10 lines arrives
		want    []string        // substrings of the output
		notWant []string
	}{
		{name: "short copy shows nothing", size: 4 << 20, steps: []time.Duration{10 * time.Millisecond, 20 * time.Millisecond}, notWant: []string{"\r"}},
		{name: "known size", size: 4 << 20, steps: []time.Duration{time.Second, 2 * time.Second},
			want: []string{" 50%", "2.0 MiB/4.0 MiB", "20 rows", "1.0 MiB/s", "ETA 2s", "[####", "\r\x1b[K"}},
		{name: "unknown size", size: -1, steps: []time.Duration{time.Second},
			want: []string{"1.0 MiB", "10 rows", "1.0 MiB/s", "\r\x1b[K"}, notWant: []string{"ETA", "%"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			now := start
			b := newProgressBar(&out, 80, tc.size)
			b.now = func() time.Time { return now }
			b.start = start
			for _, d := range tc.steps {
				now = start.Add(d)
				b.add(1<<20, 10)
			}
			b.finish()
			b.finish()
			for _, w := range tc.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output %q lacks %q", out.String(), w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(out.String(), w) {
					t.Errorf("output %q has %q", out.String(), w)
				}
			}
			for _, line := range strings.Split(out.String(), "\r") {
				if len(line) > 79 {
					t.Errorf("line %q is wider than the terminal", line)
				}
			}
		})
	}
}

// TestAtooid: psql's strtoul-like OID parsing for \lo_export and \lo_unlink.
func TestAtooid(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want uint32
	}{{"123", 123}, {"abc", 0}, {"12abc", 12}, {" 7", 7}, {"4294967296", 0}, {"", 0}}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := atooid(tc.in); got != tc.want {
				t.Errorf("atooid(%q) = %d, want %d", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzParseCopy: the \copy parser never panics, and what it accepts builds a COPY.
func FuzzParseCopy(f *testing.F) {
	f.Add("t from d.csv csv", true)
	f.Add("(select ')' from x) to stdout", false)
	f.Add(`"a"."b" (c) to program 'x'`, true)
	f.Fuzz(func(t *testing.T, line string, std bool) {
		o, err := parseCopy(line, std, expandHome)
		if err != nil {
			return
		}
		if !strings.HasPrefix(o.query(), "COPY ") {
			t.Fatalf("query %q", o.query())
		}
	})
}

// FuzzEndMarkReader: the filter never panics and never returns more than it read.
func FuzzEndMarkReader(f *testing.F) {
	f.Add([]byte("a\n\\.\nb"))
	f.Add([]byte("\\.\r\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := io.ReadAll(newEndMarkReader(bytes.NewReader(in)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(in, got) {
			t.Fatalf("output %q is not a prefix of the input %q", got, in)
		}
	})
}
