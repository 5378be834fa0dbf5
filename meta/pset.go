package meta

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// psetNames are the options \pset lists when it has no argument, in psql 15's order
// (exec_command_pset's my_list in command.c).
var psetNames = [...]string{
	"border", "columns", "csv_fieldsep", "expanded", "fieldsep", "fieldsep_zero", "footer",
	"format", "linestyle", "null", "numericlocale", "pager", "pager_min_lines", "recordsep",
	"recordsep_zero", "tableattr", "title", "tuples_only", "unicode_border_linestyle",
	"unicode_column_linestyle", "unicode_header_linestyle",
}

// Pset applies one \pset setting to o, as psql 15's do_pset (command.c) does, and returns
// psql's error text for a bad name or value; o is unchanged on error. value "" is psql's
// missing value (\pset NAME alone): it shows, toggles or unsets; PsetValue tells an empty
// value apart.
func Pset(o *render.Options, name, value string) error {
	return PsetValue(o, name, value, value != "")
}

// PsetValue is Pset with the presence of the value explicit: has false is \pset NAME with
// no value, has true with value "" is \pset NAME ”. It reports whether psql would print
// the new setting afterwards in printed (false for tuples_only, footer and numericlocale
// given a value: psql returns before printing those).
func PsetValue(o *render.Options, name, value string, has bool) error {
	_, err := psetApply(o, name, value, has)
	return err
}

// psetApply is do_pset: it changes o and reports whether psql prints the setting after.
func psetApply(o *render.Options, name, value string, has bool) (bool, error) {
	boolValue := func(cur *bool) (bool, error) {
		if !has {
			*cur = !*cur
			return true, nil
		}
		b, ok := ParseBool(value)
		if !ok {
			return false, fmt.Errorf("unrecognized value \"%s\" for \"%s\": Boolean expected", value, name)
		}
		*cur = b
		return false, nil
	}
	switch name {
	case "format":
		if has {
			f, err := parseFormat(value)
			if err != nil {
				return false, err
			}
			o.Format = f
		}
	case "linestyle":
		if has {
			s, ok := prefixChoice(value, []string{"ascii", "old-ascii", "unicode"})
			if !ok {
				return false, fmt.Errorf("\\pset: allowed line styles are ascii, old-ascii, unicode")
			}
			o.LineStyle = []render.LineStyle{render.LineStyleASCII, render.LineStyleOldASCII, render.LineStyleUnicode}[s]
		}
	case "unicode_border_linestyle", "unicode_column_linestyle", "unicode_header_linestyle":
		if has {
			s, ok := prefixChoice(value, []string{"single", "double"})
			if !ok {
				kind := strings.TrimSuffix(strings.TrimPrefix(name, "unicode_"), "_linestyle")
				return false, fmt.Errorf("\\pset: allowed Unicode %s line styles are single, double", kind)
			}
			u := []render.UnicodeLineStyle{render.UnicodeSingle, render.UnicodeDouble}[s]
			switch name {
			case "unicode_border_linestyle":
				o.UnicodeBorderLineStyle = u
			case "unicode_column_linestyle":
				o.UnicodeColumnLineStyle = u
			default:
				o.UnicodeHeaderLineStyle = u
			}
		}
	case "border":
		if has {
			o.Border = int(uint16(atoi(value))) // printTableOpt.border is an unsigned short
		}
	case "expanded", "x":
		switch {
		case !has:
			if o.Expanded == render.ExpandedOff {
				o.Expanded = render.ExpandedOn
			} else {
				o.Expanded = render.ExpandedOff // psql's "expanded = !expanded": auto goes off
			}
		case strings.EqualFold(value, "auto"):
			o.Expanded = render.ExpandedAuto
		default:
			b, ok := ParseBool(value)
			if !ok {
				return false, fmt.Errorf("unrecognized value \"%s\" for \"%s\"\nAvailable values are: on, off, auto.", value, name)
			}
			o.Expanded = render.ExpandedOff
			if b {
				o.Expanded = render.ExpandedOn
			}
		}
	case "csv_fieldsep":
		if has {
			if len(value) != 1 {
				return false, fmt.Errorf("\\pset: csv_fieldsep must be a single one-byte character")
			}
			if value[0] == '"' || value[0] == '\n' || value[0] == '\r' {
				return false, fmt.Errorf("\\pset: csv_fieldsep cannot be a double quote, a newline, or a carriage return")
			}
			o.CSVFieldSep = value[0]
		}
	case "fieldsep":
		if has {
			o.FieldSep, o.FieldSepZero = value, false
		}
	case "fieldsep_zero":
		o.FieldSep, o.FieldSepZero = "", true
	case "recordsep":
		if has {
			o.RecordSep, o.RecordSepZero = value, false
		}
	case "recordsep_zero":
		o.RecordSep, o.RecordSepZero = "", true
	case "tuples_only", "t":
		return boolValue(&o.TuplesOnly)
	case "title", "C":
		o.Title, o.HasTitle = value, has
		if !has {
			o.Title = ""
		}
	case "tableattr", "T":
		o.TableAttr, o.HasTableAttr = value, has
		if !has {
			o.TableAttr = ""
		}
	case "null":
		if has {
			o.Null = value
		}
	case "pager":
		switch {
		case has && strings.EqualFold(value, "always"):
			o.Pager = render.PagerAlways
		case has:
			b, ok := ParseBool(value)
			if !ok {
				return false, fmt.Errorf("unrecognized value \"%s\" for \"%s\"\nAvailable values are: on, off, always.", value, name)
			}
			o.Pager = render.PagerOff
			if b {
				o.Pager = render.PagerOn
			}
		case o.Pager == render.PagerOn:
			o.Pager = render.PagerOff
		default:
			o.Pager = render.PagerOn
		}
	case "pager_min_lines":
		if has {
			o.PagerMinLines = atoi(value)
		}
	case "footer":
		return boolValue(&o.Footer)
	case "numericlocale":
		return boolValue(&o.NumericLocale)
	case "columns":
		if has {
			o.Columns = atoi(value)
		}
	default:
		return false, fmt.Errorf("\\pset: unknown option: %s", name)
	}
	return true, nil
}

