package completion

import (
	"context"
	"strings"
	"sync"
)

// Kind is a kind of catalog object that completion looks up by name.
type Kind int

// The kinds of names a Catalog lists.
const (
	Relations Kind = iota // anything SELECT reads: tables, views, materialized and foreign tables, partitioned tables
	Tables                // ordinary and partitioned tables
	Views                 // views and materialized views
	Indexes
	Sequences
	Functions
	Types
	Schemas
	Roles
	Databases
	Settings // run-time parameters (pg_settings)
	// SettingValues takes a setting's name as the schema argument and lists its vartype
	// (pg_settings.vartype: bool, enum, integer, real, string), then for an enum its
	// enumvals spelled as quote_ident does; nothing for an unknown setting.
	SettingValues
	// TimeZones lists the names of pg_timezone_names as quote_literal spells them.
	TimeZones
	// Publications lists pg_publication's names.
	Publications
	// Constraints takes Ref(schema, table) as the schema argument and lists the names of
	// that table's constraints (psql's Query_for_constraint_of_table); an empty schema
	// means the visible table of that name.
	Constraints
	// ConstraintTables takes Ref(schema, constraint) and lists the ordinary and
	// partitioned tables of that schema (visible ones when it is "") that have a constraint
	// of that name (Query_for_list_of_tables_for_constraint).
	ConstraintTables
	// EnumLabels takes Ref(schema, type) and lists the labels of that enum type, in sort
	// order (Query_for_list_of_enum_values_unquoted).
	EnumLabels
	numKinds
)

// Ref joins a schema (possibly "") and a name into the schema argument that Constraints,
// ConstraintTables and EnumLabels take. Both parts are names as stored (unquoted).
func Ref(schema, name string) string { return schema + "\x00" + name }

// splitRef undoes Ref.
func splitRef(ref string) (schema, name string) {
	schema, name, _ = strings.Cut(ref, "\x00")
	return schema, name
}

// Catalog is the completer's view of the database. Names returns the names (unquoted, as
// stored) of the objects of kind in schema, or, when schema is "", those visible on the
// search path (Schemas, Roles, Databases and Settings ignore schema). Columns returns the
// column names of a relation in attribute order; visible Types are spelled as format_type
// does ("integer", "character varying"), ready for SQL; an empty schema means the visible one.
// Implementations must be safe for use by one goroutine at a time and should honour ctx,
// since the user is waiting at the keyboard. Returned slices are not modified by the
// completer.
type Catalog interface {
	Names(ctx context.Context, kind Kind, schema string) ([]string, error)
	Columns(ctx context.Context, schema, relation string) ([]string, error)
}

// Querier runs one catalog query and returns the first column of each row as text. It is
// what a SQLCatalog needs from a connection.
type Querier interface {
	QueryStrings(ctx context.Context, sql string) ([]string, error)
}

// SQLCatalog is a Catalog over PostgreSQL's system catalogs (the queries follow psql 15's
// tab-complete.c: Query_for_list_of_*), caching each answer until Invalidate. It is safe
// for concurrent use.
type SQLCatalog struct {
	q     Querier
	mu    sync.Mutex
	cache map[string][]string
}

// NewSQLCatalog returns a caching catalog that sends its queries through q.
func NewSQLCatalog(q Querier) *SQLCatalog {
	return &SQLCatalog{q: q, cache: map[string][]string{}}
}

// Invalidate forgets every cached answer, e.g. after DDL.
func (c *SQLCatalog) Invalidate() {
	c.mu.Lock()
	c.cache = map[string][]string{}
	c.mu.Unlock()
}

// Names implements Catalog.
func (c *SQLCatalog) Names(ctx context.Context, kind Kind, schema string) ([]string, error) {
	if kind < 0 || kind >= numKinds {
		return nil, nil
	}
	return c.cached(ctx, "n\x00"+string(rune('a'+kind))+"\x00"+schema, func() string { return namesSQL(kind, schema) })
}

// Columns implements Catalog.
func (c *SQLCatalog) Columns(ctx context.Context, schema, relation string) ([]string, error) {
	return c.cached(ctx, "c\x00"+schema+"\x00"+relation, func() string { return columnsSQL(schema, relation) })
}

func (c *SQLCatalog) cached(ctx context.Context, key string, sql func() string) ([]string, error) {
	c.mu.Lock()
	v, ok := c.cache[key]
	c.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := c.q.QueryStrings(ctx, sql())
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.cache[key] = v
	c.mu.Unlock()
	return v, nil
}

