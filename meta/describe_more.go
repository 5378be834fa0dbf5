package meta

import (
	"fmt"

	"github.com/gpsql/gpsql/render"
)

// leftColumns is a hand-built table's header: every column left-aligned, as psql's
// printTableAddHeader(..., 'l') calls do.
func leftColumns(names ...string) []render.Column {
	out := make([]render.Column, len(names))
	for i, n := range names {
		out[i] = render.Column{Name: n, Align: render.AlignLeft}
	}
	return out
}

// forEachFound runs one description per row of a look-up, with a blank line handled by
// the printer as psql's printTable does; it stops at the first failure.
func forEachFound(rows *Rows, one func(i int) Result) Result {
	for i := range rows.Data {
		if res := one(i); res != OK {
			return res
		}
	}
	return OK
}

// buildTSConfigs is \dF; with + each configuration's token → dictionaries mapping
// (describeOneTSConfig).
func buildTSConfigs(r *dreq) (listing, error) {
	filter := NameFilter{NameVar: "c.cfgname", SchemaVar: "n.nspname", Visibility: "pg_catalog.pg_ts_config_is_visible(c.oid)"}
	if !r.verbose {
		s := simpleList{
			sel: cols(`n.nspname AS "Schema"`, `c.cfgname AS "Name"`, `pg_catalog.obj_description(c.oid, 'pg_ts_config') AS "Description"`) +
				"FROM pg_catalog.pg_ts_config c\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace\n",
			filter: filter, order: "ORDER BY 1, 2;", title: "List of text search configurations",
		}
		return s.build(r)
	}
	s := simpleList{
		sel: "SELECT c.oid, c.cfgname, n.nspname, p.prsname, np.nspname AS pnspname\n" +
			"FROM pg_catalog.pg_ts_config c\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace,\n" +
			"  pg_catalog.pg_ts_parser p\n  LEFT JOIN pg_catalog.pg_namespace np ON np.oid = p.prsnamespace\n",
		fixed:  []string{"p.oid = c.cfgparser"},
		filter: filter, order: "ORDER BY 3, 2;",
	}
	l, err := s.build(r)
	l.notFound = notFoundName(r, "text search configuration", "text search configurations")
	l.failNotFound = true
	l.print = func(env *Env, rows *Rows) Result {
		return forEachFound(rows, func(i int) Result {
			m, res := env.query("SELECT\n  ( SELECT t.alias FROM pg_catalog.ts_token_type(c.cfgparser) AS t WHERE t.tokid = m.maptokentype ) AS \"Token\",\n" +
				"  pg_catalog.btrim(ARRAY( SELECT mm.mapdict::pg_catalog.regdictionary FROM pg_catalog.pg_ts_config_map AS mm\n" +
				"    WHERE mm.mapcfg = m.mapcfg AND mm.maptokentype = m.maptokentype ORDER BY mapcfg, maptokentype, mapseqno ) :: pg_catalog.text, '{}') AS \"Dictionaries\"\n" +
				"FROM pg_catalog.pg_ts_config AS c, pg_catalog.pg_ts_config_map AS m\n" +
				"WHERE c.oid = '" + rows.Get(i, 0) + "' AND m.mapcfg = c.oid\nGROUP BY m.mapcfg, m.maptokentype, c.cfgparser\nORDER BY 1;")
			if res != OK {
				return res
			}
			title := fmt.Sprintf("Text search configuration \"%s\"", qualified(rows, i, 2, 1))
			title += fmt.Sprintf("\nParser: \"%s\"", qualified(rows, i, 4, 3))
			return env.printTable(&render.Table{Title: title, Columns: m.Columns, Rows: m.Data}, false, false)
		})
	}
	return l, err
}

// qualified is "schema.name" from two columns of a row, or the name alone when the schema
// is NULL.
func qualified(rows *Rows, i, nspCol, nameCol int) string {
	if rows.IsNull(i, nspCol) {
		return rows.Get(i, nameCol)
	}
	return rows.Get(i, nspCol) + "." + rows.Get(i, nameCol)
}

