package repl

import (
	"context"
	"strings"
	"sync"

	"github.com/gpsql/gpsql/completion"
	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
)

// completer returns the tab completer of an interactive session (readline's AutoComplete).
// Its catalog lookups go through sessionCatalog.
func (s *Session) completer() *completion.Completer {
	return completion.New(completion.Options{
		Catalog: &sessionCatalog{s: s},
		KeywordCase: func() string {
			v, _ := s.vars.Get("COMP_KEYWORD_CASE")
			return v
		},
		Variables: s.vars.Names,
		Commands:  meta.Names(),
		Pending: func() string {
			if s.buf == nil {
				return ""
			}
			return s.buf.String()
		},
	})
}

// sessionCatalog is the completion catalog of a session. It never touches the session's
// connection, which may be busy or watched for notifications at the prompt: it opens a
// second connection with the same settings on the first lookup, and keeps a cache of
// answers per session connection. The cache is dropped when the session reconnects (\c)
// and after a statement that may change the catalog (DDL, GRANT, SET). Lookups are bounded
// by the completer's timeout. Readline calls it from its own goroutine while the session
// waits in Readline; the mutex keeps concurrent completions apart.
type sessionCatalog struct {
	s *Session

	mu       sync.Mutex
	forConn  *proto.Conn // the session connection the cache belongs to
	aux      *proto.Conn // the catalog connection
	cache    *completion.SQLCatalog
	lastSeen string // the session's last query when the cache was last checked
}

// current returns the cache for the session's connection, refreshed as needed.
func (c *sessionCatalog) current() *completion.SQLCatalog {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil || c.forConn != c.s.conn {
		if c.aux != nil {
			c.aux.Close()
			c.aux = nil
		}
		c.forConn = c.s.conn
		c.cache = completion.NewSQLCatalog(auxQuerier{c})
		c.lastSeen = c.s.prevQuery
	}
	if q := c.s.prevQuery; q != c.lastSeen {
		c.lastSeen = q
		if changesCatalog(q) {
			c.cache.Invalidate()
		}
	}
	return c.cache
}

// Names implements completion.Catalog.
func (c *sessionCatalog) Names(ctx context.Context, kind completion.Kind, schema string) ([]string, error) {
	return c.current().Names(ctx, kind, schema)
}

// Columns implements completion.Catalog.
func (c *sessionCatalog) Columns(ctx context.Context, schema, relation string) ([]string, error) {
	return c.current().Columns(ctx, schema, relation)
}

// auxQuerier runs catalog queries on the catalog connection, opening it when needed.
type auxQuerier struct{ c *sessionCatalog }

func (a auxQuerier) QueryStrings(ctx context.Context, sql string) ([]string, error) {
	c := a.c
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.aux == nil || c.aux.Closed() {
		if c.forConn == nil {
			return nil, context.Canceled
		}
		conn, err := proto.Connect(ctx, c.forConn.Config(), proto.ConnectOptions{Env: c.s.opts.Env})
		if err != nil {
			return nil, err
		}
		c.aux = conn
	}
	return queryStrings(ctx, c.aux, sql)
}

// queryStrings runs sql on conn and returns the first column of every row.
func queryStrings(ctx context.Context, conn *proto.Conn, sql string) ([]string, error) {
	rs, err := conn.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	var out []string
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			if v := r.Values(); len(v) > 0 && v[0] != nil {
				out = append(out, string(v[0]))
			}
		}
		if err := r.Err(); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	return out, firstErr
}

// changesCatalog reports whether a query may change what completion lists: DDL,
// privileges, the search path, a rollback, procedural code, or SELECT INTO.
func changesCatalog(q string) bool {
	for _, stmt := range strings.Split(q, ";") {
		f := strings.Fields(strings.ToUpper(stmt))
		if len(f) == 0 {
			continue
		}
		switch strings.TrimLeft(f[0], "(") {
		case "CREATE", "ALTER", "DROP", "COMMENT", "GRANT", "REVOKE", "SET", "RESET", "ROLLBACK",
			"ABORT", "IMPORT", "DO", "CALL", "REASSIGN", "SECURITY":
			return true
		case "SELECT", "WITH":
			for _, w := range f {
				if w == "INTO" {
					return true
				}
			}
		}
	}
	return false
}
