package meta

import (
	"strings"

	"github.com/gpsql/gpsql/render"
)

// Querier runs the catalog queries of the describe commands on the session's connection.
// The repl implements it; meta never sees the connection itself.
//
// Query runs one statement and returns its whole result. As psql's PSQLexec does, the
// implementation echoes sql first when ECHO_HIDDEN is set, and reports a failure (a server
// error, a lost connection) to the user itself before returning a non-nil error: callers
// only stop and return Error. With ECHO_HIDDEN=noexec it echoes and returns ErrNoExec. A
// Querier is used by one goroutine at a time; Ctrl-C cancels the running query as for any
// other statement.
//
// QueryMinimal is Query for look-ups whose failure psql reports with only the severity and
// the primary message (minimal_error_message in psql's command.c: \sf, \sv).
//
// ServerVersion is the server's version number as libpq's PQserverVersion gives it (150004
// for 15.4), 0 when unknown.
type Querier interface {
	Query(sql string) (*Rows, error)
	QueryMinimal(sql string) (*Rows, error)
	ServerVersion() int
}

// Rows is a complete query result. Columns carries the alignment of each column's type;
// Data[i][j] is row i, column j, "" for NULL, and Null[i][j] says whether it was NULL. The
// caller owns everything in it.
type Rows struct {
	Columns []render.Column
	Data    [][]string
	Null    [][]bool
}

// Get returns row r, column c, or "" when out of range or NULL.
func (r *Rows) Get(row, col int) string {
	if row < 0 || row >= len(r.Data) || col < 0 || col >= len(r.Data[row]) {
		return ""
	}
	return r.Data[row][col]
}

// IsNull reports whether row r, column c is NULL (or out of range).
func (r *Rows) IsNull(row, col int) bool {
	if row < 0 || row >= len(r.Null) || col < 0 || col >= len(r.Null[row]) {
		return true
	}
	return r.Null[row][col]
}

// Len is the number of rows.
func (r *Rows) Len() int { return len(r.Data) }

// ErrNoExec is returned by a Querier running under ECHO_HIDDEN=noexec: the query was shown
// and not sent.
var ErrNoExec = errNoExec{}

type errNoExec struct{}

func (errNoExec) Error() string { return "query not sent (ECHO_HIDDEN=noexec)" }

// literal quotes s as an SQL string literal that reads the same whatever
// standard_conforming_strings is: quotes doubled, and an E” form with doubled
// backslashes when s holds a backslash (libpq's PQescapeStringConn, psql's
// appendStringLiteralConn).
func literal(s string) string {
	s = strings.ReplaceAll(s, "'", "''")
	if strings.Contains(s, `\`) {
		return "E'" + strings.ReplaceAll(s, `\`, `\\`) + "'"
	}
	return "'" + s + "'"
}
