package meta

import (
	"context"
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// dreq is one describe command as typed: the pattern (hasPattern false when none was given),
// + (verbose) and S (system objects), the letters after the command's base name, and what
// the builders need to know about the session.
type dreq struct {
	pattern    string
	hasPattern bool
	verbose    bool
	system     bool
	letters    string // what psql passes the lister: "tv+" for \dtv+, "Sn" for \dfSn (describeLetters)
	version    int    // server_version_num
	pattern2   string // \drds's database pattern
	has2       bool
	db         string // current database, for db.schema.name patterns
}

// listing is a built catalog query: the SQL, the table title, and the message psql prints
// (as an error) when it finds no rows ("" for none). A listing with noFooter prints no
// "(N rows)" footer (psql's describeRoles builds its table by hand).
type listing struct {
	sql      string
	title    string
	notFound string
	noFooter bool
	// failNotFound makes an empty result a failed command (psql returns false).
	failNotFound bool
	// print, when set, prints the rows instead of the default table.
	print func(env *Env, rows *Rows) Result
}

// builder is a pure describe builder: (request) → listing, or a pattern error.
type builder func(r *dreq) (listing, error)

// What psql 15's exec_command_d passes on to a lister besides the pattern: show_verbose
// (a '+' anywhere in the name) and show_system (an 'S' anywhere), each only to the listers
// whose C function takes it (listDefaultACLs takes neither, permissionsList neither in 15,
// describeAccessMethods no show_system, ...).
const (
	passVerbose = 1 << iota
	passSystem
	passBoth = passVerbose | passSystem
)

// describeCommands are the \d family and the other catalog listings. Each \d entry is named
// by the canonical names describeName resolves a typed name to, plus the spellings psql 15's
// tab completion offers (\dPi, \dPt); \l, \z, \sf and \sv keep their exact spellings,
// since psql compares those names whole.
func describeCommands() []Command {
	sec := "Informational"
	list := func(help, args string, pass int, b builder, names ...string) Command {
		return Command{Names: names, Args: args, Help: help, Section: sec,
			Run: func(env *Env, name string, a Args) Result { return runList(env, name, a, pass, b) }}
	}
	cmds := []Command{
		{Names: []string{"d", "dE", "di", "dm", "ds", "dt", "dv"}, Args: "[S+] [PATTERN]", Section: sec,
			Help: "describe table, view, sequence, or index; list relations of the given kinds",
			Run:  runRelations},
		list("list schemas", "[S+] [PATTERN]", passBoth, buildSchemas, "dn"),
		{Names: []string{"df"}, Args: "[anptwS+] [FUNCPTRN [TYPEPTRN ...]]", Section: sec,
			Help: "list [only agg/normal/procedure/trigger/window] functions", Run: runFunctions},
		list("list data types", "[S+] [PATTERN]", passBoth, buildTypes, "dT"),
		list("list roles", "[S+] [PATTERN]", passBoth, buildRoles, "du", "dg"),
		{Names: []string{"l", "list", "l+", "list+"}, Args: "[+] [PATTERN]", Section: sec, Help: "list databases",
			Run: func(env *Env, name string, a Args) Result { return runList(env, name, a, passVerbose, buildDatabases) }},
		list("list extensions", "[+] [PATTERN]", passVerbose, buildExtensions, "dx"),
		list("list domains", "[S+] [PATTERN]", passBoth, buildDomains, "dD"),
		list("list conversions", "[S+] [PATTERN]", passBoth, buildConversions, "dc"),
		list("list casts", "[+] [PATTERN]", passVerbose, buildCasts, "dC"),
		{Names: []string{"do"}, Args: "[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]", Section: sec,
			Help: "list operators", Run: runOperators},
		list("list event triggers", "[+] [PATTERN]", passVerbose, buildEventTriggers, "dy"),
		list("list table, view, and sequence access privileges", "[PATTERN]", 0, buildPrivileges, "dp"),
		{Names: []string{"z"}, Args: "[PATTERN]", Section: sec, Help: "same as \\dp",
			Run: func(env *Env, name string, a Args) Result { return runList(env, name, a, 0, buildPrivileges) }},
		list("list default privileges", "[PATTERN]", 0, buildDefaultPrivileges, "ddp"),
		list("list tablespaces", "[+] [PATTERN]", passVerbose, buildTablespaces, "db"),
		list("list procedural languages", "[S+] [PATTERN]", passBoth, buildLanguages, "dL"),
		list("list collations", "[S+] [PATTERN]", passBoth, buildCollations, "dO"),
		list("list configuration parameters", "[+] [PATTERN]", passBoth, buildConfig, "dconfig"),
		list("list aggregates", "[S+] [PATTERN]", passBoth, buildAggregates, "da"),
		list("list access methods", "[+] [PATTERN]", passVerbose, buildAccessMethods, "dA"),
		{Names: []string{"dAc", "dAf", "dAo", "dAp"}, Args: "[+] [AMPTRN [TYPEPTRN|OPFPTRN]]", Section: sec,
			Help: "list operator classes, families, and their operators and support functions", Run: runAM},
		list("list foreign servers", "[+] [PATTERN]", passVerbose, buildForeignServers, "des"),
		list("list foreign tables", "[+] [PATTERN]", passVerbose, buildForeignTables, "det"),
		list("list user mappings", "[+] [PATTERN]", passVerbose, buildUserMappings, "deu"),
		list("list foreign-data wrappers", "[+] [PATTERN]", passVerbose, buildFDWs, "dew"),
		list("list text search configurations", "[+] [PATTERN]", passVerbose, buildTSConfigs, "dF"),
		list("list text search dictionaries", "[+] [PATTERN]", passVerbose, buildTSDictionaries, "dFd"),
		list("list text search parsers", "[+] [PATTERN]", passVerbose, buildTSParsers, "dFp"),
		list("list text search templates", "[+] [PATTERN]", passVerbose, buildTSTemplates, "dFt"),
		list("list large objects, same as \\lo_list", "[+]", passVerbose, buildLargeObjects, "dl"),
		{Names: []string{"drds"}, Args: "[ROLEPTRN [DBPTRN]]", Section: sec, Help: "list per-database role settings",
			Run: runRoleSettings},
		list("list replication publications", "[+] [PATTERN]", passVerbose, buildPublications, "dRp"),
		list("list subscriptions", "[+] [PATTERN]", passVerbose, buildSubscriptions, "dRs"),
		list("show comments on objects", "[S] [PATTERN]", passSystem, buildComments, "dd"),
		list("list [only index/table] partitioned relations", "[itn+] [PATTERN]", passVerbose, buildPartitioned, "dP", "dPi", "dPt"),
		list("list extended statistics", "[PATTERN]", 0, buildExtStats, "dX"),
		{Names: []string{"sf", "sf+"}, Args: "[+] FUNCNAME", Section: sec, Help: "show a function's definition", Run: runShowFunction},
		{Names: []string{"sv", "sv+"}, Args: "[+] VIEWNAME", Section: sec, Help: "show a view's definition", Run: runShowView},
	}
	return cmds
}

// describeName resolves a command name that starts with "d" to the canonical name of its
// registry entry, as psql 15's exec_command_d (src/bin/psql/command.c) dispatches: on the
// second character, and for \dA, \df, \dP, \dF, \de, \dR and \dr on the third (and fourth)
// too; whatever follows is not looked at here ('+' and 'S' count anywhere, and \d's kind
// letters, \df's and \dP's are read by the lister: describeLetters). ok is false where psql
// reports "invalid command".
func describeName(name string) (canonical string, ok bool) {
	at := func(i int) byte {
		if i < len(name) {
			return name[i]
		}
		return 0
	}
	if at(0) != 'd' {
		return "", false
	}
	switch at(1) {
	case 0, '+', 'S':
		return "d", true
	case 't', 'v', 'm', 'i', 's', 'E', 'a', 'b', 'C', 'D', 'g', 'l', 'L', 'n', 'o', 'O', 'p', 'T', 'u', 'x', 'X', 'y':
		return name[:2], true
	case 'c':
		if strings.HasPrefix(name, "dconfig") {
			return "dconfig", true
		}
		return "dc", true
	case 'd':
		if strings.HasPrefix(name, "ddp") {
			return "ddp", true
		}
		return "dd", true
	case 'A':
		switch at(2) {
		case 0, '+':
			return "dA", true
		case 'c', 'f', 'o', 'p':
			return name[:3], true
		}
	case 'f':
		switch at(2) {
		case 0, '+', 'S', 'a', 'n', 'p', 't', 'w':
			return "df", true
		}
	case 'P':
		switch at(2) {
		case 0, '+', 't', 'i', 'n':
			return "dP", true
		}
	case 'F':
		switch at(2) {
		case 0, '+':
			return "dF", true
		case 'p', 'd', 't':
			return name[:3], true
		}
	case 'e':
		switch at(2) {
		case 's', 'u', 'w', 't':
			return name[:3], true
		}
	case 'R':
		switch at(2) {
		case 'p', 's':
			return name[:3], true
		}
	case 'r':
		if at(2) == 'd' && at(3) == 's' {
			return "drds", true
		}
	}
	return "", false
}

// describeLetters is what psql 15 passes to the listers that read letters from the name:
// &cmd[1] to listTables for \dt, \di, \dv, \dm, \ds, \dE (so "\dtv+" lists tables and
// views), &cmd[2] to describeFunctions and listPartitionedTables. Other names have none.
func describeLetters(name string) string {
	if len(name) < 2 || name[0] != 'd' {
		return ""
	}
	switch name[1] {
	case 't', 'v', 'm', 'i', 's', 'E':
		return name[1:]
	case 'f', 'P':
		return name[2:]
	}
	return ""
}

// newReq scans the pattern argument and fills a request for the command name: the letters
// psql passes on, and show_verbose and show_system where pass says the lister takes them.
func newReq(env *Env, name string, args Args, pass int) *dreq {
	r := &dreq{letters: describeLetters(name)}
	r.verbose = pass&passVerbose != 0 && strings.Contains(name, "+")
	r.system = pass&passSystem != 0 && strings.Contains(name, "S")
	r.pattern, r.hasPattern = args.Next(OptNormal)
	if env.Query != nil {
		r.version = env.Query.ServerVersion()
	}
	if env.Vars != nil {
		r.db, _ = env.Vars.Get("DBNAME")
	}
	return r
}

// runList runs a command whose whole work is one listing; pass is what the lister takes of
// + and S.
func runList(env *Env, name string, args Args, pass int, b builder) Result {
	r := newReq(env, name, args, pass)
	l, err := b(r)
	if err != nil {
		return reportBuildErr(env, err)
	}
	return env.runListing(l)
}

// reportBuildErr reports a builder's error as psql does.
func reportBuildErr(env *Env, err error) Result {
	env.Errorf("%s", err)
	return Error
}

// query runs sql through the session's Querier.
func (env *Env) query(sql string) (*Rows, Result) {
	if env.Query == nil {
		env.Errorf("You are currently not connected to a database.")
		return nil, Error
	}
	rows, err := env.Query.Query(sql)
	if err != nil {
		return nil, Error
	}
	return rows, OK
}

// runListing runs a listing and prints it as psql's printQuery does, NULLs as empty
// strings (the describe commands set nullPrint to NULL).
func (env *Env) runListing(l listing) Result {
	rows, res := env.query(l.sql)
	if res != OK {
		return res
	}
	if rows.Len() == 0 && l.notFound != "" {
		switch {
		case !env.Quiet:
			env.Errorf("%s", l.notFound)
		case !l.failNotFound:
			// psql's listTables prints the empty table when QUIET is on.
			return env.printRows(l.title, rows, !l.noFooter, nil)
		}
		if l.failNotFound {
			return Error
		}
		return OK
	}
	if l.print != nil {
		return l.print(env, rows)
	}
	return env.printRows(l.title, rows, !l.noFooter, nil)
}

// printRows prints a query result as a table with a title; footers replace the default
// "(N rows)" one, which is printed only when defFooter is set.
func (env *Env) printRows(title string, rows *Rows, defFooter bool, footers []string) Result {
	t := &render.Table{Title: title, Columns: rows.Columns, Rows: rows.Data, Footers: footers}
	return env.printTable(t, defFooter, false)
}

// printTable prints t with the session's options; defFooter false turns off the default
// footer and noExpanded turns off expanded mode, as describe.c does for some tables.
func (env *Env) printTable(t *render.Table, defFooter, noExpanded bool) Result {
	opts := render.Defaults()
	if env.Print != nil {
		opts = *env.Print
	}
	if !defFooter {
		opts.Footer = false
	}
	if noExpanded {
		opts.Expanded = render.ExpandedOff
	}
	if err := render.PrintTable(context.Background(), env.Out, t, &opts); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}

// whereClause is NameFilter.Where for a request.
func (r *dreq) where(f NameFilter, haveWhere bool) (string, error) {
	return f.Where(r.pattern, r.hasPattern, haveWhere, r.db, r.version)
}

// sysFilter is the condition psql adds when neither S nor a pattern is given: no system
// schemas.
const sysFilter = "n.nspname <> 'pg_catalog'\n      AND n.nspname <> 'information_schema'"

// conds joins WHERE conditions.
type conds struct {
	b    strings.Builder
	have bool
}

func (c *conds) add(cond string) {
	if c.have {
		c.b.WriteString("  AND ")
	} else {
		c.b.WriteString("WHERE ")
	}
	c.have = true
	c.b.WriteString(cond + "\n")
}

// pattern appends the pattern's conditions.
func (c *conds) pattern(r *dreq, f NameFilter) error {
	w, err := r.where(f, c.have)
	if err != nil {
		return err
	}
	if w != "" {
		c.have = true
	}
	c.b.WriteString(w)
	return nil
}

func (c *conds) String() string { return c.b.String() }

// notFoundName is psql's "Did not find any X named "p"." or "Did not find any Xs.".
func notFoundName(r *dreq, singular, plural string) string {
	if r.hasPattern {
		return fmt.Sprintf("Did not find any %s named \"%s\".", singular, r.pattern)
	}
	return fmt.Sprintf("Did not find any %s.", plural)
}
