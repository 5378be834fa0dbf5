package meta

import (
	"errors"
	"fmt"
	"strings"
)

// functionLettersOK tells whether the letters after \df are all among those psql 15's
// describeFunctions accepts ("anptwS+"; S and + are the flags).
func functionLettersOK(letters string) bool {
	return strings.Trim(letters, "anptwS+") == ""
}

// functionLettersMsg is describeFunctions' complaint about other letters.
const functionLettersMsg = "\\df only takes [anptwS+] as options"

// buildFunctions is \df (psql's describeFunctions); types are the argument-type patterns
// that follow the function pattern ("-" for none).
func buildFunctions(r *dreq, types []string) (listing, error) {
	if !functionLettersOK(r.letters) {
		return listing{}, errors.New(functionLettersMsg)
	}
	show := func(c rune) bool { return strings.ContainsRune(r.letters, c) }
	agg, normal, proc, trig, win := show('a'), show('n'), show('p'), show('t'), show('w')
	if !agg && !normal && !proc && !trig && !win {
		agg, normal, proc, trig, win = true, true, true, true, true
	}
	src := "p.prosrc"
	if r.version >= 140000 {
		src = "COALESCE(pg_catalog.pg_get_function_sqlbody(p.oid), p.prosrc)"
	}
	sel := cols(`n.nspname AS "Schema"`, `p.proname AS "Name"`,
		`pg_catalog.pg_get_function_result(p.oid) AS "Result data type"`,
		`pg_catalog.pg_get_function_arguments(p.oid) AS "Argument data types"`,
		`CASE p.prokind WHEN 'a' THEN 'agg' WHEN 'w' THEN 'window' WHEN 'p' THEN 'proc' ELSE 'func' END AS "Type"`,
		when(r.verbose, `CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' WHEN 'v' THEN 'volatile' END AS "Volatility"`),
		when(r.verbose, `CASE p.proparallel WHEN 'r' THEN 'restricted' WHEN 's' THEN 'safe' WHEN 'u' THEN 'unsafe' END AS "Parallel"`),
		when(r.verbose, `pg_catalog.pg_get_userbyid(p.proowner) AS "Owner"`),
		when(r.verbose, `CASE WHEN prosecdef THEN 'definer' ELSE 'invoker' END AS "Security"`),
		when(r.verbose, acl("p.proacl")),
		when(r.verbose, `l.lanname AS "Language"`),
		when(r.verbose, src+` AS "Source code"`),
		when(r.verbose, `pg_catalog.obj_description(p.oid, 'pg_proc') AS "Description"`)) +
		"FROM pg_catalog.pg_proc p\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace\n"
	for i, tp := range types {
		if tp == "-" {
			continue
		}
		sel += fmt.Sprintf("  LEFT JOIN pg_catalog.pg_type t%d ON t%d.oid = p.proargtypes[%d]\n  LEFT JOIN pg_catalog.pg_namespace nt%d ON nt%d.oid = t%d.typnamespace\n", i, i, i, i, i, i)
	}
	if r.verbose {
		sel += "  LEFT JOIN pg_catalog.pg_language l ON l.oid = p.prolang\n"
	}
	var c conds
	switch {
	case agg && normal && proc && trig && win:
	case normal:
		if !agg {
			c.add("p.prokind <> 'a'")
		}
		if !proc {
			c.add("p.prokind <> 'p'")
		}
		if !trig {
			c.add("p.prorettype <> 'pg_catalog.trigger'::pg_catalog.regtype")
		}
		if !win {
			c.add("p.prokind <> 'w'")
		}
	default:
		var or []string
		if agg {
			or = append(or, "p.prokind = 'a'")
		}
		if trig {
			or = append(or, "p.prorettype = 'pg_catalog.trigger'::pg_catalog.regtype")
		}
		if proc {
			or = append(or, "p.prokind = 'p'")
		}
		if win {
			or = append(or, "p.prokind = 'w'")
		}
		c.add("(" + strings.Join(or, " OR ") + ")")
	}
	if err := c.pattern(r, NameFilter{NameVar: "p.proname", SchemaVar: "n.nspname", Visibility: "pg_catalog.pg_function_is_visible(p.oid)"}); err != nil {
		return listing{}, err
	}
	for i, tp := range types {
		if tp == "-" {
			c.add(fmt.Sprintf("p.pronargs <= %d", i))
			continue
		}
		tr := *r
		tr.pattern, tr.hasPattern = mapTypeName(tp), true
		t, n := fmt.Sprintf("t%d", i), fmt.Sprintf("nt%d", i)
		if err := c.pattern(&tr, NameFilter{NameVar: t + ".typname", AltNameVar: "pg_catalog.format_type(" + t + ".oid, NULL)",
			SchemaVar: n + ".nspname", Visibility: "pg_catalog.pg_type_is_visible(" + t + ".oid)"}); err != nil {
			return listing{}, err
		}
	}
	if !r.system && !r.hasPattern {
		c.add(sysFilter)
	}
	return listing{sql: sel + c.String() + "ORDER BY 1, 2, 4;", title: "List of functions"}, nil
}

// runFunctions is \df[anptw][S+] [pattern [argtype ...]].
func runFunctions(env *Env, name string, args Args) Result {
	r := newReq(env, name, args, passBoth)
	var types []string
	if r.hasPattern {
		types = restArgs(args)
	}
	if !functionLettersOK(r.letters) {
		// psql 15's describeFunctions reports it and returns true: the command succeeds.
		env.Errorf("%s", functionLettersMsg)
		return OK
	}
	l, err := buildFunctions(r, types)
	if err != nil {
		return reportBuildErr(env, err)
	}
	return env.runListing(l)
}

