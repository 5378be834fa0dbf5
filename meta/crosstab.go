package meta

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// crosstabMaxColumns is CROSSTABVIEW_MAX_COLUMNS (crosstabview.h): the most distinct colH
// values a crosstab may have.
const crosstabMaxColumns = 1600

// runCrosstabview is \crosstabview [colV [colH [colD [sortcolH]]]]: it records up to four
// column specifications for the next result and sends the query buffer, as
// exec_command_crosstabview does (command.c). The loop prints that result with Crosstab.
func runCrosstabview(env *Env, cmd string, args Args) Result {
	var ct render.Crosstab
	for ct.NArgs < len(ct.Args) {
		a, ok := args.Next(OptNormal)
		if !ok {
			break
		}
		ct.Args[ct.NArgs] = a
		ct.NArgs++
	}
	ct.On = true
	env.Print.Crosstab = ct
	return extraArgs(env, cmd, args, Send)
}

// Crosstab pivots a query result as psql's PrintResultInCrosstab (crosstabview.c) does and
// returns the table to print with render.PrintTable: the colV values down the left in
// order of first appearance, the colH values across the top in order of first appearance
// (or by the integer value of sortcolH), colD in the cells, "" where no row gives a value.
// NULL header values and NULL data print as null (\pset null). The error texts are psql's
// ("\crosstabview: ..."). rows is only read; the table shares no memory with it.
func Crosstab(rows *Rows, ct render.Crosstab, title, null string) (*render.Table, error) {
	if rows == nil || rows.Columns == nil {
		return nil, errors.New("\\crosstabview: statement did not return a result set")
	}
	ncols := len(rows.Columns)
	if ncols < 3 {
		return nil, errors.New("\\crosstabview: query must return at least three columns")
	}
	arg := func(i int) (string, bool) {
		if i < ct.NArgs {
			return ct.Args[i], true
		}
		return "", false
	}
	colV, colH, colD, colSort := 0, 1, -1, -1
	var err error
	if a, ok := arg(0); ok {
		if colV, err = crosstabColumn(a, rows.Columns); err != nil {
			return nil, err
		}
	}
	if a, ok := arg(1); ok {
		if colH, err = crosstabColumn(a, rows.Columns); err != nil {
			return nil, err
		}
	}
	if colV == colH {
		return nil, errors.New("\\crosstabview: vertical and horizontal headers must be different columns")
	}
	if a, ok := arg(2); ok {
		if colD, err = crosstabColumn(a, rows.Columns); err != nil {
			return nil, err
		}
	} else {
		if ncols != 3 {
			return nil, errors.New("\\crosstabview: data column must be specified when query returns more than three columns")
		}
		colD = 3 - colV - colH // the one left of 0, 1, 2
	}
	if a, ok := arg(3); ok {
		if colSort, err = crosstabColumn(a, rows.Columns); err != nil {
			return nil, err
		}
	}

	// Distinct header values with their rank of first appearance (psql's AVL trees).
	type header struct {
		name  *string
		sort  *string // sortcolH's value at the first appearance
		rank  int
		index int // position in value order, for ties of sortcolH
	}
	cell := func(r, c int) *string {
		if rows.IsNull(r, c) {
			return nil
		}
		v := rows.Data[r][c]
		return &v
	}
	key := func(p *string) string { // NULL apart from every string
		if p == nil {
			return "\x00"
		}
		return "\x01" + *p
	}
	var hCols, hRows []*header
	byCol, byRow := map[string]*header{}, map[string]*header{}
	for r := range rows.Data {
		h := cell(r, colH)
		if _, ok := byCol[key(h)]; !ok {
			e := &header{name: h, rank: len(hCols)}
			if colSort >= 0 {
				e.sort = cell(r, colSort)
			}
			byCol[key(h)] = e
			hCols = append(hCols, e)
			if len(hCols) > crosstabMaxColumns {
				return nil, fmt.Errorf("\\crosstabview: maximum number of columns (%d) exceeded", crosstabMaxColumns)
			}
		}
		v := cell(r, colV)
		if _, ok := byRow[key(v)]; !ok {
			e := &header{name: v, rank: len(hRows)}
			byRow[key(v)] = e
			hRows = append(hRows, e)
		}
	}
	if colSort >= 0 {
		// rankSort: by the integer sortcolH value (0 when it is not /^-?[0-9]*$/), ties in
		// value order (NULL first, then strcmp).
		byValue := append([]*header(nil), hCols...)
		sort.Slice(byValue, func(i, j int) bool { return lessName(byValue[i].name, byValue[j].name) })
		for i, e := range byValue {
			e.index = i
		}
		sort.Slice(byValue, func(i, j int) bool {
			ri, rj := crosstabRank(byValue[i].sort), crosstabRank(byValue[j].sort)
			if ri != rj {
				return ri < rj
			}
			return byValue[i].index < byValue[j].index
		})
		for i, e := range byValue {
			e.rank = i
		}
	}
	orNull := func(p *string) string {
		if p == nil {
			return null
		}
		return *p
	}

	t := &render.Table{Title: title}
	t.Columns = make([]render.Column, len(hCols)+1)
	t.Columns[0] = render.Column{Name: rows.Columns[colV].Name, Align: rows.Columns[colV].Align}
	for _, e := range hCols {
		t.Columns[e.rank+1] = render.Column{Name: orNull(e.name), Align: rows.Columns[colD].Align}
	}
	t.Rows = make([][]string, len(hRows))
	set := make([][]bool, len(hRows))
	for _, e := range hRows {
		t.Rows[e.rank] = make([]string, len(hCols)+1)
		t.Rows[e.rank][0] = orNull(e.name)
		set[e.rank] = make([]bool, len(hCols)+1)
	}
	for r := range rows.Data {
		re, ce := byRow[key(cell(r, colV))], byCol[key(cell(r, colH))]
		if set[re.rank][ce.rank+1] {
			errName := func(p *string) string {
				if p == nil {
					if null == "" {
						return "(null)" // psql's nullPrint is a NULL pointer until \pset null
					}
					return null
				}
				return *p
			}
			return nil, fmt.Errorf("\\crosstabview: query result contains multiple data values for row \"%s\", column \"%s\"",
				errName(re.name), errName(ce.name))
		}
		set[re.rank][ce.rank+1] = true
		t.Rows[re.rank][ce.rank+1] = orNull(cell(r, colD))
	}
	return t, nil
}

