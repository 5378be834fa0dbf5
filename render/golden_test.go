package render

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The golden files under testdata/golden are written by psql, never by this
// package. To regenerate them, start a PostgreSQL 15 server and run
//
//	PGHOST=/tmp/render-pg/sock PGPORT=55442 PGUSER=postgres \
//	    go test ./render -run 'TestGolden|TestWidthTable|TestValidate' -update-golden
//	cd render && go generate   # widthtable.go from testdata/golden/widths.txt
//
// For every query, data/<query>.csv holds the result as the server sent it
// (COPY ... TO STDOUT in CSV with FORCE_QUOTE *, so that NULL and ” differ)
// after a first line with the column type OIDs (from \gdesc). For every set of
// \pset settings, <set>.out is psql's stdout for all the queries in order.
var updateGolden = flag.Bool("update-golden", false, "rewrite testdata/golden by running psql (PGHOST, PGPORT, PGUSER must name a PostgreSQL 15 server)")

const goldenDir = "testdata/golden"

// goldenQuery is one query of the golden script.
type goldenQuery struct {
	name, sql string
}

func goldenQueries() []goldenQuery {
	return []goldenQuery{
		{"numbers", `select 1::int2 as int2, -22::int4 as int4, 333::int8 as int8, 1.5::float4 as float4,
       -2.25::float8 as float8, 123.4500::numeric as numeric, 26::oid as oid, '28'::xid as xid,
       '5069'::xid8 as xid8, '29'::cid as cid, 7.5::money as money, true as bool, 'abc'::text as text,
       '2024-01-02'::date as date, 42::text as int_text, 7::regclass as regclass
union all select 32767, 2147483647, -9223372036854775808, 'NaN', '-Infinity', -0.000001, '4294967295',
       '4294967295', '18446744073709551615', '4294967295', '-92233720368547758.08', false, '', '4713-01-01 BC', '', '0'`},
		{"numeric_values", `select v::numeric as n, v::float8 as f, v as t from (values ('1234567.891'), ('-1000'), ('+12'), ('0.5'),
       ('123'), ('1234'), ('-123456'), ('1e20'), ('-1.5e-7'), ('NaN'), ('Infinity')) x(v)`},
		{"text", `select 'a' as short, 'hello world' as "Mixed Case", '  leading' as lead, 'trailing  ' as trail, '' as empty
union all select 'longer value here', 'x', 'y', 'z', ''`},
		{"nulls", `select null::int as i, null::text as t, 'x' as u
union all select 1, 'a', null
union all select null, null, null`},
		{"empty", `select 1 as a, 'x'::text as b where false`},
		{"nocols", `select`},
		{"nocols_rows", `select from generate_series(1, 3)`},
		{"one_row", `select 42 as answer`},
		{"one_col_empty_string", `select '' as e`},
		{"many_cols", `select 1 as c01, 2 as c02, 3 as c03, 4 as c04, 5 as c05, 6 as c06, 7 as c07, 8 as c08,
       9 as c09, 10 as c10, 'k' as c11, 'l' as c12, 'm' as c13, 'n' as c14, 'o' as c15, 'p' as c16,
       'q' as c17, 'r' as c18, 's' as c19, 't' as c20, 'u' as c21, 'v' as c22, 'w' as c23, 'x' as c24`},
		{"multiline", `select E'one\ntwo' as a, 'x' as b, E'l1\nl2\nl3' as c, 1 as n
union all select E'\n', E'trailing\n', 'single', 22
union all select '', E'\n\nthree', E'a\n', 333
union all select 'w', 'v', E'\n', null`},
		{"multiline_last", `select 1 as n, E'first\nsecond' as last_col
union all select 22, 'x'`},
		{"multiline_header", "select 1 as \"first\nline\", E'a\\nb' as x, 'v' as \"one\ntwo\nthree\", 2 as \"n\n\""},
		{"widechars", `select '中文字' as cjk, 'ｈｅｌｌｏ' as fullwidth, '😀x' as emoji,
       'e' || chr(769) || 'x' as combining, 'a' as "列名"
union all select '字', 'ａ', '👍🏽', 'n' || chr(771) || chr(772), 'abcdef'`},
		{"control", `select E'a\tb' as tab, E'\tx' as tab2, E'1234567\tz' as tab3, E'a\rb' as cr,
       chr(1) || 'x' || chr(127) as ctl, chr(133) || chr(159) || 'y' as c1, E'x\ty\tzz\tw' as tabs,
       E'中\tx' as widetab
union all select 'p', 'q', 'r', 's', 't', 'u', 'v', 'w'`},
		{"long", `select repeat('abcdefghij', 17) as long, 1 as n`},
		{"rows", `select g as id, 'row ' || g as label, g * 1.5 as f, case when g % 3 = 0 then null else g end as maybe
from generate_series(1, 25) g`},
		{"wrap_mix", `select 1 as id, 'The quick brown fox jumps over the lazy dog' as sentence, repeat('x', 35) as xs,
       E'short\nand a much longer second line here' as lines, '中文字符中文字符中文字符' as cjk, 3.14159 as pi
union all select 2, 'tiny', 'y', 'z', 'ab', 2.5
union all select 3, E'tab\tand\x01control', null, '', '中', 100000`},
		{"header_pad", `select 'abcdef' as a, 'abcde' as ab, 12345 as n, 'x' as abc, 'xy' as abcd, 1 as "wide header"`},
		{"nonchar", "select 'a' || chr(131070) || 'b' as v, chr(65534) || chr(65535) as w, 1 as \"x\U0001FFFEy\""},
	}
}

