package meta

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// Pset applies one \pset (or -P) setting to o, as psql's do_pset does, and returns psql's
// error text for a bad name or value.
func Pset(o *render.Options, name, value string) error {
	hasValue := value != ""
	toggle := func(cur bool) (bool, error) {
		if !hasValue {
			return !cur, nil
		}
		b, ok := ParseBool(value)
		if !ok {
			return cur, fmt.Errorf("unrecognized value \"%s\" for \"%s\": Boolean expected", value, name)
		}
		return b, nil
	}
	var err error
	switch name {
	case "format":
		if !hasValue {
			break
		}
		f, ferr := parseFormat(value)
		if ferr != nil {
			return ferr
		}
		o.Format = f
	case "border":
		if hasValue {
			n, _ := strconv.Atoi(value) // psql uses atoi: junk is 0
			o.Border = n
		}
	case "linestyle":
		switch {
		case !hasValue:
		case strings.HasPrefix("ascii", strings.ToLower(value)):
			o.LineStyle = render.LineStyleASCII
		case strings.HasPrefix("old-ascii", strings.ToLower(value)):
			o.LineStyle = render.LineStyleOldASCII
		case strings.HasPrefix("unicode", strings.ToLower(value)):
			o.LineStyle = render.LineStyleUnicode
		default:
			return fmt.Errorf("\\pset: allowed line styles are ascii, old-ascii, unicode")
		}
	case "tuples_only", "t":
		o.TuplesOnly, err = toggle(o.TuplesOnly)
	case "footer":
		o.Footer, err = toggle(o.Footer)
	case "expanded", "x":
		switch {
		case !hasValue:
			if o.Expanded == render.ExpandedOn {
				o.Expanded = render.ExpandedOff
			} else {
				o.Expanded = render.ExpandedOn
			}
		case strings.EqualFold(value, "auto"):
			o.Expanded = render.ExpandedAuto
		default:
			var b bool
			b, err = toggle(false)
			if b {
				o.Expanded = render.ExpandedOn
			} else if err == nil {
				o.Expanded = render.ExpandedOff
			}
		}
	case "null":
		if hasValue {
			o.Null = value
		}
	case "title":
		o.Title, o.HasTitle = value, hasValue
	case "fieldsep":
		if hasValue {
			o.FieldSep, o.FieldSepZero = value, false
		}
	case "fieldsep_zero":
		o.FieldSepZero = true
	case "recordsep":
		if hasValue {
			o.RecordSep, o.RecordSepZero = value, false
		}
	case "recordsep_zero":
		o.RecordSepZero = true
	case "csv_fieldsep":
		if hasValue {
			if len(value) != 1 || value[0] == '"' || value[0] == '\n' || value[0] == '\r' {
				return fmt.Errorf("\\pset: csv_fieldsep must be a single one-byte character")
			}
			o.CSVFieldSep = value[0]
		}
	case "tableattr", "T":
		o.TableAttr = value
	case "columns":
		if hasValue {
			o.Columns, _ = strconv.Atoi(value)
		}
	case "pager":
		switch {
		case !hasValue:
			if o.Pager == render.PagerOff {
				o.Pager = render.PagerOn
			} else {
				o.Pager = render.PagerOff
			}
		case strings.EqualFold(value, "always"):
			o.Pager = render.PagerAlways
		default:
			var b bool
			b, err = toggle(false)
			if err == nil && b {
				o.Pager = render.PagerOn
			} else if err == nil {
				o.Pager = render.PagerOff
			}
		}
	case "pager_min_lines":
		if hasValue {
			o.PagerMinLines, _ = strconv.Atoi(value)
		}
	case "numericlocale":
		o.NumericLocale, err = toggle(o.NumericLocale)
	default:
		return fmt.Errorf("\\pset: unknown option: %s", name)
	}
	return err
}

// formatNames are \pset format's values, in psql's order (which decides the ambiguity text).
var formatNames = []struct {
	name string
	f    render.Format
}{
	{"aligned", render.FormatAligned}, {"asciidoc", render.FormatAsciidoc}, {"csv", render.FormatCSV},
	{"html", render.FormatHTML}, {"latex", render.FormatLatex}, {"latex-longtable", render.FormatLatexLongtable},
	{"troff-ms", render.FormatTroffMs}, {"unaligned", render.FormatUnaligned}, {"wrapped", render.FormatWrapped},
}

// parseFormat accepts a format name or a unique prefix, as psql does.
func parseFormat(v string) (render.Format, error) {
	var match []string
	var f render.Format
	for _, n := range formatNames {
		if strings.EqualFold(n.name, v) {
			return n.f, nil
		}
		if len(v) <= len(n.name) && strings.EqualFold(n.name[:len(v)], v) {
			match = append(match, n.name)
			f = n.f
		}
	}
	switch len(match) {
	case 1:
		return f, nil
	case 0:
		return 0, fmt.Errorf("\\pset: allowed formats are aligned, asciidoc, csv, html, latex, latex-longtable, troff-ms, unaligned, wrapped")
	}
	return 0, fmt.Errorf("\\pset: ambiguous abbreviation \"%s\" matches both \"%s\" and \"%s\"", v, match[0], match[1])
}

// formatCommands are \pset and its shortcuts.
func formatCommands() []Command {
	return []Command{
		{Names: []string{"pset"}, Args: "[NAME [VALUE]]", Help: "set table output option", Section: "Formatting", Run: runPset},
	}
}

// runPset is \pset NAME [VALUE].
func runPset(env *Env, _ string, args Args) Result {
	name, ok := args.Next(OptNormal)
	if !ok {
		env.Errorf("\\pset: missing required argument")
		return Error
	}
	value, _ := args.Next(OptNormal)
	if err := Pset(env.Print, name, value); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}
