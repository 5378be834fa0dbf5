package render

import "context"

// printAligned is print_aligned_text of print.c: the default table format,
// and the wrapped one.
func printAligned(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := clampBorder(opts.Border)
	st := styleFor(opts)
	data := &st.rules[ruleData]
	ncols := c.ncols
	tuplesOnly := opts.TuplesOnly

	// Measure: the widest header or cell line of each column.
	widths := make([]int, ncols)
	headerWidths := make([]int, ncols)
	headers := make([]cellLines, ncols)
	for i, h := range c.headers {
		headers[i].format([]byte(h))
		for _, l := range headers[i].lines {
			headerWidths[i] = max(headerWidths[i], l.width)
		}
		widths[i] = headerWidths[i]
	}
	wrapped := opts.Format == FormatWrapped
	var sums []int // per column, the sum of cell widths (wrapped only)
	if wrapped {
		sums = make([]int, ncols)
	}
	it := c.iter()
	for r := 0; r < c.nrows; r++ {
		for j := 0; j < ncols; j++ {
			_, info := it.next()
			w := int(info &^ cellInfoComplex)
			widths[j] = max(widths[j], w)
			if wrapped {
				sums[j] += w
			}
		}
	}

	var total int
	switch border {
	case 0:
		total = ncols
	case 1:
		total = ncols * 3
		if ncols > 0 {
			total--
		}
	default:
		total = ncols*3 + 1
	}
	totalHeader := total
	for i, w := range widths {
		total += w
		totalHeader += headerWidths[i]
	}

	// wraps[j] is column j's width as printed (psql's width_wrap): its
	// widest line, unless wrapping shrinks it.
	wraps := widths
	cols := outputColumns(opts)
	if wrapped && cols > 0 && cols >= totalHeader && total > cols {
		wraps = append([]int(nil), widths...)
		total = shrinkColumns(wraps, widths, headerWidths, sums, c.nrows, total, cols)
	}

	// \x auto: expanded output when the table is wider than the screen,
	// unless there is only one column.
	if opts.Expanded == ExpandedAuto && cols > 0 && ncols > 1 && (cols < totalHeader || cols < total) {
		return printAlignedVertical(ctx, o, c, opts)
	}

	// Title, centred over the table.
	if c.start && c.hasTitle && !tuplesOnly {
		title := c.title
		if tw := measure([]byte(title)).width; tw < total {
			o.pad((total - tw) / 2)
		}
		o.WriteString(title)
		o.WriteByte('\n')
	}

	// Header lines.
	if c.start && !tuplesOnly {
		if border == 2 {
			horizontalLine(o, wraps, border, &st.rules[ruleTop])
		}
		done := make([]bool, ncols)
		more := ncols
		for line := 0; more > 0; line++ {
			if border == 2 {
				o.WriteString(data.leftvrule)
			}
			for i := 0; i < ncols; i++ {
				if border != 0 || (!st.wrapRightBorder && i > 0) {
					if line > 0 {
						o.WriteString(st.headerNLLeft)
					} else {
						o.WriteByte(' ')
					}
				}
				if !done[i] {
					l := headers[i].lines[line]
					space := wraps[i] - l.width
					o.pad(space / 2)
					o.Write(l.text)
					o.pad((space + 1) / 2)
					if line+1 >= len(headers[i].lines) {
						more--
						done[i] = true
					}
				} else {
					o.pad(wraps[i])
				}
				if border != 0 || st.wrapRightBorder {
					if !done[i] {
						o.WriteString(st.headerNLRight)
					} else {
						o.WriteByte(' ')
					}
				}
				if border != 0 && i < ncols-1 {
					o.WriteString(data.midvrule)
				}
			}
			if border == 2 {
				o.WriteString(data.rightvrule)
			}
			o.WriteByte('\n')
		}
		horizontalLine(o, wraps, border, &st.rules[ruleMiddle])
	}

	// Rows: one loop per row, one display line per pass of the inner loop.
	cells := make([]cellLines, ncols)
	next := make([]int, ncols)        // the line of each cell being printed
	offset := make([]int, ncols)      // bytes of that line already printed
	state := make([]lineState, ncols) // how the previous display line ended
	doneCh := ctx.Done()
	// No columns, no cells: psql prints no line for such rows.
	it = c.iter()
	for r := 0; ncols > 0 && r < c.nrows; r++ {
		if cancelled(doneCh) {
			return ctx.Err()
		}
		for j := 0; j < ncols; j++ {
			text, info := it.next()
			if info&cellInfoComplex != 0 {
				cells[j].format(text)
			} else {
				cells[j].setPlain(text, int(info))
			}
			next[j], offset[j] = 0, 0
		}
		for more := true; more; {
			more = false
			if border == 2 {
				o.WriteString(data.leftvrule)
			}
			for j := 0; j < ncols; j++ {
				lines := cells[j].lines
				last := j == ncols-1
				finalSpaces := border == 2 || !last
				if border != 0 {
					switch state[j] {
					case lineWrapped:
						o.WriteString(st.wrapLeft)
					case lineNewline:
						o.WriteString(st.nlLeft)
					default:
						o.WriteByte(' ')
					}
				}
				width := wraps[j]
				used := width
				if next[j] >= len(lines) {
					if finalSpaces {
						o.pad(width)
					}
				} else {
					l := lines[next[j]]
					seg := l.text[offset[j]:]
					n, w := len(seg), l.width
					if offset[j] != 0 || w > width {
						n, w = strlenMaxWidth(seg, width)
					}
					used = min(w, width)
					if c.aligns[j] == AlignRight {
						o.pad(width - used)
					}
					o.Write(seg[:n])
					offset[j] += n
					if offset[j] < len(l.text) {
						more = true
					} else {
						next[j]++
						offset[j] = 0
						if next[j] < len(lines) {
							more = true
						}
					}
				}
				state[j] = lineDone
				if next[j] < len(lines) {
					if offset[j] != 0 {
						state[j] = lineWrapped
					} else if next[j] != 0 {
						state[j] = lineNewline
					}
				}
				if c.aligns[j] != AlignRight && (finalSpaces || state[j] != lineDone) {
					o.pad(width - used)
				}
				switch {
				case state[j] == lineWrapped:
					o.WriteString(st.wrapRight)
				case state[j] == lineNewline:
					o.WriteString(st.nlRight)
				case finalSpaces:
					o.WriteByte(' ')
				}
				if border != 0 && !last {
					switch {
					case state[j+1] == lineWrapped:
						o.WriteString(st.midvruleWrap)
					case state[j+1] == lineNewline:
						o.WriteString(st.midvruleNL)
					case next[j+1] >= len(cells[j+1].lines):
						o.WriteString(st.midvruleBlank)
					default:
						o.WriteString(data.midvrule)
					}
				}
			}
			if border == 2 {
				o.WriteString(data.rightvrule)
			}
			o.WriteByte('\n')
		}
	}

	// Bottom line and footers.
	if !c.stop {
		return nil
	}
	if border == 2 {
		horizontalLine(o, wraps, border, &st.rules[ruleBottom])
	}
	if !tuplesOnly {
		for _, f := range footerLines(c, opts) {
			o.WriteString(f)
			o.WriteByte('\n')
		}
	}
	o.WriteByte('\n')
	return nil
}

