package render

import (
	"context"
	"strconv"
)

// htmlEscaped is html_escaped_print: &, <, >, " as entities, newlines as
// "<br />\n", and leading spaces as &nbsp; (for EXPLAIN output).
func htmlEscaped(o *writer, s []byte) {
	leading := true
	for _, b := range s {
		switch b {
		case '&':
			o.WriteString("&amp;")
		case '<':
			o.WriteString("&lt;")
		case '>':
			o.WriteString("&gt;")
		case '\n':
			o.WriteString("<br />\n")
		case '"':
			o.WriteString("&quot;")
		case ' ':
			if leading {
				o.WriteString("&nbsp;")
			} else {
				o.WriteByte(' ')
			}
		default:
			o.WriteByte(b)
		}
		if b != ' ' {
			leading = false
		}
	}
}

// blank reports whether s is only spaces and tabs, as the HTML and
// AsciiDoc formats test with strspn(s, " \t").
func blank(s []byte) bool {
	for _, b := range s {
		if b != ' ' && b != '\t' {
			return false
		}
	}
	return true
}

// htmlAlign is a cell's align attribute.
func htmlAlign(a Align) string {
	if a == AlignRight {
		return "right"
	}
	return "left"
}

// htmlTableStart writes the <table> tag and the caption.
func htmlTableStart(o *writer, c *content, opts *Options) {
	o.WriteString(`<table border="`)
	o.Write(strconv.AppendInt(o.scratch[:0], int64(opts.Border), 10))
	o.WriteByte('"')
	if opts.HasTableAttr {
		o.WriteByte(' ')
		o.WriteString(cString(opts.TableAttr))
	}
	o.WriteString(">\n")
	if !opts.TuplesOnly && c.hasTitle {
		o.WriteString("  <caption>")
		htmlEscaped(o, []byte(c.title))
		o.WriteString("</caption>\n")
	}
}

// htmlCell writes a cell's text, or "&nbsp; " for a blank one.
func htmlCell(o *writer, s []byte) {
	if blank(s) {
		o.WriteString("&nbsp; ")
	} else {
		htmlEscaped(o, s)
	}
}

// htmlFooters writes the footers paragraph and the final newline.
func htmlFooters(o *writer, footers []string, opts *Options) {
	if !opts.TuplesOnly && len(footers) > 0 {
		o.WriteString("<p>")
		for _, f := range footers {
			htmlEscaped(o, []byte(f))
			o.WriteString("<br />\n")
		}
		o.WriteString("</p>")
	}
	o.WriteByte('\n')
}

// printHTML is print_html_text.
func printHTML(ctx context.Context, o *writer, c *content, opts *Options) error {
	if c.start {
		htmlTableStart(o, c, opts)
	}
	if c.start && !opts.TuplesOnly {
		o.WriteString("  <tr>\n")
		for _, h := range c.headers {
			o.WriteString(`    <th align="center">`)
			htmlEscaped(o, []byte(h))
			o.WriteString("</th>\n")
		}
		o.WriteString("  </tr>\n")
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		col := i % c.ncols
		if col == 0 {
			if cancelled(doneCh) {
				return ctx.Err()
			}
			o.WriteString("  <tr valign=\"top\">\n")
		}
		o.WriteString(`    <td align="`)
		o.WriteString(htmlAlign(c.aligns[col]))
		o.WriteString(`">`)
		htmlCell(o, it.nextText())
		o.WriteString("</td>\n")
		if col == c.ncols-1 {
			o.WriteString("  </tr>\n")
		}
	}
	if c.stop {
		o.WriteString("</table>\n")
		htmlFooters(o, footerLines(c, opts), opts)
	}
	return nil
}

// printHTMLVertical is print_html_vertical: a two-column table with a
// "Record n" row above each record.
func printHTMLVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	if c.start {
		htmlTableStart(o, c, opts)
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
				o.WriteString("\n  <tr><td colspan=\"2\" align=\"center\">Record ")
				o.Write(strconv.AppendInt(o.scratch[:0], int64(record), 10))
				o.WriteString("</td></tr>\n")
				record++
			} else {
				o.WriteString("\n  <tr><td colspan=\"2\">&nbsp;</td></tr>\n")
			}
		}
		o.WriteString("  <tr valign=\"top\">\n    <th>")
		htmlEscaped(o, []byte(c.headers[col]))
		o.WriteString("</th>\n")
		o.WriteString(`    <td align="`)
		o.WriteString(htmlAlign(c.aligns[col]))
		o.WriteString(`">`)
		htmlCell(o, it.nextText())
		o.WriteString("</td>\n  </tr>\n")
	}
	if c.stop {
		o.WriteString("</table>\n")
		// Only explicit footers, as in psql.
		htmlFooters(o, c.footers, opts)
	}
	return nil
}