// goldenSet is one combination of \pset settings.
type goldenSet struct {
	name  string
	psets [][2]string
}

func goldenSets() []goldenSet {
	var sets []goldenSet
	add := func(name string, kv ...string) {
		var ps [][2]string
		for i := 0; i+1 < len(kv); i += 2 {
			ps = append(ps, [2]string{kv[i], kv[i+1]})
		}
		sets = append(sets, goldenSet{name, ps})
	}
	add("default")
	for _, x := range []string{"off", "on"} {
		p := ""
		if x == "on" {
			p = "x_"
		}
		for _, b := range []string{"0", "1", "2"} {
			add(p+"ascii_border"+b, "expanded", x, "border", b)
			add(p+"oldascii_border"+b, "expanded", x, "border", b, "linestyle", "old-ascii")
			add(p+"unicode_border"+b, "expanded", x, "border", b, "linestyle", "unicode")
			add(p+"tuples_only_border"+b, "expanded", x, "border", b, "tuples_only", "on")
			add(p+"title_border"+b, "expanded", x, "border", b, "title", "Title Here")
		}
		add(p+"unicode_double_all", "expanded", x, "border", "2", "linestyle", "unicode",
			"unicode_border_linestyle", "double", "unicode_column_linestyle", "double", "unicode_header_linestyle", "double")
		add(p+"unicode_double_border1", "expanded", x, "border", "1", "linestyle", "unicode",
			"unicode_border_linestyle", "double", "unicode_column_linestyle", "double", "unicode_header_linestyle", "double")
		add(p+"unicode_double_border_only", "expanded", x, "border", "2", "linestyle", "unicode", "unicode_border_linestyle", "double")
		add(p+"unicode_double_column_only", "expanded", x, "border", "2", "linestyle", "unicode", "unicode_column_linestyle", "double")
		add(p+"unicode_double_header_only", "expanded", x, "border", "2", "linestyle", "unicode", "unicode_header_linestyle", "double")
		add(p+"footer_off", "expanded", x, "footer", "off")
		add(p+"null_text", "expanded", x, "null", "(null)")
		add(p+"null_multiline", "expanded", x, "null", "ab\ncde\n")
		add(p+"null_invalid_utf8", "expanded", x, "null", "\xc3\xa4\xff\xed\xa4\x80z\xed\xa0\x80\xf0\x9f\xbf\xbe")
		add(p+"null_control", "expanded", x, "null", "\t\x01\r")
		add(p+"border3", "expanded", x, "border", "3")
	}
	for _, w := range []string{"20", "45", "80", "200"} {
		add("x_auto_columns"+w, "expanded", "auto", "columns", w)
	}
	add("x_auto_columns30_border2_unicode", "expanded", "auto", "columns", "30", "border", "2", "linestyle", "unicode")
	add("x_auto_no_width", "expanded", "auto")
	add("x_auto_unaligned", "format", "unaligned", "expanded", "auto", "columns", "10")
	add("numericlocale", "numericlocale", "on")
	add("x_numericlocale", "numericlocale", "on", "expanded", "on", "null", "12345")
	add("numericlocale_unaligned", "numericlocale", "on", "format", "unaligned")
	add("title_long", "title", strings.Repeat("Long title ", 20))
	add("title_empty", "title", "")
	add("title_wide_chars", "title", "表題 ✓ x")
	add("title_newline", "title", "two\nlines")
	add("title_odd", "title", "ab")
	add("title_even", "title", "abc")
	add("x_title_empty", "expanded", "on", "title", "")
	add("x_footer_off_tuples", "expanded", "on", "footer", "off", "tuples_only", "on")
	add("wrapped_no_width", "format", "wrapped")
	for _, w := range []string{"10", "25", "40", "70"} {
		add("wrapped_columns"+w, "format", "wrapped", "columns", w)
		add("x_wrapped_columns"+w, "format", "wrapped", "columns", w, "expanded", "on")
	}
	for _, b := range []string{"0", "2"} {
		add("wrapped_border"+b, "format", "wrapped", "columns", "30", "border", b)
		add("wrapped_oldascii_border"+b, "format", "wrapped", "columns", "30", "border", b, "linestyle", "old-ascii")
		add("wrapped_unicode_border"+b, "format", "wrapped", "columns", "30", "border", b, "linestyle", "unicode")
		add("x_wrapped_border"+b, "format", "wrapped", "columns", "30", "border", b, "expanded", "on")
		add("x_wrapped_oldascii_border"+b, "format", "wrapped", "columns", "30", "border", b, "linestyle", "old-ascii", "expanded", "on")
		add("x_wrapped_unicode_border"+b, "format", "wrapped", "columns", "30", "border", b, "linestyle", "unicode", "expanded", "on")
	}
	add("wrapped_oldascii_border1", "format", "wrapped", "columns", "30", "linestyle", "old-ascii")
	add("x_wrapped_oldascii_border1", "format", "wrapped", "columns", "30", "linestyle", "old-ascii", "expanded", "on")
	add("x_wrapped_tuples_only", "format", "wrapped", "columns", "30", "expanded", "on", "tuples_only", "on")
	add("x_auto_wrapped", "format", "wrapped", "columns", "50", "expanded", "auto")
	add("wrapped_title", "format", "wrapped", "columns", "30", "title", "A title for a wrapped table")
	add("unaligned", "format", "unaligned")
	add("unaligned_seps", "format", "unaligned", "fieldsep", ", ", "recordsep", ";\n")
	add("unaligned_zero", "format", "unaligned", "fieldsep_zero", "", "recordsep_zero", "")
	add("unaligned_tuples_only", "format", "unaligned", "tuples_only", "on")
	add("unaligned_title", "format", "unaligned", "title", "T")
	add("unaligned_footer_off", "format", "unaligned", "footer", "off")
	add("unaligned_x", "format", "unaligned", "expanded", "on")
	add("unaligned_x_title", "format", "unaligned", "expanded", "on", "title", "T")
	add("unaligned_x_zero", "format", "unaligned", "expanded", "on", "fieldsep_zero", "", "recordsep_zero", "")
	add("unaligned_x_tuples_only", "format", "unaligned", "expanded", "on", "tuples_only", "on")
	for _, f := range []string{"html", "asciidoc", "latex", "latex-longtable", "troff-ms"} {
		add(f, "format", f)
		add(f+"_border0", "format", f, "border", "0")
		add(f+"_border2_title", "format", f, "border", "2", "title", "<T|itle> & \"q\"")
		add(f+"_border3", "format", f, "border", "3")
		add(f+"_tuples_only", "format", f, "tuples_only", "on")
		add(f+"_footer_off", "format", f, "footer", "off")
		add(f+"_null", "format", f, "null", " <N|ULL>\n x")
		add(f+"_x", "format", f, "expanded", "on")
		add(f+"_x_title", "format", f, "expanded", "on", "title", "T")
		add(f+"_x_tuples_only", "format", f, "expanded", "on", "tuples_only", "on", "border", "0")
	}
	for _, f := range []string{"latex", "latex-longtable", "troff-ms"} {
		add(f+"_border1_title", "format", f, "title", "A_{T}itle")
		add(f+"_x_border0", "format", f, "expanded", "on", "border", "0")
		add(f+"_x_border2", "format", f, "expanded", "on", "border", "2")
		add(f+"_x_border2_title", "format", f, "expanded", "on", "border", "2", "title", "T")
	}
	add("latex-longtable_border3_title", "format", "latex-longtable", "title", "T", "border", "3")
	add("latex-longtable_tableattr", "format", "latex-longtable", "tableattr", " 0.2  0.3\t")
	add("latex-longtable_tableattr_b2", "format", "latex-longtable", "tableattr", "0.5", "border", "2")
	add("html_tableattr", "format", "html", "tableattr", "class=\"x\" id=t")
	add("html_tableattr_empty", "format", "html", "tableattr", "")
	add("csv", "format", "csv")
	add("csv_semicolon", "format", "csv", "csv_fieldsep", ";")
	add("csv_tab", "format", "csv", "csv_fieldsep", "\t")
	add("csv_backslash", "format", "csv", "csv_fieldsep", "\\")
	add("csv_period", "format", "csv", "csv_fieldsep", ".")
	add("csv_tuples_only", "format", "csv", "tuples_only", "on", "title", "ignored")
	add("csv_x", "format", "csv", "expanded", "on")
	add("csv_null", "format", "csv", "null", "N\"U,LL")
	return sets
}