// buildTSParsers is \dFp; with + each parser's functions and token types
// (describeOneTSParser).
func buildTSParsers(r *dreq) (listing, error) {
	filter := NameFilter{NameVar: "p.prsname", SchemaVar: "n.nspname", Visibility: "pg_catalog.pg_ts_parser_is_visible(p.oid)"}
	if !r.verbose {
		s := simpleList{
			sel: cols(`n.nspname AS "Schema"`, `p.prsname AS "Name"`, `pg_catalog.obj_description(p.oid, 'pg_ts_parser') AS "Description"`) +
				"FROM pg_catalog.pg_ts_parser p\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace\n",
			filter: filter, order: "ORDER BY 1, 2;", title: "List of text search parsers",
		}
		return s.build(r)
	}
	s := simpleList{
		sel:    "SELECT p.oid, n.nspname, p.prsname\nFROM pg_catalog.pg_ts_parser p\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.prsnamespace\n",
		filter: filter, order: "ORDER BY 1, 2;",
	}
	l, err := s.build(r)
	l.notFound = notFoundName(r, "text search parser", "text search parsers")
	l.failNotFound = true
	l.print = func(env *Env, rows *Rows) Result {
		return forEachFound(rows, func(i int) Result {
			oid := "'" + rows.Get(i, 0) + "'"
			part := func(label, col string) string {
				return "SELECT '" + label + "', p." + col + "::pg_catalog.regproc, pg_catalog.obj_description(p." + col + ", 'pg_proc')\n" +
					"FROM pg_catalog.pg_ts_parser p WHERE p.oid = " + oid
			}
			m, res := env.query(part("Start parse", "prsstart") + "\nUNION ALL\n" + part("Get next token", "prstoken") +
				"\nUNION ALL\n" + part("End parse", "prsend") + "\nUNION ALL\n" + part("Get headline", "prsheadline") +
				"\nUNION ALL\n" + part("Get token types", "prslextype") + ";")
			if res != OK {
				return res
			}
			name := qualified(rows, i, 1, 2)
			t := &render.Table{Title: fmt.Sprintf("Text search parser \"%s\"", name),
				Columns: leftColumns("Method", "Function", "Description"), Rows: m.Data}
			if res := env.printTable(t, false, false); res != OK {
				return res
			}
			tok, res := env.query("SELECT t.alias AS \"Token name\", t.description AS \"Description\"\n" +
				"FROM pg_catalog.ts_token_type( " + oid + "::pg_catalog.oid ) AS t\nORDER BY 1;")
			if res != OK {
				return res
			}
			return env.printRows(fmt.Sprintf("Token types for parser \"%s\"", name), tok, true, nil)
		})
	}
	return l, err
}

// buildPublications is \dRp; with + one table per publication with its tables and
// schemas as footers (describePublications).
func buildPublications(r *dreq) (listing, error) {
	v := r.version
	filter := NameFilter{NameVar: "pubname"}
	if !r.verbose {
		s := simpleList{
			sel: cols(`pubname AS "Name"`, `pg_catalog.pg_get_userbyid(pubowner) AS "Owner"`, `puballtables AS "All tables"`,
				`pubinsert AS "Inserts"`, `pubupdate AS "Updates"`, `pubdelete AS "Deletes"`,
				when(v == 0 || v >= 110000, `pubtruncate AS "Truncates"`), when(v == 0 || v >= 130000, `pubviaroot AS "Via root"`)) +
				"FROM pg_catalog.pg_publication\n",
			filter: filter, order: "ORDER BY 1;", title: "List of publications",
		}
		return s.build(r)
	}
	s := simpleList{
		sel: cols("oid", "pubname", "pg_catalog.pg_get_userbyid(pubowner)", "puballtables", "pubinsert", "pubupdate", "pubdelete",
			when(v == 0 || v >= 110000, "pubtruncate"), when(v == 0 || v >= 130000, "pubviaroot")) + "FROM pg_catalog.pg_publication\n",
		filter: filter, order: "ORDER BY 2;",
	}
	l, err := s.build(r)
	l.notFound = notFoundName(r, "publication", "publications")
	l.failNotFound = true
	l.print = func(env *Env, rows *Rows) Result {
		return forEachFound(rows, func(i int) Result { return describePublication(env, v, rows, i) })
	}
	return l, err
}

