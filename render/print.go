package render

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// ErrUnknownFormat is returned (wrapped) by PrintQuery and PrintTable for
// an Options.Format that is none of the Format constants.
var ErrUnknownFormat = errors.New("render: unknown output format")

// PrintQuery prints one query result the way psql's printQuery does
// (print.c): title, column headers, rows and footers, in the format opts
// selects. Each column is aligned as its Column.Align says; a NULL value is
// printed as opts.Null; with opts.NumericLocale, values of right-aligned
// columns get the locale's separators.
//
// footers are printed after the rows, one line each. As in psql, the
// default footer "(N rows)" (or "(1 row)") is printed only when footers is
// empty, opts.Footer is set and opts.TuplesOnly is not
// (footers_with_default).
//
// PrintQuery reads the whole result before it writes anything, as psql,
// which prints a PGresult, does: if src.Err() reports an error, nothing is
// written and that error is returned. ctx is checked between rows; when it
// is done, PrintQuery stops and returns ctx.Err(), possibly after writing
// part of the table. PrintQuery only writes to w: it never pages and never
// asks the terminal anything. Errors from w are returned.
//
// opts is only read, and src is only used during the call.
func PrintQuery(ctx context.Context, w io.Writer, src RowSource, opts *Options, footers []string) error {
	return PrintQueryBatch(ctx, w, src, opts, footers, Batch{})
}

// Batch says which part of a longer table one print call writes, as psql's
// printTableOpt start_table, stop_table and prior_records do when FETCH_COUNT
// prints a result cursor batch by batch. The zero Batch is a whole table.
//
// A Continued part has no title and no column headers (and, in aligned
// output, no top rule); an Unfinished part has no closing rule, footers or
// final newline. PriorRows counts the rows of the parts before: the default
// footer counts them too, and expanded records are numbered after them.
// Each part measures its own column widths, as psql's do.
//
// Full, when positive, decides Unfinished from the rows read instead: a part
// with Full rows or more is unfinished, one with fewer is the last, as for the
// results of FETCH FORWARD Full.
//
// Paged says the parts go to one pager, as psql's is_pager does once a
// FETCH_COUNT result needs several parts (and a full part is paged too):
// \x auto then always prints aligned and wrapped parts expanded, so that
// all parts agree, and PagedWidth replaces Options.TermWidth (psql then
// takes $COLUMNS even when standard output is not a terminal).
type Batch struct {
	Continued  bool
	Unfinished bool
	PriorRows  int
	Full       int
	Paged      bool
	PagedWidth int
}

// PrintQueryBatch is PrintQuery for one part of a longer table (see Batch).
// footers are only printed by the last part.
//
// In the formats whose bytes do not depend on later rows (unaligned and csv,
// expanded or not), a whole table (not a FETCH_COUNT part: Full is 0 and
// Paged is not set) is not held in memory beyond StreamBound bytes of cells:
// once the rows read outgrow it, they are written and the table goes on as
// continued parts, with the same bytes as printed at once. An error from src
// after that point is returned after those rows have been written, where psql
// would have printed nothing of the result.
func PrintQueryBatch(ctx context.Context, w io.Writer, src RowSource, opts *Options, footers []string, b Batch) error {
	return printQueryBatch(ctx, w, src, opts, footers, b, StreamBound)
}

// StreamBound is the size, in bytes of stored cells (about the size of the
// values as sent), beyond which PrintQueryBatch writes unaligned and csv
// output as it goes instead of reading the whole result first.
const StreamBound = 16 << 20

