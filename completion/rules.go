package completion

import (
	"path/filepath"
	"strings"
)

// complete picks the rule for the cursor position. The order matters: specific phrases
// first, then the clause the cursor is in (tab-complete.c's psql_completion is the spec).
func (st *state) complete() []string {
	w := st.word
	if strings.HasPrefix(w, ":") {
		// psql 15 completes :name anywhere, meta-command arguments included.
		return st.variables(":")
	}
	if st.meta != "" {
		return st.metaArgs()
	}
	n := len(st.prev)
	if n == 0 {
		return st.keywords(sqlCommands)
	}
	if rest, ok := st.typeRest(); ok {
		return rest
	}
	switch {
	// Types after :: and in column definitions.
	case st.typePosition():
		return st.objects(Types)
	case st.setValue():
		return st.settingValues(st.prev[n-2].text)

	case st.tail("CREATE"):
		return st.keywords(append(append([]string(nil), objectTypes...), createOnly...))
	case st.tail("CREATE", "OR"):
		return st.keywords([]string{"REPLACE"})
	case st.tail("CREATE", "OR", "REPLACE"):
		return st.keywords(list("AGGREGATE|FUNCTION|LANGUAGE|PROCEDURE|RULE|TRANSFORM|TRIGGER|VIEW"))
	case st.tail("CREATE", "TEMP|TEMPORARY|UNLOGGED"):
		return st.keywords(list("SEQUENCE|TABLE|VIEW"))
	case st.tail("ALTER"), st.tail("DROP"):
		return st.keywords(objectTypes)
	case st.tail("CREATE", "UNIQUE"):
		return st.keywords([]string{"INDEX"})
	case st.tail("CREATE", "INDEX"), st.tail("CREATE", "UNIQUE", "INDEX"):
		return st.keywords(list("CONCURRENTLY|IF NOT EXISTS|ON"))
	case st.tail("INDEX", "CONCURRENTLY"):
		return st.keywords([]string{"ON"})
	case st.head("CREATE") && st.tail("INDEX", "*") && !st.tail("INDEX", "ON"), st.head("CREATE") && st.tail("CONCURRENTLY", "*") && !st.tail("*", "ON"):
		return st.keywords([]string{"ON"})
	case st.head("CREATE") && st.tail("ON") && st.hasWord("INDEX"):
		return st.objects(Tables)
	case st.head("CREATE") && st.hasWord("INDEX") && st.tail("ON", "*"):
		return st.keywords(list("(|USING"))

	case st.tail("ALTER|DROP", "TABLE"), st.tail("ALTER|DROP", "TABLE", "IF", "EXISTS"), st.tail("TRUNCATE"),
		st.tail("TRUNCATE", "TABLE"), st.tail("LOCK"), st.tail("LOCK", "TABLE"):
		return append(st.objects(Tables), st.ifExists()...)
	case st.tail("ALTER|DROP", "VIEW"), st.tail("REFRESH", "MATERIALIZED", "VIEW"), st.tail("ALTER|DROP", "MATERIALIZED", "VIEW"):
		return st.objects(Views)
	case st.tail("ALTER|DROP|REINDEX", "INDEX"):
		return st.objects(Indexes)
	case st.tail("ALTER|DROP", "SEQUENCE"):
		return st.objects(Sequences)
	case st.tail("ALTER|DROP", "FUNCTION|PROCEDURE|ROUTINE"):
		return st.objects(Functions)
	case st.tail("ALTER|DROP", "TYPE|DOMAIN"):
		return st.objects(Types)
	case st.tail("ALTER|DROP", "SCHEMA"):
		return st.names(Schemas, "")
	case st.tail("ALTER|DROP", "ROLE|USER|GROUP"), st.tail("OWNER", "TO"), st.tail("SET", "ROLE"),
		st.tail("SET", "SESSION", "AUTHORIZATION"), st.tail("REASSIGN", "OWNED", "BY"):
		return st.plain(Roles, "CURRENT_ROLE", "CURRENT_USER", "SESSION_USER")
	case st.tail("ALTER|DROP", "DATABASE"):
		return st.plain(Databases)

	case st.tail("ALTER", "TABLE", "*"):
		return st.keywords(alterTableWords)
	case st.tail("ALTER", "TABLE", "*", "ADD"):
		return st.keywords(list("CHECK|COLUMN|CONSTRAINT|EXCLUDE|FOREIGN KEY|PRIMARY KEY|UNIQUE"))
	case st.tail("ALTER", "TABLE", "*", "DROP"):
		return st.keywords(list("COLUMN|CONSTRAINT"))
	case st.tail("ALTER", "TABLE", "*", "RENAME"):
		return append(st.columnsOf(st.prev[n-2].text), st.keywords(list("COLUMN|CONSTRAINT|TO"))...)
	case st.tail("ALTER", "TABLE", "*", "ALTER"):
		return append(st.columnsOf(st.prev[n-2].text), st.keywords(list("COLUMN|CONSTRAINT"))...)
	case st.tail("ALTER", "TABLE", "*", "ALTER|DROP|RENAME", "CONSTRAINT"):
		// The constraints of the table named (psql's Query_for_constraint_of_table).
		ref := parseIdent(st.prev[n-3].text)
		return st.names(Constraints, Ref(ref.schema, ref.object))
	case st.head("COMMENT", "ON", "CONSTRAINT") && n == 5 && st.tail("ON"):
		// The tables that have the constraint named, and DOMAIN.
		con := identValue(st.prev[3].text)
		return append(st.schemaQuery(ConstraintTables, false, &con), st.keywords([]string{"DOMAIN"})...)
	case st.head("COMMENT", "ON", "CONSTRAINT") && n == 4:
		return st.keywords([]string{"ON"})
	case st.head("ALTER", "TYPE") && n == 5 && st.tail("RENAME", "VALUE"):
		return st.enumLabels(st.prev[2].text)
	case st.head("ANALYZE") && n >= 2 && st.prev[1].kind == tOpen && (st.tail("(") || st.prev[n-1].kind == tComma):
		// An unfinished option list: ANALYZE's options (tab-complete.c).
		return st.keywords(list("VERBOSE|SKIP_LOCKED"))
	case st.head("ANALYZE") && n >= 3 && st.prev[1].kind == tOpen && st.tail("VERBOSE|SKIP_LOCKED"):
		return st.keywords(list("ON|OFF"))
	case st.tail("ALTER|DROP", "PUBLICATION"):
		return st.names(Publications, "")
	case st.tail("ALTER", "TABLE", "*", "ALTER|DROP|RENAME", "COLUMN"):
		return st.columnsOf(st.prev[n-3].text)
	case st.tail("ALTER", "TABLE", "*", "SET"):
		return st.keywords(list("(|ACCESS METHOD|LOGGED|SCHEMA|TABLESPACE|UNLOGGED|WITH|WITHOUT"))
	case st.tail("ALTER", "TABLE", "*", "SET", "SCHEMA"):
		return st.names(Schemas, "")

	case st.tail("GRANT|REVOKE"):
		return append(st.keywords(privileges), match(st.lookup(Roles, ""), w)...)
	case st.head("GRANT|REVOKE") && st.tail("ON"):
		return append(st.keywords(grantTargets), st.objects(Relations)...)
	case st.head("GRANT|REVOKE") && st.tail("ON", "TABLE"):
		return st.objects(Relations)
	case st.head("GRANT|REVOKE") && st.tail("ON", "FUNCTION|PROCEDURE|ROUTINE"):
		return st.objects(Functions)
	case st.head("GRANT|REVOKE") && st.tail("ON", "SEQUENCE"):
		return st.objects(Sequences)
	case st.head("GRANT|REVOKE") && st.tail("ON", "SCHEMA"), st.tail("IN", "SCHEMA"):
		return st.names(Schemas, "")
	case st.head("GRANT|REVOKE") && st.tail("ON", "DATABASE"):
		return st.plain(Databases)
	case st.head("GRANT") && st.tail("TO"), st.head("REVOKE") && st.tail("FROM"):
		return st.plain(Roles, "CURRENT_ROLE", "CURRENT_USER", "PUBLIC", "SESSION_USER")
	case st.head("GRANT") && st.tail("ON", "*"), st.head("GRANT") && st.tail("ON", grantKinds, "*"), st.head("GRANT") && st.tail("IN", "SCHEMA", "*"):
		return st.keywords([]string{"TO"})
	case st.head("REVOKE") && st.tail("ON", "*"), st.head("REVOKE") && st.tail("ON", grantKinds, "*"), st.head("REVOKE") && st.tail("IN", "SCHEMA", "*"):
		return st.keywords([]string{"FROM"})
	case st.head("GRANT|REVOKE") && n >= 2 && st.tail("*") && !st.hasWord("ON"):
		return st.keywords(list("ON|TO"))

	case st.tail("SET|RESET") && n == 1, st.tail("SET", "SESSION|LOCAL"), st.tail("ALTER", "SYSTEM", "SET|RESET"):
		extra := list("SESSION|LOCAL|ROLE|SESSION AUTHORIZATION|TIME ZONE|TRANSACTION|CONSTRAINTS")
		if st.tail("RESET") {
			extra = []string{"ALL"}
		}
		return append(st.settings(), st.keywords(extra)...)
	case st.tail("SHOW") && n == 1:
		return append(st.settings(), st.keywords([]string{"ALL"})...)
	case st.head("SET") && n == 2 && !st.tail("ROLE|TRANSACTION|SESSION|LOCAL|CONSTRAINTS"):
		return st.keywords([]string{"TO"}) // psql 15: Matches("SET", MatchAny)

	case st.tail("INSERT"):
		return st.keywords([]string{"INTO"})
	case st.tail("DELETE"):
		return st.keywords([]string{"FROM"})
	case st.tail("INSERT", "INTO"), st.tail("DELETE", "FROM"), st.tail("UPDATE") && n == 1, st.tail("COPY"),
		st.tail("ANALYZE|VACUUM"), st.tail("TABLE") && n == 1, st.tail("FROM|JOIN") && !st.head("COPY"),
		st.tail("FROM", "*", ",") || st.fromList():
		return st.objects(Relations)
	case st.tail("INSERT", "INTO", "*"):
		return st.keywords(list("(|DEFAULT VALUES|OVERRIDING|SELECT|VALUES"))
	case st.head("INSERT", "INTO") && n >= 4 && st.prev[3].kind == tOpen:
		return st.columnsOf(st.prev[2].text)
	case st.tail("UPDATE", "*") && n == 2, st.tail("UPDATE", "*", "AS", "*"), st.tail("UPDATE", "*", "*") && n == 3 && !st.tail("SET"):
		return st.keywords([]string{"SET"})
	case st.tail("DELETE", "FROM", "*"):
		return st.keywords(list("USING|WHERE"))
	case st.tail("JOIN", "*"), st.tail("JOIN", "*", "*") && !st.tail("ON|USING"), st.tail("JOIN", "*", "AS", "*"):
		return st.keywords(list("ON|USING"))
	case st.tail("ORDER|GROUP|PARTITION"):
		return st.keywords([]string{"BY"})
	case st.head("COPY") && n == 2:
		return st.keywords(list("(|FROM|TO"))
	case st.head("COPY") && st.tail("FROM"):
		return append(st.keywords(list("PROGRAM|STDIN")), st.files(true)...)
	case st.head("COPY") && st.tail("TO"):
		return append(st.keywords(list("PROGRAM|STDOUT")), st.files(true)...)
	case st.head("COPY") && n == 3 && st.prev[2].kind == tOpen:
		return st.columnsOf(st.prev[1].text)
	case st.head("CREATE") && st.hasWord("INDEX") && n >= 2 && st.prev[n-1].kind == tOpen && wordIs(st.prev[n-3].text, "ON"):
		return st.columnsOf(st.prev[n-2].text)
	case st.tail("EXPLAIN"):
		return st.keywords(list("ANALYZE|DELETE FROM|INSERT INTO|SELECT|UPDATE|VERBOSE|WITH"))
	case st.tail("BEGIN|START"):
		return st.keywords(list("ISOLATION LEVEL|READ|TRANSACTION|WORK"))
	case st.tail("DROP", "*", "*") && st.isObjectName(n-1) && !st.tail("DROP", "PUBLICATION|TABLE|VIEW|INDEX|SEQUENCE|TYPE|DOMAIN|SCHEMA|FUNCTION|PROCEDURE|ROUTINE|ROLE|USER|GROUP|DATABASE"):
		return st.keywords(list("CASCADE|RESTRICT"))
	}
	if kind, ok := thingAfter(st.prev[n-1]); ok {
		// psql's last resort: after the name of a kind of object (words_after_create),
		// the objects of that kind.
		if kind == Publications || kind == Schemas {
			return st.names(kind, "")
		}
		return st.objects(kind)
	}
	return st.expression()
}

