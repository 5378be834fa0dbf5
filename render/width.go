package render

//go:generate go run gen_widthtable.go

// This file is psql's text measuring: mbvalidate, pg_wcssize and
// pg_wcsformat of src/fe_utils/mbprint.c and the UTF-8 parts of
// src/common/wchar.c (pg_utf_mblen, utf8_to_unicode, ucs_wcwidth), for the
// UTF8 client encoding.

// utfMBLen is pg_utf_mblen: the length of the character that starts with b,
// judged by b alone.
func utfMBLen(b byte) int {
	switch {
	case b&0x80 == 0:
		return 1
	case b&0xe0 == 0xc0:
		return 2
	case b&0xf0 == 0xe0:
		return 3
	case b&0xf8 == 0xf0:
		return 4
	}
	return 1
}

// at returns s[i], or 0 past the end (where psql reads the NUL terminator).
func at(s []byte, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// utfCharCheck is mbprint.c's utf_charcheck: the length of the valid
// character at the start of c, or -1 when psql drops its first byte. It
// rejects bad continuation bytes, overlong forms, code points above U+10FFFF,
// the noncharacters U+nFFFE and U+nFFFF of planes 1 to 16 and some of the
// surrogates. (psql's three-byte test mixes the lead byte into the code point
// it checks, so U+FFFE, U+FFFF and U+FDD0..U+FDEF pass; we keep that.)
func utfCharCheck(c []byte) int {
	c0 := c[0]
	switch {
	case c0&0x80 == 0:
		return 1
	case c0&0xe0 == 0xc0:
		if at(c, 1)&0xc0 == 0x80 && c0&0x1f > 0x01 {
			return 2
		}
		return -1
	case c0&0xf0 == 0xe0:
		c1 := at(c, 1)
		if c1&0xc0 == 0x80 && (c0&0x0f != 0 || c1&0x20 == 0x20) && at(c, 2)&0xc0 == 0x80 {
			z := int(c0 & 0x0f)
			yx := int(c1&0x3f)<<6 | int(c0&0x3f)
			lx := yx & 0x7f
			if (z == 0x0f && (yx&0xffe == 0xffe || (yx&0xf80 == 0xd80 && lx >= 0x30 && lx <= 0x4f))) ||
				(z == 0x0d && yx&0xb00 == 0x800) {
				return -1
			}
			return 3
		}
		return -1
	case c0&0xf8 == 0xf0:
		c1 := at(c, 1)
		u := int(c0&0x07)<<2 | int(c1&0x30)>>4
		if c1&0xc0 == 0x80 && u > 0 && u <= 0x10 && at(c, 2)&0xc0 == 0x80 && at(c, 3)&0xc0 == 0x80 {
			if c1&0x0f == 0x0f && at(c, 2)&0x3f == 0x3f && at(c, 3)&0x3e == 0x3e {
				return -1
			}
			return 4
		}
		return -1
	}
	return -1
}

// appendValid appends src to dst without the bytes psql's mbvalidate drops
// (mb_utf_validate skips one byte at each invalid position) and returns the
// extended slice. The result is valid input for measure and formatCell.
func appendValid(dst []byte, src []byte) []byte {
	for i := 0; i < len(src); {
		b := src[i]
		if b < 0x80 {
			dst = append(dst, b)
			i++
			continue
		}
		if n := utfCharCheck(src[i:]); n > 0 {
			dst = append(dst, src[i:i+n]...)
			i += n
		} else {
			i++
		}
	}
	return dst
}

// decodeRune is utf8_to_unicode for a character of length n = utfMBLen(s[0])
// with len(s) >= n.
func decodeRune(s []byte, n int) rune {
	switch n {
	case 2:
		return rune(s[0]&0x1f)<<6 | rune(s[1]&0x3f)
	case 3:
		return rune(s[0]&0x0f)<<12 | rune(s[1]&0x3f)<<6 | rune(s[2]&0x3f)
	case 4:
		return rune(s[0]&0x07)<<18 | rune(s[1]&0x3f)<<12 | rune(s[2]&0x3f)<<6 | rune(s[3]&0x3f)
	}
	return rune(s[0])
}

// RuneWidth is the display width psql gives r (PostgreSQL's ucs_wcwidth for UTF-8): -1 for
// control characters, 0 for non-spacing ones, 2 for wide ones, 1 otherwise. libpq measures
// an error's LINE excerpt with it too (pg_encoding_dsplen).
func RuneWidth(r rune) int { return runeWidth(r) }

// runeWidth is ucs_wcwidth: -1 for control characters, 0 for non-spacing
// ones, 2 for East Asian wide and fullwidth ones, 1 otherwise. The tables in
// widthtable.go were read off psql 15's output for every code point.
func runeWidth(r rune) int {
	switch {
	case r == 0:
		return 0
	case r < 0x20 || (r >= 0x7f && r < 0xa0) || r > 0x10ffff:
		return -1
	case r < 0x300: // no zero-width or wide characters below U+0300
		return 1
	}
	lo, hi := 0, len(widthTable)-1
	if r < widthTable[0].first || r > widthTable[hi].last {
		return 1
	}
	for lo <= hi {
		mid := int(uint(lo+hi) >> 1)
		iv := &widthTable[mid]
		switch {
		case r < iv.first:
			hi = mid - 1
		case r > iv.last:
			lo = mid + 1
		default:
			return int(iv.width)
		}
	}
	return 1
}

// widthInterval is a run of code points with display width 0 or 2.
type widthInterval struct {
	first, last rune
	width       int8
}

// measurement is what pg_wcssize reports about a validated string.
type measurement struct {
	width   int  // display width of the widest line
	height  int  // number of lines
	complex bool // pg_wcsformat changes the bytes or splits lines
	plain   bool // printable ASCII only: needs no validation
}

// measure is pg_wcssize for a validated string s: the widest line's width,
// the number of lines and whether pg_wcsformat must rewrite it. Carriage
// returns count as the two characters "\r", other ASCII control characters
// as "\xNN", C1 controls as "\uNNNN", and a tab advances to the next multiple
// of 8.
func measure(s []byte) measurement {
	m := measurement{height: 1, plain: true}
	line := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b >= 0x20 && b < 0x7f {
			line++
			i++
			continue
		}
		m.plain = false
		if b < 0x80 {
			m.complex = true
			switch b {
			case '\n':
				if line > m.width {
					m.width = line
				}
				line = 0
				m.height++
			case '\r':
				line += 2
			case '\t':
				line += 8 - line%8
			default:
				line += 4
			}
			i++
			continue
		}
		n := utfMBLen(b)
		if n == 1 { // an invalid lead byte: only in unvalidated text (titles)
			m.complex = true
			line += 4
			i++
			continue
		}
		if len(s)-i < n {
			break
		}
		w := runeWidth(decodeRune(s[i:], n))
		if w < 0 {
			m.complex = true
			w = 6
		}
		line += w
		i += n
	}
	if line > m.width {
		m.width = line
	}
	return m
}

