package render

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGoldenStreamed prints the golden queries in every unaligned and csv
// golden set with a streaming bound of one byte, so that every row after the
// first goes out as a continued part, and compares with psql's output.
func TestGoldenStreamed(t *testing.T) {
	results := loadGoldenResults(t)
	queries := goldenQueries()
	ran := 0
	for _, set := range goldenSets() {
		opts := Defaults()
		for _, kv := range set.psets {
			if err := applyPset(&opts, kv[0], kv[1]); err != nil {
				t.Fatal(err)
			}
		}
		if opts.Format != FormatUnaligned && opts.Format != FormatCSV {
			continue
		}
		ran++
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join(goldenDir, set.name+".out"))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			for _, q := range queries {
				src := &sliceSource{res: results[q.name]}
				if err := printQueryBatch(context.Background(), &got, src, &opts, nil, Batch{}, 1); err != nil {
					t.Fatalf("%s: %v", q.name, err)
				}
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("streamed output differs from psql:\n%s", diffText(want, got.Bytes()))
			}
		})
	}
	if ran == 0 {
		t.Fatal("no unaligned or csv golden set")
	}
}

// failingSource yields rows rows of one column, then fails.
type failingSource struct {
	rows, i int
	val     [][]byte
}

var errSourceFailed = errors.New("source failed")

func (s *failingSource) Columns() []Column { return []Column{{Name: "a", Align: AlignLeft}} }
func (s *failingSource) Next() bool {
	if s.i >= s.rows {
		return false
	}
	s.i++
	s.val = [][]byte{[]byte(strings.Repeat("x", s.i))}
	return true
}
func (s *failingSource) Values() [][]byte { return s.val }
func (s *failingSource) Err() error       { return errSourceFailed }

// TestStreamedError checks what a result that fails after some rows prints:
// nothing within the bound, as psql; the rows beyond it once streamed.
func TestStreamedError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		format Format
		bound  int
		want   string
	}{
		{"unaligned within bound", FormatUnaligned, 1 << 20, ""},
		{"csv within bound", FormatCSV, 1 << 20, ""},
		{"unaligned beyond bound", FormatUnaligned, 3, "a\nx\nxx"},
		{"csv beyond bound", FormatCSV, 3, "a\nx\nxx\n"},
		{"aligned never streams", FormatAligned, 1, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			opts := Defaults()
			opts.Format = tc.format
			var got bytes.Buffer
			err := printQueryBatch(context.Background(), &got, &failingSource{rows: 3}, &opts, nil, Batch{}, tc.bound)
			if !errors.Is(err, errSourceFailed) {
				t.Fatalf("err = %v, want %v", err, errSourceFailed)
			}
			if got.String() != tc.want {
				t.Fatalf("wrote %q, want %q", got.String(), tc.want)
			}
		})
	}
}

// TestCellStore stores cells of every kind, across chunk boundaries and
// after a reset, and reads them back.
func TestCellStore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cell      string
		wantText  string
		wantWidth int
		complex   bool
	}{
		{"empty", "", "", 0, false},
		{"plain", "hello", "hello", 5, false},
		{"plain long", strings.Repeat("a", 300), strings.Repeat("a", 300), 300, false},
		{"bigger than a chunk", strings.Repeat("b", chunkSize+7), strings.Repeat("b", chunkSize+7), chunkSize + 7, false},
		{"wide", "日本", "日本", 4, false},
		{"combining", "e\u0301", "e\u0301", 1, false},
		{"newline", "ab\ncde", "ab\ncde", 3, true},
		{"cut at NUL", "ab\x00cd", "ab", 2, false},
		{"invalid UTF-8 byte dropped", "a\xffb", "ab", 2, false}, // mb_utf_validate
	}
	var c content
	for round := range 2 {
		for _, tc := range tests {
			c.addCellString(tc.cell)
		}
		// Fill up to a chunk boundary with plain cells, so that the next
		// round's first cells cross it.
		filler := strings.Repeat("f", 1000)
		for range chunkSize / 1000 {
			c.addCellString(filler)
		}
		if round == 0 {
			c.reset()
		}
	}
	it := c.iter()
	for _, tc := range tests {
		text, info := it.next()
		if string(text) != tc.wantText {
			t.Errorf("%s: text %q, want %q", tc.name, text, tc.wantText)
		}
		if w := int(info &^ cellInfoComplex); w != tc.wantWidth {
			t.Errorf("%s: width %d, want %d", tc.name, w, tc.wantWidth)
		}
		if got := info&cellInfoComplex != 0; got != tc.complex {
			t.Errorf("%s: complex %v, want %v", tc.name, got, tc.complex)
		}
	}
	if want := len(tests) + chunkSize/1000; c.ncells != want {
		t.Errorf("ncells %d, want %d", c.ncells, want)
	}
}