// thingAfter maps a word naming a kind of object (tab-complete.c's words_after_create) to
// the kind completion lists after it.
func thingAfter(t token) (Kind, bool) {
	if t.kind != tWord {
		return 0, false
	}
	switch strings.ToUpper(t.text) {
	case "TABLE":
		return Tables, true
	case "VIEW":
		return Views, true
	case "INDEX":
		return Indexes, true
	case "SEQUENCE":
		return Sequences, true
	case "TYPE", "DOMAIN":
		return Types, true
	case "FUNCTION", "PROCEDURE", "ROUTINE":
		return Functions, true
	case "SCHEMA":
		return Schemas, true
	case "PUBLICATION":
		return Publications, true
	}
	return 0, false
}

// enumLabels completes the labels of the enum type typed as typ, as psql 15's
// COMPLETE_WITH_ENUM_VALUE does: quoted as literals (with a quote put in front when the word
// has none), matched case-sensitively; an unquoted word right after a quote gets bare
// labels, but the lexer makes that word a string, so it always starts with the quote here.
func (st *state) enumLabels(typ string) []string {
	ref := parseIdent(typ)
	var out []string
	for _, l := range st.rawLookup(EnumLabels, Ref(ref.schema, ref.object)) {
		q := "'" + strings.ReplaceAll(l, "'", "''") + "'"
		if strings.HasPrefix(q, st.word) {
			out = append(out, q)
		}
	}
	return out
}

