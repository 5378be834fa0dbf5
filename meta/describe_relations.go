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
		", COALESCE(c.reloftype::pg_catalog.regtype::pg_catalog.text, ''), c.relhasindex, c.relrowsecurity, c.relforcerowsecurity, c.relispartition, c.relhasrules, c.relhastriggers,\n" +
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
	footers, res := relationFooters(env, r, oid, name, ri)
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
	if owner.Len() > 0 {
		if owner.Get(0, 1) == "i" {
			t.Footers = append(t.Footers, "Sequence for identity column: "+owner.Get(0, 0))
		} else {
			t.Footers = append(t.Footers, "Owned by: "+owner.Get(0, 0))
		}
	}
	return env.printTable(t, false, true)
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

// relationFooters builds the lines \d prints under a relation's columns.
func relationFooters(env *Env, r *dreq, oid, name string, ri relInfo) ([]string, Result) {
	var f []string
	q := "'" + oid + "'"
	table := ri.kind == "r" || ri.kind == "p" || ri.kind == "m" || ri.kind == "f" || ri.kind == "t"
	// "Partition of" comes first, for partitions of tables and of partitioned indexes.
	if ri.isPartition {
		rows, res := env.query("SELECT inhparent::pg_catalog.regclass, pg_catalog.pg_get_expr(c.relpartbound, c.oid), pg_catalog.pg_get_partition_constraintdef(c.oid), " +
			when(r.version == 0 || r.version >= 140000, "inhdetachpending") + when(r.version != 0 && r.version < 140000, "false") + "\n" +
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
	switch ri.kind {
	case "i", "I":
		rows, res := env.query("SELECT i.indisunique, i.indisprimary, i.indisclustered, i.indisvalid, a.amname,\n" +
			"  pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c2.relname), pg_catalog.pg_get_expr(i.indpred, i.indrelid, true), i.indisreplident\n" +
			"FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_class c2 ON c2.oid = i.indrelid\n" +
			"  JOIN pg_catalog.pg_namespace n ON n.oid = c2.relnamespace JOIN pg_catalog.pg_am a ON a.oid = c.relam\n" +
			"WHERE i.indexrelid = " + q + ";")
		if res != OK || rows.Len() == 0 {
			return nil, res
		}
		g := func(k int) string { return rows.Get(0, k) }
		var b strings.Builder
		if g(1) == "t" {
			b.WriteString("primary key, ")
		} else if g(0) == "t" {
			b.WriteString("unique, ")
		}
		fmt.Fprintf(&b, "%s, for table \"%s\"", g(4), g(5))
		if g(6) != "" {
			fmt.Fprintf(&b, ", predicate (%s)", g(6))
		}
		if g(2) == "t" {
			b.WriteString(", clustered")
		}
		if g(3) != "t" {
			b.WriteString(", invalid")
		}
		if g(7) == "t" {
			b.WriteString(", replica identity")
		}
		f = append(f, b.String())
		if ri.kind == "i" {
			f = appendTablespace(f, ri)
			if r.verbose && ri.relOptions != "" {
				f = append(f, "Options: "+ri.relOptions)
			}
			return f, OK
		}
		// A partitioned index goes on to psql's table footers: its partitions, tablespace
		// and access method (describeOneTableDetails, describe.c).
		return partitionIndexFooters(env, r, q, ri, f)
	case "v", "m":
		if ri.kind == "m" || r.verbose {
			// Indexes of a materialized view come below.
		}
	}
	if ri.kind == "f" {
		rows, res := env.query("SELECT s.srvname, CASE WHEN ftoptions IS NULL THEN '' ELSE '(' || pg_catalog.array_to_string(ARRAY(SELECT pg_catalog.quote_ident(option_name) || ' ' || pg_catalog.quote_literal(option_value) FROM pg_catalog.pg_options_to_table(ftoptions)), ', ') || ')' END\n" +
			"FROM pg_catalog.pg_foreign_table f JOIN pg_catalog.pg_foreign_server s ON f.ftserver = s.oid WHERE f.ftrelid = " + q + ";")
		if res != OK {
			return nil, res
		}
		if rows.Len() > 0 {
			f = append(f, "Server: "+rows.Get(0, 0))
			if rows.Get(0, 1) != "" {
				f = append(f, "FDW options: "+rows.Get(0, 1))
			}
		}
	}
	if ri.kind == "p" {
		rows, res := env.query("SELECT pg_catalog.pg_get_partkeydef(" + q + "::pg_catalog.oid);")
		if res != OK {
			return nil, res
		}
		f = append(f, "Partition key: "+rows.Get(0, 0))
	}
	if ri.kind == "t" {
		res := footerList(env, &f, "", "SELECT n.nspname, c.relname\n"+
			"FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\n"+
			"WHERE reltoastrelid = "+q+";",
			func(rows *Rows, i int) string {
				return fmt.Sprintf("Owning table: \"%s.%s\"", rows.Get(i, 0), rows.Get(i, 1))
			})
		if res != OK {
			return nil, res
		}
	}
	if table && ri.hasIndex {
		res := footerList(env, &f, "Indexes:", "SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid,\n"+
			"  pg_catalog.pg_get_indexdef(i.indexrelid, 0, true), pg_catalog.pg_get_constraintdef(con.oid, true), con.contype, con.condeferrable, con.condeferred, i.indisreplident,\n"+
			"  (SELECT spcname FROM pg_catalog.pg_tablespace WHERE oid = c2.reltablespace)\n"+
			"FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i\n"+
			"  LEFT JOIN pg_catalog.pg_constraint con ON conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x')\n"+
			"WHERE c.oid = "+q+" AND c.oid = i.indrelid AND i.indexrelid = c2.oid\n"+
			"ORDER BY i.indisprimary DESC, c2.relname;", indexLine)
		if res != OK {
			return nil, res
		}
	}
	if table {
		res := footerList(env, &f, "Check constraints:", "SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\n"+
			"FROM pg_catalog.pg_constraint r WHERE r.conrelid = "+q+" AND r.contype = 'c'\nORDER BY 1;",
			func(rows *Rows, i int) string { return fmt.Sprintf("    \"%s\" %s", rows.Get(i, 0), rows.Get(i, 1)) })
		if res != OK {
			return nil, res
		}
		res = footerList(env, &f, "Foreign-key constraints:", "SELECT conname, pg_catalog.pg_get_constraintdef(r.oid, true),\n"+
			"  conrelid = "+q+"::pg_catalog.regclass AS sametable, conrelid::pg_catalog.regclass\n"+
			"FROM pg_catalog.pg_constraint r\n"+
			"WHERE r.conrelid IN (SELECT pg_catalog.pg_partition_ancestors("+q+") UNION ALL VALUES ("+q+"::pg_catalog.regclass))\n"+
			"  AND r.contype = 'f' AND (r.conparentid = 0 OR r.conrelid <> "+q+")\nORDER BY sametable DESC, conname;",
			func(rows *Rows, i int) string {
				if rows.Get(i, 2) == "t" {
					return fmt.Sprintf("    \"%s\" %s", rows.Get(i, 0), rows.Get(i, 1))
				}
				return fmt.Sprintf("    TABLE \"%s\" CONSTRAINT \"%s\" %s", rows.Get(i, 3), rows.Get(i, 0), rows.Get(i, 1))
			})
		if res != OK {
			return nil, res
		}
		res = footerList(env, &f, "Referenced by:", "SELECT conname, conrelid::pg_catalog.regclass, pg_catalog.pg_get_constraintdef(oid, true)\n"+
			"FROM pg_catalog.pg_constraint c\n"+
			"WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors("+q+") UNION ALL VALUES ("+q+"::pg_catalog.regclass))\n"+
			"  AND contype = 'f' AND conparentid = 0\nORDER BY conname;",
			func(rows *Rows, i int) string {
				return fmt.Sprintf("    TABLE \"%s\" CONSTRAINT \"%s\" %s", rows.Get(i, 1), rows.Get(i, 0), rows.Get(i, 2))
			})
		if res != OK {
			return nil, res
		}
		if res = tableFooters(env, r, q, ri, &f); res != OK {
			return nil, res
		}
	}
	if ri.kind == "v" && r.verbose {
		rows, res := env.query("SELECT pg_catalog.pg_get_viewdef(" + q + "::pg_catalog.oid, true);")
		if res != OK {
			return nil, res
		}
		f = append(f, "View definition:")
		f = append(f, strings.Split(rows.Get(0, 0), "\n")...)
		if ri.hasRules {
			if res := viewRuleFooters(env, q, &f); res != OK {
				return nil, res
			}
		}
	}
	if ri.kind == "m" && r.verbose {
		rows, res := env.query("SELECT pg_catalog.pg_get_viewdef(" + q + "::pg_catalog.oid, true);")
		if res != OK {
			return nil, res
		}
		f = append(f, "View definition:")
		f = append(f, strings.Split(rows.Get(0, 0), "\n")...)
	}
	if table && ri.hasTriggers {
		rows, res := env.query("SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal\n" +
			"FROM pg_catalog.pg_trigger t WHERE t.tgrelid = " + q + " AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))\nORDER BY 1;")
		if res != OK {
			return nil, res
		}
		groups := []struct {
			head string
			keep func(en string) bool
		}{
			{"Triggers:", func(en string) bool { return en == "O" || en == "t" }},
			{"Disabled user triggers:", func(en string) bool { return en == "D" || en == "f" }},
			{"Triggers firing always:", func(en string) bool { return en == "A" }},
			{"Triggers firing on replica only:", func(en string) bool { return en == "R" }},
		}
		for _, g := range groups {
			first := true
			for i := range rows.Data {
				if !g.keep(rows.Get(i, 2)) {
					continue
				}
				if first {
					f = append(f, g.head)
					first = false
				}
				def := rows.Get(i, 1)
				if k := strings.Index(def, " TRIGGER "); k >= 0 {
					def = def[k+len(" TRIGGER "):]
				}
				f = append(f, "    "+def)
			}
		}
	}
	if ri.kind == "r" || ri.kind == "p" || ri.kind == "f" {
		rows, res := env.query("SELECT c.oid::pg_catalog.regclass FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i\n" +
			"WHERE c.oid = i.inhparent AND i.inhrelid = " + q + " AND c.relkind <> 'p'\nORDER BY inhseqno;")
		if res != OK {
			return nil, res
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
			f = append(f, line)
		}
	}
	if table {
		if res := childFooters(env, r, q, ri, &f); res != OK {
			return nil, res
		}
	}
	if r.verbose && (ri.kind == "r" || ri.kind == "m") && ri.replIdent != "d" && ri.replIdent != "i" && !strings.HasPrefix(name, "pg_catalog.") {
		f = append(f, "Replica Identity: "+map[string]string{"f": "FULL", "n": "NOTHING"}[ri.replIdent])
	}
	if ri.kind == "r" || ri.kind == "m" || ri.kind == "p" || ri.kind == "t" {
		f = appendTablespace(f, ri)
	}
	return accessMethodFooters(env, r, ri, f), OK
}

// accessMethodFooters ends \d's footers of a table-like relation: the access method, if
// the relation has one (servers from 12), and with + the storage options.
func accessMethodFooters(env *Env, r *dreq, ri relInfo, f []string) []string {
	if r.verbose && r.version >= 120000 && !boolVar(env, "HIDE_TABLEAM") && ri.am != "" && strings.Contains("rmfptI", ri.kind) {
		f = append(f, "Access method: "+ri.am)
	}
	if r.verbose && ri.relOptions != "" {
		f = append(f, "Options: "+ri.relOptions)
	}
	return f
}

// partitionIndexFooters are the footers of a partitioned index after its "btree, for
// table" line: its partitions, tablespace, access method and options, as psql 15 prints
// them for relkind 'I'.
func partitionIndexFooters(env *Env, r *dreq, q string, ri relInfo, f []string) ([]string, Result) {
	if res := childFooters(env, r, q, ri, &f); res != OK {
		return nil, res
	}
	f = appendTablespace(f, ri)
	return accessMethodFooters(env, r, ri, f), OK
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
