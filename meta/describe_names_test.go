package meta

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

// TestDescribeName checks how \d-family names resolve, against what psql 15.18 did with
// each (run with -c): which listing it printed, or "invalid command".
func TestDescribeName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		entry string // the registry entry's canonical name; "" for invalid command
	}{
		{"d", "d"}, {"d++", "d"}, {"dS+S", "d"}, {"dSS", "d"}, {"d+x", "d"}, {"dSt", "d"},
		{"dt", "dt"}, {"dtt", "dt"}, {"dv++", "dv"}, {"dEx", "dE"}, {"ds", "ds"},
		{"dA", "dA"}, {"dA++", "dA"}, {"dA+S+", "dA"}, {"dAS", ""}, {"dAx", ""}, {"dAcS", "dAc"},
		{"dAcx", "dAc"}, {"dApx", "dAp"},
		{"df", "df"}, {"dfS+a", "df"}, {"dft", "df"}, {"dfax", "df"}, {"dfx", ""}, {"dfxa", ""},
		{"dP", "dP"}, {"dP+S", "dP"}, {"dPtx", "dP"}, {"dPS", ""}, {"dPx", ""},
		{"dF", "dF"}, {"dF+S", "dF"}, {"dFS", ""}, {"dFx", ""}, {"dFpx", "dFp"}, {"dFd", "dFd"},
		{"de", ""}, {"dex", ""}, {"desx", "des"}, {"det", "det"},
		{"dR", ""}, {"dRx", ""}, {"dRpx", "dRp"}, {"dRs", "dRs"},
		{"dr", ""}, {"drx", ""}, {"drd", ""}, {"drds", "drds"}, {"drdsx", "drds"},
		{"dconfig", "dconfig"}, {"dconfig+", "dconfig"}, {"dconfigx", "dconfig"}, {"dconf", "dc"}, {"dc", "dc"},
		{"dd", "dd"}, {"ddx", "dd"}, {"ddp", "ddp"}, {"ddpx", "ddp"},
		{"dnx", "dn"}, {"dxyz", "dx"}, {"dlx", "dl"}, {"dg+S", "du"}, {"dX+", "dX"},
		{"dq", ""}, {"dz", ""}, {"d1", ""}, {"dU", ""},
		{"lS", ""}, {"l+S", ""}, {"list+", "l"}, {"zS", ""}, {"z+", ""}, {"sfS", ""}, {"sf+", "sf"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, ok := Lookup(tc.name)
			switch {
			case tc.entry == "" && ok:
				t.Fatalf("\\%s found (%s), psql says invalid command", tc.name, c.Names[0])
			case tc.entry != "" && !ok:
				t.Fatalf("\\%s not found, want the %s entry", tc.name, tc.entry)
			case ok && c.Names[0] != tc.entry && !strings.Contains(strings.Join(c.Names, " "), tc.entry):
				t.Fatalf("\\%s found %v, want the %s entry", tc.name, c.Names, tc.entry)
			}
		})
	}
}

// sqlRecorder is a Querier that keeps the statements and returns no rows.
type sqlRecorder struct{ sql []string }

func (q *sqlRecorder) Query(sql string) (*Rows, error) {
	q.sql = append(q.sql, sql)
	return &Rows{}, nil
}
func (q *sqlRecorder) QueryMinimal(sql string) (*Rows, error) { return q.Query(sql) }
func (q *sqlRecorder) ServerVersion() int                     { return 150000 }

// listArgs gives the arguments of a command line.
type listArgs struct{ a []string }

func (l *listArgs) Next(OptionKind) (string, bool) {
	if len(l.a) == 0 {
		return "", false
	}
	a := l.a[0]
	l.a = l.a[1:]
	return a, true
}

