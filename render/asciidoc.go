package render

import (
	"context"
	"strconv"
)

// asciidocEscaped is asciidoc_escaped_print: "|" becomes "\|".
func asciidocEscaped(o *writer, s []byte) {
	for _, b := range s {
		if b == '|' {
			o.WriteString(`\|`)
		} else {
			o.WriteByte(b)
		}
	}
}

// asciidocStart writes the blank line and the title that start a table.
func asciidocStart(o *writer, c *content, opts *Options) {
	o.WriteByte('\n')
	if !opts.TuplesOnly && c.hasTitle {
		o.WriteByte('.')
		o.WriteString(c.title)
		o.WriteByte('\n')
	}
}

// asciidocFrame writes the frame and grid attributes for a border value
// (none for values other than 0, 1 and 2, as in psql).
func asciidocFrame(o *writer, border int) {
	switch border {
	case 0:
		o.WriteString(`,frame="none",grid="none"`)
	case 1:
		o.WriteString(`,frame="none"`)
	case 2:
		o.WriteString(`,frame="all",grid="all"`)
	}
}

// asciidocFooters writes the footers as a literal block.
func asciidocFooters(o *writer, footers []string, opts *Options) {
	if !opts.TuplesOnly && len(footers) > 0 {
		o.WriteString("\n....\n")
		for _, f := range footers {
			o.WriteString(f)
			o.WriteByte('\n')
		}
		o.WriteString("....\n")
	}
}

// printAsciidoc is print_asciidoc_text.
func printAsciidoc(ctx context.Context, o *writer, c *content, opts *Options) error {
	if c.start {
		asciidocHeader(o, c, opts)
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		col := i % c.ncols
		if col == 0 && cancelled(doneCh) {
			return ctx.Err()
		}
		if col != 0 {
			o.WriteByte(' ')
		}
		o.WriteByte('|')
		last := col == c.ncols-1
		if s := it.nextText(); blank(s) {
			if !last {
				o.WriteByte(' ')
			}
		} else {
			asciidocEscaped(o, s)
		}
		if last {
			o.WriteByte('\n')
		}
	}
	o.WriteString("|====\n") // after every part, as psql does
	if c.stop {
		asciidocFooters(o, footerLines(c, opts), opts)
	}
	return nil
}

// asciidocHeader starts a table: title, attributes and the header row.
func asciidocHeader(o *writer, c *content, opts *Options) {
	asciidocStart(o, c, opts)
	o.WriteByte('[')
	if !opts.TuplesOnly {
		o.WriteString(`options="header",`)
	}
	o.WriteString(`cols="`)
	for i, a := range c.aligns {
		if i > 0 {
			o.WriteByte(',')
		}
		if a == AlignRight {
			o.WriteString(">l")
		} else {
			o.WriteString("<l")
		}
	}
	o.WriteByte('"')
	asciidocFrame(o, opts.Border)
	o.WriteString("]\n|====\n")
	if !opts.TuplesOnly {
		for i, h := range c.headers {
			if i > 0 {
				o.WriteByte(' ')
			}
			o.WriteString("^l|")
			asciidocEscaped(o, []byte(h))
		}
		o.WriteByte('\n')
	}
}

// printAsciidocVertical is print_asciidoc_vertical.
func printAsciidocVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	if c.start {
		asciidocStart(o, c, opts)
		o.WriteString(`[cols="h,l"`)
		asciidocFrame(o, opts.Border)
		o.WriteString("]\n|====\n")
	}
	doneCh := ctx.Done()
	record := c.prior + 1
	it := c.iter()
	for i := range c.ncells {
		col := i % c.ncols
		if col == 0 {
			if cancelled(doneCh) {
				return ctx.Err()
			}
			if !opts.TuplesOnly {
				o.WriteString("2+^|Record ")
				o.Write(strconv.AppendInt(o.scratch[:0], int64(record), 10))
				o.WriteByte('\n')
				record++
			} else {
				o.WriteString("2+|\n")
			}
		}
		o.WriteString("<l|")
		asciidocEscaped(o, []byte(c.headers[col]))
		if c.aligns[col] == AlignRight {
			o.WriteString(" >l|")
		} else {
			o.WriteString(" <l|")
		}
		if s := it.nextText(); blank(s) {
			o.WriteByte(' ')
		} else {
			asciidocEscaped(o, s)
		}
		o.WriteByte('\n')
	}
	o.WriteString("|====\n") // after every part, as psql does
	if c.stop {
		// Only explicit footers, as in psql.
		asciidocFooters(o, c.footers, opts)
	}
	return nil
}