// printQueryBatch is PrintQueryBatch with the streaming bound as a
// parameter; bound <= 0 never streams.
func printQueryBatch(ctx context.Context, w io.Writer, src RowSource, opts *Options, footers []string, b Batch, bound int) error {
	if err := checkFormat(opts); err != nil {
		return err
	}
	c := content{start: !b.Continued, stop: !b.Unfinished, prior: max(b.PriorRows, 0)}
	c.setColumns(src.Columns())
	c.setTitleAndFooters(opts.Title, opts.HasTitle, footers)

	// The NULL text is validated and measured once; NULL cells share it.
	var nc content
	nc.addCellString(opts.Null)
	nullIt := nc.iter()
	nullText, nullInfo := nullIt.next()

	stream := bound > 0 && b.Full <= 0 && !b.Paged &&
		(opts.Format == FormatUnaligned || opts.Format == FormatCSV)
	stop := c.stop
	streamed := 0 // rows already written by earlier parts

	var scratch []byte
	done := ctx.Done()
	for src.Next() {
		if stream && c.size > bound {
			c.stop = false
			if err := printContent(ctx, w, &c, opts); err != nil {
				return err
			}
			streamed += c.nrows
			c.prior += c.nrows
			c.start = false
			c.stop = stop
			c.reset()
		}
		select {
		case <-done:
			return ctx.Err()
		default:
		}
		vals := src.Values()
		if len(vals) != c.ncols {
			return fmt.Errorf("render: row %d has %d values for %d columns", streamed+c.nrows+1, len(vals), c.ncols)
		}
		for j, v := range vals {
			switch {
			case v == nil:
				c.appendCell(nullText, nullInfo)
			case opts.NumericLocale && c.aligns[j] == AlignRight:
				scratch = appendNumericLocale(scratch[:0], cString(v), opts)
				c.addCell(scratch)
			default:
				c.addCell(v)
			}
		}
		c.nrows++
	}
	if err := src.Err(); err != nil {
		return err
	}
	if b.Full > 0 {
		c.stop = c.nrows < b.Full
		b.Paged = b.Paged || !c.stop
	}
	if b.Paged {
		paged := *opts
		paged.TermWidth = b.PagedWidth
		if paged.Expanded == ExpandedAuto && (paged.Format == FormatAligned || paged.Format == FormatWrapped) {
			paged.Expanded = ExpandedOn
		}
		opts = &paged
	}
	return printContent(ctx, w, &c, opts)
}

// PrintTable prints t the way psql's printTable does, in the format opts
// selects; opts.Title, opts.HasTitle and opts.Null are not used (t.Title is
// the title, and t has no NULLs). The default footer rule is PrintQuery's.
// ctx, errors and writing are as for PrintQuery. t and opts are only read.
func PrintTable(ctx context.Context, w io.Writer, t *Table, opts *Options) error {
	if err := checkFormat(opts); err != nil {
		return err
	}
	c := content{start: true, stop: true}
	c.setColumns(t.Columns)
	c.setTitleAndFooters(t.Title, t.Title != "", t.Footers)
	for r, row := range t.Rows {
		if len(row) != c.ncols {
			return fmt.Errorf("render: row %d has %d cells for %d columns", r+1, len(row), c.ncols)
		}
		for _, v := range row {
			c.addCellString(v)
		}
		c.nrows++
	}
	return printContent(ctx, w, &c, opts)
}

// checkFormat rejects unknown formats.
func checkFormat(opts *Options) error {
	switch opts.Format {
	case FormatAligned, FormatWrapped, FormatUnaligned, FormatCSV, FormatHTML, FormatAsciidoc,
		FormatLatex, FormatLatexLongtable, FormatTroffMs:
		return nil
	}
	return fmt.Errorf("%w: %s", ErrUnknownFormat, opts.Format)
}

// outputColumns is the width psql wraps to: \pset columns, else the
// terminal's width.
func outputColumns(opts *Options) int {
	if opts.Columns > 0 {
		return opts.Columns
	}
	return opts.TermWidth
}