// withLineNumbers numbers the lines of a definition as psql's print_with_linenumbers does:
// for a function, the header lines before the body (the first line starting with "AS ",
// "BEGIN " or "RETURN ") get eight spaces, and body lines "%-7d ".
func withLineNumbers(text string, isFunc bool) string {
	var b strings.Builder
	inHeader := isFunc
	n := 0
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if text == "" {
		return ""
	}
	for _, line := range lines {
		if inHeader && (strings.HasPrefix(line, "AS ") || strings.HasPrefix(line, "BEGIN ") || strings.HasPrefix(line, "RETURN ")) {
			inHeader = false
		}
		if inHeader {
			b.WriteString("        " + line + "\n")
			continue
		}
		n++
		fmt.Fprintf(&b, "%-7d %s\n", n, line)
	}
	return b.String()
}

// showSource is \sf and \sv: look up the object's OID, fetch its definition, print it.
func showSource(env *Env, name string, args Args, isFunc bool) Result {
	verbose := strings.HasSuffix(name, "+")
	obj, _ := args.Next(OptWholeLine)
	obj = strings.TrimSpace(obj)
	if obj == "" {
		if isFunc {
			env.Errorf("function name is required")
		} else {
			env.Errorf("view name is required")
		}
		return Error
	}
	text, res := objectSource(env, obj, isFunc)
	if res != OK {
		return res
	}
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	if verbose {
		text = withLineNumbers(text, isFunc)
	}
	fmt.Fprint(env.Out, text)
	return OK
}

// viewDefQuery fetches what \sv prints about one relation: schema, name, kind, the view
// query, its options other than check_option, and the check option.
func viewDefQuery(oid string) string {
	return "SELECT n.nspname, c.relname, c.relkind, pg_catalog.pg_get_viewdef(c.oid, true),\n" +
		"  pg_catalog.array_to_string(pg_catalog.array_remove(pg_catalog.array_remove(c.reloptions, 'check_option=local'), 'check_option=cascaded'), ', '),\n" +
		"  CASE WHEN 'check_option=local' = ANY (c.reloptions) THEN 'LOCAL' WHEN 'check_option=cascaded' = ANY (c.reloptions) THEN 'CASCADED' END,\n" +
		"  pg_catalog.quote_ident(n.nspname), pg_catalog.quote_ident(c.relname)\n" +
		"FROM pg_catalog.pg_class c\n  LEFT JOIN pg_catalog.pg_namespace n ON c.relnamespace = n.oid\n" +
		"WHERE c.oid = " + oid
}

// viewSource is the CREATE OR REPLACE VIEW command psql's \sv builds: the view query
// without its final semicolon, options and check option.
func viewSource(nsp, rel, def, opts, check, qnsp, qrel string) string {
	var b strings.Builder
	b.WriteString("CREATE OR REPLACE VIEW " + qnsp + "." + qrel)
	if opts != "" {
		b.WriteString(" WITH (" + opts + ")")
	}
	b.WriteString(" AS\n")
	b.WriteString(strings.TrimSuffix(def, ";"))
	if check != "" {
		b.WriteString("\n WITH " + check + " CHECK OPTION")
	}
	return b.String()
}

func runShowFunction(env *Env, name string, args Args) Result {
	return showSource(env, name, args, true)
}
func runShowView(env *Env, name string, args Args) Result { return showSource(env, name, args, false) }

// objectSource looks up a function (\sf, \ef) or a view (\sv, \ev) by the name the user
// typed, as psql's lookup_object_oid does (regproc, or regprocedure when the name has an
// argument list; regclass for a view), and returns the command that creates it, as
// get_create_object_cmd does: pg_get_functiondef's text, or a CREATE OR REPLACE VIEW built
// around pg_get_viewdef. Failures are reported; the result is then not OK.
func objectSource(env *Env, obj string, isFunc bool) (string, Result) {
	cast := "regclass"
	if isFunc {
		cast = "regproc"
		if strings.Contains(obj, "(") {
			cast = "regprocedure"
		}
	}
	if env.Query == nil {
		env.Errorf("You are currently not connected to a database.")
		return "", Error
	}
	rows, err := env.Query.QueryMinimal("SELECT " + literal(obj) + "::pg_catalog." + cast + "::pg_catalog.oid")
	if err != nil {
		return "", Error
	}
	var res Result
	oid := rows.Get(0, 0)
	var text string
	if isFunc {
		rows, res = env.query("SELECT pg_catalog.pg_get_functiondef(" + oid + ")")
		if res != OK {
			return "", res
		}
		text = rows.Get(0, 0)
	} else {
		rows, res = env.query(viewDefQuery(oid))
		if res != OK {
			return "", res
		}
		if rows.Len() == 0 {
			return "", Error
		}
		nsp, rel, kind := rows.Get(0, 0), rows.Get(0, 1), rows.Get(0, 2)
		if kind != "v" {
			env.Errorf("\"%s.%s\" is not a view", nsp, rel)
			return "", Error
		}
		text = viewSource(nsp, rel, rows.Get(0, 3), rows.Get(0, 4), rows.Get(0, 5), rows.Get(0, 6), rows.Get(0, 7))
	}
	return text, OK
}
