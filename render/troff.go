package render

import (
	"context"
	"strconv"
)

// troffEscaped is troff_ms_escaped_print: a backslash becomes \(rs.
func troffEscaped(o *writer, s []byte) {
	for _, b := range s {
		if b == '\\' {
			o.WriteString(`\(rs`)
		} else {
			o.WriteByte(b)
		}
	}
}

// troffStart writes the title display and the start of the tbl table.
func troffStart(o *writer, c *content, opts *Options, border int) {
	if !opts.TuplesOnly && c.hasTitle {
		o.WriteString(".LP\n.DS C\n")
		troffEscaped(o, []byte(c.title))
		o.WriteString("\n.DE\n")
	}
	o.WriteString(".LP\n.TS\n")
	if border == 2 {
		o.WriteString("center box;\n")
	} else {
		o.WriteString("center;\n")
	}
}

// troffEnd ends the table and writes the footers display.
func troffEnd(o *writer, footers []string, opts *Options) {
	o.WriteString(".TE\n.DS L\n")
	if !opts.TuplesOnly {
		for _, f := range footers {
			troffEscaped(o, []byte(f))
			o.WriteByte('\n')
		}
	}
	o.WriteString(".DE\n")
}

// printTroffMs is print_troff_ms_text: a tbl table for the ms macros.
func printTroffMs(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := clampBorder(opts.Border)
	if c.start {
		troffStart(o, c, opts, border)
		for i, a := range c.aligns {
			o.WriteByte(byte(a))
			if border > 0 && i < c.ncols-1 {
				o.WriteString(" | ")
			}
		}
		o.WriteString(".\n")
		if !opts.TuplesOnly {
			for i, h := range c.headers {
				if i != 0 {
					o.WriteByte('\t')
				}
				o.WriteString(`\fI`)
				troffEscaped(o, []byte(h))
				o.WriteString(`\fP`)
			}
			o.WriteString("\n_\n")
		}
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		troffEscaped(o, it.nextText())
		if (i+1)%c.ncols == 0 {
			o.WriteByte('\n')
			if cancelled(doneCh) {
				return ctx.Err()
			}
		} else {
			o.WriteByte('\t')
		}
	}
	if c.stop {
		troffEnd(o, footerLines(c, opts), opts)
	}
	return nil
}

// printTroffMsVertical is print_troff_ms_vertical.
func printTroffMsVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := clampBorder(opts.Border)
	const (
		formatNone = iota
		formatHeader
		formatBody
	)
	current := formatNone
	if c.start {
		troffStart(o, c, opts, border)
		if opts.TuplesOnly {
			o.WriteString("c l;\n")
		}
	} else {
		current = formatBody // rows were printed already
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
				if current != formatHeader {
					if border == 2 && record > 1 {
						o.WriteString("_\n")
					}
					if current != formatNone {
						o.WriteString(".T&\n")
					}
					o.WriteString("c s.\n")
					current = formatHeader
				}
				o.WriteString(`\fIRecord `)
				o.Write(strconv.AppendInt(o.scratch[:0], int64(record), 10))
				o.WriteString("\\fP\n")
				record++
			}
			if border >= 1 {
				o.WriteString("_\n")
			}
		}
		if !opts.TuplesOnly && current != formatBody {
			if current != formatNone {
				o.WriteString(".T&\n")
			}
			if border != 1 {
				o.WriteString("c l.\n")
			} else {
				o.WriteString("c | l.\n")
			}
			current = formatBody
		}
		troffEscaped(o, []byte(c.headers[col]))
		o.WriteByte('\t')
		troffEscaped(o, it.nextText())
		o.WriteByte('\n')
	}
	if c.stop {
		// Only explicit footers, as in psql.
		troffEnd(o, c.footers, opts)
	}
	return nil
}
