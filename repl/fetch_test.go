package repl

import "testing"

// TestParseVarNum checks FETCH_COUNT's validation; the accepted and rejected values are
// those psql 15 accepted and rejected ("invalid value ... integer expected").
func TestParseVarNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     int
		ok       bool
	}{
		{"decimal", "2", 2, true},
		{"hex", "0x10", 16, true},
		{"octal", "010", 8, true},
		{"leading space", " 5", 5, true},
		{"negative", "-3", -3, true},
		{"trailing space", "5 ", 0, false},
		{"too big", "99999999999", 0, false},
		{"empty", "", 0, false},
		{"word", "abc", 0, false},
		{"bare hex prefix", "0x", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, ok := parseVarNum(tc.in)
			if ok != tc.ok || (ok && got != tc.want) {
				t.Errorf("parseVarNum(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// TestIsSelectCommand checks which queries FETCH_COUNT fetches through a cursor.
func TestIsSelectCommand(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, q string
		want    bool
	}{
		{"select", "select 1", true},
		{"upper values", "VALUES (1)", true},
		{"comments and parens", "/* a /* nested */ c */ -- x\n ((select 1))", true},
		{"selectx", "selectx", false},
		{"insert", "insert into t values (1)", false},
		{"with", "with x as (select 1) select * from x", false},
		{"empty", "  ", false},
		{"unterminated comment", "/* select", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := isSelectCommand(tc.q); got != tc.want {
				t.Errorf("isSelectCommand(%q) = %v, want %v", tc.q, got, tc.want)
			}
		})
	}
}
