package meta

// The \dA sub-commands list what an access method is made of: \dAc its operator classes,
// \dAf its operator families, \dAo the operators and \dAp the support functions of those
// families (psql 15's listOperatorClasses, listOperatorFamilies, listOpFamilyOperators and
// listOpFamilyFunctions in src/bin/psql/describe.c). Each takes an access-method pattern and
// a second pattern: an input type for \dAc and \dAf, an operator family for \dAo and \dAp.
// None of them prints a "Did not find" message: an empty result is an empty table.

// runAM runs \dAc, \dAf, \dAo or \dAp.
func runAM(env *Env, name string, args Args) Result {
	r := newReq(env, name, args, passVerbose)
	if r.hasPattern {
		r.pattern2, r.has2 = args.Next(OptNormal)
	}
	var b func(*dreq) (listing, error)
	sub := byte(0)
	if len(name) > 2 {
		sub = name[2] // describeName has checked it is one of c, f, o, p
	}
	switch sub {
	case 'c':
		b = buildOpClasses
	case 'f':
		b = buildOpFamilies
	case 'o':
		b = buildOpFamilyOperators
	default:
		b = buildOpFamilyFunctions
	}
	l, err := b(r)
	if err != nil {
		return reportBuildErr(env, err)
	}
	return env.runListing(l)
}

// amFilter is the access-method pattern's filter (a bare name: no schema part).
func amFilter() NameFilter { return NameFilter{NameVar: "am.amname"} }

// typeFilter is the input-type pattern's filter: the type's name or its SQL spelling.
func typeFilter() NameFilter {
	return NameFilter{NameVar: "t.typname", AltNameVar: "pg_catalog.format_type(t.oid, NULL)",
		SchemaVar: "tn.nspname", Visibility: "pg_catalog.pg_type_is_visible(t.oid)"}
}

// amWhere appends the access-method pattern's conditions, then the second pattern's with
// filter f, to c.
func amWhere(r *dreq, c *conds, f NameFilter) error {
	if r.hasPattern {
		if err := c.pattern(r, amFilter()); err != nil {
			return err
		}
	}
	if r.has2 {
		r2 := *r
		r2.pattern, r2.hasPattern = r.pattern2, true
		if err := c.pattern(&r2, f); err != nil {
			return err
		}
	}
	return nil
}

// opfamilyName is the family's name, schema-qualified when it is not visible.
func opfamilyName(alias, nsAlias string) string {
	return "CASE\n    WHEN pg_catalog.pg_opfamily_is_visible(" + alias + ".oid)\n" +
		"    THEN pg_catalog.format('%I', " + alias + ".opfname)\n" +
		"    ELSE pg_catalog.format('%I.%I', " + nsAlias + ".nspname, " + alias + ".opfname)\n" +
		"  END AS \"Operator family\""
}

// buildOpClasses is \dAc (psql's listOperatorClasses).
func buildOpClasses(r *dreq) (listing, error) {
	sel := cols(`am.amname AS "AM"`,
		`pg_catalog.format_type(c.opcintype, NULL) AS "Input type"`,
		"CASE\n    WHEN c.opckeytype <> 0 AND c.opckeytype <> c.opcintype\n"+
			"    THEN pg_catalog.format_type(c.opckeytype, NULL)\n    ELSE NULL\n  END AS \"Storage type\"",
		"CASE\n    WHEN pg_catalog.pg_opclass_is_visible(c.oid)\n    THEN pg_catalog.format('%I', c.opcname)\n"+
			"    ELSE pg_catalog.format('%I.%I', n.nspname, c.opcname)\n  END AS \"Operator class\"",
		"(CASE WHEN c.opcdefault\n    THEN 'yes'\n    ELSE 'no'\n  END) AS \"Default?\"",
		when(r.verbose, opfamilyName("of", "ofn")),
		when(r.verbose, `pg_catalog.pg_get_userbyid(c.opcowner) AS "Owner"`))
	from := "FROM pg_catalog.pg_opclass c\n" +
		"  LEFT JOIN pg_catalog.pg_am am on am.oid = c.opcmethod\n" +
		"  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.opcnamespace\n" +
		"  LEFT JOIN pg_catalog.pg_type t ON t.oid = c.opcintype\n" +
		"  LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace\n" +
		when(r.verbose, "  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = c.opcfamily\n"+
			"  LEFT JOIN pg_catalog.pg_namespace ofn ON ofn.oid = of.opfnamespace\n")
	var c conds
	if err := amWhere(r, &c, typeFilter()); err != nil {
		return listing{}, err
	}
	return listing{sql: sel + from + c.String() + "ORDER BY 1, 2, 4;", title: "List of operator classes"}, nil
}

