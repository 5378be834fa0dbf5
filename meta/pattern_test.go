package meta

import (
	"errors"
	"strings"
	"testing"
)

// The expected regular expressions and clauses are the ones psql 15 -E prints for the same
// patterns (processSQLNamePattern in describe.c).
func TestParsePattern(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, pattern     string
		parts             int
		force             bool
		db, schema, pname string
		dots              int
	}{
		{name: "plain", pattern: "foo", parts: 3, pname: "^(foo)$"},
		{name: "downcase", pattern: "FoO", parts: 3, pname: "^(foo)$"},
		{name: "star and question", pattern: "f*o?", parts: 3, pname: "^(f.*o.)$"},
		{name: "schema", pattern: "d7.*", parts: 3, schema: "^(d7)$", pname: "^(.*)$", dots: 1},
		{name: "quoted keeps case and dots", pattern: `"A.b"`, parts: 3, pname: `^(A\.b)$`},
		{name: "doubled quote", pattern: `"a""b"`, parts: 3, pname: `^(a"b)$`},
		{name: "dollar always literal", pattern: "a$b", parts: 3, pname: `^(a\$b)$`},
		{name: "array brackets", pattern: "int[]", parts: 3, pname: `^(int\[])$`},
		{name: "regex passes unquoted", pattern: "a|b", parts: 3, pname: "^(a|b)$"},
		{name: "force escape", pattern: "a|b", parts: 3, force: true, pname: `^(a\|b)$`},
		{name: "three parts", pattern: "db.s.n", parts: 3, db: "^(db)$", schema: "^(s)$", pname: "^(n)$", dots: 2},
		{name: "too many dots kept", pattern: "a.b.c.d", parts: 3, db: "^(a)$", schema: "^(b)$", pname: "^(c.d)$", dots: 3},
		{name: "one part keeps dots", pattern: "a.b", parts: 1, pname: "^(a.b)$", dots: 1},
		{name: "multibyte", pattern: "Ää", parts: 1, pname: "^(Ää)$"},
		{name: "empty", pattern: "", parts: 3, pname: "^()$"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := ParsePattern(tc.pattern, tc.parts, tc.force)
			if p.DB != tc.db || p.Schema != tc.schema || p.Name != tc.pname || p.Dots != tc.dots {
				t.Fatalf("ParsePattern(%q) = %+v, want db %q schema %q name %q dots %d", tc.pattern, p, tc.db, tc.schema, tc.pname, tc.dots)
			}
		})
	}
}

func TestNameFilterWhere(t *testing.T) {
	t.Parallel()
	rel := NameFilter{NameVar: "c.relname", SchemaVar: "n.nspname", Visibility: "pg_catalog.pg_table_is_visible(c.oid)"}
	tests := []struct {
		name       string
		f          NameFilter
		pattern    string
		hasPattern bool
		haveWhere  bool
		version    int
		want       string
		wantErr    string
	}{
		{name: "no pattern", f: rel, version: 150000, want: "WHERE pg_catalog.pg_table_is_visible(c.oid)\n"},
		{name: "name only", f: rel, pattern: "nosuch", hasPattern: true, haveWhere: true, version: 150000,
			want: "  AND c.relname OPERATOR(pg_catalog.~) '^(nosuch)$' COLLATE pg_catalog.default\n  AND pg_catalog.pg_table_is_visible(c.oid)\n"},
		{name: "schema star", f: rel, pattern: "d7.*", hasPattern: true, haveWhere: true, version: 150000,
			want: "  AND n.nspname OPERATOR(pg_catalog.~) '^(d7)$' COLLATE pg_catalog.default\n"},
		{name: "pre 12 no collate", f: rel, pattern: "x", hasPattern: true, version: 110000,
			want: "WHERE c.relname OPERATOR(pg_catalog.~) '^(x)$'\n  AND pg_catalog.pg_table_is_visible(c.oid)\n"},
		{name: "alt name", f: NameFilter{NameVar: "a", AltNameVar: "b"}, pattern: "x", hasPattern: true, version: 150000,
			want: "WHERE (a OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default\n        OR b OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default)\n"},
		{name: "quote in literal", f: NameFilter{NameVar: "a"}, pattern: `"it's"`, hasPattern: true, version: 150000,
			want: "WHERE a OPERATOR(pg_catalog.~) '^(it''s)$' COLLATE pg_catalog.default\n"},
		{name: "backslash literal", f: NameFilter{NameVar: "a"}, pattern: `a\b`, hasPattern: true, version: 150000,
			want: "WHERE a OPERATOR(pg_catalog.~) E'^(a\\\\b)$' COLLATE pg_catalog.default\n"},
		{name: "current db", f: rel, pattern: "mydb.s.t", hasPattern: true, version: 150000,
			want: "WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default\n  AND n.nspname OPERATOR(pg_catalog.~) '^(s)$' COLLATE pg_catalog.default\n"},
		{name: "other db", f: rel, pattern: "a.b.c", hasPattern: true, wantErr: "cross-database references are not implemented: a.b.c"},
		{name: "too many dots", f: rel, pattern: "a.b.c.d", hasPattern: true, wantErr: "improper qualified name (too many dotted names): a.b.c.d"},
		{name: "schemas reject any dot", f: NameFilter{NameVar: "n.nspname", MaxParts: 2}, pattern: "mydb.d7", hasPattern: true,
			wantErr: "cross-database references are not implemented: mydb.d7"},
		{name: "names reject a dot", f: NameFilter{NameVar: "r.rolname"}, pattern: "a.b", hasPattern: true,
			wantErr: "improper qualified name (too many dotted names): a.b"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.f.Where(tc.pattern, tc.hasPattern, tc.haveWhere, "mydb", tc.version)
			if tc.wantErr != "" {
				var pe *PatternError
				if !errors.As(err, &pe) || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("Where = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

// FuzzParsePattern checks that any pattern converts without panicking, that every part is
// anchored, and that the Where clause never leaves a string literal open.
func FuzzParsePattern(f *testing.F) {
	for _, s := range []string{"foo", `"a""b".c*`, "a.b.c.d", "$[]", `\'`, "Ää?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, pattern string) {
		p := ParsePattern(pattern, 3, false)
		for _, part := range []string{p.DB, p.Schema, p.Name} {
			if part != "" && (!strings.HasPrefix(part, "^(") || !strings.HasSuffix(part, ")$")) {
				t.Fatalf("part %q of %q is not anchored", part, pattern)
			}
		}
		w, err := NameFilter{NameVar: "a", SchemaVar: "b"}.Where(pattern, true, false, "db", 150000)
		if err == nil && strings.Count(strings.ReplaceAll(w, "''", ""), "'")%2 != 0 {
			t.Fatalf("unbalanced quotes in %q", w)
		}
	})
}
