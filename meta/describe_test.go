package meta

import (
	"strings"
	"testing"
)

// TestBuilders checks the describe builders' branches: columns that depend on + and on the
// server version, the filters S and a pattern switch off, and bad arguments. What the
// queries print is checked against psql in cmd/gpsql's end-to-end tests.
func TestBuilders(t *testing.T) {
	t.Parallel()
	req := func(pattern string, verbose, system bool, letters string, version int) *dreq {
		return &dreq{pattern: pattern, hasPattern: pattern != "", verbose: verbose, system: system, letters: letters, version: version, db: "db"}
	}
	rel := func(r *dreq) (listing, error) { return buildRelations(r, false) }
	fn := func(r *dreq) (listing, error) { return buildFunctions(r, nil) }
	tests := []struct {
		name    string
		build   builder
		r       *dreq
		title   string
		has     []string
		hasNot  []string
		wantErr string
	}{
		{name: "dt default hides system schemas", build: rel, r: req("", false, false, "t", 150000), title: "List of relations",
			has: []string{"'r','p'", "n.nspname <> 'pg_catalog'", "pg_table_is_visible"}, hasNot: []string{"'p','t'", "Access method"}},
		{name: "dtS shows toast", build: rel, r: req("", false, true, "t", 150000),
			has: []string{"'p','t'", "'s'"}, hasNot: []string{"n.nspname <> 'pg_catalog'"}},
		{name: "dt+ on 15 has access method", build: rel, r: req("", true, false, "t", 150000),
			has: []string{`"Access method"`, `"Persistence"`, `"Size"`, `"Description"`}},
		{name: "dt+ on 11 has no access method", build: rel, r: req("", true, false, "t", 110000),
			hasNot: []string{`"Access method"`, "pg_am"}},
		{name: "ds+ has no access method", build: rel, r: req("", true, false, "s", 150000), hasNot: []string{`"Access method"`}},
		{name: "di has table column", build: rel, r: req("", false, false, "i", 150000), has: []string{`"Table"`, "'i','I'"}},
		{name: "relation not found message", build: rel, r: req("x", false, false, "t", 150000)},
		{name: "l on 15 has ICU", build: buildDatabases, r: req("", false, false, "", 150000), title: "List of databases",
			has: []string{`"ICU Locale"`, `"Locale Provider"`}, hasNot: []string{`"Size"`}},
		{name: "l on 14 has constant ICU columns", build: buildDatabases, r: req("", false, false, "", 140000),
			has: []string{`NULL as "ICU Locale"`, `'libc' AS "Locale Provider"`}, hasNot: []string{"daticulocale", "datlocprovider"}},
		{name: "l+ has size", build: buildDatabases, r: req("", true, false, "", 150000), has: []string{`"Size"`, `"Tablespace"`}},
		{name: "df+ on 14 uses sql body", build: fn, r: req("", true, false, "", 140000), has: []string{"pg_get_function_sqlbody"}},
		{name: "df+ on 13 uses prosrc", build: fn, r: req("", true, false, "", 130000), hasNot: []string{"pg_get_function_sqlbody"}},
		{name: "dfa only aggregates", build: fn, r: req("", false, false, "a", 150000), has: []string{"(p.prokind = 'a')"}},
		{name: "dfn excludes the others", build: fn, r: req("", false, false, "n", 150000),
			has: []string{"p.prokind <> 'a'", "p.prokind <> 'p'", "p.prokind <> 'w'", "'pg_catalog.trigger'"}},
		{name: "df bad letter", build: fn, r: req("", false, false, "x", 150000), wantErr: `\df only takes [anptwS+] as options`},
		{name: "dn without S", build: buildSchemas, r: req("", false, false, "", 150000), has: []string{"n.nspname !~ '^pg_'"}},
		{name: "dnS", build: buildSchemas, r: req("", false, true, "", 150000), hasNot: []string{"!~ '^pg_'"}},
		{name: "dn dotted", build: buildSchemas, r: req("db.x", false, false, "", 150000), wantErr: "cross-database references are not implemented: db.x"},
		// \ddp and \dL have no schema variable: the pattern is not split, and psql's
		// maxparts is 3 and 2, so the last allowed dot names "another database" even when
		// it is the current one (validateSQLNamePattern, describe.c).
		{name: "ddp one dot is a name", build: buildDefaultPrivileges, r: req("a.b", false, false, "", 150000),
			has: []string{"n.nspname OPERATOR(pg_catalog.~) '^(a.b)$'"}},
		{name: "ddp two dots", build: buildDefaultPrivileges, r: req("db.a.b", false, false, "", 150000), wantErr: "cross-database references are not implemented: db.a.b"},
		{name: "ddp three dots", build: buildDefaultPrivileges, r: req("w.x.y.z", false, false, "", 150000), wantErr: "improper qualified name (too many dotted names): w.x.y.z"},
		{name: "dL one dot", build: buildLanguages, r: req("db.plpgsql", false, false, "", 150000), wantErr: "cross-database references are not implemented: db.plpgsql"},
		{name: "dL two dots", build: buildLanguages, r: req("x.y.z", false, false, "", 150000), wantErr: "improper qualified name (too many dotted names): x.y.z"},
		{name: "du system roles hidden", build: buildRoles, r: req("", false, false, "", 150000), has: []string{"r.rolname !~ '^pg_'"}},
		{name: "dRs+ on 14 lacks 15 columns", build: buildSubscriptions, r: req("", true, false, "", 140000),
			has: []string{`"Binary"`}, hasNot: []string{"Two-phase", "Skip LSN"}},
		{name: "dRs+ on 13 has neither binary nor streaming", build: buildSubscriptions, r: req("", true, false, "", 130000),
			has: []string{`"Synchronous commit"`}, hasNot: []string{"Binary", "Streaming"}},
		{name: "dO on 14 shows collcollate as ICU", build: buildCollations, r: req("", false, false, "", 140000),
			has: []string{`c.collcollate AS "ICU Locale"`}, hasNot: []string{"colliculocale"}},
		{name: "dX on 13 names the columns itself", build: buildExtStats, r: req("", false, false, "", 130000),
			has: []string{"pg_catalog.unnest(es.stxkeys)"}, hasNot: []string{"pg_get_statisticsobjdef_columns"}},
		{name: "dX on 14 uses statisticsobjdef", build: buildExtStats, r: req("", false, false, "", 140000),
			has: []string{"pg_get_statisticsobjdef_columns"}},
		{name: "dP tables only", build: buildPartitioned, r: req("", false, false, "t", 150000), title: "List of partitioned tables",
			has: []string{"NOT c.relispartition"}, hasNot: []string{`"Type"`}},
		{name: "dconfig without pattern shows changed settings", build: buildConfig, r: req("", false, false, "", 150000),
			has: []string{"s.source <> 'default'"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l, err := tc.build(tc.r)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.title != "" && l.title != tc.title {
				t.Errorf("title %q, want %q", l.title, tc.title)
			}
			for _, s := range tc.has {
				if !strings.Contains(l.sql, s) {
					t.Errorf("SQL lacks %q:\n%s", s, l.sql)
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(l.sql, s) {
					t.Errorf("SQL has %q:\n%s", s, l.sql)
				}
			}
		})
	}
}

func TestWithLineNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		isFunc   bool
		want     string
	}{
		// As psql 15 printed \sf+ d7.add(int,int) and \sv+ d7.v_parent.
		{name: "function", isFunc: true,
			in:   "CREATE OR REPLACE FUNCTION d7.add(a integer, b integer)\n RETURNS integer\n LANGUAGE sql\n IMMUTABLE\nAS $function$select a + b$function$\n",
			want: "        CREATE OR REPLACE FUNCTION d7.add(a integer, b integer)\n         RETURNS integer\n         LANGUAGE sql\n         IMMUTABLE\n1       AS $function$select a + b$function$\n"},
		{name: "view", in: "CREATE OR REPLACE VIEW v AS\n SELECT 1\n",
			want: "1       CREATE OR REPLACE VIEW v AS\n2        SELECT 1\n"},
		{name: "empty", in: "", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := withLineNumbers(tc.in, tc.isFunc); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestRegistryNames(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"d", "dt+", "dtS+", "dti", "dvmE", "dfa", "df+S", "l+", "z", "dp", "sf+", "sv", "dconfig", "dFd+", "dPi"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, ok := Lookup(name); !ok {
				t.Fatalf("\\%s is not registered", name)
			}
		})
	}
}
