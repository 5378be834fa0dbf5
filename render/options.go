package render

import "strconv"

// Format is psql's output format (\pset format), print.h's enum printFormat.
type Format int

// The output formats of \pset format. FormatWrapped wraps to
// Options.Columns, else Options.TermWidth, and prints as FormatAligned when
// both are 0 (as psql does when the output is not a terminal).
const (
	FormatAligned Format = iota
	FormatUnaligned
	FormatWrapped
	FormatCSV
	FormatHTML
	FormatAsciidoc
	FormatLatex
	FormatLatexLongtable
	FormatTroffMs
)

// String returns the name \pset format shows for f ("aligned", "csv", ...),
// as _align2string in psql's command.c does.
func (f Format) String() string {
	switch f {
	case FormatAligned:
		return "aligned"
	case FormatUnaligned:
		return "unaligned"
	case FormatWrapped:
		return "wrapped"
	case FormatCSV:
		return "csv"
	case FormatHTML:
		return "html"
	case FormatAsciidoc:
		return "asciidoc"
	case FormatLatex:
		return "latex"
	case FormatLatexLongtable:
		return "latex-longtable"
	case FormatTroffMs:
		return "troff-ms"
	}
	return "Format(" + strconv.Itoa(int(f)) + ")"
}

// LineStyle is \pset linestyle: the characters that draw borders and rules.
type LineStyle int

// The line styles of \pset linestyle (print.c's pg_asciiformat,
// pg_asciiformat_old and pg_utf8format).
const (
	LineStyleASCII LineStyle = iota
	LineStyleOldASCII
	LineStyleUnicode
)

// String returns the \pset name of s: "ascii", "old-ascii" or "unicode".
func (s LineStyle) String() string {
	switch s {
	case LineStyleASCII:
		return "ascii"
	case LineStyleOldASCII:
		return "old-ascii"
	case LineStyleUnicode:
		return "unicode"
	}
	return "LineStyle(" + strconv.Itoa(int(s)) + ")"
}

// UnicodeLineStyle is the value of \pset unicode_border_linestyle,
// unicode_column_linestyle and unicode_header_linestyle (print.h's
// unicode_linestyle).
type UnicodeLineStyle int

// The two Unicode line weights.
const (
	UnicodeSingle UnicodeLineStyle = iota
	UnicodeDouble
)

// String returns "single" or "double".
func (s UnicodeLineStyle) String() string {
	switch s {
	case UnicodeSingle:
		return "single"
	case UnicodeDouble:
		return "double"
	}
	return "UnicodeLineStyle(" + strconv.Itoa(int(s)) + ")"
}

// Expanded is \pset expanded (\x): print.h's printTableOpt.expanded.
type Expanded int

// Expanded modes. ExpandedAuto prints aligned and wrapped tables expanded
// when they are wider than the output width (Options.Columns, else
// Options.TermWidth) and have more than one column; other formats print it
// as ExpandedOff, as psql does.
const (
	ExpandedOff Expanded = iota
	ExpandedOn
	ExpandedAuto
)

// String returns "off", "on" or "auto".
func (e Expanded) String() string {
	switch e {
	case ExpandedOff:
		return "off"
	case ExpandedOn:
		return "on"
	case ExpandedAuto:
		return "auto"
	}
	return "Expanded(" + strconv.Itoa(int(e)) + ")"
}

// Pager is \pset pager. The render package never pages; the field is kept
// here so that Options holds all of \pset for the caller that does.
type Pager int

// Pager modes (printTableOpt.pager: 0 off, 1 on, 2 always).
const (
	PagerOff Pager = iota
	PagerOn
	PagerAlways
)

// String returns "off", "on" or "always".
func (p Pager) String() string {
	switch p {
	case PagerOff:
		return "off"
	case PagerOn:
		return "on"
	case PagerAlways:
		return "always"
	}
	return "Pager(" + strconv.Itoa(int(p)) + ")"
}

