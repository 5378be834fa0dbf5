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
	letters    string // e.g. "tv" for \dtv, "n" for \dfn
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

// variants returns name with every combination of the S and + suffixes psql accepts.
func variants(names ...string) []string {
	var out []string
	for _, n := range names {
		out = append(out, n, n+"S", n+"+", n+"S+", n+"+S")
	}
	return out
}

// accessMethodsCommand narrows \dA's names to those psql 15 accepts: its exec_command_d
// looks at the character after "dA", so \dA and \dA+ (and \dA+S) list access methods while
// \dAS and \dAS+ are "invalid command" (\dAc and the other sub-commands keep S).
func accessMethodsCommand(c Command) Command {
	c.Names = []string{"dA", "dA+", "dA+S"}
	return c
}

// describeCommands are the \d family and the other catalog listings.
func describeCommands() []Command {
	sec := "Informational"
	list := func(help, args string, b builder, bases ...string) Command {
		return Command{Names: variants(bases...), Args: args, Help: help, Section: sec,
			Run: func(env *Env, name string, a Args) Result { return runBuilder(env, name, a, bases, b) }}
	}
	cmds := []Command{
		{Names: variants(relationBases()...), Args: "[S+] [PATTERN]", Section: sec,
			Help: "describe table, view, sequence, or index; list relations of the given kinds",
			Run:  runRelations},
		list("list schemas", "[S+] [PATTERN]", buildSchemas, "dn"),
		{Names: variants(functionBases()...), Args: "[anptwS+] [FUNCPTRN [TYPEPTRN ...]]", Section: sec,
			Help: "list [only agg/normal/procedure/trigger/window] functions", Run: runFunctions},
		list("list data types", "[S+] [PATTERN]", buildTypes, "dT"),
		list("list roles", "[S+] [PATTERN]", buildRoles, "du", "dg"),
		list("list databases", "[+] [PATTERN]", buildDatabases, "l", "list"),
		list("list extensions", "[+] [PATTERN]", buildExtensions, "dx"),
		list("list domains", "[S+] [PATTERN]", buildDomains, "dD"),
		list("list conversions", "[S+] [PATTERN]", buildConversions, "dc"),
		list("list casts", "[+] [PATTERN]", buildCasts, "dC"),
		{Names: variants("do"), Args: "[S+] [OPPTRN [TYPEPTRN [TYPEPTRN]]]", Section: sec,
			Help: "list operators", Run: runOperators},
		list("list event triggers", "[+] [PATTERN]", buildEventTriggers, "dy"),
		list("list table, view, and sequence access privileges", "[S] [PATTERN]", buildPrivileges, "dp", "z"),
		list("list default privileges", "[PATTERN]", buildDefaultPrivileges, "ddp"),
		list("list tablespaces", "[+] [PATTERN]", buildTablespaces, "db"),
		list("list procedural languages", "[S+] [PATTERN]", buildLanguages, "dL"),
		list("list collations", "[S+] [PATTERN]", buildCollations, "dO"),
		list("list configuration parameters", "[+] [PATTERN]", buildConfig, "dconfig"),
		list("list aggregates", "[S+] [PATTERN]", buildAggregates, "da"),
		accessMethodsCommand(list("list access methods", "[+] [PATTERN]", buildAccessMethods, "dA")),
		amCommand(sec),
		list("list foreign servers", "[+] [PATTERN]", buildForeignServers, "des"),
		list("list foreign tables", "[+] [PATTERN]", buildForeignTables, "det"),
		list("list user mappings", "[+] [PATTERN]", buildUserMappings, "deu"),
		list("list foreign-data wrappers", "[+] [PATTERN]", buildFDWs, "dew"),
		list("list text search dictionaries", "[+] [PATTERN]", buildTSDictionaries, "dFd"),
		list("list text search templates", "[+] [PATTERN]", buildTSTemplates, "dFt"),
		list("list large objects, same as \\lo_list", "", buildLargeObjects, "dl"),
		{Names: variants("drds"), Args: "[ROLEPTRN [DBPTRN]]", Section: sec, Help: "list per-database role settings",
			Run: runRoleSettings},
		list("list subscriptions", "[+] [PATTERN]", buildSubscriptions, "dRs"),
		list("show comments on objects", "[S] [PATTERN]", buildComments, "dd"),
		list("list [only index/table] partitioned relations", "[itn+] [PATTERN]", buildPartitioned, "dP", "dPi", "dPt", "dPn", "dPit", "dPti", "dPin", "dPni", "dPtn", "dPnt"),
		{Names: []string{"sf", "sf+"}, Args: "[+] FUNCNAME", Section: sec, Help: "show a function's definition", Run: runShowFunction},
		{Names: []string{"sv", "sv+"}, Args: "[+] VIEWNAME", Section: sec, Help: "show a view's definition", Run: runShowView},
	}
	return append(cmds, moreDescribeCommands()...)
}

// parseName splits a command name such as "dtS+" into the letters after base and the S
// and + flags.
func parseName(name, base string) (letters string, verbose, system bool) {
	rest := strings.TrimPrefix(name, base)
	for _, c := range rest {
		switch c {
		case '+':
			verbose = true
		case 'S':
			system = true
		default:
			letters += string(c)
		}
	}
	return letters, verbose, system
}

// baseOf returns the longest of bases that name starts with.
func baseOf(name string, bases []string) string {
	best := ""
	for _, b := range bases {
		if strings.HasPrefix(name, b) && len(b) > len(best) {
			best = b
		}
	}
	return best
}

// newReq scans the pattern argument and fills a request for the command name.
func newReq(env *Env, name, base string, args Args) *dreq {
	r := &dreq{}
	r.letters, r.verbose, r.system = parseName(name, base)
	r.pattern, r.hasPattern = args.Next(OptNormal)
	if env.Query != nil {
		r.version = env.Query.ServerVersion()
	}
	if env.Vars != nil {
		r.db, _ = env.Vars.Get("DBNAME")
	}
	return r
}

// runBuilder runs a command whose whole work is one listing.
func runBuilder(env *Env, name string, args Args, bases []string, b builder) Result {
	base := baseOf(name, bases)
	r := newReq(env, name, base, args)
	if base == "dP" || strings.HasPrefix(base, "dP") {
		r.letters, r.verbose, r.system = parseName(name, "dP")
	}
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
