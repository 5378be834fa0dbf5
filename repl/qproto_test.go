package repl

import (
	"testing"

	"github.com/gpsql/gpsql/proto"
)

func TestSingleStatement(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		query string
		std   bool
		want  bool
	}{
		{name: "one with semicolon", query: "select 1;", std: true, want: true},
		{name: "one without semicolon", query: "select 1", std: true, want: true},
		{name: "two", query: "select 1; select 2", std: true, want: false},
		{name: "two from backslash semicolon", query: "select 1 ; select 2;", std: true, want: false},
		{name: "trailing comment", query: "select 1; -- done\n", std: true, want: true},
		{name: "trailing block comment", query: "select 1; /* a; b */", std: true, want: true},
		{name: "empty statements around", query: ";; select 1;;", std: true, want: true},
		{name: "semicolon in literal", query: "select 'a;b';", std: true, want: true},
		{name: "semicolon in identifier", query: `select 1 as ";";`, std: true, want: true},
		{name: "semicolon in dollar quote", query: "select $x$;$x$;", std: true, want: true},
		{name: "semicolon in comment", query: "select /* ; */ 1 -- ;\n;", std: true, want: true},
		{name: "semicolon in parentheses", query: "create rule r as on insert to t do also (select 1; select 2);", std: true, want: true},
		{name: "begin atomic body", query: "create function f() returns int language sql\nbegin atomic select 1; select 2; end;", std: true, want: true},
		{name: "escape string with quote", query: `select E'\';' ; select 2;`, std: true, want: false},
		{name: "backslash quote without standard strings", query: `select 'a\';b';`, std: false, want: true},
		{name: "backslash quote with standard strings", query: `select 'a\';b';`, std: true, want: false},
		{name: "multi-line", query: "select\n 1\n;\n", std: true, want: true},
		{name: "empty", query: "", std: true, want: false},
		{name: "only semicolon", query: ";", std: true, want: false},
		{name: "only comment", query: "-- nothing\n", std: true, want: false},
		{name: "backslash outside quotes", query: `select 1 \g`, std: true, want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := singleStatement(tc.query, tc.std); got != tc.want {
				t.Errorf("singleStatement(%q, %v) = %v, want %v", tc.query, tc.std, got, tc.want)
			}
		})
	}
}

func TestAsCursorError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		pos  int32
		want int32
	}{
		{name: "position moved", pos: 8, want: 8 + 42},
		{name: "no position", pos: 0, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := &proto.ServerError{Severity: "ERROR", Message: "m", Position: tc.pos}
			got := asCursorError(in).(*proto.ServerError)
			if got.Position != tc.want {
				t.Errorf("position %d, want %d", got.Position, tc.want)
			}
			if in.Position != tc.pos {
				t.Errorf("the original error changed")
			}
		})
	}
}
