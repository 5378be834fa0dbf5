package render

import (
	"bytes"
	"context"
	"strconv"
)

// latexEscaped is latex_escaped_print: LaTeX's special characters as
// commands (after Scott Pakin's symbol list) and newlines as "\\".
func latexEscaped(o *writer, s []byte) {
	for _, b := range s {
		switch b {
		case '#':
			o.WriteString(`\#`)
		case '$':
			o.WriteString(`\$`)
		case '%':
			o.WriteString(`\%`)
		case '&':
			o.WriteString(`\&`)
		case '<':
			o.WriteString(`\textless{}`)
		case '>':
			o.WriteString(`\textgreater{}`)
		case '\\':
			o.WriteString(`\textbackslash{}`)
		case '^':
			o.WriteString(`\^{}`)
		case '_':
			o.WriteString(`\_`)
		case '{':
			o.WriteString(`\{`)
		case '|':
			o.WriteString(`\textbar{}`)
		case '}':
			o.WriteString(`\}`)
		case '~':
			o.WriteString(`\~{}`)
		case '\n':
			o.WriteString(`\\`)
		default:
			o.WriteByte(b)
		}
	}
}

// latexTitle writes the title as a centred paragraph.
func latexTitle(o *writer, c *content, opts *Options) {
	if !opts.TuplesOnly && c.hasTitle {
		o.WriteString("\\begin{center}\n")
		latexEscaped(o, []byte(c.title))
		o.WriteString("\n\\end{center}\n\n")
	}
}

// latexEnd ends a tabular environment and writes the footers.
func latexEnd(o *writer, footers []string, opts *Options) {
	o.WriteString("\\end{tabular}\n\n\\noindent ")
	if !opts.TuplesOnly {
		for _, f := range footers {
			latexEscaped(o, []byte(f))
			o.WriteString(" \\\\\n")
		}
	}
	o.WriteByte('\n')
}

// printLatex is print_latex_text: a tabular environment; border 3 draws a
// line under every row.
func printLatex(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := min(max(opts.Border, 0), 3)
	if c.start {
		latexTabularStart(o, c, opts, border)
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		latexEscaped(o, it.nextText())
		if (i+1)%c.ncols == 0 {
			o.WriteString(" \\\\\n")
			if border == 3 {
				o.WriteString("\\hline\n")
			}
			if cancelled(doneCh) {
				return ctx.Err()
			}
		} else {
			o.WriteString(" & ")
		}
	}
	if !c.stop {
		return nil
	}
	if border == 2 {
		o.WriteString("\\hline\n")
	}
	latexEnd(o, footerLines(c, opts), opts)
	return nil
}

// latexTabularStart writes the title, the tabular header and the column headers.
func latexTabularStart(o *writer, c *content, opts *Options, border int) {
	latexTitle(o, c, opts)
	o.WriteString("\\begin{tabular}{")
	if border >= 2 {
		o.WriteString("| ")
	}
	for i, a := range c.aligns {
		o.WriteByte(byte(a))
		if border != 0 && i < c.ncols-1 {
			o.WriteString(" | ")
		}
	}
	if border >= 2 {
		o.WriteString(" |")
	}
	o.WriteString("}\n")
	if !opts.TuplesOnly && border >= 2 {
		o.WriteString("\\hline\n")
	}
	if !opts.TuplesOnly {
		for i, h := range c.headers {
			if i != 0 {
				o.WriteString(" & ")
			}
			o.WriteString("\\textit{")
			latexEscaped(o, []byte(h))
			o.WriteByte('}')
		}
		o.WriteString(" \\\\\n\\hline\n")
	}
}