// TestDescribeNameFlags runs names through Lookup and the command, and checks the catalog
// query: the lister psql 15 runs, with show_verbose and show_system only where its function
// takes them (psql 15's \dpS lists what \dp lists; \dSt lists every kind of relation).
func TestDescribeNameFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line    string // command name and arguments
		has     []string
		hasNot  []string
		errs    string // what the command reported
		result  Result
		queries int // -1: any number
	}{
		// psql's listTables builds the relkind list in this order.
		{line: "dS+S", has: []string{`"Size"`, "c.relkind IN ('r','p','t','v','m','S','s','f','')"}, hasNot: []string{"n.nspname <> 'pg_catalog'"}},
		{line: "dSt", has: []string{"c.relkind IN ('r','p','t','v','m','S','s','f','')"}, hasNot: []string{`"Size"`}},
		{line: "dtt", has: []string{"c.relkind IN ('r','p','')", "n.nspname <> 'pg_catalog'"}},
		{line: "dv++", has: []string{"c.relkind IN ('v','')", `"Size"`}},
		{line: "dtvS+", has: []string{"c.relkind IN ('r','p','t','v','s','')", `"Access method"`}},
		{line: "dsx", has: []string{"c.relkind IN ('S','')"}},
		{line: "dfS+a", has: []string{"p.prokind = 'a'", `"Volatility"`}, hasNot: []string{"p.prokind = 'p'", "n.nspname <> 'pg_catalog'"}},
		{line: "dfSS", has: []string{"FROM pg_catalog.pg_proc"}, hasNot: []string{"p.prokind =", "p.prokind <>", "n.nspname <> 'pg_catalog'"}},
		{line: "dfax", errs: `\df only takes [anptwS+] as options`, result: OK},
		{line: "dfax d7.* int", errs: `\df only takes [anptwS+] as options`, result: OK},
		{line: "dA+S+", has: []string{"amhandler"}},
		{line: "dAcS btree int4", has: []string{"pg_catalog.pg_opclass", "am.amname", "t.typname"}, hasNot: []string{"Operator family"}},
		{line: "dApx", has: []string{"pg_catalog.pg_amproc"}},
		{line: "dP+S", has: []string{`"Total size"`, "'p','I'"}},
		{line: "dPtx", has: []string{"c.relkind IN ('p')"}, hasNot: []string{`"Total size"`}},
		{line: "dPin+", has: []string{"c.relkind IN ('I')", `"Leaf partition size"`}},
		{line: "dconfig+", has: []string{`"Type"`, "s.source <> 'default'"}},
		{line: "dconfigS", has: []string{"s.source <> 'default'"}},
		{line: "dconf", has: []string{"pg_catalog.pg_conversion"}},
		{line: "dcS+", has: []string{"pg_catalog.pg_conversion", `"Description"`}, hasNot: []string{"n.nspname <> 'pg_catalog'"}},
		{line: "ddpx", has: []string{"pg_catalog.pg_default_acl"}},
		{line: "ddS", has: []string{"pg_catalog.pg_description"}, hasNot: []string{"n.nspname <> 'pg_catalog'"}},
		{line: "dpS", has: []string{"n.nspname !~ '^pg_'"}},
		{line: "dx+x", has: []string{"e.oid"}, result: Error}, // describeExtensions: none found is a failure
		{line: "dxyz", has: []string{`"Version"`}},
		{line: "dRp+S", has: []string{"pg_catalog.pg_publication"}, result: Error},
		{line: "dl+S", has: []string{`"Access privileges"`}},
		{line: "dnx", has: []string{"pg_catalog.pg_namespace", "n.nspname !~ '^pg_'"}, hasNot: []string{`"Description"`}},
		{line: "drdsS", has: []string{"pg_catalog.pg_db_role_setting"}},
		{line: "dF+S", has: []string{"pg_catalog.pg_ts_config", "c.cfgparser"}, result: Error},
		{line: "dT+S", has: []string{`"Internal name"`}, hasNot: []string{"n.nspname <> 'pg_catalog'"}},
		{line: "dX+S", has: []string{"pg_catalog.pg_statistic_ext"}},
	}
	for _, tc := range tests {
		t.Run(tc.line, func(t *testing.T) {
			t.Parallel()
			fields := strings.Fields(tc.line)
			c, ok := Lookup(fields[0])
			if !ok {
				t.Fatalf("\\%s not found", fields[0])
			}
			q := &sqlRecorder{}
			var errs strings.Builder
			env := &Env{Out: io.Discard, Stdout: io.Discard, Stderr: io.Discard, Query: q, Quiet: true,
				Errorf: func(format string, a ...any) { fmt.Fprintf(&errs, format, a...) },
				Warnf:  func(string, ...any) {}}
			res := c.Run(env, fields[0], &listArgs{a: fields[1:]})
			if res != tc.result {
				t.Errorf("result %v, want %v", res, tc.result)
			}
			if errs.String() != tc.errs {
				t.Errorf("reported %q, want %q", errs.String(), tc.errs)
			}
			if tc.errs != "" {
				if len(q.sql) != 0 {
					t.Errorf("ran %d queries, want none", len(q.sql))
				}
				return
			}
			if len(q.sql) == 0 {
				t.Fatal("ran no query")
			}
			for _, s := range tc.has {
				if !strings.Contains(q.sql[0], s) {
					t.Errorf("query lacks %q:\n%s", s, q.sql[0])
				}
			}
			for _, s := range tc.hasNot {
				if strings.Contains(q.sql[0], s) {
					t.Errorf("query has %q:\n%s", s, q.sql[0])
				}
			}
		})
	}
}

// TestNamesCanonical checks that completion's names are the canonical ones: each resolves
// to a command, and no spelling with S or + suffixes is listed.
func TestNamesCanonical(t *testing.T) {
	t.Parallel()
	names := Names()
	seen := map[string]bool{}
	for _, n := range names {
		seen[n] = true
		if strings.HasSuffix(n, "+") || (strings.HasPrefix(n, "d") && strings.Contains(n, "S")) {
			t.Errorf("Names lists %q", n)
		}
		if _, ok := Lookup(n); !ok {
			t.Errorf("Names lists %q, which Lookup does not find", n)
		}
	}
	for _, n := range []string{"d", "dt", "df", "dA", "dAc", "dconfig", "drds", "dRp", "l", "list", "z", "sf"} {
		if !seen[n] {
			t.Errorf("Names lacks %q", n)
		}
	}
}