// printContent is printTable's dispatch on format and expanded mode.
func printContent(ctx context.Context, w io.Writer, c *content, opts *Options) error {
	o := newWriter(w)
	var err error
	expanded := opts.Expanded == ExpandedOn
	switch opts.Format {
	case FormatAligned, FormatWrapped:
		if expanded {
			err = printAlignedVertical(ctx, o, c, opts)
		} else {
			err = printAligned(ctx, o, c, opts)
		}
	case FormatUnaligned:
		if expanded {
			err = printUnalignedVertical(ctx, o, c, opts)
		} else {
			err = printUnaligned(ctx, o, c, opts)
		}
	case FormatCSV:
		if expanded {
			err = printCSVVertical(ctx, o, c, opts)
		} else {
			err = printCSV(ctx, o, c, opts)
		}
	case FormatHTML:
		if expanded {
			err = printHTMLVertical(ctx, o, c, opts)
		} else {
			err = printHTML(ctx, o, c, opts)
		}
	case FormatAsciidoc:
		if expanded {
			err = printAsciidocVertical(ctx, o, c, opts)
		} else {
			err = printAsciidoc(ctx, o, c, opts)
		}
	case FormatLatex:
		if expanded {
			err = printLatexVertical(ctx, o, c, opts)
		} else {
			err = printLatex(ctx, o, c, opts)
		}
	case FormatLatexLongtable:
		if expanded {
			err = printLatexVertical(ctx, o, c, opts)
		} else {
			err = printLatexLongtable(ctx, o, c, opts)
		}
	case FormatTroffMs:
		if expanded {
			err = printTroffMsVertical(ctx, o, c, opts)
		} else {
			err = printTroffMs(ctx, o, c, opts)
		}
	}
	if ferr := o.Flush(); err == nil {
		err = ferr
	}
	return err
}

// footerLines is footers_with_default: the explicit footers, else the
// default "(N rows)" footer when opts.Footer is set, else nothing.
func footerLines(c *content, opts *Options) []string {
	if len(c.footers) == 0 && opts.Footer {
		n := c.nrows + c.prior
		if n == 1 {
			return []string{"(1 row)"}
		}
		return []string{"(" + strconv.Itoa(n) + " rows)"}
	}
	return c.footers
}

// writer is the buffered output of one print call.
type writer struct {
	*bufio.Writer
	scratch [32]byte // for formatting numbers without allocating
}

// newWriter buffers w, unless it already is a large enough *bufio.Writer.
func newWriter(w io.Writer) *writer {
	const size = 64 << 10
	if bw, ok := w.(*bufio.Writer); ok && bw.Size() >= size {
		return &writer{Writer: bw}
	}
	return &writer{Writer: bufio.NewWriterSize(w, size)}
}

const spaces = "                                                                "

// pad writes n spaces (none when n <= 0).
func (o *writer) pad(n int) {
	for n > 0 {
		k := min(n, len(spaces))
		o.WriteString(spaces[:k])
		n -= k
	}
}

// repeat writes s n times.
func (o *writer) repeat(s string, n int) {
	for ; n > 0; n-- {
		o.WriteString(s)
	}
}

// cancelled reports whether done is closed.
func cancelled(done <-chan struct{}) bool {
	select {
	case <-done:
		return true
	default:
		return false
	}
}

// clampBorder is print_aligned_*'s "if (opt_border > 2) opt_border = 2".
func clampBorder(b int) int {
	if b > 2 {
		return 2
	}
	if b < 0 {
		return 0
	}
	return b
}

// appendNumericLocale is format_numeric_locale: s with opts.ThousandsSep
// between groups of its integer digits and opts.DecimalPoint for its '.', or
// s unchanged when it has any byte but digits, signs, '.', 'e' and 'E' (so
// money values and NaN are left alone).
func appendNumericLocale(dst, s []byte, opts *Options) []byte {
	for _, b := range s {
		if (b < '0' || b > '9') && b != '+' && b != '-' && b != '.' && b != 'e' && b != 'E' {
			return append(dst, s...)
		}
	}
	group := opts.GroupDigits
	if group <= 0 || group > 6 {
		group = 3 // as setDecimalLocale does for a locale without grouping
	}
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		dst = append(dst, s[0])
		s = s[1:]
	}
	intLen := 0
	for intLen < len(s) && s[intLen] >= '0' && s[intLen] <= '9' {
		intLen++
	}
	lead := intLen % group
	if lead == 0 {
		lead = group
	}
	for i := 0; i < intLen; i++ {
		if i > 0 {
			if lead--; lead == 0 {
				dst = append(dst, opts.ThousandsSep...)
				lead = group
			}
		}
		dst = append(dst, s[i])
	}
	s = s[intLen:]
	if len(s) > 0 && s[0] == '.' {
		dst = append(dst, opts.DecimalPoint...)
		s = s[1:]
	}
	return append(dst, s...)
}
