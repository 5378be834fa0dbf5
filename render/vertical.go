package render

import (
	"bytes"
	"context"
	"strconv"
)

// printAlignedVertical is print_aligned_vertical of print.c: expanded (\x)
// aligned or wrapped output, one "-[ RECORD n ]-" block per row.
func printAlignedVertical(ctx context.Context, o *writer, c *content, opts *Options) error {
	border := clampBorder(opts.Border)
	st := styleFor(opts)
	data := &st.rules[ruleData]
	tuplesOnly := opts.TuplesOnly
	ncols := c.ncols
	ncells := c.ncells

	if ncells == 0 && c.start && c.stop {
		// No cells (no rows or no columns): only the footers, with the default.
		if !tuplesOnly {
			for _, f := range footerLines(c, opts) {
				o.WriteString(f)
				o.WriteByte('\n')
			}
		}
		o.WriteByte('\n')
		return nil
	}

	// Measure the widest header and cell, and whether any has several lines.
	hwidth, dwidth := 0, 0
	hmultiline, dmultiline := false, false
	headers := make([]cellLines, ncols)
	for i, h := range c.headers {
		headers[i].format([]byte(h))
		for _, l := range headers[i].lines {
			hwidth = max(hwidth, l.width)
		}
		hmultiline = hmultiline || len(headers[i].lines) > 1
	}
	it := c.iter()
	for range ncells {
		text, info := it.next()
		dwidth = max(dwidth, int(info&^cellInfoComplex))
		if info&cellInfoComplex != 0 && !dmultiline {
			dmultiline = bytes.IndexByte(text, '\n') >= 0
		}
	}

	if c.start && c.hasTitle && !tuplesOnly {
		o.WriteString(c.title)
		o.WriteByte('\n')
	}

	if opts.Format == FormatWrapped {
		dwidth, dmultiline = verticalWrapWidth(c, opts, &st, border, hwidth, dwidth, hmultiline, dmultiline)
	}

	var dl cellLines
	record := c.prior + 1
	doneCh := ctx.Done()
	it = c.iter()
	for i := 0; i < ncells; i++ {
		col := i % ncols
		if col == 0 {
			if cancelled(doneCh) {
				return ctx.Err()
			}
			pos := ruleMiddle
			if i == 0 {
				pos = ruleTop
			}
			lhwidth := hwidth
			if border < 2 && hmultiline && st.oldASCII {
				lhwidth++ // room for the newline marks
			}
			if !tuplesOnly {
				recordLine(o, &st, border, record, lhwidth, dwidth, pos)
				record++
			} else if i != 0 || border == 2 {
				recordLine(o, &st, border, 0, lhwidth, dwidth, pos)
			}
		}

		hl := &headers[col]
		if text, info := it.next(); info&cellInfoComplex != 0 {
			dl.format(text)
		} else {
			dl.setPlain(text, int(info))
		}

		hline, dline := 0, 0
		hcomplete, dcomplete := false, false
		// offset is psql's byte offset into the current data line: it is
		// only reset by a newline, so after the last line of a non-empty
		// value the divider is midvrule_wrap (";" in old-ascii). left is the
		// width of the line still to print.
		offset := 0
		left := dl.lines[0].width
		for !hcomplete || !dcomplete {
			if border == 2 {
				o.WriteString(data.leftvrule)
			}
			if !hcomplete {
				if border == 2 || (hmultiline && st.oldASCII) {
					if hline > 0 {
						o.WriteString(st.headerNLLeft)
					} else {
						o.WriteByte(' ')
					}
				}
				l := hl.lines[hline]
				o.Write(l.text)
				o.pad(hwidth - l.width)
				mark := border > 0 || (hmultiline && !st.oldASCII)
				if hline+1 < len(hl.lines) {
					if mark {
						o.WriteString(st.headerNLRight)
					}
					hline++
				} else {
					if mark {
						o.WriteByte(' ')
					}
					hcomplete = true
				}
			} else {
				swidth := hwidth + border
				if border < 2 && hmultiline && st.oldASCII {
					swidth++
				}
				if border == 0 && !st.oldASCII && hmultiline {
					swidth++
				}
				o.pad(max(swidth, 1)) // fprintf("%*s", swidth, " ")
			}

			if border > 0 {
				if offset != 0 {
					o.WriteString(st.midvruleWrap)
				} else if dline == 0 {
					o.WriteString(data.midvrule)
				} else {
					o.WriteString(st.midvruleNL)
				}
			}

			if !dcomplete {
				if offset == 0 {
					o.WriteByte(' ')
				} else {
					o.WriteString(st.wrapLeft)
				}
				l := dl.lines[dline]
				seg := l.text[offset:]
				n, w := len(seg), l.width
				if offset != 0 || w > dwidth {
					n, w = strlenMaxWidth(seg, dwidth)
				}
				o.Write(seg[:n])
				left -= w
				offset += n
				swidth := dwidth - w
				if left != 0 {
					// The line goes on, wrapped.
					if border > 1 || (dmultiline && !st.oldASCII) {
						o.pad(swidth)
						o.WriteString(st.wrapRight)
					}
				} else if dline+1 < len(dl.lines) {
					if border > 1 || (dmultiline && !st.oldASCII) {
						o.pad(swidth)
						o.WriteString(st.nlRight)
					}
					dline++
					offset = 0
					left = dl.lines[dline].width
				} else {
					if border > 1 {
						o.pad(swidth)
						o.WriteByte(' ')
					}
					dcomplete = true
				}
				if border == 2 {
					o.WriteString(data.rightvrule)
				}
				o.WriteByte('\n')
			} else {
				// The header has more lines than the value.
				if border < 2 {
					o.WriteByte('\n')
				} else {
					o.pad(dwidth + 2)
					o.WriteString(data.rightvrule)
					o.WriteByte('\n')
				}
			}
		}
	}

	if !c.stop {
		return nil
	}
	if border == 2 {
		recordLine(o, &st, border, 0, hwidth, dwidth, ruleBottom)
	}
	// Only explicit footers: print_aligned_vertical never adds "(N rows)"
	// to a non-empty result.
	if !tuplesOnly && len(c.footers) > 0 {
		if border < 2 {
			o.WriteByte('\n')
		}
		for _, f := range c.footers {
			o.WriteString(f)
			o.WriteByte('\n')
		}
	}
	o.WriteByte('\n')
	return nil
}