// typePosition reports whether a type name may start at the cursor: after ::, in CAST(x AS,
// in a column definition of CREATE TABLE or ALTER TABLE ... ADD [COLUMN] and after ALTER
// TABLE ... TYPE.
func (st *state) typePosition() bool {
	return st.tail("::") || st.tail("AS") && st.inCall("CAST") || st.tail("ALTER", "TABLE", "*", "ADD", "COLUMN", "*") ||
		st.tail("ALTER", "TABLE", "*", "ADD", "*") && !st.tail("ADD", "COLUMN|CONSTRAINT|CHECK|UNIQUE|PRIMARY|FOREIGN|EXCLUDE") ||
		st.tail("TYPE") && st.head("ALTER", "TABLE") || st.columnDefinition()
}

// multiWordTypes are the SQL types whose names go on after their first word (format_type's
// spellings). psql 15 completes none of these after the first word; gpsql does, in the
// places typePosition allows a type.
var multiWordTypes = [][]string{
	strings.Fields("bit varying"), strings.Fields("character varying"), strings.Fields("double precision"),
	strings.Fields("time with time zone"), strings.Fields("time without time zone"),
	strings.Fields("timestamp with time zone"), strings.Fields("timestamp without time zone"),
}

// typeRest completes the remaining words of a multi-word type whose first words precede the
// cursor in a type position ("timestamp w" → "with time zone", "without time zone"), cased
// as keywords. ok is false when the cursor is not inside such a type.
func (st *state) typeRest() (rest []string, ok bool) {
	n := len(st.prev)
	for k := 3; k >= 1; k-- {
		if n < k+1 {
			continue
		}
		var phrases []string
		for _, typ := range multiWordTypes {
			if len(typ) <= k {
				continue
			}
			same := true
			for i := 0; i < k; i++ {
				t := st.prev[n-k+i]
				if t.kind != tWord || !strings.EqualFold(t.text, typ[i]) {
					same = false
					break
				}
			}
			if same {
				phrases = append(phrases, strings.Join(typ[k:], " "))
			}
		}
		if len(phrases) == 0 {
			continue
		}
		saved := st.prev
		st.prev = st.prev[:n-k]
		inType := st.typePosition()
		st.prev = saved
		if inType {
			return st.keywords(phrases), true
		}
	}
	return nil, false
}

