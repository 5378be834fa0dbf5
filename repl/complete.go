package repl

import (
	"context"
	"strings"
	"sync"

	"github.com/gpsql/gpsql/completion"
	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
)

// completer returns the tab completer of an interactive session (readline's AutoComplete),
// and a function that closes the second connection its catalog may have opened, for the end
// of the session. Its catalog lookups go through sessionCatalog.
func (s *Session) completer() (*completion.Completer, func()) {
	cat := &sessionCatalog{s: s}
	return completion.New(completion.Options{
		Catalog: cat,
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
	}), cat.close
}

// close closes the catalog connection, if one was opened.
func (c *sessionCatalog) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.aux != nil {
		c.aux.Close()
		c.aux = nil
	}
}

// sessionCatalog is the completion catalog of a session. Like psql's, its lookups run on
// the session's own connection, so that they see what the session sees (objects created in
// its open transaction, its search_path, its temporary tables): while the prompt is shown,
// the idle watcher lends it the connection (notify.go). When it cannot be borrowed (no
// prompt, pipeline mode, a failed transaction, protocol 2.0, a lost connection), a second
// connection with the same settings, opened on first need, answers instead.
//
// Answers are cached per session connection; the cache is dropped when the session
// reconnects (\c), at every prompt that begins a new statement (whatever ran before it,
// COMMIT, ROLLBACK, DISCARD or a function, may have changed what the session sees), and
// after a statement that may change the catalog (DDL, GRANT, SET). Lookups are bounded by
// the completer's timeout. Readline calls it from its own goroutine while the session
// waits in Readline; the mutex keeps concurrent completions apart.
type sessionCatalog struct {
	s *Session

	mu       sync.Mutex
	forConn  *proto.Conn // the session connection the cache belongs to
	aux      *proto.Conn // the catalog connection
	cache    *completion.SQLCatalog
	lastSeen string // the session's last query when the cache was last checked
	epoch    uint64 // the idle watcher's epoch when the cache was last checked
}

// current returns the cache for the session's connection, refreshed as needed.
func (c *sessionCatalog) current() *completion.SQLCatalog {
	epoch := c.s.idle.currentEpoch()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cache == nil || c.forConn != c.s.conn {
		if c.aux != nil {
			c.aux.Close()
			c.aux = nil
		}
		c.forConn = c.s.conn
		c.cache = completion.NewSQLCatalog(catalogQuerier{c})
		c.lastSeen = c.s.prevQuery
		c.epoch = epoch
	}
	if epoch != c.epoch {
		c.epoch = epoch
		c.cache.Invalidate()
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

// catalogQuerier runs a catalog query on the session's connection when it can be
// borrowed, otherwise on the catalog connection.
type catalogQuerier struct{ c *sessionCatalog }

func (q catalogQuerier) QueryStrings(ctx context.Context, sql string) ([]string, error) {
	var out []string
	var err error
	if q.c.s.idle.borrow(func(conn *proto.Conn) (bool, error) {
		if !lendable(conn) {
			return false, nil
		}
		out, err = lookupOnSession(ctx, conn, sql)
		return true, err
	}) {
		return out, err
	}
	return auxQuerier(q).QueryStrings(ctx, sql)
}

// lendable reports whether a catalog lookup may run on the idle session connection: not in
// a failed transaction, where it could only fail (psql's completion then finds nothing),
// and not under protocol 2.0, whose ReadyForQuery does not say whether a transaction is
// open, so that a failing lookup might abort one unseen.
func lendable(conn *proto.Conn) bool {
	if conn.ProtocolVersion() < 30000 {
		return false
	}
	switch conn.TxStatus() {
	case 'I', 'T': // idle; in a transaction block (protocol-v3.txt, ReadyForQuery)
		return true
	}
	return false
}

// completionSavepoint protects the session's open transaction from a failing lookup.
const completionSavepoint = "gpsql_tab_completion"

// lookupOnSession runs one catalog query on the idle session connection and leaves it idle
// in the state it found it. Inside a transaction block the query runs under a savepoint,
// rolled back to if the query failed, then released, so that the transaction stays usable
// and its savepoints as they were. When ctx ends first, a CancelRequest stops the query;
// the cancel is armed only around the query itself (never around the savepoint commands,
// whose failure would abort the transaction) and waited for before anything else is sent,
// so that it cannot hit a later statement. Nothing of the session's state (variables,
// last result, history, logs) is touched: only the connection is used.
func lookupOnSession(ctx context.Context, conn *proto.Conn, sql string) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	inTx := conn.TxStatus() == 'T'
	if inTx {
		if _, err := queryStrings(context.Background(), conn, "SAVEPOINT "+completionSavepoint); err != nil {
			return nil, err
		}
	}
	sent := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(sent)
		conn.CancelRequest(context.Background())
	})
	out, err := queryStrings(context.Background(), conn, sql)
	if !stop() {
		<-sent
	}
	if !inTx || conn.Closed() {
		return out, err
	}
	end := "RELEASE " + completionSavepoint
	if conn.TxStatus() == 'E' {
		end = "ROLLBACK TO " + completionSavepoint + "; " + end
	}
	if _, rerr := queryStrings(context.Background(), conn, end); rerr != nil && err == nil {
		err = rerr
	}
	return out, err
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