// applyPset sets one \pset option of o the way psql's do_pset would for
// the values the golden sets use.
func applyPset(o *Options, name, value string) error {
	onOff := func() (bool, error) {
		switch value {
		case "on":
			return true, nil
		case "off":
			return false, nil
		}
		return false, fmt.Errorf("%s: bad boolean %q", name, value)
	}
	unicode := func() (UnicodeLineStyle, error) {
		switch value {
		case "single":
			return UnicodeSingle, nil
		case "double":
			return UnicodeDouble, nil
		}
		return 0, fmt.Errorf("%s: bad value %q", name, value)
	}
	var err error
	switch name {
	case "format":
		switch value {
		case "aligned":
			o.Format = FormatAligned
		case "unaligned":
			o.Format = FormatUnaligned
		case "wrapped":
			o.Format = FormatWrapped
		case "csv":
			o.Format = FormatCSV
		case "html":
			o.Format = FormatHTML
		case "asciidoc":
			o.Format = FormatAsciidoc
		case "latex":
			o.Format = FormatLatex
		case "latex-longtable":
			o.Format = FormatLatexLongtable
		case "troff-ms":
			o.Format = FormatTroffMs
		default:
			return fmt.Errorf("format %q", value)
		}
	case "border":
		o.Border, err = strconv.Atoi(value)
	case "linestyle":
		switch value {
		case "ascii":
			o.LineStyle = LineStyleASCII
		case "old-ascii":
			o.LineStyle = LineStyleOldASCII
		case "unicode":
			o.LineStyle = LineStyleUnicode
		default:
			return fmt.Errorf("linestyle %q", value)
		}
	case "expanded":
		if value == "auto" {
			o.Expanded = ExpandedAuto
			break
		}
		var on bool
		on, err = onOff()
		o.Expanded = ExpandedOff
		if on {
			o.Expanded = ExpandedOn
		}
	case "columns":
		o.Columns, err = strconv.Atoi(value)
	case "numericlocale":
		o.NumericLocale, err = onOff()
	case "tuples_only":
		o.TuplesOnly, err = onOff()
	case "footer":
		o.Footer, err = onOff()
	case "title":
		o.Title, o.HasTitle = value, true
	case "null":
		o.Null = value
	case "tableattr":
		o.TableAttr, o.HasTableAttr = value, true
	case "fieldsep":
		o.FieldSep, o.FieldSepZero = value, false
	case "fieldsep_zero":
		o.FieldSepZero = true
	case "recordsep":
		o.RecordSep, o.RecordSepZero = value, false
	case "recordsep_zero":
		o.RecordSepZero = true
	case "csv_fieldsep":
		if len(value) != 1 {
			return fmt.Errorf("csv_fieldsep %q", value)
		}
		o.CSVFieldSep = value[0]
	case "unicode_border_linestyle":
		o.UnicodeBorderLineStyle, err = unicode()
	case "unicode_column_linestyle":
		o.UnicodeColumnLineStyle, err = unicode()
	case "unicode_header_linestyle":
		o.UnicodeHeaderLineStyle, err = unicode()
	default:
		return fmt.Errorf("unknown pset %q", name)
	}
	return err
}