// describePublication prints one publication of \dRp+.
func describePublication(env *Env, v int, rows *Rows, i int) Result {
	heads := []string{"Owner", "All tables", "Inserts", "Updates", "Deletes"}
	if v == 0 || v >= 110000 {
		heads = append(heads, "Truncates")
	}
	if v == 0 || v >= 130000 {
		heads = append(heads, "Via root")
	}
	row := rows.Data[i][2 : 2+len(heads)]
	t := &render.Table{Title: "Publication " + rows.Get(i, 1), Columns: leftColumns(heads...), Rows: [][]string{row}}
	oid := "'" + rows.Get(i, 0) + "'"
	if rows.Get(i, 3) != "t" {
		extra := ", NULL, NULL"
		if v == 0 || v >= 150000 {
			extra = ", pg_get_expr(pr.prqual, c.oid), (CASE WHEN pr.prattrs IS NOT NULL THEN\n" +
				"  pg_catalog.array_to_string(ARRAY(SELECT attname FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n" +
				"    pg_catalog.pg_attribute WHERE attrelid = c.oid AND attnum = prattrs[s]), ', ') ELSE NULL END)"
		}
		tabs, res := env.query("SELECT n.nspname, c.relname" + extra + "\n" +
			"FROM pg_catalog.pg_class c, pg_catalog.pg_namespace n, pg_catalog.pg_publication_rel pr\n" +
			"WHERE c.relnamespace = n.oid AND c.oid = pr.prrelid AND pr.prpubid = " + oid + "\nORDER BY 1,2")
		if res != OK {
			return res
		}
		if tabs.Len() > 0 {
			t.Footers = append(t.Footers, "Tables:")
		}
		for k := range tabs.Data {
			line := fmt.Sprintf("    \"%s.%s\"", tabs.Get(k, 0), tabs.Get(k, 1))
			if !tabs.IsNull(k, 3) {
				line += " (" + tabs.Get(k, 3) + ")"
			}
			if !tabs.IsNull(k, 2) {
				line += " WHERE " + tabs.Get(k, 2)
			}
			t.Footers = append(t.Footers, line)
		}
		if v == 0 || v >= 150000 {
			nsps, res := env.query("SELECT n.nspname\nFROM pg_catalog.pg_namespace n\n" +
				"  JOIN pg_catalog.pg_publication_namespace pn ON n.oid = pn.pnnspid\nWHERE pn.pnpubid = " + oid + "\nORDER BY 1")
			if res != OK {
				return res
			}
			if nsps.Len() > 0 {
				t.Footers = append(t.Footers, "Tables from schemas:")
			}
			for k := range nsps.Data {
				t.Footers = append(t.Footers, fmt.Sprintf("    \"%s\"", nsps.Get(k, 0)))
			}
		}
	}
	// psql keeps the default footer: a publication without tables or schemas ends with
	// "(1 row)" (describePublications leaves myopt.default_footer on).
	return env.printTable(t, true, false)
}

// buildExtStats is \dX (listExtendedStats, PostgreSQL 14+ form).
func buildExtStats(r *dreq) (listing, error) {
	kind := func(k, head string) string {
		return "CASE WHEN '" + k + "' = any(es.stxkind) THEN 'defined' END AS \"" + head + "\""
	}
	// Before 14 (no expressions in statistics objects) psql names the columns itself.
	columns := "pg_catalog.pg_get_statisticsobjdef_columns(es.oid)"
	if r.version != 0 && r.version < 140000 {
		columns = "(SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname),', ') FROM pg_catalog.unnest(es.stxkeys) s(attnum)" +
			" JOIN pg_catalog.pg_attribute a ON (es.stxrelid = a.attrelid AND a.attnum = s.attnum AND NOT a.attisdropped))"
	}
	s := simpleList{
		sel: cols(`es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS "Schema"`, `es.stxname AS "Name"`,
			`pg_catalog.format('%s FROM %s', `+columns+`, es.stxrelid::pg_catalog.regclass) AS "Definition"`,
			kind("d", "Ndistinct"), kind("f", "Dependencies"), kind("m", "MCV")) +
			"FROM pg_catalog.pg_statistic_ext es\n",
		filter: NameFilter{NameVar: "es.stxname", SchemaVar: "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text",
			Visibility: "pg_catalog.pg_statistics_obj_is_visible(es.oid)"},
		order: "ORDER BY 1, 2;", title: "List of extended statistics",
	}
	return s.build(r)
}

// runRoleSettings is \drds [ROLEPTRN [DBPTRN]].
func runRoleSettings(env *Env, name string, args Args) Result {
	r := newReq(env, name, args, 0)
	if r.hasPattern {
		r.pattern2, r.has2 = args.Next(OptNormal)
	}
	l, err := buildRoleSettings(r)
	if err != nil {
		return reportBuildErr(env, err)
	}
	return env.runListing(l)
}
