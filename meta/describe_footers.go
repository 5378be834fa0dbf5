package meta

import (
	"fmt"
	"strings"
)

// tableFooters appends the footers \d prints for a table after "Referenced by:" and
// before the triggers (describeOneTableDetails in psql 15's describe.c): row-level
// policies, extended statistics, rules and publications. q is the quoted OID.
func tableFooters(env *Env, r *dreq, q string, ri relInfo, f *[]string) Result {
	if r.version == 0 || r.version >= 90500 {
		if res := policyFooters(env, r, q, ri, f); res != OK {
			return res
		}
	}
	if r.version == 0 || r.version >= 140000 {
		if res := statisticsFooters(env, q, f); res != OK {
			return res
		}
	} else if r.version >= 100000 {
		if res := statisticsFootersPre14(env, r, q, f); res != OK {
			return res
		}
	}
	if ri.hasRules && ri.kind != "m" {
		if res := ruleFooters(env, q, f); res != OK {
			return res
		}
	}
	if r.version == 0 || r.version >= 100000 {
		return publicationFooters(env, r, q, f)
	}
	return OK
}

// policyFooters is the "Policies" part: the heading says whether row security is on
// (and forced), even with no policies.
func policyFooters(env *Env, r *dreq, q string, ri relInfo, f *[]string) Result {
	permissive := "pol.polpermissive"
	if r.version != 0 && r.version < 100000 {
		permissive = "'t' as polpermissive"
	}
	rows, res := env.query("SELECT pol.polname, " + permissive + ",\n" +
		"  CASE WHEN pol.polroles = '{0}' THEN NULL ELSE pg_catalog.array_to_string(array(select rolname from pg_catalog.pg_roles where oid = any (pol.polroles) order by 1),',') END,\n" +
		"  pg_catalog.pg_get_expr(pol.polqual, pol.polrelid),\n" +
		"  pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid),\n" +
		"  CASE pol.polcmd\n    WHEN 'r' THEN 'SELECT'\n    WHEN 'a' THEN 'INSERT'\n    WHEN 'w' THEN 'UPDATE'\n    WHEN 'd' THEN 'DELETE'\n    END AS cmd\n" +
		"FROM pg_catalog.pg_policy pol\nWHERE pol.polrelid = " + q + " ORDER BY 1;")
	if res != OK {
		return res
	}
	n := rows.Len()
	switch {
	case ri.rowSec && !ri.forceRowSec && n > 0:
		*f = append(*f, "Policies:")
	case ri.rowSec && ri.forceRowSec && n > 0:
		*f = append(*f, "Policies (forced row security enabled):")
	case ri.rowSec && !ri.forceRowSec:
		*f = append(*f, "Policies (row security enabled): (none)")
	case ri.rowSec && ri.forceRowSec:
		*f = append(*f, "Policies (forced row security enabled): (none)")
	case n > 0:
		*f = append(*f, "Policies (row security disabled):")
	}
	for i := 0; i < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "    POLICY \"%s\"", rows.Get(i, 0))
		if rows.Get(i, 1) == "f" {
			b.WriteString(" AS RESTRICTIVE")
		}
		if !rows.IsNull(i, 5) {
			b.WriteString(" FOR " + rows.Get(i, 5))
		}
		if !rows.IsNull(i, 2) {
			b.WriteString("\n      TO " + rows.Get(i, 2))
		}
		if !rows.IsNull(i, 3) {
			b.WriteString("\n      USING (" + rows.Get(i, 3) + ")")
		}
		if !rows.IsNull(i, 4) {
			b.WriteString("\n      WITH CHECK (" + rows.Get(i, 4) + ")")
		}
		*f = append(*f, b.String())
	}
	return OK
}

// statisticsFooters is "Statistics objects:" (PostgreSQL 14+ form): the kinds are shown
// only when some but not all of ndistinct, dependencies and mcv are on.
func statisticsFooters(env *Env, q string, f *[]string) Result {
	rows, res := env.query("SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace::pg_catalog.text AS nsp, stxname,\n" +
		"pg_catalog.pg_get_statisticsobjdef_columns(oid) AS columns,\n" +
		"  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\n" +
		"stxstattarget\nFROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = " + q + "\nORDER BY nsp, stxname;")
	if res != OK {
		return res
	}
	if rows.Len() > 0 {
		*f = append(*f, "Statistics objects:")
	}
	for i := range rows.Data {
		var kinds []string
		for k, name := range []string{"ndistinct", "dependencies", "mcv"} {
			if rows.Get(i, 5+k) == "t" {
				kinds = append(kinds, name)
			}
		}
		line := fmt.Sprintf("    \"%s.%s\"", rows.Get(i, 2), rows.Get(i, 3))
		if len(kinds) > 0 && len(kinds) < 3 {
			line += " (" + strings.Join(kinds, ", ") + ")"
		}
		line += fmt.Sprintf(" ON %s FROM %s", rows.Get(i, 4), rows.Get(i, 1))
		// psql compares the text with "-1" only: 17's NULL default prints "; STATISTICS ".
		if rows.Get(i, 8) != "-1" {
			line += "; STATISTICS " + rows.Get(i, 8)
		}
		*f = append(*f, line)
	}
	return OK
}