// atoi is C's atoi: optional spaces and sign, then digits up to the first other byte; 0
// when there are none. Overflow wraps as a 32-bit int would on psql's platforms.
func atoi(s string) int {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	var n int32
	for i := 0; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		n = n*10 + int32(s[i]-'0')
	}
	if neg {
		n = -n
	}
	return int(n)
}

// prefixChoice returns the index of the first of choices that value is a case-insensitive
// prefix of (pg_strncasecmp(value, choice, strlen(value)) == 0 in do_pset): "" picks the
// first.
func prefixChoice(value string, choices []string) (int, bool) {
	for i, c := range choices {
		if len(value) <= len(c) && strings.EqualFold(c[:len(value)], value) {
			return i, true
		}
	}
	return 0, false
}

// formatNames are the \pset format values matched by prefix, in psql's order (which
// decides the ambiguity text). latex-longtable is apart: "latex" is a prefix of it.
var formatNames = [...]struct {
	name string
	f    render.Format
}{
	{"aligned", render.FormatAligned}, {"asciidoc", render.FormatAsciidoc}, {"csv", render.FormatCSV},
	{"html", render.FormatHTML}, {"latex", render.FormatLatex}, {"troff-ms", render.FormatTroffMs},
	{"unaligned", render.FormatUnaligned}, {"wrapped", render.FormatWrapped},
}

// parseFormat accepts a format name or a prefix of one, as do_pset does: a prefix of
// several names is ambiguous, except that one matching latex-longtable alone.
func parseFormat(v string) (render.Format, error) {
	match := -1
	for i, n := range formatNames {
		if len(v) <= len(n.name) && strings.EqualFold(n.name[:len(v)], v) {
			if match >= 0 {
				return 0, fmt.Errorf("\\pset: ambiguous abbreviation \"%s\" matches both \"%s\" and \"%s\"", v, formatNames[match].name, n.name)
			}
			match = i
		}
	}
	if match >= 0 {
		return formatNames[match].f, nil
	}
	if _, ok := prefixChoice(v, []string{"latex-longtable"}); ok {
		return render.FormatLatexLongtable, nil
	}
	return 0, fmt.Errorf("\\pset: allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, unaligned, wrapped")
}