// setValue reports whether the cursor is at the value of SET name TO|= (also in ALTER
// SYSTEM|DATABASE|ROLE ... SET), not in UPDATE's SET list.
func (st *state) setValue() bool {
	return st.tail("SET", "*", "TO|=") && !st.head("UPDATE") && st.prev[len(st.prev)-2].kind == tWord
}

// settingValues lists what may follow SET name TO, as psql 15's tab-complete.c does: the
// fixed DateStyle words, time-zone names for TimeZone, schemas for search_path, the enum values from pg_settings.enumvals
// (quoted where needed, and then offered only to an empty or quoted word), on/off and
// friends for booleans, and DEFAULT for any setting the server knows. An unknown name gets
// nothing, since the statement may not be a SET at all.
func (st *state) settingValues(name string) []string {
	w := st.word
	switch strings.ToLower(identValue(name)) {
	case "datestyle":
		return st.keywords(list("ISO|SQL|Postgres|German|YMD|DMY|MDY|US|European|NonEuropean|DEFAULT"))
	case "timezone":
		// psql 15 matches the zone names without regard to case and re-spells the word.
		var out []string
		// Without a quote typed, the names are matched after theirs and come back quoted
		// (Query_for_list_of_timezone_names_quoted_out).
		lw := strings.ToLower(w)
		if !strings.HasPrefix(w, "'") {
			lw = "'" + lw
		}
		for _, z := range st.lookup(TimeZones, "") {
			if strings.HasPrefix(strings.ToLower(z), lw) {
				out = append(out, z)
			}
		}
		if !strings.HasPrefix(w, "'") {
			out = append(out, st.keywords([]string{"DEFAULT"})...)
		}
		return out
	case "search_path":
		var out []string
		for _, s := range st.lookup(Schemas, "") {
			if !strings.HasPrefix(s, "pg_temp") && !strings.HasPrefix(s, "pg_toast") && strings.HasPrefix(s, w) {
				out = append(out, QuoteIdent(s))
			}
		}
		return append(out, st.keywords([]string{"DEFAULT"})...)
	}
	if st.c.o.Catalog == nil {
		return nil
	}
	vals, err := st.c.o.Catalog.Names(st.ctx, SettingValues, identValue(name))
	if err != nil || len(vals) == 0 {
		return nil
	}
	switch vals[0] {
	case "bool":
		return st.keywords(list("on|off|true|false|yes|no|1|0|DEFAULT"))
	case "enum":
		var out []string
		for _, v := range vals[1:] {
			switch {
			case w == "",
				strings.HasPrefix(w, `"`) && strings.HasPrefix(v, w),
				!strings.HasPrefix(v, `"`) && strings.HasPrefix(v, strings.ToLower(w)):
				out = append(out, v)
			}
		}
		return append(out, st.keywords([]string{"DEFAULT"})...)
	}
	return st.keywords([]string{"DEFAULT"})
}

