package render

// Line styles are data: print.h's printTextFormat and print.c's
// pg_asciiformat, pg_asciiformat_old and refresh_utf8format.

// ruleKind selects a row of lineStyle.rules (print.h's printTextRule).
type ruleKind int

const (
	ruleTop    ruleKind = iota // the line above the header (border 2)
	ruleMiddle                 // the line under the header
	ruleBottom                 // the line under the last row (border 2)
	ruleData                   // the vertical bars of data lines
)

// lineRule is printTextLineFormat: the pieces of one horizontal line.
type lineRule struct {
	hrule, leftvrule, midvrule, rightvrule string
}

// lineStyle is printTextFormat.
type lineStyle struct {
	rules [4]lineRule

	midvruleNL    string // column divider left of a newline continuation
	midvruleWrap  string // column divider left of a wrapped continuation
	midvruleBlank string // column divider left of a column with no more lines
	headerNLLeft  string
	headerNLRight string
	nlLeft        string
	nlRight       string
	wrapLeft      string
	wrapRight     string

	// wrapRightBorder: the right-hand mark column exists even with border 0.
	wrapRightBorder bool
	// oldASCII: psql tests for pg_asciiformat_old by address in the
	// expanded format.
	oldASCII bool
}

// styleFor returns the line style o selects (get_line_style in print.c).
func styleFor(o *Options) lineStyle {
	switch o.LineStyle {
	case LineStyleOldASCII:
		return oldASCIIStyle()
	case LineStyleUnicode:
		return unicodeStyle(o.UnicodeBorderLineStyle, o.UnicodeColumnLineStyle, o.UnicodeHeaderLineStyle)
	}
	return asciiStyle()
}

// asciiStyle is pg_asciiformat, psql's default.
func asciiStyle() lineStyle {
	r := lineRule{"-", "+", "+", "+"}
	return lineStyle{
		rules:           [4]lineRule{r, r, r, {"", "|", "|", "|"}},
		midvruleNL:      "|",
		midvruleWrap:    "|",
		midvruleBlank:   "|",
		headerNLLeft:    " ",
		headerNLRight:   "+",
		nlLeft:          " ",
		nlRight:         "+",
		wrapLeft:        ".",
		wrapRight:       ".",
		wrapRightBorder: true,
	}
}

// oldASCIIStyle is pg_asciiformat_old, the style of PostgreSQL 8.4 and before.
func oldASCIIStyle() lineStyle {
	r := lineRule{"-", "+", "+", "+"}
	return lineStyle{
		rules:         [4]lineRule{r, r, r, {"", "|", "|", "|"}},
		midvruleNL:    ":",
		midvruleWrap:  ";",
		midvruleBlank: " ",
		headerNLLeft:  "+",
		headerNLRight: " ",
		nlLeft:        " ",
		nlRight:       " ",
		wrapLeft:      " ",
		wrapRight:     " ",
		oldASCII:      true,
	}
}

// Box-drawing characters, by Unicode name, [single] and [double] where the
// line weight is chosen by \pset.
const (
	boxHorizontal       = "\u2500" // ─
	boxDoubleHorizontal = "\u2550" // ═
	boxVertical         = "\u2502" // │
	boxDoubleVertical   = "\u2551" // ║
)

// unicodeRow, unicodeColumn and unicodeBorder are print.c's
// unicodeStyleRowFormat, unicodeStyleColumnFormat and
// unicodeStyleBorderFormat; index [x] of a pair is the weight of the crossing
// line (single, double).
type unicodeRow struct {
	horizontal       string
	verticalAndRight [2]string
	verticalAndLeft  [2]string
}

type unicodeColumn struct {
	vertical              string
	verticalAndHorizontal [2]string
	upAndHorizontal       [2]string
	downAndHorizontal     [2]string
}

type unicodeBorder struct {
	upAndRight, vertical, downAndRight, horizontal, downAndLeft, upAndLeft string
}

// unicodeStyle is refresh_utf8format: the unicode line style for the
// given border, column and header line weights.
func unicodeStyle(borderW, columnW, headerW UnicodeLineStyle) lineStyle {
	rows := [2]unicodeRow{
		{boxHorizontal, [2]string{"├", "╟"}, [2]string{"┤", "╢"}},
		{boxDoubleHorizontal, [2]string{"╞", "╠"}, [2]string{"╡", "╣"}},
	}
	columns := [2]unicodeColumn{
		{boxVertical, [2]string{"┼", "╪"}, [2]string{"┴", "╧"}, [2]string{"┬", "╤"}},
		{boxDoubleVertical, [2]string{"╫", "╬"}, [2]string{"╨", "╩"}, [2]string{"╥", "╦"}},
	}
	borders := [2]unicodeBorder{
		{"└", boxVertical, "┌", boxHorizontal, "┐", "┘"},
		{"╚", boxDoubleVertical, "╔", boxDoubleHorizontal, "╗", "╝"},
	}
	b, c, h := borders[weight(borderW)], columns[weight(columnW)], rows[weight(headerW)]
	bw, hw := weight(borderW), weight(headerW)
	return lineStyle{
		rules: [4]lineRule{
			ruleTop:    {b.horizontal, b.downAndRight, c.downAndHorizontal[bw], b.downAndLeft},
			ruleMiddle: {h.horizontal, h.verticalAndRight[bw], c.verticalAndHorizontal[hw], h.verticalAndLeft[bw]},
			ruleBottom: {b.horizontal, b.upAndRight, c.upAndHorizontal[bw], b.upAndLeft},
			ruleData:   {"", b.vertical, c.vertical, b.vertical},
		},
		midvruleNL:      c.vertical,
		midvruleWrap:    c.vertical,
		midvruleBlank:   c.vertical,
		headerNLLeft:    " ",
		headerNLRight:   "\u21b5", // ↵
		nlLeft:          " ",
		nlRight:         "\u21b5",
		wrapLeft:        "\u2026", // …
		wrapRight:       "\u2026",
		wrapRightBorder: true,
	}
}

// weight maps a UnicodeLineStyle to an index, treating unknown values as
// single.
func weight(s UnicodeLineStyle) int {
	if s == UnicodeDouble {
		return 1
	}
	return 0
}