// PsetInfo returns the line psql's printPsetInfo prints after setting name (with its
// newline), e.g. "Border style is 2.\n"; name must be one Pset accepted.
func PsetInfo(o *render.Options, name string) string {
	var s string
	switch name {
	case "border":
		s = fmt.Sprintf("Border style is %d.", o.Border)
	case "columns":
		if o.Columns == 0 {
			s = "Target width is unset."
		} else {
			s = fmt.Sprintf("Target width is %d.", o.Columns)
		}
	case "expanded", "x":
		switch o.Expanded {
		case render.ExpandedOn:
			s = "Expanded display is on."
		case render.ExpandedAuto:
			s = "Expanded display is used automatically."
		default:
			s = "Expanded display is off."
		}
	case "csv_fieldsep":
		s = fmt.Sprintf("Field separator for CSV is \"%c\".", o.CSVFieldSep)
	case "fieldsep", "fieldsep_zero":
		if o.FieldSepZero {
			s = "Field separator is zero byte."
		} else {
			s = fmt.Sprintf("Field separator is \"%s\".", o.FieldSep)
		}
	case "footer":
		s = "Default footer is " + onOff(o.Footer) + "."
	case "format":
		s = fmt.Sprintf("Output format is %s.", o.Format)
	case "linestyle":
		s = fmt.Sprintf("Line style is %s.", o.LineStyle)
	case "null":
		s = fmt.Sprintf("Null display is \"%s\".", o.Null)
	case "numericlocale":
		s = "Locale-adjusted numeric output is " + onOff(o.NumericLocale) + "."
	case "pager":
		switch o.Pager {
		case render.PagerOn:
			s = "Pager is used for long output."
		case render.PagerAlways:
			s = "Pager is always used."
		default:
			s = "Pager usage is off."
		}
	case "pager_min_lines":
		if o.PagerMinLines == 1 {
			s = fmt.Sprintf("Pager won't be used for less than %d line.", o.PagerMinLines)
		} else {
			s = fmt.Sprintf("Pager won't be used for less than %d lines.", o.PagerMinLines)
		}
	case "recordsep", "recordsep_zero":
		switch {
		case o.RecordSepZero:
			s = "Record separator is zero byte."
		case o.RecordSep == "\n":
			s = "Record separator is <newline>."
		default:
			s = fmt.Sprintf("Record separator is \"%s\".", o.RecordSep)
		}
	case "tableattr", "T":
		if o.HasTableAttr {
			s = fmt.Sprintf("Table attributes are \"%s\".", o.TableAttr)
		} else {
			s = "Table attributes unset."
		}
	case "title", "C":
		if o.HasTitle {
			s = fmt.Sprintf("Title is \"%s\".", o.Title)
		} else {
			s = "Title is unset."
		}
	case "tuples_only", "t":
		s = "Tuples only is " + onOff(o.TuplesOnly) + "."
	case "unicode_border_linestyle":
		s = fmt.Sprintf("Unicode border line style is \"%s\".", o.UnicodeBorderLineStyle)
	case "unicode_column_linestyle":
		s = fmt.Sprintf("Unicode column line style is \"%s\".", o.UnicodeColumnLineStyle)
	case "unicode_header_linestyle":
		s = fmt.Sprintf("Unicode header line style is \"%s\".", o.UnicodeHeaderLineStyle)
	default:
		return ""
	}
	return s + "\n"
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

// PsetValueString is how \pset with no argument shows one option (pset_value_string in
// command.c): separators, null, tableattr and title quoted with ' (a ' inside as \', a
// newline as \n), the others bare; pager as 0, 1 or 2.
func PsetValueString(o *render.Options, name string) string {
	switch name {
	case "border":
		return strconv.Itoa(o.Border)
	case "columns":
		return strconv.Itoa(o.Columns)
	case "csv_fieldsep":
		return psetQuote(string([]byte{o.CSVFieldSep}))
	case "expanded":
		return o.Expanded.String()
	case "fieldsep":
		return psetQuote(o.FieldSep)
	case "fieldsep_zero":
		return onOff(o.FieldSepZero)
	case "footer":
		return onOff(o.Footer)
	case "format":
		return o.Format.String()
	case "linestyle":
		return o.LineStyle.String()
	case "null":
		return psetQuote(o.Null)
	case "numericlocale":
		return onOff(o.NumericLocale)
	case "pager":
		return strconv.Itoa(int(o.Pager))
	case "pager_min_lines":
		return strconv.Itoa(o.PagerMinLines)
	case "recordsep":
		return psetQuote(o.RecordSep)
	case "recordsep_zero":
		return onOff(o.RecordSepZero)
	case "tableattr":
		if !o.HasTableAttr {
			return ""
		}
		return psetQuote(o.TableAttr)
	case "title":
		if !o.HasTitle {
			return ""
		}
		return psetQuote(o.Title)
	case "tuples_only":
		return onOff(o.TuplesOnly)
	case "unicode_border_linestyle":
		return o.UnicodeBorderLineStyle.String()
	case "unicode_column_linestyle":
		return o.UnicodeColumnLineStyle.String()
	case "unicode_header_linestyle":
		return o.UnicodeHeaderLineStyle.String()
	}
	return ""
}

// psetQuote is pset_quoted_string: s in single quotes, with ' as \' and newline as \n.
func psetQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			b.WriteString(`\'`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(s[i])
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// writePsetList writes the \pset listing: one "%-24s %s" line per option.
func writePsetList(w io.Writer, o *render.Options) {
	var b strings.Builder
	for _, n := range psetNames {
		fmt.Fprintf(&b, "%-24s %s\n", n, PsetValueString(o, n))
	}
	io.WriteString(w, b.String())
}

// setAndShow applies one setting as a command does and prints psql's message unless
// quiet. It reports psql's result.
func setAndShow(env *Env, name, value string, has bool) Result {
	show, err := psetApply(env.Print, name, value, has)
	if err != nil {
		env.Errorf("%s", err)
		return Error
	}
	if show && !env.Quiet {
		io.WriteString(env.Out, PsetInfo(env.Print, name))
	}
	return OK
}

// runPset is \pset [NAME [VALUE]]: the listing, or one setting and its message.
func runPset(env *Env, cmd string, args Args) Result {
	name, ok := args.Next(OptNormal)
	if !ok {
		writePsetList(env.Out, env.Print)
		return OK
	}
	value, has := args.Next(OptNormal)
	res := setAndShow(env, name, value, has)
	return extraArgs(env, cmd, args, res)
}

// extraArgs consumes what a command did not use, unevaluated (OptNoEval), and, unless it
// failed, warns about each argument as psql's HandleSlashCmds does ("\pset: extra argument
// "x" ignored").
func extraArgs(env *Env, cmd string, args Args, res Result) Result {
	for {
		a, ok := args.Next(OptNoEval)
		if !ok {
			return res
		}
		if res != Error {
			env.Warnf("\\%s: extra argument \"%s\" ignored", cmd, a)
		}
	}
}