// displayLine is one line of a formatted cell.
type displayLine struct {
	text  []byte
	width int
}

// cellLines holds one cell split into display lines (pg_wcsformat's
// lineptr array). Its buffers are reused from cell to cell.
type cellLines struct {
	lines []displayLine
	buf   []byte
	spans []lineSpan
}

// lineSpan is a line of cellLines.buf while it is being built.
type lineSpan struct{ start, width int }

// setPlain makes l the single line s of the given width; s is not copied.
func (l *cellLines) setPlain(s []byte, width int) {
	l.lines = append(l.lines[:0], displayLine{text: s, width: width})
}

// format is pg_wcsformat for a validated string s: it splits s at newlines
// and rewrites control characters as measure counts them. The lines point
// into l's buffer and stay valid until the next call on l.
func (l *cellLines) format(s []byte) {
	const hex = "0123456789ABCDEF"
	l.lines = l.lines[:0]
	buf := l.buf[:0]
	start, line := 0, 0
	// Lines are recorded as offsets first, since buf may move while growing.
	ss := l.spans[:0]
	for i := 0; i < len(s); {
		b := s[i]
		if b >= 0x20 && b < 0x7f {
			buf = append(buf, b)
			line++
			i++
			continue
		}
		if b < 0x80 {
			switch b {
			case '\n':
				ss = append(ss, lineSpan{start, line})
				start = len(buf)
				line = 0
			case '\r':
				buf = append(buf, '\\', 'r')
				line += 2
			case '\t':
				for {
					buf = append(buf, ' ')
					line++
					if line%8 == 0 {
						break
					}
				}
			default:
				buf = append(buf, '\\', 'x', hex[b>>4], hex[b&0xf])
				line += 4
			}
			i++
			continue
		}
		n := utfMBLen(b)
		if n == 1 { // an invalid lead byte: only in unvalidated text
			buf = append(buf, '\\', 'x', hex[b>>4], hex[b&0xf])
			line += 4
			i++
			continue
		}
		if len(s)-i < n {
			break
		}
		r := decodeRune(s[i:], n)
		w := runeWidth(r)
		if w < 0 {
			buf = append(buf, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
			w = 6
		} else {
			buf = append(buf, s[i:i+n]...)
		}
		line += w
		i += n
	}
	ss = append(ss, lineSpan{start, line})
	l.buf = buf
	l.spans = ss
	for k, sp := range ss {
		end := len(buf)
		if k+1 < len(ss) {
			end = ss[k+1].start
		}
		l.lines = append(l.lines, displayLine{text: buf[sp.start:end:end], width: sp.width})
	}
}
