package meta

import (
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// describeRelations is \d PATTERN: every matching relation in detail (psql's
// describeTableDetails and describeOneTableDetails).
func describeRelations(env *Env, r *dreq) Result {
	var c conds
	if !r.system && !r.hasPattern {
		c.add(sysFilter)
	}
	if err := c.pattern(r, NameFilter{NameVar: "c.relname", SchemaVar: "n.nspname", Visibility: "pg_catalog.pg_table_is_visible(c.oid)"}); err != nil {
		return reportBuildErr(env, err)
	}
	sql := "SELECT c.oid, n.nspname, c.relname\nFROM pg_catalog.pg_class c\n  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n" +
		c.String() + "ORDER BY 2, 3;"
	rows, res := env.query(sql)
	if res != OK {
		return res
	}
	if rows.Len() == 0 {
		if !env.Quiet {
			env.Errorf("%s", notFoundName(r, "relation", "relations"))
		}
		return Error
	}
	for i := range rows.Data {
		if res := describeOne(env, r, rows.Get(i, 0), rows.Get(i, 1), rows.Get(i, 2)); res != OK {
			return res
		}
	}
	return OK
}

// relInfo is what describeOne needs to know about a relation.
type relInfo struct {
	kind, persistence, replIdent, am, ofType   string
	hasIndex, rowSec, forceRowSec, isPartition bool
	hasRules, hasTriggers                      bool
	relOptions                                 string // reloptions and toast.* ones, joined by ", "
	tablespace                                 string // "" for the database's default tablespace
}

// relTitle is the title of \d for a relation kind.
func relTitle(ri relInfo, name string) string {
	unlogged := ri.persistence == "u"
	kind := map[string]string{"r": "Table", "v": "View", "m": "Materialized view", "S": "Sequence",
		"i": "Index", "I": "Partitioned index", "c": "Composite type", "f": "Foreign table",
		"p": "Partitioned table", "t": "TOAST table"}[ri.kind]
	if unlogged {
		switch ri.kind {
		case "r":
			kind = "Unlogged table"
		case "m":
			kind = "Unlogged materialized view"
		case "S":
			kind = "Unlogged sequence"
		case "i":
			kind = "Unlogged index"
		}
	}
	if kind == "" {
		kind = "?" + ri.kind + "?"
	}
	return fmt.Sprintf("%s \"%s\"", kind, name)
}

// describeOne prints one relation.
func describeOne(env *Env, r *dreq, oid, nsp, rel string) Result {
	info, res := env.query("SELECT c.relkind, c.relpersistence, c.relreplident, " +
		when(r.version >= 120000, "COALESCE(am.amname, '')") + when(r.version < 120000, "''") +
		", CASE WHEN c.reloftype = 0 THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, c.relhasindex, c.relrowsecurity, c.relforcerowsecurity, c.relispartition, c.relhasrules, c.relhastriggers,\n" +
		"  pg_catalog.array_to_string(c.reloptions || array(select 'toast.' || x from pg_catalog.unnest(tc.reloptions) x), ', '),\n" +
		"  (SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid = c.reltablespace)\n" +
		"FROM pg_catalog.pg_class c\n  LEFT JOIN pg_catalog.pg_class tc ON (c.reltoastrelid = tc.oid)\n" + when(r.version >= 120000, "  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam\n") +
		"WHERE c.oid = '" + oid + "';")
	if res != OK {
		return res
	}
	if info.Len() == 0 {
		return OK
	}
	g := func(i int) string { return info.Get(0, i) }
	ri := relInfo{kind: g(0), persistence: g(1), replIdent: g(2), am: g(3), ofType: g(4),
		hasIndex: g(5) == "t", rowSec: g(6) == "t", forceRowSec: g(7) == "t", isPartition: g(8) == "t",
		hasRules: g(9) == "t", hasTriggers: g(10) == "t", relOptions: g(11), tablespace: g(12)}
	name := nsp + "." + rel
	if ri.kind == "S" {
		return describeSequence(env, oid, name, ri)
	}
	cols, res := env.query(columnsQuery(r, oid, ri))
	if res != OK {
		return res
	}
	t := &render.Table{Title: relTitle(ri, name)}
	head := columnHeaders(r, ri, env)
	for _, h := range head {
		t.Columns = append(t.Columns, render.Column{Name: h.name, Align: render.AlignLeft})
	}
	for i := range cols.Data {
		var row []string
		for _, h := range head {
			row = append(row, h.cell(cols, i))
		}
		t.Rows = append(t.Rows, row)
	}
	footers, res := relationFooters(env, r, oid, nsp, rel, ri)
	if res != OK {
		return res
	}
	t.Footers = footers
	return env.printTable(t, false, true)
}

// colHead is one column of \d's table and how to fill it from the columns query.
type colHead struct {
	name string
	cell func(rows *Rows, i int) string
}

// columnsQuery reads the columns of a relation: name, type, collation, not null,
// default, identity, generated, storage, compression, stats target, description, and for
// indexes whether the column is a key and its definition.
func columnsQuery(r *dreq, oid string, ri relInfo) string {
	return "SELECT a.attname,\n" +
		"  pg_catalog.format_type(a.atttypid, a.atttypmod),\n" +
		"  (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation),\n" +
		"  a.attnotnull,\n" +
		"  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true) FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),\n" +
		"  a.attidentity,\n" +
		when(r.version >= 120000, "  a.attgenerated,\n") + when(r.version < 120000, "  '',\n") +
		"  CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'm' THEN 'main' WHEN 'x' THEN 'extended' END,\n" +
		when(r.version >= 140000, "  CASE a.attcompression WHEN 'p' THEN 'pglz' WHEN 'l' THEN 'lz4' ELSE '' END,\n") + when(r.version < 140000, "  '',\n") +
		"  CASE WHEN a.attstattarget = -1 THEN NULL ELSE a.attstattarget END,\n" +
		"  pg_catalog.col_description(a.attrelid, a.attnum),\n" +
		"  CASE WHEN a.attnum <= (SELECT i.indnkeyatts FROM pg_catalog.pg_index i WHERE i.indexrelid = a.attrelid) THEN 'yes' ELSE 'no' END,\n" +
		"  pg_catalog.pg_get_indexdef(a.attrelid, a.attnum, true),\n" +
		"  CASE WHEN attfdwoptions IS NULL THEN '' ELSE '(' || pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value) FROM pg_catalog.pg_options_to_table(attfdwoptions)), ', ') || ')' END\n" +
		"FROM pg_catalog.pg_attribute a\n" +
		"WHERE a.attrelid = '" + oid + "' AND a.attnum > 0 AND NOT a.attisdropped\n" +
		"ORDER BY a.attnum;"
}

// columnHeaders are the columns \d prints for a relation kind.
func columnHeaders(r *dreq, ri relInfo, env *Env) []colHead {
	at := func(k int) func(*Rows, int) string { return func(rows *Rows, i int) string { return rows.Get(i, k) } }
	out := []colHead{{"Column", at(0)}, {"Type", at(1)}}
	isIndex := ri.kind == "i" || ri.kind == "I"
	// Collation, Nullable, Default and Description exist for these kinds only: a TOAST
	// table shows Column and Type (and Storage with +), as psql 15's describe.c.
	details := strings.Contains("rvmfcp", ri.kind) && len(ri.kind) == 1
	if isIndex {
		out = append(out, colHead{"Key?", at(11)}, colHead{"Definition", at(12)})
	} else if details {
		out = append(out,
			colHead{"Collation", at(2)},
			colHead{"Nullable", func(rows *Rows, i int) string {
				if rows.Get(i, 3) == "t" {
					return "not null"
				}
				return ""
			}},
			colHead{"Default", func(rows *Rows, i int) string {
				switch rows.Get(i, 5) {
				case "a":
					return "generated always as identity"
				case "d":
					return "generated by default as identity"
				}
				if rows.Get(i, 6) == "s" {
					return "generated always as (" + rows.Get(i, 4) + ") stored"
				}
				return rows.Get(i, 4)
			}})
	}
	if ri.kind == "f" {
		out = append(out, colHead{"FDW options", at(13)})
	}
	if !r.verbose {
		return out
	}
	out = append(out, colHead{"Storage", at(7)})
	if r.version >= 140000 && !boolVar(env, "HIDE_TOAST_COMPRESSION") && (ri.kind == "r" || ri.kind == "p" || ri.kind == "m") {
		out = append(out, colHead{"Compression", at(8)})
	}
	if ri.kind == "r" || ri.kind == "p" || ri.kind == "m" || ri.kind == "f" || isIndex {
		out = append(out, colHead{"Stats target", at(9)})
	}
	if details {
		out = append(out, colHead{"Description", at(10)})
	}
	return out
}

// boolVar reads a boolean psql variable (false when unset or invalid).
func boolVar(env *Env, name string) bool {
	if env.Vars == nil {
		return false
	}
	v, ok := env.Vars.Get(name)
	if !ok {
		return false
	}
	b, valid := ParseBool(v)
	return valid && b
}

// describeSequence is \d for a sequence: its parameters and owner.
func describeSequence(env *Env, oid, name string, ri relInfo) Result {
	rows, res := env.query("SELECT pg_catalog.format_type(seqtypid, NULL), seqstart, seqmin, seqmax, seqincrement,\n" +
		"  CASE WHEN seqcycle THEN 'yes' ELSE 'no' END, seqcache\nFROM pg_catalog.pg_sequence WHERE seqrelid = '" + oid + "';")
	if res != OK || rows.Len() == 0 {
		return res
	}
	t := &render.Table{Title: relTitle(ri, name)}
	for i, h := range []string{"Type", "Start", "Minimum", "Maximum", "Increment", "Cycles?", "Cache"} {
		a := render.AlignRight
		if i == 0 || i == 5 {
			a = render.AlignLeft
		}
		t.Columns = append(t.Columns, render.Column{Name: h, Align: a})
	}
	t.Rows = [][]string{rows.Data[0]}
	owner, res := env.query("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) || '.' || pg_catalog.quote_ident(a.attname), d.deptype\n" +
		"FROM pg_catalog.pg_class c\n  JOIN pg_catalog.pg_depend d ON c.oid = d.refobjid\n" +
		"  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n" +
		"  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid\n" +
		"WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass\n" +
		"  AND d.objid = '" + oid + "' AND d.deptype IN ('a', 'i');")
	if res != OK {
		return res
	}
	if owner.Len() == 1 {
		if owner.Get(0, 1) == "i" {
			t.Footers = append(t.Footers, "Sequence for identity column: "+owner.Get(0, 0))
		} else {
			t.Footers = append(t.Footers, "Owned by: "+owner.Get(0, 0))
		}
	}
	// psql prints a sequence with printQuery and the user's settings, \x included
	// (describeOneTableDetails); other relations are never expanded.
	return env.printTable(t, false, false)
}

// footerList runs sql and appends a heading plus one line per row made by line.
func footerList(env *Env, footers *[]string, heading, sql string, line func(rows *Rows, i int) string) Result {
	rows, res := env.query(sql)
	if res != OK {
		return res
	}
	if rows.Len() == 0 {
		return OK
	}
	if heading != "" {
		*footers = append(*footers, heading)
	}
	for i := range rows.Data {
		*footers = append(*footers, line(rows, i))
	}
	return OK
}

// relationFooters builds the lines \d prints under a relation's columns, in the order of
// psql 15's describeOneTableDetails (describe.c): partition, partition key, owning table;
// the index line or the table footers (indexes, constraints, policies, statistics, rules,
// publications); the view definition; triggers; then, for table-like kinds, server,
// parents, children, type, replica identity, tablespace and access method; options last.
// nsp and rel are the relation's schema and name as found by the \d pattern query.
func relationFooters(env *Env, r *dreq, oid, nsp, rel string, ri relInfo) ([]string, Result) {
	var f []string
	q := "'" + oid + "'"
	v := r.version
	if v == 0 {
		v = 150000
	}
	// "Partition of" comes first, for partitions of tables and of partitioned indexes.
	if ri.isPartition {
		rows, res := env.query("SELECT inhparent::pg_catalog.regclass, pg_catalog.pg_get_expr(c.relpartbound, c.oid), pg_catalog.pg_get_partition_constraintdef(c.oid), " +
			when(v >= 140000, "inhdetachpending") + when(v < 140000, "false") + "\n" +
			"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid WHERE c.oid = " + q + ";")
		if res != OK {
			return nil, res
		}
		if rows.Len() > 0 {
			line := "Partition of: " + rows.Get(0, 0) + " " + rows.Get(0, 1)
			if rows.Get(0, 3) == "t" {
				line += " DETACH PENDING"
			}
			f = append(f, line)
			if r.verbose {
				if rows.Get(0, 2) == "" {
					f = append(f, "No partition constraint")
				} else {
					f = append(f, "Partition constraint: "+rows.Get(0, 2))
				}
			}
		}
	}
	if ri.kind == "p" {
		rows, res := env.query("SELECT pg_catalog.pg_get_partkeydef(" + q + "::pg_catalog.oid);")
		if res != OK {
			return nil, res
		}
		if rows.Len() == 1 {
			f = append(f, "Partition key: "+rows.Get(0, 0))
		}
	}
	if ri.kind == "t" {
		rows, res := env.query("SELECT n.nspname, c.relname\n" +
			"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n" +
			"WHERE reltoastrelid = " + q + ";")
		if res != OK {
			return nil, res
		}
		if rows.Len() == 1 {
			f = append(f, fmt.Sprintf("Owning table: \"%s.%s\"", rows.Get(0, 0), rows.Get(0, 1)))
		}
	}
	switch ri.kind {
	case "i", "I":
		line, res := indexFooter(env, v, q, nsp)
		if res != OK {
			return nil, res
		}
		if line == "" {
			// psql gives up on the relation when the index row is missing.
			return nil, Error
		}
		f = append(f, line)
		if ri.kind == "i" {
			f = appendTablespace(f, ri)
		}
	case "r", "m", "f", "p", "t":
		if res := tableConstraintFooters(env, v, q, ri, &f); res != OK {
			return nil, res
		}
		if res := tableFooters(env, r, q, ri, &f); res != OK {
			return nil, res
		}
	}
	if (ri.kind == "v" || ri.kind == "m") && r.verbose {
		rows, res := env.query("SELECT pg_catalog.pg_get_viewdef(" + q + "::pg_catalog.oid, true);")
		if res != OK {
			return nil, res
		}
		if rows.Len() > 0 {
			f = append(f, "View definition:")
			f = append(f, strings.Split(rows.Get(0, 0), "\n")...)
			if ri.hasRules {
				if res := viewRuleFooters(env, q, &f); res != OK {
					return nil, res
				}
			}
		}
	}
	if ri.hasTriggers {
		if res := triggerFooters(env, v, q, &f); res != OK {
			return nil, res
		}
	}
	if strings.Contains("rmfpIt", ri.kind) && len(ri.kind) == 1 {
		if res := tableEndFooters(env, r, v, q, nsp, ri, &f); res != OK {
			return nil, res
		}
	}
	if r.verbose && ri.relOptions != "" {
		f = append(f, "Options: "+ri.relOptions)
	}
	return f, OK
}

// indexFooter is the line \d prints under an index's columns: "primary key, " or
// "unique[ nulls not distinct], ", the access method, the table (schema of the index as
// given, unquoted, as psql assumes both share it), and predicate, clustered, invalid,
// deferrable, initially deferred and replica identity marks. "" when the index row is
// missing.
func indexFooter(env *Env, v int, q, nsp string) (string, Result) {
	rows, res := env.query("SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid,\n" +
		"  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferrable) AS condeferrable,\n" +
		"  (NOT i.indimmediate) AND EXISTS (SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x') AND condeferred) AS condeferred,\n" +
		"  i.indisreplident,\n" +
		when(v >= 150000, "  i.indnullsnotdistinct,\n") + when(v < 150000, "  false AS indnullsnotdistinct,\n") +
		"  a.amname, c2.relname, pg_catalog.pg_get_expr(i.indpred, i.indrelid, true)\n" +
		"FROM pg_catalog.pg_index i, pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_am a\n" +
		"WHERE i.indexrelid = c.oid AND c.oid = " + q + " AND c.relam = a.oid\nAND i.indrelid = c2.oid;")
	if res != OK {
		return "", res
	}
	if rows.Len() != 1 {
		return "", OK
	}
	g := func(k int) string { return rows.Get(0, k) }
	var b strings.Builder
	if g(1) == "t" {
		b.WriteString("primary key, ")
	} else if g(0) == "t" {
		b.WriteString("unique")
		if g(7) == "t" {
			b.WriteString(" nulls not distinct")
		}
		b.WriteString(", ")
	}
	fmt.Fprintf(&b, "%s, for table \"%s.%s\"", g(8), nsp, g(9))
	if g(10) != "" {
		fmt.Fprintf(&b, ", predicate (%s)", g(10))
	}
	for _, m := range []struct {
		k    int
		want bool
		text string
	}{{2, true, ", clustered"}, {3, false, ", invalid"}, {4, true, ", deferrable"}, {5, true, ", initially deferred"}, {6, true, ", replica identity"}} {
		if (g(m.k) == "t") == m.want {
			b.WriteString(m.text)
		}
	}
	return b.String(), OK
}

// tableConstraintFooters appends a table's "Indexes:", "Check constraints:",
// "Foreign-key constraints:" and "Referenced by:" sections. Foreign keys are looked for
// only when the relation has triggers or is partitioned, as psql does; on a partition or
// partitioned table (server 12+) those of its ancestors follow its own, and constraints
// cloned from a parent (conparentid <> 0) are left out.
func tableConstraintFooters(env *Env, v int, q string, ri relInfo, f *[]string) Result {
	if ri.hasIndex {
		res := footerList(env, f, "Indexes:", "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid,\n"+
			"  pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), pg_catalog.pg_get_constraintdef(con.oid, true), con.contype, con.condeferrable, con.condeferred, i.indisreplident,\n"+
			"  (SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid = c2.reltablespace)\n"+
			"FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n"+
			"  LEFT JOIN pg_catalog.pg_constraint con ON conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x')\n"+
			"WHERE c.oid = "+q+" AND c.oid = i.indrelid AND i.indexrelid = c2.oid\n"+
			"ORDER BY i.indisprimary DESC, c2.relname;", indexLine)
		if res != OK {
			return res
		}
	}
	res := footerList(env, f, "Check constraints:", "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\n"+
		"FROM pg_catalog.pg_constraint r WHERE r.conrelid = "+q+" AND r.contype = 'c'\nORDER BY 1;",
		func(rows *Rows, i int) string { return fmt.Sprintf("    \"%s\" %s", rows.Get(i, 0), rows.Get(i, 1)) })
	if res != OK {
		return res
	}
	if !ri.hasTriggers && ri.kind != "p" {
		return OK
	}
	var fk string
	if v >= 120000 && (ri.isPartition || ri.kind == "p") {
		fk = "SELECT conrelid = " + q + "::pg_catalog.regclass AS sametable, conname,\n" +
			"  pg_catalog.pg_get_constraintdef(oid, true) AS condef, conrelid::pg_catalog.regclass AS ontable\n" +
			"FROM pg_catalog.pg_constraint, pg_catalog.pg_partition_ancestors(" + q + ")\n" +
			"WHERE conrelid = relid AND contype = 'f' AND conparentid = 0\nORDER BY sametable DESC, conname;"
	} else {
		fk = "SELECT true AS sametable, conname, pg_catalog.pg_get_constraintdef(r.oid, true) AS condef,\n" +
			"  conrelid::pg_catalog.regclass AS ontable\n" +
			"FROM pg_catalog.pg_constraint r\nWHERE r.conrelid = " + q + " AND r.contype = 'f'\n" +
			when(v >= 120000, "  AND conparentid = 0\n") + "ORDER BY conname;"
	}
	res = footerList(env, f, "Foreign-key constraints:", fk, func(rows *Rows, i int) string {
		if rows.Get(i, 0) == "f" {
			return fmt.Sprintf("    TABLE \"%s\" CONSTRAINT \"%s\" %s", rows.Get(i, 3), rows.Get(i, 1), rows.Get(i, 2))
		}
		return fmt.Sprintf("    \"%s\" %s", rows.Get(i, 1), rows.Get(i, 2))
	})
	if res != OK {
		return res
	}
	ref := "SELECT conname, conrelid::pg_catalog.regclass AS ontable, pg_catalog.pg_get_constraintdef(oid, true) AS condef\n" +
		"FROM pg_catalog.pg_constraint c\n"
	if v >= 120000 {
		ref += "WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors(" + q + ") UNION ALL VALUES (" + q + "::pg_catalog.regclass))\n" +
			"  AND contype = 'f' AND conparentid = 0\nORDER BY conname;"
	} else {
		ref += "WHERE confrelid = " + q + " AND contype = 'f'\nORDER BY conname;"
	}
	return footerList(env, f, "Referenced by:", ref, func(rows *Rows, i int) string {
		return fmt.Sprintf("    TABLE \"%s\" CONSTRAINT \"%s\" %s", rows.Get(i, 1), rows.Get(i, 0), rows.Get(i, 2))
	})
}

// triggerFooters appends a relation's user triggers (of tables and views alike) in psql's
// five groups: enabled, disabled user, disabled internal, firing always, firing on replica
// only. Each line is the trigger definition after " TRIGGER "; a trigger cloned from a
// partitioned ancestor (server 13+) ends with ", ON TABLE topmost-ancestor". Servers 11 to
// 14 mark such clones internal, so psql shows internal triggers that depend on another
// trigger there.
func triggerFooters(env *Env, v int, q string, f *[]string) Result {
	parent := "  NULL AS parent\n"
	if v >= 130000 {
		parent = "  CASE WHEN t.tgparentid != 0 THEN\n" +
			"    (SELECT u.tgrelid::pg_catalog.regclass\n" +
			"     FROM pg_catalog.pg_trigger AS u,\n" +
			"          pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)\n" +
			"     WHERE u.tgname = t.tgname AND u.tgrelid = a.relid\n" +
			"           AND u.tgparentid = 0\n" +
			"     ORDER BY a.depth LIMIT 1)\n" +
			"  END AS parent\n"
	}
	keep := "(NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))"
	if v >= 110000 && v < 150000 {
		keep = "(NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D') \n" +
			"    OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend WHERE objid = t.oid \n" +
			"        AND refclassid = 'pg_catalog.pg_trigger'::pg_catalog.regclass))"
	}
	rows, res := env.query("SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,\n" +
		parent + "FROM pg_catalog.pg_trigger t\nWHERE t.tgrelid = " + q + " AND " + keep + "\nORDER BY 1;")
	if res != OK {
		return res
	}
	groups := []struct {
		head string
		keep func(en, internal string) bool
	}{
		{"Triggers:", func(en, _ string) bool { return en == "O" || en == "t" }},
		{"Disabled user triggers:", func(en, in string) bool { return (en == "D" || en == "f") && in == "f" }},
		{"Disabled internal triggers:", func(en, in string) bool { return (en == "D" || en == "f") && in == "t" }},
		{"Triggers firing always:", func(en, _ string) bool { return en == "A" }},
		{"Triggers firing on replica only:", func(en, _ string) bool { return en == "R" }},
	}
	for _, g := range groups {
		first := true
		for i := range rows.Data {
			if !g.keep(rows.Get(i, 2), rows.Get(i, 3)) {
				continue
			}
			if first {
				*f = append(*f, g.head)
				first = false
			}
			def := rows.Get(i, 1)
			if k := strings.Index(def, " TRIGGER "); k >= 0 {
				def = def[k+len(" TRIGGER "):]
			}
			line := "    " + def
			if !rows.IsNull(i, 4) {
				line += ", ON TABLE " + rows.Get(i, 4)
			}
			*f = append(*f, line)
		}
	}
	return OK
}

// tableEndFooters appends the last footers of a table-like relation (kinds r, m, f, p, I,
// t): a foreign table's server and options, the non-partitioned parents ("Inherits"), the
// children or partitions, the type of a typed table, with + a non-default replica
// identity, the tablespace and, with + unless HIDE_TABLEAM, the access method.
func tableEndFooters(env *Env, r *dreq, v int, q, nsp string, ri relInfo, f *[]string) Result {
	if ri.kind == "f" {
		rows, res := env.query("SELECT s.srvname,\n" +
			"  pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value)\n" +
			"    FROM pg_catalog.pg_options_to_table(ftoptions)), ', ')\n" +
			"FROM pg_catalog.pg_foreign_table f, pg_catalog.pg_foreign_server s\n" +
			"WHERE f.ftrelid = " + q + " AND s.oid = f.ftserver;")
		if res != OK {
			return res
		}
		if rows.Len() != 1 {
			return Error
		}
		*f = append(*f, "Server: "+rows.Get(0, 0))
		if o := rows.Get(0, 1); o != "" {
			*f = append(*f, "FDW options: ("+o+")")
		}
	}
	rows, res := env.query("SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n" +
		"WHERE c.oid = i.inhparent AND i.inhrelid = " + q + "\n  AND c.relkind != 'p' AND c.relkind != 'I'\nORDER BY inhseqno;")
	if res != OK {
		return res
	}
	for i := range rows.Data {
		prefix := "Inherits: "
		if i > 0 {
			prefix = "          "
		}
		line := prefix + rows.Get(i, 0)
		if i < rows.Len()-1 {
			line += ","
		}
		*f = append(*f, line)
	}
	if res := childFooters(env, r, q, ri, f); res != OK {
		return res
	}
	if ri.ofType != "" {
		*f = append(*f, "Typed table of type: "+ri.ofType)
	}
	if r.verbose && (ri.kind == "r" || ri.kind == "m") && ri.replIdent != "i" &&
		((nsp != "pg_catalog" && ri.replIdent != "d") || (nsp == "pg_catalog" && ri.replIdent != "n")) {
		ident := map[string]string{"f": "FULL", "n": "NOTHING"}[ri.replIdent]
		if ident == "" {
			ident = "???"
		}
		*f = append(*f, "Replica Identity: "+ident)
	}
	if ri.kind != "f" {
		*f = appendTablespace(*f, ri)
	}
	if r.verbose && v >= 120000 && !boolVar(env, "HIDE_TABLEAM") && ri.am != "" {
		*f = append(*f, "Access method: "+ri.am)
	}
	return OK
}

// childFooters appends the child tables or partitions of a relation: their number
// ("Use \d+ to list them"), or with + their list with partition bounds. A partitioned
// table or index always shows "Number of partitions: 0" when it has none.
func childFooters(env *Env, r *dreq, q string, ri relInfo, f *[]string) Result {
	kids, res := env.query("SELECT c.oid::pg_catalog.regclass, c.relkind, pg_catalog.pg_get_expr(c.relpartbound, c.oid), " +
		when(r.version == 0 || r.version >= 140000, "inhdetachpending") + when(r.version != 0 && r.version < 140000, "false") + "\n" +
		"FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i WHERE c.oid = i.inhrelid AND i.inhparent = " + q + "\n" +
		"ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;")
	if res != OK {
		return res
	}
	n := kids.Len()
	partitioned := ri.kind == "p" || ri.kind == "I"
	head := "Child tables: "
	if partitioned {
		head = "Partitions: "
	}
	switch {
	case partitioned && n == 0:
		*f = append(*f, "Number of partitions: 0")
	case !r.verbose && n > 0 && partitioned:
		*f = append(*f, fmt.Sprintf("Number of partitions: %d (Use \\d+ to list them.)", n))
	case !r.verbose && n > 0:
		*f = append(*f, fmt.Sprintf("Number of child tables: %d (Use \\d+ to list them.)", n))
	case r.verbose:
		for i := range kids.Data {
			p := head
			if i > 0 {
				p = strings.Repeat(" ", len(head))
			}
			line := p + kids.Get(i, 0)
			if b := kids.Get(i, 2); b != "" {
				line += " " + b
			}
			if k := kids.Get(i, 1); k == "p" || k == "I" {
				line += ", PARTITIONED"
			}
			if kids.Get(i, 3) == "t" {
				line += " (DETACH PENDING)"
			}
			if i < n-1 {
				line += ","
			}
			*f = append(*f, line)
		}
	}
	return OK
}

// indexLine formats one "Indexes:" footer line as psql does.
func indexLine(rows *Rows, i int) string {
	g := func(k int) string { return rows.Get(i, k) }
	var b strings.Builder
	fmt.Fprintf(&b, "    \"%s\"", g(0))
	contype := g(7)
	switch {
	case contype == "x":
		b.WriteString(" " + g(6))
	default:
		if g(1) == "t" {
			b.WriteString(" PRIMARY KEY,")
		} else if g(2) == "t" {
			if contype == "u" {
				b.WriteString(" UNIQUE CONSTRAINT,")
			} else {
				b.WriteString(" UNIQUE,")
			}
		}
		def := g(5)
		if k := strings.Index(def, " USING "); k >= 0 {
			def = def[k+len(" USING "):]
		}
		b.WriteString(" " + def)
		if g(8) == "t" {
			b.WriteString(" DEFERRABLE")
		}
		if g(9) == "t" {
			b.WriteString(" INITIALLY DEFERRED")
		}
	}
	if g(3) == "t" {
		b.WriteString(" CLUSTER")
	}
	if g(4) != "t" {
		b.WriteString(" INVALID")
	}
	if g(10) == "t" {
		b.WriteString(" REPLICA IDENTITY")
	}
	if g(11) != "" {
		fmt.Fprintf(&b, ", tablespace \"%s\"", g(11))
	}
	return b.String()
}

// appendTablespace adds \d's "Tablespace:" footer for a relation outside the database's
// default tablespace (psql 15's add_tablespace_footer, describe.c).
func appendTablespace(f []string, ri relInfo) []string {
	if ri.tablespace == "" {
		return f
	}
	return append(f, fmt.Sprintf("Tablespace: \"%s\"", ri.tablespace))
}