// psqlQuote quotes s as a psql meta-command argument: single quotes, with
// every byte outside printable ASCII (and ' and \) as a 3-digit octal escape.
func psqlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || c == '\'' || c == '\\' {
			fmt.Fprintf(&b, "\\%03o", c)
		} else {
			b.WriteByte(c)
		}
	}
	b.WriteByte('\'')
	return b.String()
}

// psetScript is the \pset lines of a golden set.
func psetScript(set goldenSet) string {
	var b strings.Builder
	for _, kv := range set.psets {
		if kv[0] == "fieldsep_zero" || kv[0] == "recordsep_zero" {
			fmt.Fprintf(&b, "\\pset %s\n", kv[0])
			continue
		}
		fmt.Fprintf(&b, "\\pset %s %s\n", kv[0], psqlQuote(kv[1]))
	}
	return b.String()
}

// runPsql runs psql -X -q on script (given on stdin) and returns its stdout;
// anything on stderr is an error.
func runPsql(t *testing.T, script string, args ...string) []byte {
	t.Helper()
	args = append([]string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-f", "-"}, args...)
	cmd := exec.Command("psql", args...)
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(os.Environ(), "PGCLIENTENCODING=UTF8", "LC_ALL=C.UTF-8", "PSQLRC=/dev/null")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("psql: %v\n%s\nscript:\n%s", err, stderr.Bytes(), script)
	}
	return stdout.Bytes()
}

