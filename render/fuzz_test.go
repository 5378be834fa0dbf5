package render

import (
	"bytes"
	"context"
	"testing"
)

// fuzzTable decodes a fuzz input: byte 0 picks the number of columns (bits
// 0-1, 1 to 4), their alignment (bits 2-5), a multi-line NULL text with
// double Unicode lines (bit 6), and a 20-column output width with table
// attributes, latex-longtable for latex (bit 7); byte 1 picks the border
// (bits 0-1), line style (2-3), expanded (4) and format (5-7). Then come
// cells, each a length byte (0xff for NULL) and that many bytes. Incomplete
// trailing rows are dropped.
func fuzzTable(data []byte) (*goldenResult, Options) {
	opts := Defaults()
	if len(data) < 2 {
		return &goldenResult{}, opts
	}
	ncols := int(data[0]&3) + 1
	res := &goldenResult{}
	for i := 0; i < ncols; i++ {
		a := AlignLeft
		if data[0]>>(2+i)&1 == 1 {
			a = AlignRight
		}
		res.cols = append(res.cols, Column{Name: string(rune('a' + i)), Align: a})
	}
	o := data[1]
	opts.Border = int(o & 3)
	opts.LineStyle = LineStyle(o >> 2 & 3 % 3)
	if o&0x10 != 0 {
		opts.Expanded = ExpandedOn
	}
	opts.Format = [8]Format{FormatAligned, FormatWrapped, FormatUnaligned, FormatCSV,
		FormatHTML, FormatAsciidoc, FormatLatex, FormatTroffMs}[o>>5]
	if data[0]&0x40 != 0 {
		opts.UnicodeBorderLineStyle = UnicodeDouble
		opts.UnicodeColumnLineStyle = UnicodeDouble
		opts.Null = "a\nb"
	}
	if data[0]&0x80 != 0 {
		opts.Columns = 20
		opts.TableAttr, opts.HasTableAttr = "0.3 x", true
		if opts.Format == FormatLatex {
			opts.Format = FormatLatexLongtable
		}
	}
	opts.Footer = false
	data = data[2:]
	var row [][]byte
	for len(data) > 0 {
		n := int(data[0])
		data = data[1:]
		var cell []byte
		if n != 0xff {
			n = min(n, len(data))
			cell = data[:n:n]
			data = data[n:]
		}
		row = append(row, cell)
		if len(row) == ncols {
			res.rows = append(res.rows, row)
			row = nil
		}
	}
	return res, opts
}

// FuzzPrintQuery prints random tables (invalid UTF-8, control bytes,
// newlines) in random formats. It must not panic; PrintTable must print what
// PrintQuery prints; and with border 2, every line of aligned output must have
// the same display width, as psql guarantees (but for expanded record rules,
// which psql lets stick out past narrow records).
func FuzzPrintQuery(f *testing.F) {
	f.Add([]byte("\x05\x02\x03abc\x02\xc3\xa4\xff\x00"))
	f.Add([]byte("\x01\x06\x01\n\x03a\tb\x02\r\x01"))
	f.Add([]byte("\x03\x16\x04\xe4\xb8\xad\x01\x01\x02\xed\xa4\x01x"))
	f.Add([]byte("\x00\x92\x06\xf0\x9f\x98\x80\n\n\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, opts := fuzzTable(data)
		var got bytes.Buffer
		if err := PrintQuery(context.Background(), &got, &sliceSource{res: res}, &opts, nil); err != nil {
			t.Fatal(err)
		}

		tbl := &Table{Columns: res.cols}
		for _, r := range res.rows {
			var cells []string
			for _, v := range r {
				if v == nil {
					cells = append(cells, opts.Null)
				} else {
					cells = append(cells, string(v))
				}
			}
			tbl.Rows = append(tbl.Rows, cells)
		}
		var again bytes.Buffer
		if err := PrintTable(context.Background(), &again, tbl, &opts); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), again.Bytes()) {
			t.Fatalf("PrintTable printed\n%q\nPrintQuery printed\n%q", again.Bytes(), got.Bytes())
		}

		if opts.Format != FormatAligned || opts.Border != 2 {
			return
		}
		lines := bytes.Split(bytes.TrimSuffix(got.Bytes(), []byte("\n\n")), []byte("\n"))
		if len(res.rows) == 0 && opts.Expanded == ExpandedOn {
			return // only the (empty) footer
		}
		// psql lets a "[ RECORD n ]" rule stick out past narrow records.
		var check [][]byte
		for _, l := range lines {
			if opts.Expanded != ExpandedOn || !bytes.Contains(l, []byte("[ RECORD ")) {
				check = append(check, l)
			}
		}
		want := measure(check[0]).width
		for i, l := range check {
			if w := measure(l).width; w != want {
				t.Fatalf("line %d is %d wide, line 0 is %d:\n%s", i, w, want, got.Bytes())
			}
		}
	})
}

// FuzzFormatCell checks that measure and cellLines.format agree on any
// validated input: as many lines as measured, the widest as wide as
// measured, and each formatted line (plain text and escapes only) measuring
// what format says it is wide.
func FuzzFormatCell(f *testing.F) {
	f.Add([]byte("a\tb\r\n\x01\xc2\x85中\xcc\x81"))
	f.Add([]byte("\xed\xa4\x80\xf0\x9f\x98\x80\n\n"))
	f.Add([]byte("\xff\xfe\xc3"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v := appendValid(nil, cString(data))
		if again := appendValid(nil, v); !bytes.Equal(again, v) {
			t.Fatalf("appendValid is not idempotent: %q then %q", v, again)
		}
		m := measure(v)
		var l cellLines
		l.format(v)
		if len(l.lines) != m.height {
			t.Fatalf("%q: %d lines, measured height %d", v, len(l.lines), m.height)
		}
		widest := 0
		for _, dl := range l.lines {
			widest = max(widest, dl.width)
			if lm := measure(dl.text); lm.width != dl.width || lm.height != 1 || lm.complex {
				t.Fatalf("%q: line %q said %d wide, measures %+v", v, dl.text, dl.width, lm)
			}
		}
		if widest != m.width {
			t.Fatalf("%q: widest line %d, measured %d", v, widest, m.width)
		}
	})
}