// grantKinds are the object kinds GRANT ... ON takes before a name.
const grantKinds = "TABLE|SEQUENCE|FUNCTION|PROCEDURE|ROUTINE|SCHEMA|DATABASE|DOMAIN|LANGUAGE|TABLESPACE|TYPE|SERVER|WRAPPER|OBJECT"

// isObjectName reports whether prev word i was a completed object name (not a keyword).
func (st *state) isObjectName(i int) bool {
	return i >= 0 && i < len(st.prev) && st.prev[i].kind == tWord && !quotedKeywords[strings.ToLower(st.prev[i].text)]
}

// ifExists offers IF EXISTS right after ALTER/DROP TABLE.
func (st *state) ifExists() []string {
	if st.tail("ALTER|DROP", "TABLE") {
		return st.keywords([]string{"IF EXISTS"})
	}
	return nil
}

// hasWord reports whether any previous word is w.
func (st *state) hasWord(w string) bool {
	for _, t := range st.prev {
		if t.kind == tWord && strings.EqualFold(t.text, w) {
			return true
		}
	}
	return false
}

// inCall reports whether the innermost open parenthesis follows the function name fn.
func (st *state) inCall(fn string) bool {
	for i := len(st.prev) - 1; i > 0; i-- {
		if st.prev[i].kind == tOpen {
			return strings.EqualFold(st.prev[i-1].text, fn)
		}
	}
	return false
}