// recordLine is print_aligned_vertical_line: the rule above a record, with
// "[ RECORD n ]" (border 1 and 2) or "* Record n" (border 0) in it unless
// record is 0.
func recordLine(o *writer, st *lineStyle, border, record, hwidth, dwidth int, pos ruleKind) {
	r := &st.rules[pos]
	switch border {
	case 2:
		o.WriteString(r.leftvrule)
		o.WriteString(r.hrule)
	case 1:
		o.WriteString(r.hrule)
	}
	fill := r.hrule
	if border == 0 {
		fill = " "
	}
	reclen := 0
	if record != 0 {
		var label []byte
		if border == 0 {
			label = strconv.AppendInt(append(o.scratch[:0], "* Record "...), int64(record), 10)
		} else {
			label = append(strconv.AppendInt(append(o.scratch[:0], "[ RECORD "...), int64(record), 10), " ]"...)
		}
		o.Write(label)
		reclen = len(label)
	}
	if border != 2 {
		reclen++
	}
	o.repeat(fill, hwidth-reclen)
	reclen -= hwidth
	if border > 0 {
		for _, s := range [3]string{r.hrule, r.midvrule, r.hrule} {
			if reclen <= 0 {
				o.WriteString(s)
			}
			reclen--
		}
	} else {
		if reclen <= 0 {
			o.WriteByte(' ')
		}
		reclen--
	}
	o.repeat(fill, dwidth-max(reclen, 0))
	if border == 2 {
		o.WriteString(r.hrule)
		o.WriteString(r.rightvrule)
	}
	o.WriteByte('\n')
}

// verticalWrapWidth is the wrapped format's choice of data width in
// print_aligned_vertical: the widest value's width if the screen has room,
// else what is left of the screen, but at least 3 columns and at least what
// the "[ RECORD n ]" lines need. When data must wrap, a column for the wrap
// marks is reserved (dmultiline) where the style and border allow.
func verticalWrapWidth(c *content, opts *Options, st *lineStyle, border, hwidth, dwidth int, hmultiline, dmultiline bool) (int, bool) {
	var swidth int
	switch border {
	case 0:
		swidth = 1
		if hmultiline {
			swidth++
		}
	case 1:
		swidth = 3
		if hmultiline && st.oldASCII {
			swidth++
		}
	default:
		swidth = 7
	}
	if dmultiline && border < 2 && !st.oldASCII {
		swidth++
	}
	rwidth := 0
	if !opts.TuplesOnly {
		if c.nrows > 0 {
			rwidth = len(strconv.Itoa(c.nrows)) // 1 + (int) log10(nrows)
		}
		switch border {
		case 0:
			rwidth += 9 // "* RECORD "
		case 1:
			rwidth += 12 // "-[ RECORD  ]"
		default:
			rwidth += 15 // "+-[ RECORD  ]-+"
		}
	}
	cols := outputColumns(opts)
	for {
		width := max(hwidth+swidth+dwidth, rwidth)
		var newdwidth int
		if cols > 0 {
			minWidth := max(hwidth+swidth+3, rwidth)
			switch {
			case cols >= width:
				newdwidth = width - hwidth - swidth
			case cols < minWidth:
				newdwidth = minWidth - hwidth - swidth
			default:
				newdwidth = cols - hwidth - swidth
			}
		} else {
			newdwidth = width - hwidth - swidth
		}
		if newdwidth < dwidth && !dmultiline && border < 2 && !st.oldASCII {
			dmultiline = true
			swidth++
			continue
		}
		return newdwidth, dmultiline
	}
}