// literal quotes s as a SQL string literal that reads the same whatever
// standard_conforming_strings says.
func literal(s string) string {
	s = strings.ReplaceAll(s, "'", "''")
	if strings.Contains(s, `\`) {
		return "E'" + strings.ReplaceAll(s, `\`, `\\`) + "'"
	}
	return "'" + s + "'"
}

// where restricts a query on an object in namespace column ns, with visibility test vis.
func where(schema, ns, vis string) string {
	if schema == "" {
		return vis
	}
	return ns + " = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = " + literal(schema) + ")"
}

func namesSQL(kind Kind, schema string) string {
	rel := func(kinds string) string {
		return "SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relkind IN (" + kinds + ") AND " +
			where(schema, "c.relnamespace", "pg_catalog.pg_table_is_visible(c.oid)") + " ORDER BY 1"
	}
	switch kind {
	case Relations:
		return rel("'r','p','v','m','f'")
	case Tables:
		return rel("'r','p'")
	case Views:
		return rel("'v','m'")
	case Indexes:
		return rel("'i','I'")
	case Sequences:
		return rel("'S'")
	case Functions:
		return "SELECT DISTINCT p.proname FROM pg_catalog.pg_proc p WHERE " +
			where(schema, "p.pronamespace", "pg_catalog.pg_function_is_visible(p.oid)") + " ORDER BY 1"
	case Types:
		name := "t.typname"
		if schema == "" {
			name = "pg_catalog.format_type(t.oid, NULL)"
		}
		return "SELECT " + name + " FROM pg_catalog.pg_type t WHERE (t.typrelid = 0 OR " +
			"(SELECT c.relkind = 'c' FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid)) AND " +
			"NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type el WHERE el.oid = t.typelem AND el.typarray = t.oid) AND " +
			where(schema, "t.typnamespace", "pg_catalog.pg_type_is_visible(t.oid)") + " ORDER BY 1"
	case Schemas:
		return "SELECT nspname FROM pg_catalog.pg_namespace ORDER BY 1"
	case Roles:
		return "SELECT rolname FROM pg_catalog.pg_roles ORDER BY 1"
	case Databases:
		return "SELECT datname FROM pg_catalog.pg_database ORDER BY 1"
	case Settings:
		// psql 15 completes the lower-cased names (Query_for_list_of_set_vars).
		return "SELECT pg_catalog.lower(name) FROM pg_catalog.pg_settings WHERE context <> 'internal' ORDER BY 1"
	case TimeZones:
		return "SELECT pg_catalog.quote_literal(name) FROM pg_catalog.pg_timezone_names ORDER BY 1"
	case Publications:
		return "SELECT pubname FROM pg_catalog.pg_publication ORDER BY 1"
	case Constraints:
		sch, tab := splitRef(schema)
		return "SELECT con.conname FROM pg_catalog.pg_constraint con, pg_catalog.pg_class c1 WHERE con.conrelid = c1.oid AND c1.relname = " +
			literal(tab) + " AND " + where(sch, "c1.relnamespace", "pg_catalog.pg_table_is_visible(c1.oid)") + " ORDER BY 1"
	case ConstraintTables:
		sch, con := splitRef(schema)
		return "SELECT DISTINCT c.relname FROM pg_catalog.pg_class c, pg_catalog.pg_constraint con WHERE c.oid = con.conrelid AND " +
			"c.relkind IN ('r','p') AND con.conname = " + literal(con) + " AND " +
			where(sch, "c.relnamespace", "pg_catalog.pg_table_is_visible(c.oid)") + " ORDER BY 1"
	case EnumLabels:
		sch, typ := splitRef(schema)
		return "SELECT e.enumlabel FROM pg_catalog.pg_enum e, pg_catalog.pg_type t WHERE t.oid = e.enumtypid AND t.typname = " +
			literal(typ) + " AND " + where(sch, "t.typnamespace", "pg_catalog.pg_type_is_visible(t.oid)") + " ORDER BY e.enumsortorder"
	case SettingValues:
		cond := "pg_catalog.lower(name) = pg_catalog.lower(" + literal(schema) + ")"
		return "SELECT v FROM (SELECT 0 AS k, vartype AS v FROM pg_catalog.pg_settings WHERE " + cond +
			" UNION ALL SELECT 1, pg_catalog.quote_ident(e) FROM pg_catalog.pg_settings, " +
			"pg_catalog.unnest(enumvals) AS e WHERE " + cond + ") s ORDER BY k, v"
	}
	return ""
}

func columnsSQL(schema, relation string) string {
	cond := "c.relname = " + literal(relation) + " AND " + where(schema, "c.relnamespace", "pg_catalog.pg_table_is_visible(c.oid)")
	return "SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = " +
		"(SELECT c.oid FROM pg_catalog.pg_class c WHERE " + cond + " LIMIT 1) " +
		"AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"
}
