package meta

import "strings"

// relkindName is the CASE that names a relkind, as psql prints it.
const relkindName = `CASE c.relkind
    WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
    WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table'
    WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index'
  END`

// buildRelations is \dt, \di, \dv, \dm, \ds, \dE and their combinations (and \d without a
// pattern, which is \dtvmsE): psql's listTables. hideTableAM is the HIDE_TABLEAM variable.
func buildRelations(r *dreq, hideTableAM bool) (listing, error) {
	kinds := r.letters
	if kinds == "" {
		kinds = "tvmsE"
	}
	has := func(k byte) bool { return strings.IndexByte(kinds, k) >= 0 }
	tables, indexes, views, matviews, seqs, foreign := has('t'), has('i'), has('v'), has('m'), has('s'), has('E')
	var sel strings.Builder
	sel.WriteString("SELECT n.nspname AS \"Schema\",\n  c.relname AS \"Name\",\n  " + relkindName + " AS \"Type\",\n")
	sel.WriteString("  pg_catalog.pg_get_userbyid(c.relowner) AS \"Owner\"")
	if indexes {
		sel.WriteString(",\n  c2.relname AS \"Table\"")
	}
	if r.verbose {
		sel.WriteString(",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END AS \"Persistence\"")
		if r.version >= 120000 && !hideTableAM && (tables || matviews || indexes) {
			sel.WriteString(",\n  am.amname AS \"Access method\"")
		}
		sel.WriteString(",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS \"Size\"")
		sel.WriteString(",\n  pg_catalog.obj_description(c.oid, 'pg_class') AS \"Description\"")
	}
	sel.WriteString("\nFROM pg_catalog.pg_class c\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n")
	if r.version >= 120000 {
		sel.WriteString("  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\n")
	}
	if indexes {
		sel.WriteString("  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid\n  LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid\n")
	}
	var ks []string
	wide := r.system || r.hasPattern
	if tables {
		ks = append(ks, "'r'", "'p'")
		if wide {
			ks = append(ks, "'t'")
		}
	}
	if views {
		ks = append(ks, "'v'")
	}
	if matviews {
		ks = append(ks, "'m'")
	}
	if indexes {
		ks = append(ks, "'i'", "'I'")
	}
	if seqs {
		ks = append(ks, "'S'")
	}
	if wide {
		ks = append(ks, "'s'")
	}
	if foreign {
		ks = append(ks, "'f'")
	}
	var c conds
	c.add("c.relkind IN (" + strings.Join(append(ks, "''"), ",") + ")")
	if !wide {
		c.add("n.nspname <> 'pg_catalog'")
		c.add("n.nspname !~ '^pg_toast'")
		c.add("n.nspname <> 'information_schema'")
	}
	if err := c.pattern(r, NameFilter{NameVar: "c.relname", SchemaVar: "n.nspname",
		Visibility: "pg_catalog.pg_table_is_visible(c.oid)"}); err != nil {
		return listing{}, err
	}
	return listing{
		sql:      sel.String() + c.String() + "ORDER BY 1, 2;",
		title:    "List of relations",
		notFound: notFoundName(r, "relation", "relations"),
	}, nil
}

// hideTableAM reads HIDE_TABLEAM.
func hideTableAM(env *Env) bool {
	if env.Vars == nil {
		return false
	}
	v, ok := env.Vars.Get("HIDE_TABLEAM")
	if !ok {
		return false
	}
	b, valid := ParseBool(v)
	return valid && b
}

// runRelations is \d [pattern] (the details of each matching relation) and the relation
// lists \dt, \di, ... (psql's exec_command_d for 'd' and the kind letters).
func runRelations(env *Env, name string, args Args) Result {
	r := newReq(env, name, args, passBoth)
	if r.letters == "" && r.hasPattern {
		return describeRelations(env, r)
	}
	l, err := buildRelations(r, hideTableAM(env))
	if err != nil {
		return reportBuildErr(env, err)
	}
	return env.runListing(l)
}
