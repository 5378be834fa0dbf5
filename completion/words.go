package completion

import "strings"

// quotedKeywords are the keywords quote_identifier quotes: every category but
// UNRESERVED_KEYWORD (PostgreSQL's kwlist.h: reserved, type_func_name and col_name).
var quotedKeywords = setOf(`all analyse analyze and any array as asc asymmetric both case cast check
collate column constraint create current_catalog current_date current_role current_time
current_timestamp current_user default deferrable desc distinct do else end except false fetch for
foreign from grant group having in initially intersect into lateral leading limit localtime
localtimestamp not null offset on only or order placing primary references returning select
session_user some symmetric table then to trailing true union unique user using variadic when where
window with authorization binary collation concurrently cross current_schema freeze full ilike inner
is isnull join left like natural notnull outer overlaps right similar tablesample verbose between
bigint bit boolean char character coalesce dec decimal exists extract float greatest grouping inout
int integer interval least national nchar none normalize nullif numeric out overlay position
precision real row setof smallint substring time timestamp treat trim values varchar xmlattributes
xmlconcat xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// list splits a "|"-separated list of keyword phrases.
func list(s string) []string { return strings.Split(s, "|") }

// sqlCommands are the words offered at the start of a statement (tab-complete.c's
// sql_commands).
var sqlCommands = list("ABORT|ALTER|ANALYZE|BEGIN|CALL|CHECKPOINT|CLOSE|CLUSTER|COMMENT|COMMIT|COPY|" +
	"CREATE|DEALLOCATE|DECLARE|DELETE FROM|DISCARD|DO|DROP|END|EXECUTE|EXPLAIN|FETCH|GRANT|" +
	"IMPORT FOREIGN SCHEMA|INSERT INTO|LISTEN|LOAD|LOCK|MERGE INTO|MOVE|NOTIFY|PREPARE|REASSIGN|" +
	"REFRESH MATERIALIZED VIEW|REINDEX|RELEASE|RESET|REVOKE|ROLLBACK|SAVEPOINT|SECURITY LABEL|" +
	"SELECT|SET|SHOW|START|TABLE|TRUNCATE|UNLISTEN|UPDATE|VACUUM|VALUES|WITH")

// objectTypes follow CREATE, ALTER and DROP (tab-complete.c's words_after_create).
var objectTypes = list("ACCESS METHOD|AGGREGATE|CAST|COLLATION|CONVERSION|DATABASE|DEFAULT PRIVILEGES|" +
	"DOMAIN|EVENT TRIGGER|EXTENSION|FOREIGN DATA WRAPPER|FOREIGN TABLE|FUNCTION|GROUP|INDEX|" +
	"LANGUAGE|MATERIALIZED VIEW|OPERATOR|POLICY|PROCEDURE|PUBLICATION|ROLE|ROUTINE|RULE|SCHEMA|" +
	"SEQUENCE|SERVER|STATISTICS|SUBSCRIPTION|TABLE|TABLESPACE|TEXT SEARCH|TRANSFORM|TRIGGER|" +
	"TYPE|USER|USER MAPPING FOR|VIEW")

// createOnly are words only CREATE takes besides objectTypes.
var createOnly = list("OR REPLACE|TEMP|TEMPORARY|UNIQUE|UNLOGGED")

// alterTableWords follow ALTER TABLE name (psql 15 lists exactly these).
var alterTableWords = list("ADD|ALTER|ATTACH PARTITION|CLUSTER ON|DETACH PARTITION|DISABLE|DROP|ENABLE|" +
	"FORCE ROW LEVEL SECURITY|INHERIT|NO|OWNER TO|RENAME|REPLICA IDENTITY|RESET|SET|VALIDATE CONSTRAINT")

// privileges follow GRANT and REVOKE.
var privileges = list("ALL|CONNECT|CREATE|DELETE|EXECUTE|INSERT|REFERENCES|SELECT|TEMPORARY|TRIGGER|" +
	"TRUNCATE|UPDATE|USAGE")

// grantTargets follow GRANT ... ON.
var grantTargets = list("ALL FUNCTIONS IN SCHEMA|ALL PROCEDURES IN SCHEMA|ALL ROUTINES IN SCHEMA|" +
	"ALL SEQUENCES IN SCHEMA|ALL TABLES IN SCHEMA|DATABASE|DOMAIN|FOREIGN DATA WRAPPER|FOREIGN SERVER|" +
	"FUNCTION|LANGUAGE|LARGE OBJECT|PROCEDURE|ROUTINE|SCHEMA|SEQUENCE|TABLE|TABLESPACE|TYPE")

// afterFrom follow a relation in a FROM list (pgcli-style; psql offers nothing there).
var afterFrom = list("CROSS JOIN|FULL JOIN|GROUP BY|INNER JOIN|JOIN|LEFT JOIN|LIMIT|NATURAL JOIN|" +
	"ORDER BY|RIGHT JOIN|UNION|WHERE")

// psetOptions are \pset's option names (psql 15 command.c do_pset); psetValues their
// completable values.
var psetOptions = list("border|columns|csv_fieldsep|expanded|fieldsep|fieldsep_zero|footer|format|" +
	"linestyle|null|numericlocale|pager|pager_min_lines|recordsep|recordsep_zero|tableattr|title|" +
	"tuples_only|unicode_border_linestyle|unicode_column_linestyle|unicode_header_linestyle")

var psetValues = map[string][]string{
	"format":                   list("aligned|asciidoc|csv|html|latex|latex-longtable|troff-ms|unaligned|wrapped"),
	"linestyle":                list("ascii|old-ascii|unicode"),
	"unicode_border_linestyle": list("single|double"),
	"unicode_column_linestyle": list("single|double"),
	"unicode_header_linestyle": list("single|double"),
	"expanded":                 list("auto|on|off"),
	"pager":                    list("always|on|off"),
	"fieldsep_zero":            list("on|off"),
	"footer":                   list("on|off"),
	"numericlocale":            list("on|off"),
	"recordsep_zero":           list("on|off"),
	"tuples_only":              list("on|off"),
}

// varValues are the values of psql's special variables that \set completes
// (tab-complete.c, "\set VAR").
var varValues = map[string][]string{
	"AUTOCOMMIT":             list("on|off"),
	"ON_ERROR_ROLLBACK":      list("on|off|interactive"),
	"ON_ERROR_STOP":          list("on|off"),
	"QUIET":                  list("on|off"),
	"SINGLELINE":             list("on|off"),
	"SINGLESTEP":             list("on|off"),
	"HIDE_TABLEAM":           list("on|off"),
	"HIDE_TOAST_COMPRESSION": list("on|off"),
	"COMP_KEYWORD_CASE":      list("lower|upper|preserve-lower|preserve-upper"),
	"ECHO":                   list("errors|queries|all|none"),
	"ECHO_HIDDEN":            list("on|off|noexec"),
	"HISTCONTROL":            list("ignorespace|ignoredups|ignoreboth|none"),
	"SHOW_CONTEXT":           list("never|errors|always"),
	"VERBOSITY":              list("default|verbose|terse|sqlstate"),
}