// horizontalLine is _print_horizontal_line: a rule across all columns.
func horizontalLine(o *writer, widths []int, border int, r *lineRule) {
	switch border {
	case 1:
		o.WriteString(r.hrule)
	case 2:
		o.WriteString(r.leftvrule)
		o.WriteString(r.hrule)
	}
	for i, w := range widths {
		o.repeat(r.hrule, w)
		if i < len(widths)-1 {
			if border == 0 {
				o.WriteByte(' ')
			} else {
				o.WriteString(r.hrule)
				o.WriteString(r.midvrule)
				o.WriteString(r.hrule)
			}
		}
	}
	switch border {
	case 1:
		o.WriteString(r.hrule)
	case 2:
		o.WriteString(r.hrule)
		o.WriteString(r.rightvrule)
	}
	o.WriteByte('\n')
}

// lineState is print.c's printTextLineWrap: how a cell's previous display
// line ended.
type lineState int8

const (
	lineDone    lineState = iota // PRINT_LINE_WRAP_NONE: no more text, or a new cell
	lineWrapped                  // PRINT_LINE_WRAP_WRAP: the line goes on
	lineNewline                  // PRINT_LINE_WRAP_NEWLINE: a newline follows
)

// shrinkColumns is the wrapped format's column shrinking: while the table
// is wider than cols, take one column off the column whose widest value is
// the largest multiple of its average (plus 1% of its full width, to favour
// narrowing wide columns), never below its header. It updates wraps and
// returns the new total width.
func shrinkColumns(wraps, widths, headerWidths, sums []int, nrows, total, cols int) int {
	avg := make([]int, len(wraps))
	if nrows > 0 {
		for i, s := range sums {
			avg[i] = s / nrows
		}
	}
	for total > cols {
		maxRatio, worst := 0.0, -1
		for i := range wraps {
			if avg[i] != 0 && wraps[i] > headerWidths[i] {
				ratio := float64(wraps[i])/float64(avg[i]) + float64(widths[i])*0.01
				if ratio > maxRatio {
					maxRatio, worst = ratio, i
				}
			}
		}
		if worst < 0 {
			break
		}
		wraps[worst]--
		total--
	}
	return total
}

// strlenMaxWidth is strlen_max_width: how many bytes of the formatted line
// s fit in width display columns, and their width. At least one character
// is taken, however wide.
func strlenMaxWidth(s []byte, width int) (n, used int) {
	for n < len(s) {
		b := s[n]
		size, w := 1, 1
		if b >= 0x80 {
			size = utfMBLen(b)
			w = runeWidth(decodeRune([]byte{b, at(s, n+1), at(s, n+2), at(s, n+3)}, size))
		} else if b < 0x20 || b == 0x7f {
			w = -1
		}
		if width < used+w && used != 0 {
			break
		}
		used += w
		n = min(n+size, len(s))
	}
	return n, used
}