// columnDefinition reports whether the cursor follows a column name in the parenthesized
// list of CREATE [TEMP|UNLOGGED] TABLE name (...): the place of its type.
func (st *state) columnDefinition() bool {
	n := len(st.prev)
	if n < 2 || st.prev[n-1].kind != tWord || (st.prev[n-2].kind != tOpen && st.prev[n-2].kind != tComma) {
		return false
	}
	depth := 0
	for i := n - 2; i >= 0; i-- {
		switch st.prev[i].kind {
		case tOpen:
			if depth == 0 {
				return st.head("CREATE") && i >= 2 && wordIs(st.prev[i-2].text, "TABLE") &&
					!wordIs(st.prev[n-1].text, "CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE|LIKE")
			}
			depth--
		case tClose:
			depth++
		}
	}
	return false
}

// fromList reports whether the cursor is after a comma in a FROM list.
func (st *state) fromList() bool {
	n := len(st.prev)
	if n == 0 || st.prev[n-1].kind != tComma {
		return false
	}
	return st.clause() == "FROM"
}

// clauseWords are the keywords that open the clauses expression() distinguishes.
var clauseWords = setOf("select from join where on set by having returning using values into update table limit offset when then else and or not case")

// clause walks back over the current parenthesis level to the keyword of the clause the
// cursor is in, upper-cased, or "(" at the open parenthesis.
func (st *state) clause() string {
	for i := len(st.prev) - 1; i >= 0; i-- {
		t := st.prev[i]
		if t.kind == tOpen {
			return "("
		}
		if t.kind == tWord && clauseWords[strings.ToLower(t.text)] {
			return strings.ToUpper(t.text)
		}
	}
	return ""
}

// expression completes inside SELECT lists and conditions: after alias. the columns of
// that relation, else the columns of every relation in the statement, with functions where
// an expression may start.
func (st *state) expression() []string {
	if qual, part, ok := splitQualified(st.word); ok {
		rels := st.relations()
		var out []string
		for _, r := range rels {
			if r.alias == identValue(qual) || (r.alias == "" && r.name == identValue(qual)) {
				for _, col := range match(st.columnsOfRel(r), part) {
					out = append(out, qual+"."+col)
				}
				return out
			}
		}
		for _, f := range match(st.lookup(Functions, identValue(qual)), part) {
			out = append(out, qual+"."+f)
		}
		return out
	}
	if st.head("CREATE|ALTER|DROP|GRANT|REVOKE|COMMENT") {
		return nil
	}
	last := st.prev[len(st.prev)-1]
	atStart := last.kind == tOp || last.kind == tOpen || last.kind == tComma ||
		(last.kind == tWord && clauseWords[strings.ToLower(last.text)])
	switch st.clause() {
	case "SELECT", "WHERE", "ON", "SET", "BY", "HAVING", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "CASE", "RETURNING", "(", "USING":
	case "FROM", "JOIN":
		if last.kind == tWord || last.kind == tGroup {
			return st.keywords(afterFrom)
		}
		return nil
	default:
		return nil
	}
	if !atStart {
		if st.clause() == "SELECT" {
			return st.keywords(list("AS|FROM"))
		}
		return nil
	}
	var out []string
	for _, r := range st.relations() {
		out = append(out, match(st.columnsOfRel(r), st.word)...)
	}
	if st.clause() == "SELECT" || st.clause() == "(" {
		out = append(out, match(st.lookup(Functions, ""), st.word)...)
	}
	return out
}