// Options is everything \pset controls (psql's printQueryOpt and the
// printTableOpt inside it), plus the terminal width the caller found.
//
// Options is a plain value: copy it freely. It holds no references, so a copy
// may be used concurrently with the original.
type Options struct {
	Format     Format
	Border     int // 0, 1 or 2; larger values print as 2 in the text formats
	LineStyle  LineStyle
	Expanded   Expanded
	TuplesOnly bool // \pset tuples_only (\t): no title, header or footers

	// Title is \pset title. psql distinguishes an unset title (HasTitle
	// false) from an empty one, which aligned output prints as a line of
	// spaces.
	Title    string
	HasTitle bool

	// Footer is \pset footer: print the default "(N rows)" footer when
	// there are no other footers (printTableOpt.default_footer).
	Footer bool

	Null          string // \pset null: text printed for a NULL value
	FieldSep      string // \pset fieldsep (unaligned)
	FieldSepZero  bool   // \pset fieldsep_zero: a NUL byte instead of FieldSep
	RecordSep     string // \pset recordsep (unaligned)
	RecordSepZero bool   // \pset recordsep_zero: a NUL byte instead of RecordSep
	CSVFieldSep   byte   // \pset csv_fieldsep: one single-byte character

	Columns int // \pset columns: target width for wrapped and \x auto, 0 = TermWidth

	// TableAttr is \pset tableattr, the attributes of the HTML <table>
	// tag; HasTableAttr false is psql's unset value (an empty one still
	// adds a space to the tag).
	TableAttr    string
	HasTableAttr bool

	// NumericLocale is \pset numericlocale: PrintQuery rewrites values of
	// right-aligned columns that look like numbers (only digits, signs, '.',
	// 'e' and 'E'), putting ThousandsSep between groups of GroupDigits
	// integer digits and DecimalPoint for the '.' (print.c's
	// format_numeric_locale). psql takes the other three fields from the
	// LC_NUMERIC locale (setDecimalLocale); Defaults gives what it finds in
	// the C locale: ".", "," and 3.
	NumericLocale bool
	DecimalPoint  string
	ThousandsSep  string
	GroupDigits   int

	UnicodeBorderLineStyle UnicodeLineStyle
	UnicodeColumnLineStyle UnicodeLineStyle
	UnicodeHeaderLineStyle UnicodeLineStyle

	Pager         Pager
	PagerMinLines int

	// Crosstab is a \crosstabview request for the next query result: meta
	// sets it, the loop pivots that result and clears it. render ignores
	// it. It is not a \pset option (psql keeps crosstab_flag and ctv_args
	// apart), but Options is what gpsql's commands get to change.
	Crosstab Crosstab

	// TermWidth is the width of the terminal the output goes to: psql's
	// $COLUMNS, else the TIOCGWINSZ result, when it prints to a terminal
	// stdout or to a pager; 0 otherwise (a file, \o, a pipe). Wrapped
	// output and \x auto use it when Columns is 0. The caller sets it;
	// render never asks the terminal.
	TermWidth int
}

// Defaults returns psql 15's \pset defaults (startup.c's main and
// print.h): aligned, border 1, ascii lines, expanded off, footer on, NULL
// printed as an empty string, fieldsep "|", recordsep "\n", csv_fieldsep
// ",", single Unicode lines, numericlocale off (with the C locale's
// separators), pager on.
func Defaults() Options {
	return Options{
		Format:       FormatAligned,
		Border:       1,
		LineStyle:    LineStyleASCII,
		Footer:       true,
		FieldSep:     "|",
		RecordSep:    "\n",
		CSVFieldSep:  ',',
		DecimalPoint: ".",
		ThousandsSep: ",",
		GroupDigits:  3,
		Pager:        PagerOn,
	}
}

// Crosstab is a pending \crosstabview: On, and the first NArgs of Args (colV, colH, colD,
// sortcolH) as given. It is a plain value.
type Crosstab struct {
	On    bool
	Args  [4]string
	NArgs int
}