// printLatexLongtable is print_latex_longtable_text: a longtable
// environment, with tableattr giving the widths (fractions of \textwidth)
// of the left-aligned columns.
func printLatexLongtable(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := min(max(opts.Border, 0), 3)
	const space = " \t\n"
	attr := []byte(cString(opts.TableAttr))
	var last []byte // the previous width, reused when the list runs out
	hasLast := false
	if c.start {
		o.WriteString("\\begin{longtable}{")
		if border >= 2 {
			o.WriteString("| ")
		}
		for i, a := range c.aligns {
			switch {
			case a == AlignLeft && opts.HasTableAttr:
				attr = bytes.TrimLeft(attr, space)
				if len(attr) > 0 {
					n := bytes.IndexAny(attr, space)
					if n < 0 {
						n = len(attr)
					}
					o.WriteString("p{")
					o.Write(attr[:n])
					o.WriteString("\\textwidth}")
					last, hasLast = attr[:n], true
					attr = attr[n:]
				} else if hasLast {
					o.WriteString("p{")
					o.Write(last)
					o.WriteString("\\textwidth}")
				} else {
					o.WriteByte('l')
				}
			default:
				o.WriteByte(byte(a))
			}
			if border != 0 && i < c.ncols-1 {
				o.WriteString(" | ")
			}
		}
		if border >= 2 {
			o.WriteString(" |")
		}
		o.WriteString("}\n")
		if !opts.TuplesOnly {
			heads := func() {
				if border >= 2 {
					o.WriteString("\\toprule\n")
				}
				for i, h := range c.headers {
					if i != 0 {
						o.WriteString(" & ")
					}
					o.WriteString("\\small\\textbf{\\textit{")
					latexEscaped(o, []byte(h))
					o.WriteString("}}")
				}
				o.WriteString(" \\\\\n")
			}
			heads()
			o.WriteString("\\midrule\n\\endfirsthead\n")
			heads()
			if border != 3 {
				o.WriteString("\\midrule\n")
			}
			o.WriteString("\\endhead\n")
			if c.hasTitle {
				title := []byte(c.title)
				if border == 2 {
					o.WriteString("\\bottomrule\n")
				}
				o.WriteString("\\caption[")
				latexEscaped(o, title)
				o.WriteString(" (Continued)]{")
				latexEscaped(o, title)
				o.WriteString("}\n\\endfoot\n")
				if border == 2 {
					o.WriteString("\\bottomrule\n")
				}
				o.WriteString("\\caption[")
				latexEscaped(o, title)
				o.WriteString("]{")
				latexEscaped(o, title)
				o.WriteString("}\n\\endlastfoot\n")
			} else if border >= 2 {
				o.WriteString("\\bottomrule\n\\endfoot\n\\bottomrule\n\\endlastfoot\n")
			}
		}
	}
	doneCh := ctx.Done()
	it := c.iter()
	for i := range c.ncells {
		if i != 0 && i%c.ncols != 0 {
			o.WriteString("\n&\n")
		}
		o.WriteString("\\raggedright{")
		latexEscaped(o, it.nextText())
		o.WriteByte('}')
		if (i+1)%c.ncols == 0 {
			o.WriteString(" \\tabularnewline\n")
			if border == 3 {
				o.WriteString(" \\hline\n")
			}
		}
		if cancelled(doneCh) {
			return ctx.Err()
		}
	}
	if c.stop {
		o.WriteString("\\end{longtable}\n")
	}
	return nil
}

// printLatexVertical is print_latex_vertical, used by both LaTeX formats.
func printLatexVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := clampBorder(opts.Border)
	if c.start {
		latexTitle(o, c, opts)
		o.WriteString("\\begin{tabular}{")
		o.WriteString([3]string{"cl", "c|l", "|c|l|"}[border])
		o.WriteString("}\n")
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
				if border == 2 {
					o.WriteString("\\hline\n\\multicolumn{2}{|c|}{\\textit{Record ")
				} else {
					o.WriteString("\\multicolumn{2}{c}{\\textit{Record ")
				}
				o.Write(strconv.AppendInt(o.scratch[:0], int64(record), 10))
				o.WriteString("}} \\\\\n")
				record++
			}
			if border >= 1 {
				o.WriteString("\\hline\n")
			}
		}
		latexEscaped(o, []byte(c.headers[col]))
		o.WriteString(" & ")
		latexEscaped(o, it.nextText())
		o.WriteString(" \\\\\n")
	}
	if !c.stop {
		return nil
	}
	if border == 2 {
		o.WriteString("\\hline\n")
	}
	// Only explicit footers, as in psql.
	latexEnd(o, c.footers, opts)
	return nil
}