// rel is a relation named in the statement, with its alias.
type rel struct {
	schema, name, alias string
}

// relations finds the relations the whole statement names after FROM, JOIN, UPDATE, INTO
// and TABLE, with their aliases (pgcli's extract_tables, simplified): "FROM a x, b AS y".
func (st *state) relations() []rel {
	var out []rel
	toks := st.all
	for i := 0; i < len(toks); i++ {
		if toks[i].kind != tWord || !wordIs(toks[i].text, "FROM|JOIN|UPDATE|INTO|TABLE") {
			continue
		}
		for j := i + 1; j < len(toks) && toks[j].kind == tWord; {
			name := toks[j].text
			if clauseWords[strings.ToLower(name)] || wordIs(name, "ONLY|LATERAL") {
				break
			}
			r := rel{}
			if q, p, ok := splitQualified(name); ok {
				r.schema, r.name = identValue(q), identValue(p)
			} else {
				r.name = identValue(name)
			}
			j++
			if j < len(toks) && wordIs(toks[j].text, "AS") {
				j++
			}
			if j < len(toks) && toks[j].kind == tWord && !quotedKeywords[strings.ToLower(toks[j].text)] &&
				!clauseWords[strings.ToLower(toks[j].text)] {
				r.alias = identValue(toks[j].text)
				j++
			}
			if r.name != "" {
				out = append(out, r)
			}
			if j < len(toks) && toks[j].kind == tComma {
				j++
				continue
			}
			break
		}
	}
	return out
}

func (st *state) columnsOfRel(r rel) []string {
	if st.c.o.Catalog == nil {
		return nil
	}
	cols, err := st.c.o.Catalog.Columns(st.ctx, r.schema, r.name)
	if err != nil {
		return nil
	}
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = QuoteIdent(c)
	}
	return out
}

// columnsOf completes the columns of the relation written as name.
func (st *state) columnsOf(name string) []string {
	r := rel{name: identValue(name)}
	if q, p, ok := splitQualified(name); ok {
		r = rel{schema: identValue(q), name: identValue(p)}
	}
	return match(st.columnsOfRel(r), st.word)
}

func (st *state) settings() []string {
	return match(st.lookup(Settings, ""), strings.ToLower(st.word))
}

// variables completes psql variable names, after prefix (":" for interpolation).
func (st *state) variables(prefix string) []string {
	if st.c.o.Variables == nil {
		return nil
	}
	var out []string
	for _, v := range st.c.o.Variables() {
		if strings.HasPrefix(prefix+v, st.word) {
			out = append(out, prefix+v)
		}
	}
	return out
}

