package meta

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pattern is a psql name pattern split into its parts and turned into anchored regular
// expressions, as patternToSQLRegex in PostgreSQL's fe_utils/string_utils.c does: outside
// double quotes letters are downcased, * becomes .*, ? becomes . and an unquoted dot
// separates database, schema and name; inside double quotes everything is literal ("" is
// one quote); $ is always literal, and so is [] (an array type name).
//
// Name, Schema and DB are the regular expressions ("^(...)$"), "" when that part is absent.
// DBLiteral is the database part as the user wrote it, for the cross-database check. Dots
// counts the unquoted dots seen.
type Pattern struct {
	DB, Schema, Name string
	DBLiteral        string
	Dots             int
}

// ParsePattern converts pattern. maxParts is how many dotted parts the caller accepts
// (1: a name, 2: schema.name, 3: db.schema.name); dots beyond that are kept literally in the
// first part, as psql does, and the caller rejects them with Dots. forceEscape quotes
// regular-expression characters even outside double quotes (psql's force_escape).
func ParsePattern(pattern string, maxParts int, forceEscape bool) Pattern {
	if maxParts < 1 {
		maxParts = 1
	}
	parts := []*strings.Builder{{}}
	parts[0].WriteString("^(")
	var lit strings.Builder
	left := true // still in the first part, for DBLiteral
	inQuotes := false
	var p Pattern
	for i := 0; i < len(pattern); {
		ch := pattern[i]
		cur := parts[len(parts)-1]
		switch {
		case ch == '"':
			if inQuotes && i+1 < len(pattern) && pattern[i+1] == '"' {
				cur.WriteByte('"')
				if left {
					lit.WriteByte('"')
				}
				i += 2
				continue
			}
			inQuotes = !inQuotes
			i++
		case !inQuotes && ch >= 'A' && ch <= 'Z':
			cur.WriteByte(ch + 'a' - 'A')
			if left {
				lit.WriteByte(ch + 'a' - 'A')
			}
			i++
		case !inQuotes && ch == '*':
			cur.WriteString(".*")
			if left {
				lit.WriteByte('*')
			}
			i++
		case !inQuotes && ch == '?':
			cur.WriteByte('.')
			if left {
				lit.WriteByte('?')
			}
			i++
		case !inQuotes && ch == '.':
			left = false
			p.Dots++
			if len(parts) < maxParts {
				cur.WriteString(")$")
				nb := &strings.Builder{}
				nb.WriteString("^(")
				parts = append(parts, nb)
			} else {
				cur.WriteByte('.')
			}
			i++
		case ch == '$':
			cur.WriteString(`\$`)
			if left {
				lit.WriteByte('$')
			}
			i++
		default:
			if (inQuotes || forceEscape) && strings.IndexByte(`|*+?()[]{}.^$\`, ch) >= 0 {
				cur.WriteByte('\\')
			} else if ch == '[' && i+1 < len(pattern) && pattern[i+1] == ']' {
				cur.WriteByte('\\')
			}
			n := 1
			if ch >= 0x80 {
				_, n = utf8.DecodeRuneInString(pattern[i:])
			}
			cur.WriteString(pattern[i : i+n])
			if left {
				lit.WriteString(pattern[i : i+n])
			}
			i += n
		}
	}
	parts[len(parts)-1].WriteString(")$")
	// The last part is the name, the one before the schema, the one before that the database.
	k := len(parts) - 1
	p.Name = parts[k].String()
	if k--; k >= 0 {
		p.Schema = parts[k].String()
	}
	if k--; k >= 0 {
		p.DB = parts[k].String()
		p.DBLiteral = lit.String()
	}
	return p
}

// NameFilter describes how a pattern constrains a catalog query (the arguments of psql's
// processSQLNamePattern): the name column (and an alternative one, both tried), the schema
// column ("" when the objects have no schema) and the visibility rule used when the pattern
// has no schema part ("" for none).
type NameFilter struct {
	NameVar, AltNameVar, SchemaVar, Visibility string
	ForceEscape                                bool
	// MaxParts is the accepted number of dotted parts (psql's validateSQLNamePattern): 0
	// means 3 with a SchemaVar (db.schema.name) and 1 without; \dn and \dL pass 2, \ddp 3.
	// Without a SchemaVar the pattern is never split, so the database part is empty and a
	// pattern with MaxParts-1 dots is always a cross-database reference.
	MaxParts int
}

// PatternError is psql's complaint about a pattern with too many dotted names or naming
// another database (validateSQLNamePattern in describe.c).
type PatternError struct{ Msg string }

func (e *PatternError) Error() string { return e.Msg }

// Where returns the SQL conditions pattern imposes, each line starting with "WHERE " or
// "  AND " (as haveWhere says) and ending with a newline, as psql's processSQLNamePattern
// emits them; "" when there are none. hasPattern false means no pattern was given: only the
// visibility rule applies. A "*" part adds no condition. dbName is the current database,
// which a db.schema.name pattern must name (psql's "cross-database references are not
// implemented"). Conditions compare with COLLATE pg_catalog.default from server 12 on.
func (f NameFilter) Where(pattern string, hasPattern, haveWhere bool, dbName string, serverVersion int) (string, error) {
	var b strings.Builder
	and := func() {
		if haveWhere {
			b.WriteString("  AND ")
		} else {
			b.WriteString("WHERE ")
		}
		haveWhere = true
	}
	if !hasPattern {
		if f.Visibility != "" {
			and()
			b.WriteString(f.Visibility + "\n")
		}
		return b.String(), nil
	}
	maxParts := f.MaxParts
	if maxParts == 0 {
		maxParts = 1
		if f.SchemaVar != "" {
			maxParts = 3
		}
	}
	split := 1
	if f.SchemaVar != "" {
		split = 3
	}
	p := ParsePattern(pattern, split, f.ForceEscape)
	if p.Dots >= maxParts {
		return "", &PatternError{fmt.Sprintf("improper qualified name (too many dotted names): %s", pattern)}
	}
	// Without a schema column the pattern is not split, so the database part is always
	// empty and psql rejects any dot (describe.c's validateSQLNamePattern).
	if maxParts > 1 && p.Dots == maxParts-1 && p.DBLiteral != dbName {
		return "", &PatternError{fmt.Sprintf("cross-database references are not implemented: %s", pattern)}
	}
	coll := ""
	if serverVersion >= 120000 {
		coll = " COLLATE pg_catalog.default"
	}
	if f.NameVar != "" && p.Name != "^(.*)$" {
		and()
		if f.AltNameVar != "" {
			fmt.Fprintf(&b, "(%s OPERATOR(pg_catalog.~) %s%s\n        OR %s OPERATOR(pg_catalog.~) %s%s)\n",
				f.NameVar, literal(p.Name), coll, f.AltNameVar, literal(p.Name), coll)
		} else {
			fmt.Fprintf(&b, "%s OPERATOR(pg_catalog.~) %s%s\n", f.NameVar, literal(p.Name), coll)
		}
	}
	if f.SchemaVar != "" && len(p.Schema) > 2 {
		if p.Schema != "^(.*)$" {
			and()
			fmt.Fprintf(&b, "%s OPERATOR(pg_catalog.~) %s%s\n", f.SchemaVar, literal(p.Schema), coll)
		}
	} else if f.Visibility != "" {
		and()
		b.WriteString(f.Visibility + "\n")
	}
	return b.String(), nil
}
