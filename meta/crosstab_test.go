package meta

import (
	"reflect"
	"testing"

	"github.com/gpsql/gpsql/render"
)

// rowsOf builds a result; a nil entry is NULL.
func rowsOf(names []string, data ...[]*string) *Rows {
	r := &Rows{}
	for _, n := range names {
		r.Columns = append(r.Columns, render.Column{Name: n, Align: render.AlignLeft})
	}
	for _, row := range data {
		vals := make([]string, len(row))
		nulls := make([]bool, len(row))
		for i, v := range row {
			if v == nil {
				nulls[i] = true
			} else {
				vals[i] = *v
			}
		}
		r.Data = append(r.Data, vals)
		r.Null = append(r.Null, nulls)
	}
	return r
}

func sp(s string) *string { return &s }

func ctArgs(args ...string) render.Crosstab {
	ct := render.Crosstab{On: true, NArgs: len(args)}
	copy(ct.Args[:], args)
	return ct
}

// TestCrosstab checks the pivot against what psql 15's \crosstabview printed for the same
// rows (expectations transcribed from psql runs; see the report of issue 5).
func TestCrosstab(t *testing.T) {
	t.Parallel()
	four := rowsOf([]string{"v", "h", "d", "s"},
		[]*string{sp("r1"), sp("c1"), sp("1"), sp("3")},
		[]*string{sp("r2"), sp("c2"), sp("2"), sp("1")},
		[]*string{sp("r1"), sp("c2"), sp("3"), sp("1")},
		[]*string{nil, sp("c3"), sp("4"), sp("2")},
		[]*string{sp("r2"), nil, nil, sp("-1")})
	three := rowsOf([]string{"a", "B", "c"}, []*string{sp("1"), sp("2"), sp("3")})
	tests := []struct {
		name    string
		rows    *Rows
		ct      render.Crosstab
		headers []string
		cells   [][]string
		err     string
	}{
		{name: "sort column and NULLs", rows: four, ct: ctArgs("v", "h", "d", "s"),
			headers: []string{"v", "", "c2", "c3", "c1"},
			cells:   [][]string{{"r1", "", "3", "", "1"}, {"r2", "", "2", "", ""}, {"", "", "", "4", ""}}},
		{name: "appearance order", rows: four, ct: ctArgs("v", "h", "d"),
			headers: []string{"v", "c1", "c2", "c3", ""},
			cells:   [][]string{{"r1", "1", "3", "", ""}, {"r2", "", "2", "", ""}, {"", "", "", "4", ""}}},
		{name: "quoted name", rows: three, ct: ctArgs("c", `"B"`),
			headers: []string{"c", "2"}, cells: [][]string{{"3", "1"}}},
		{name: "data column needed", rows: four, ct: ctArgs(),
			err: `\crosstabview: data column must be specified when query returns more than three columns`},
		{name: "duplicate cell", rows: rowsOf([]string{"v", "h", "d"},
			[]*string{sp("r1"), sp("c1"), sp("1")}, []*string{sp("r1"), sp("c1"), sp("2")}), ct: ctArgs(),
			err: `\crosstabview: query result contains multiple data values for row "r1", column "c1"`},
		{name: "two columns", rows: rowsOf([]string{"a", "b"}), ct: ctArgs(),
			err: `\crosstabview: query must return at least three columns`},
		{name: "same headers", rows: three, ct: ctArgs("1", "1"),
			err: `\crosstabview: vertical and horizontal headers must be different columns`},
		{name: "number out of range", rows: three, ct: ctArgs("4"),
			err: `\crosstabview: column number 4 is out of range 1..3`},
		{name: "ambiguous", rows: rowsOf([]string{"a", "B", "a"}), ct: ctArgs("a"),
			err: `\crosstabview: ambiguous column name: "a"`},
		{name: "not found after downcasing", rows: three, ct: ctArgs("B"),
			err: `\crosstabview: column name not found: "b"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tab, err := Crosstab(tc.rows, tc.ct, "", "")
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var headers []string
			for _, c := range tab.Columns {
				headers = append(headers, c.Name)
			}
			if !reflect.DeepEqual(headers, tc.headers) {
				t.Errorf("headers %q, want %q", headers, tc.headers)
			}
			if !reflect.DeepEqual(tab.Rows, tc.cells) {
				t.Errorf("cells %q, want %q", tab.Rows, tc.cells)
			}
		})
	}
}