// lessName is pivotFieldCompare: NULL before any value, values by strcmp.
func lessName(a, b *string) bool {
	switch {
	case a == nil:
		return b != nil
	case b == nil:
		return false
	}
	return *a < *b
}

// crosstabRank is rankSort's reading of a sortcolH value: its integer value (C's atoi)
// when it matches /^-?[0-9]*$/, else 0.
func crosstabRank(p *string) int {
	if p == nil {
		return 0
	}
	digits := strings.TrimPrefix(*p, "-")
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return 0
		}
	}
	return atoi(*p)
}

// crosstabColumn is indexOfColumn: an all-digits argument is a column number from 1, any
// other a column name, downcased unless double-quoted (dequote_downcase_identifier).
func crosstabColumn(arg string, cols []render.Column) (int, error) {
	if arg != "" && strings.Trim(arg, "0123456789") == "" {
		n := atoi(arg)
		if n < 1 || n > len(cols) {
			return -1, fmt.Errorf("\\crosstabview: column number %d is out of range 1..%d", n, len(cols))
		}
		return n - 1, nil
	}
	name := dequoteDowncase(arg)
	idx := -1
	for i, c := range cols {
		if c.Name == name {
			if idx >= 0 {
				return -1, fmt.Errorf("\\crosstabview: ambiguous column name: \"%s\"", name)
			}
			idx = i
		}
	}
	if idx < 0 {
		return -1, fmt.Errorf("\\crosstabview: column name not found: \"%s\"", name)
	}
	return idx, nil
}

// dequoteDowncase is dequote_downcase_identifier (common.c): text in double quotes is
// kept as it is ("" for a quote), text outside is downcased (ASCII letters only).
func dequoteDowncase(s string) string {
	var b strings.Builder
	inQuotes := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && inQuotes && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"':
			inQuotes = !inQuotes
		case !inQuotes && c >= 'A' && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