// statisticsFootersPre14 is "Statistics objects:" for PostgreSQL 10 to 13, whose objects
// cover plain columns only: psql 15 names the columns itself, always lists the enabled
// kinds, and orders by OID (describeOneTableDetails' pre-14 branch); the statistics target
// exists from 13 on.
func statisticsFootersPre14(env *Env, r *dreq, q string, f *[]string) Result {
	target := "  stxstattarget\n"
	if r.version < 130000 {
		target = "  -1 AS stxstattarget\n"
	}
	rows, res := env.query("SELECT oid, stxrelid::pg_catalog.regclass, stxnamespace::pg_catalog.regnamespace AS nsp, stxname,\n" +
		"  (SELECT pg_catalog.string_agg(pg_catalog.quote_ident(attname),', ')\n" +
		"   FROM pg_catalog.unnest(stxkeys) s(attnum)\n" +
		"   JOIN pg_catalog.pg_attribute a ON (stxrelid = a.attrelid AND\n" +
		"        a.attnum = s.attnum AND NOT attisdropped)) AS columns,\n" +
		"  'd' = any(stxkind) AS ndist_enabled,\n  'f' = any(stxkind) AS deps_enabled,\n  'm' = any(stxkind) AS mcv_enabled,\n" +
		target + "FROM pg_catalog.pg_statistic_ext\nWHERE stxrelid = " + q + "\nORDER BY 1;")
	if res != OK {
		return res
	}
	if rows.Len() > 0 {
		*f = append(*f, "Statistics objects:")
	}
	for i := range rows.Data {
		var kinds []string
		for k, name := range []string{"ndistinct", "dependencies", "mcv"} {
			if rows.Get(i, 5+k) == "t" {
				kinds = append(kinds, name)
			}
		}
		line := fmt.Sprintf("    \"%s.%s\" (%s) ON %s FROM %s", rows.Get(i, 2), rows.Get(i, 3),
			strings.Join(kinds, ", "), rows.Get(i, 4), rows.Get(i, 1))
		// psql compares the text with "-1" only: 17's NULL default prints "; STATISTICS ".
		if rows.Get(i, 8) != "-1" {
			line += "; STATISTICS " + rows.Get(i, 8)
		}
		*f = append(*f, line)
	}
	return OK
}

// ruleFooters lists a table's rewrite rules grouped by ev_enabled, each as the rule
// definition after "CREATE RULE ".
func ruleFooters(env *Env, q string, f *[]string) Result {
	rows, res := env.query("SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true)), ev_enabled\n" +
		"FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = " + q + " ORDER BY 1;")
	if res != OK {
		return res
	}
	for _, g := range []struct{ enabled, head string }{
		{"O", "Rules:"}, {"D", "Disabled rules:"}, {"A", "Rules firing always:"}, {"R", "Rules firing on replica only:"},
	} {
		first := true
		for i := range rows.Data {
			if rows.Get(i, 2) != g.enabled {
				continue
			}
			if first {
				*f = append(*f, g.head)
				first = false
			}
			def := rows.Get(i, 1)
			if len(def) >= 12 {
				def = def[12:]
			}
			*f = append(*f, "    "+def)
		}
	}
	return OK
}

// viewRuleFooters is \d+'s "Rules:" under a view's definition: its rules other than the
// _RETURN one that makes it a view, each as " name AS ..." (the definition after
// "CREATE RULE "), in name order (describeOneTableDetails in psql 15's describe.c).
func viewRuleFooters(env *Env, q string, f *[]string) Result {
	rows, res := env.query("SELECT r.rulename, trim(trailing ';' from pg_catalog.pg_get_ruledef(r.oid, true))\n" +
		"FROM pg_catalog.pg_rewrite r\nWHERE r.ev_class = " + q + " AND r.rulename != '_RETURN' ORDER BY 1;")
	if res != OK {
		return res
	}
	if rows.Len() == 0 {
		return OK
	}
	*f = append(*f, "Rules:")
	for i := range rows.Data {
		def := strings.TrimPrefix(rows.Get(i, 1), "CREATE RULE ")
		*f = append(*f, strings.Split(" "+def, "\n")...)
	}
	return OK
}

// publicationFooters is "Publications:" with each publication's column list and row
// filter (PostgreSQL 15+; older servers have neither).
func publicationFooters(env *Env, r *dreq, q string, f *[]string) Result {
	var sql string
	if r.version == 0 || r.version >= 150000 {
		sql = "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n" +
			"     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid\n" +
			"     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid\n" +
			"WHERE pc.oid =" + q + " and pg_catalog.pg_relation_is_publishable(" + q + ")\n" +
			"UNION\nSELECT pubname\n     , pg_get_expr(pr.prqual, c.oid)\n" +
			"     , (CASE WHEN pr.prattrs IS NOT NULL THEN\n" +
			"         (SELECT string_agg(attname, ', ')\n" +
			"           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,\n" +
			"                pg_catalog.pg_attribute\n" +
			"          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])\n" +
			"        ELSE NULL END) FROM pg_catalog.pg_publication p\n" +
			"     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\n" +
			"     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid\n" +
			"WHERE pr.prrelid = " + q + "\nUNION\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n" +
			"WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable(" + q + ")\nORDER BY 1;"
	} else {
		sql = "SELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n" +
			"JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid\nWHERE pr.prrelid = " + q + "\n" +
			"UNION ALL\nSELECT pubname\n     , NULL\n     , NULL\nFROM pg_catalog.pg_publication p\n" +
			"WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable(" + q + ")\nORDER BY 1;"
	}
	rows, res := env.query(sql)
	if res != OK {
		return res
	}
	if rows.Len() > 0 {
		*f = append(*f, "Publications:")
	}
	for i := range rows.Data {
		line := fmt.Sprintf("    \"%s\"", rows.Get(i, 0))
		if !rows.IsNull(i, 2) {
			line += " (" + rows.Get(i, 2) + ")"
		}
		if !rows.IsNull(i, 1) {
			line += " WHERE " + rows.Get(i, 1)
		}
		*f = append(*f, line)
	}
	return OK
}
