package repl

import "testing"

// TestChangesCatalog: which statements drop the completion cache.
func TestChangesCatalog(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		q    string
		want bool
	}{
		{name: "create", q: "create table t (a int)", want: true},
		{name: "drop after select", q: "select 1; DROP TABLE t", want: true},
		{name: "alter", q: "  ALTER TABLE t ADD b int", want: true},
		{name: "set search_path", q: "set search_path = s", want: true},
		{name: "rollback", q: "rollback", want: true},
		{name: "select into", q: "select 1 into t2", want: true},
		{name: "plain select", q: "select * from t", want: false},
		{name: "insert", q: "insert into t values (1)", want: false},
		{name: "empty", q: "", want: false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := changesCatalog(tc.q); got != tc.want {
				t.Fatalf("changesCatalog(%q) = %v, want %v", tc.q, got, tc.want)
			}
		})
	}
}