// buildOpFamilies is \dAf (psql's listOperatorFamilies): the type pattern matches a family
// with an operator class for a matching input type.
func buildOpFamilies(r *dreq) (listing, error) {
	sel := cols(`am.amname AS "AM"`, opfamilyName("f", "n"),
		"(SELECT\n     pg_catalog.string_agg(pg_catalog.format_type(oc.opcintype, NULL), ', ')\n"+
			"   FROM pg_catalog.pg_opclass oc\n   WHERE oc.opcfamily = f.oid) \"Applicable types\"",
		when(r.verbose, `pg_catalog.pg_get_userbyid(f.opfowner) AS "Owner"`))
	from := "FROM pg_catalog.pg_opfamily f\n" +
		"  LEFT JOIN pg_catalog.pg_am am on am.oid = f.opfmethod\n" +
		"  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = f.opfnamespace\n"
	var c conds
	if r.hasPattern {
		if err := c.pattern(r, amFilter()); err != nil {
			return listing{}, err
		}
	}
	where := c.String()
	if r.has2 {
		kw := "WHERE"
		if c.have {
			kw = "AND"
		}
		sub := conds{have: true}
		r2 := *r
		r2.pattern, r2.hasPattern = r.pattern2, true
		if err := sub.pattern(&r2, typeFilter()); err != nil {
			return listing{}, err
		}
		where += "  " + kw + " EXISTS (\n    SELECT 1\n    FROM pg_catalog.pg_type t\n" +
			"    JOIN pg_catalog.pg_opclass oc ON oc.opcintype = t.oid\n" +
			"    LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace\n" +
			"    WHERE oc.opcfamily = f.oid\n" + sub.String() + "  )\n"
	}
	return listing{sql: sel + from + where + "ORDER BY 1, 2;", title: "List of operator families"}, nil
}

// buildOpFamilyOperators is \dAo (psql's listOpFamilyOperators).
func buildOpFamilyOperators(r *dreq) (listing, error) {
	sel := cols(`am.amname AS "AM"`, opfamilyName("of", "nsf"),
		`o.amopopr::pg_catalog.regoperator AS "Operator"`,
		`o.amopstrategy AS "Strategy"`,
		"CASE o.amoppurpose\n    WHEN 'o' THEN 'ordering'\n    WHEN 's' THEN 'search'\n  END AS \"Purpose\"",
		when(r.verbose, `ofs.opfname AS "Sort opfamily"`))
	from := "FROM pg_catalog.pg_amop o\n" +
		"  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = o.amopfamily\n" +
		"  LEFT JOIN pg_catalog.pg_am am ON am.oid = of.opfmethod AND am.oid = o.amopmethod\n" +
		"  LEFT JOIN pg_catalog.pg_namespace nsf ON of.opfnamespace = nsf.oid\n" +
		when(r.verbose, "  LEFT JOIN pg_catalog.pg_opfamily ofs ON ofs.oid = o.amopsortfamily\n")
	var c conds
	if err := amWhere(r, &c, NameFilter{NameVar: "of.opfname", SchemaVar: "nsf.nspname"}); err != nil {
		return listing{}, err
	}
	order := "ORDER BY 1, 2,\n  o.amoplefttype = o.amoprighttype DESC,\n" +
		"  pg_catalog.format_type(o.amoplefttype, NULL),\n" +
		"  pg_catalog.format_type(o.amoprighttype, NULL),\n  o.amopstrategy;"
	return listing{sql: sel + from + c.String() + order, title: "List of operators of operator families"}, nil
}

// buildOpFamilyFunctions is \dAp (psql's listOpFamilyFunctions): + shows each function
// with its argument types.
func buildOpFamilyFunctions(r *dreq) (listing, error) {
	fn := `p.proname AS "Function"`
	if r.verbose {
		fn = `ap.amproc::pg_catalog.regprocedure AS "Function"`
	}
	sel := cols(`am.amname AS "AM"`, opfamilyName("of", "ns"),
		`pg_catalog.format_type(ap.amproclefttype, NULL) AS "Registered left type"`,
		`pg_catalog.format_type(ap.amprocrighttype, NULL) AS "Registered right type"`,
		`ap.amprocnum AS "Number"`, fn)
	from := "FROM pg_catalog.pg_amproc ap\n" +
		"  LEFT JOIN pg_catalog.pg_opfamily of ON of.oid = ap.amprocfamily\n" +
		"  LEFT JOIN pg_catalog.pg_am am ON am.oid = of.opfmethod\n" +
		"  LEFT JOIN pg_catalog.pg_namespace ns ON of.opfnamespace = ns.oid\n" +
		"  LEFT JOIN pg_catalog.pg_proc p ON ap.amproc = p.oid\n"
	var c conds
	if err := amWhere(r, &c, NameFilter{NameVar: "of.opfname", SchemaVar: "ns.nspname"}); err != nil {
		return listing{}, err
	}
	order := "ORDER BY 1, 2,\n  ap.amproclefttype = ap.amprocrighttype DESC,\n  3, 4, 5;"
	return listing{sql: sel + from + c.String() + order, title: "List of support functions of operator families"}, nil
}