// metaArgs completes a backslash command's name or arguments (tab-complete.c, the
// backslash section).
func (st *state) metaArgs() []string {
	w := st.word
	if w == st.meta && len(st.margs) == 0 && strings.HasPrefix(w, `\`) && !strings.Contains(st.text[strings.LastIndexByte(st.text, '\n')+1:], w+" ") {
		var out []string
		for _, name := range st.c.o.Commands {
			if strings.HasPrefix(`\`+name, w) {
				out = append(out, `\`+name)
			}
		}
		if len(out) == 0 {
			// psql's complete_from_list tries again ignoring case, and offers the
			// commands as they are spelled ("\DRD" becomes "\drds").
			for _, name := range st.c.o.Commands {
				if len(name)+1 >= len(w) && strings.EqualFold(`\`+name[:len(w)-1], w) {
					out = append(out, `\`+name)
				}
			}
		}
		return out
	}
	cmd := strings.TrimSuffix(strings.TrimPrefix(st.meta, `\`), "+")
	nargs := len(st.margs)
	switch {
	case cmd == "c" || cmd == "connect":
		if nargs == 0 {
			return st.plain(Databases)
		}
		if nargs == 1 {
			return st.plain(Roles)
		}
	case cmd == "i" || cmd == "ir" || cmd == "include" || cmd == "include_relative" || cmd == "o" || cmd == "out" ||
		cmd == "w" || cmd == "write" || cmd == "s" || cmd == "g" || cmd == "cd" || cmd == "e" || cmd == "edit" || cmd == "gx" || cmd == "lo_import":
		return st.files(false)
	case cmd == "copy":
		if nargs == 0 {
			return st.objects(Relations)
		}
		if wordIs(st.margs[nargs-1], "FROM|TO") {
			return append(st.keywords(list("STDIN|STDOUT|PSTDIN|PSTDOUT|PROGRAM")), st.files(false)...)
		}
		if nargs == 1 {
			return st.keywords(list("FROM|TO"))
		}
	case cmd == "pset":
		if nargs == 0 {
			return match(psetOptions, w)
		}
		if nargs == 1 {
			return match(psetValues[st.margs[0]], w)
		}
	case cmd == "set":
		if nargs == 0 {
			return st.variables("")
		}
		if nargs == 1 {
			return match(varValues[st.margs[0]], w)
		}
	case cmd == "unset":
		if nargs == 0 {
			return st.variables("")
		}
	case cmd == "h" || cmd == "help":
		return st.keywords(sqlCommands)
	case nargs > 0:
	case cmd == "dt" || cmd == "dtS":
		return st.objects(Tables)
	case cmd == "dv" || cmd == "dm" || cmd == "sv" || cmd == "ev":
		return st.objects(Views)
	case cmd == "di":
		return st.objects(Indexes)
	case cmd == "ds":
		return st.objects(Sequences)
	case cmd == "df" || cmd == "sf" || cmd == "ef":
		return st.objects(Functions)
	case cmd == "dT" || cmd == "dD":
		return st.objects(Types)
	case cmd == "dn":
		return st.names(Schemas, "")
	case cmd == "du" || cmd == "dg" || cmd == "drds":
		return st.plain(Roles)
	case cmd == "l" || cmd == "list":
		return st.plain(Databases)
	case cmd == "d" || cmd == "dS" || cmd == "z" || cmd == "dp" || cmd == "dE":
		return append(st.objects(Relations), st.objectsNoSchemas(Indexes, Sequences)...)
	}
	return nil
}

// objectsNoSchemas completes further kinds beside objects(), without repeating schemas.
func (st *state) objectsNoSchemas(kinds ...Kind) []string {
	var out []string
	for _, k := range kinds {
		if qual, part, ok := splitQualified(st.word); ok {
			for _, n := range match(st.lookup(k, identValue(qual)), part) {
				out = append(out, qual+"."+n)
			}
			continue
		}
		out = append(out, match(st.lookup(k, ""), st.word)...)
	}
	return out
}

// files completes file names; quoted wraps them in single quotes, as SQL COPY needs.
// Directories end in "/"; hidden files appear only when the typed name starts with ".".
func (st *state) files(quoted bool) []string {
	w := st.word
	open := ""
	if strings.HasPrefix(w, "'") {
		open = "'"
		w = w[1:]
	} else if quoted {
		// COPY needs a quoted file name: psql's quote_file_name puts the quote in front.
		open = "'"
	}
	dir, base := filepath.Split(w)
	list := dir
	if list == "" {
		list = "."
	}
	if strings.HasPrefix(list, "~/") && st.c.o.ReadDir != nil {
		return nil
	}
	ents, err := st.c.o.ReadDir(list)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range ents {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		full := open + dir + name
		if e.IsDir() {
			full += "/"
		} else if open != "" {
			full += "'"
		}
		out = append(out, full)
	}
	return out
}