func writeGolden(t *testing.T, name string, data []byte) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// updateGoldenFiles runs psql for every query and set.
func updateGoldenFiles(t *testing.T) {
	queries := goldenQueries()
	for _, q := range queries {
		// Column types: \gdesc's type names, then their OIDs.
		desc := runPsql(t, q.sql+" \\gdesc\n", "-A", "-t", "-P", "fieldsep_zero", "-P", "recordsep_zero")
		var oids []string
		if !bytes.HasPrefix(desc, []byte("The command has no result")) {
			parts := strings.Split(strings.TrimSuffix(string(desc), "\x00"), "\x00")
			if len(parts)%2 != 0 {
				t.Fatalf("%s: odd \\gdesc output %q", q.name, desc)
			}
			var sel []string
			for i := 1; i < len(parts); i += 2 {
				sel = append(sel, "'"+strings.ReplaceAll(parts[i], "'", "''")+"'::regtype::oid")
			}
			out := runPsql(t, "select "+strings.Join(sel, ", ")+";\n", "-A", "-t", "-F", " ")
			oids = strings.Fields(string(out))
		}
		data := runPsql(t, "copy ("+q.sql+") to stdout (format csv, header, force_quote *);\n")
		file := "oids: " + strings.Join(oids, " ") + "\n" + string(data)
		writeGolden(t, "data/"+q.name+".csv", []byte(file))
	}
	for _, set := range goldenSets() {
		var script strings.Builder
		script.WriteString(psetScript(set))
		for _, q := range queries {
			script.WriteString(q.sql + ";\n")
		}
		writeGolden(t, set.name+".out", runPsql(t, script.String()))
	}
}

// goldenResult is one query's result as read back from data/<query>.csv.
type goldenResult struct {
	cols []Column
	rows [][][]byte
}

// sliceSource is a RowSource over a goldenResult. It hands out a fresh copy
// of every row and scribbles over the previous one, to catch a renderer that
// keeps Values beyond Next.
type sliceSource struct {
	res  *goldenResult
	next int
	cur  [][]byte
	err  error
}

func (s *sliceSource) Columns() []Column { return s.res.cols }

func (s *sliceSource) Next() bool {
	for _, v := range s.cur {
		for i := range v {
			v[i] = '#'
		}
	}
	if s.next >= len(s.res.rows) {
		return false
	}
	row := s.res.rows[s.next]
	s.cur = make([][]byte, len(row))
	for i, v := range row {
		if v != nil {
			s.cur[i] = append([]byte{}, v...)
		}
	}
	s.next++
	return true
}

func (s *sliceSource) Values() [][]byte { return s.cur }
func (s *sliceSource) Err() error       { return s.err }

// parseGoldenData reads an "oids:" line and a COPY CSV with header and
// FORCE_QUOTE *: in data rows an unquoted empty field is NULL.
func parseGoldenData(data []byte) (*goldenResult, error) {
	line, rest, ok := bytes.Cut(data, []byte("\n"))
	if !ok || !bytes.HasPrefix(line, []byte("oids:")) {
		return nil, errors.New("no oids line")
	}
	oids := strings.Fields(string(line[len("oids:"):]))
	header, rest, err := parseCSVRecord(rest)
	if err != nil {
		return nil, err
	}
	if len(oids) == 0 && len(header) == 1 && header[0] == nil {
		header = nil // zero columns: the header line is empty
	}
	if len(header) != len(oids) {
		return nil, fmt.Errorf("%d names for %d oids", len(header), len(oids))
	}
	res := &goldenResult{}
	for i, h := range header {
		oid, err := strconv.ParseUint(oids[i], 10, 32)
		if err != nil {
			return nil, err
		}
		res.cols = append(res.cols, Column{Name: string(h), Align: AlignForType(uint32(oid))})
	}
	for len(rest) > 0 {
		var rec [][]byte
		if len(header) == 0 {
			if rest[0] != '\n' {
				return nil, errors.New("non-empty row for zero columns")
			}
			rest = rest[1:]
		} else if rec, rest, err = parseCSVRecord(rest); err != nil {
			return nil, err
		}
		if len(rec) != len(header) {
			return nil, fmt.Errorf("row of %d fields for %d columns", len(rec), len(header))
		}
		res.rows = append(res.rows, rec)
	}
	return res, nil
}

// parseCSVRecord parses one CSV record ending in '\n'. Quoted fields are
// returned non-nil, unquoted empty ones as nil.
func parseCSVRecord(s []byte) (rec [][]byte, rest []byte, err error) {
	for {
		var field []byte
		if len(s) > 0 && s[0] == '"' {
			field = []byte{}
			s = s[1:]
			for {
				i := bytes.IndexByte(s, '"')
				if i < 0 {
					return nil, nil, errors.New("unterminated quoted field")
				}
				field = append(field, s[:i]...)
				s = s[i+1:]
				if len(s) > 0 && s[0] == '"' {
					field = append(field, '"')
					s = s[1:]
					continue
				}
				break
			}
		} else {
			i := bytes.IndexAny(s, ",\n")
			if i < 0 {
				return nil, nil, errors.New("unterminated record")
			}
			if i > 0 {
				field = append([]byte{}, s[:i]...)
			}
			s = s[i:]
		}
		rec = append(rec, field)
		if len(s) == 0 {
			return nil, nil, errors.New("unterminated record")
		}
		if s[0] == '\n' {
			return rec, s[1:], nil
		}
		if s[0] != ',' {
			return nil, nil, fmt.Errorf("junk after field: %q", s[0])
		}
		s = s[1:]
	}
}

func loadGoldenResults(t *testing.T) map[string]*goldenResult {
	t.Helper()
	results := map[string]*goldenResult{}
	for _, q := range goldenQueries() {
		data, err := os.ReadFile(filepath.Join(goldenDir, "data", q.name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		res, err := parseGoldenData(data)
		if err != nil {
			t.Fatalf("%s: %v", q.name, err)
		}
		results[q.name] = res
	}
	return results
}

// TestGolden prints every golden query with every golden set of \pset
// options and compares the output with psql's, byte for byte.
func TestGolden(t *testing.T) {
	if *updateGolden {
		updateGoldenFiles(t)
	}
	results := loadGoldenResults(t)
	queries := goldenQueries()
	for _, set := range goldenSets() {
		t.Run(set.name, func(t *testing.T) {
			t.Parallel()
			want, err := os.ReadFile(filepath.Join(goldenDir, set.name+".out"))
			if err != nil {
				t.Fatal(err)
			}
			opts := Defaults()
			for _, kv := range set.psets {
				if err := applyPset(&opts, kv[0], kv[1]); err != nil {
					t.Fatal(err)
				}
			}
			var got bytes.Buffer
			for _, q := range queries {
				start := got.Len()
				src := &sliceSource{res: results[q.name]}
				if err := PrintQuery(context.Background(), &got, src, &opts, nil); err != nil {
					t.Fatalf("%s: %v", q.name, err)
				}
				mine := got.Bytes()[start:]
				if !bytes.HasPrefix(want[min(start, len(want)):], mine) {
					t.Fatalf("query %s differs from psql:\n%s", q.name, diffText(want[min(start, len(want)):], mine))
				}
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Fatalf("output differs from psql at the end:\n%s", diffText(want, got.Bytes()))
			}
		})
	}
}

// diffText shows where got first departs from want, a few lines either way.
func diffText(want, got []byte) string {
	wl := strings.SplitAfter(string(want), "\n")
	gl := strings.SplitAfter(string(got), "\n")
	i := 0
	for i < len(wl) && i < len(gl) && wl[i] == gl[i] {
		i++
	}
	var b strings.Builder
	from := max(0, i-3)
	for k := from; k < i; k++ {
		fmt.Fprintf(&b, "   %q\n", wl[k])
	}
	for k := i; k < min(i+4, len(wl)); k++ {
		fmt.Fprintf(&b, "psql %q\n", wl[k])
	}
	for k := i; k < min(i+4, len(gl)); k++ {
		fmt.Fprintf(&b, "ours %q\n", gl[k])
	}
	return b.String()
}

// TestValidate checks appendValid against psql's mbvalidate on byte strings
// given to psql as \pset null and printed unaligned.
func TestValidate(t *testing.T) {
	const file = "mbvalidate.txt"
	if *updateGolden {
		rng := rand.New(rand.NewSource(15))
		alphabet := []byte{'a', '\n', 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xa4, 0xb0, 0xb7, 0xbe, 0xbf,
			0xc0, 0xc1, 0xc2, 0xc3, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xf7, 0xf8, 0xfe, 0xff}
		var inputs []string
		for len(inputs) < 3000 {
			n := 1 + rng.Intn(6)
			b := make([]byte, n)
			for i := range b {
				if rng.Intn(4) == 0 {
					b[i] = byte(0x80 + rng.Intn(0x80))
				} else {
					b[i] = alphabet[rng.Intn(len(alphabet))]
				}
			}
			inputs = append(inputs, string(b))
		}
		var script strings.Builder
		script.WriteString("\\pset format unaligned\n\\pset tuples_only on\n\\pset recordsep_zero\n")
		for _, in := range inputs {
			fmt.Fprintf(&script, "\\pset null %s\nselect null;\n", psqlQuote(in))
		}
		out := runPsql(t, script.String())
		outs := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
		if len(outs) != len(inputs) {
			t.Fatalf("%d outputs for %d inputs", len(outs), len(inputs))
		}
		var b strings.Builder
		b.WriteString("# input and psql's output (hex) for \\pset null input; select null; unaligned\n")
		for i := range inputs {
			fmt.Fprintf(&b, "%x %x\n", inputs[i], outs[i])
		}
		writeGolden(t, file, []byte(b.String()))
	}
	data, err := os.ReadFile(filepath.Join(goldenDir, file))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		var in, want []byte
		if _, err := fmt.Sscanf(line, "%x %x", &in, &want); err != nil {
			// An empty output has no hex digits.
			if _, err2 := fmt.Sscanf(line, "%x", &in); err2 != nil {
				t.Fatalf("%q: %v", line, err)
			}
			want = nil
		}
		if got := appendValid(nil, in); !bytes.Equal(got, want) {
			t.Errorf("appendValid(%x) = %x, psql printed %x", in, got, want)
		}
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d samples", n)
	}
}
