package repl

import (
	"context"
	"errors"
	"strings"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// QUERY_PROTOCOL is a gpsql variable (issue 10; psql has none): "simple", the default,
// sends typed statements with the simple query protocol as psql does; "extended" sends a
// buffer that holds exactly one statement with Parse/Bind/Describe/Execute/Sync
// (protocol-v3.txt §2.3) and leaves several statements on the simple protocol, where they
// run as one query string. The output is the same either way.

// A statement that psql's cursor path cannot declare a cursor for (one without result
// rows, such as SELECT ... INTO, or one that does not parse) goes through that path after
// all, so that it fails with the same error instead of running: sendQueryPortal asks the
// server to describe the statement first.

// cursorDeclare is the text psql's ExecQueryUsingCursor (common.c) puts before a query it
// fetches in batches; the portal path reports errors as if it had been sent too.
const cursorDeclare = "DECLARE _psql_cursor NO SCROLL CURSOR FOR\n"

// queryProtocolHook validates QUERY_PROTOCOL: simple or extended (any case), unset meaning
// simple, with psql's message for an enumerated variable's other values. The value is read
// back by useExtended when a query is sent.
func queryProtocolHook() varHook {
	return enumVar("QUERY_PROTOCOL", "simple", []string{"simple", "extended"}, func(string) {})
}

// useExtended reports whether query goes through the extended protocol: QUERY_PROTOCOL is
// extended, the connection speaks protocol 3, no \bind-like command chose the protocol
// already, and the buffer holds exactly one statement.
func (s *Session) useExtended(query string) bool {
	if v, _ := s.vars.Get("QUERY_PROTOCOL"); !strings.EqualFold(v, "extended") {
		return false
	}
	if s.conn == nil || s.conn.ProtocolVersion() < 30000 {
		return false
	}
	if c := s.send.cur; c != nil && (c.Bind || c.BindNamed || c.Parse || c.ClosePrepared || c.Gdesc) {
		return false
	}
	return singleStatement(query, s.standardStrings())
}

// singleStatement reports whether query holds exactly one SQL statement, by psql's lexer:
// semicolons inside parentheses, quotes, comments and BEGIN ATOMIC bodies do not end a
// statement, and empty statements do not count (the server's grammar drops them too). A
// backslash outside quotes makes the answer false, as does a buffer with no statement:
// those stay on the simple protocol. std is standard_conforming_strings.
func singleStatement(query string, std bool) bool {
	lx := NewLexer(LexerCallbacks{})
	lx.SetStandardStrings(std)
	lx.SetLine(query)
	var buf strings.Builder
	n := 0
	count := func() {
		if skipWhiteSpace(strings.TrimSuffix(strings.TrimSpace(buf.String()), ";")) != "" {
			n++
		}
		buf.Reset()
	}
	for {
		res, _ := lx.Scan(&buf)
		switch res {
		case ScanSemicolon:
			count()
			lx.Reset()
			if n > 1 {
				return false
			}
		case ScanBackslash:
			return false
		default: // the end of the text, complete or not
			count()
			return n == 1
		}
	}
}

// sendQueryPortal is sendQueryCursor through the extended protocol: the query runs in the
// unnamed portal with Execute row limits of n (ExecOptions.MaxRows), and each batch is
// printed as psql prints a FETCH FORWARD n result. The portal lives until the Sync that
// proto sends after the last batch, so no BEGIN is needed: the implicit transaction of the
// extended protocol keeps it. Errors read as the cursor path's do, whose query text starts
// with cursorDeclare. It reports success.
func (s *Session) sendQueryPortal(ctx context.Context, query string, n int) bool {
	desc, err := s.conn.Prepare(ctx, "", query, nil)
	var se *proto.ServerError
	if errors.As(err, &se) || err == nil && len(desc.Fields) == 0 {
		// psql's DECLARE would fail (SELECT ... INTO, a syntax error): fail the same way.
		return s.sendQueryDeclare(ctx, query, n)
	}
	if err != nil {
		s.reportConnErr(err)
		return false
	}
	rs, err := s.conn.ExecPrepared(ctx, "", nil, &proto.ExecOptions{MaxRows: uint32(n)})
	if err != nil {
		s.reportConnErr(err)
		return false
	}
	ok, printed := true, false
	for rs.NextResult() {
		r := rs.Result()
		if r.HasRows() && !printed {
			printed = true
			ok = s.printPortalBatches(ctx, r, n, query) && ok
			continue
		}
		for r.NextRow() {
		}
		if err := r.Err(); err != nil {
			s.reportResultErr(r, asCursorError(err), cursorDeclare+query)
			ok = false
		}
	}
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		return false
	}
	return ok
}

// printPortalBatches prints a row-limited result batch by batch, as fetchBatches prints
// FETCH results: one header, widths per batch, the footer after the last batch.
func (s *Session) printPortalBatches(ctx context.Context, r *proto.Result, n int, query string) bool {
	popt := s.popt
	popt.TermWidth = s.termWidth()
	batch := render.Batch{Full: n, PagedWidth: s.pagedWidth()}
	out := s.tuplesOut() // the query output, or \g FILE (send.go)
	if out == nil {
		return false
	}
	src := &resultRows{r: r}
	var prior int64
	for {
		if err := render.PrintQueryBatch(ctx, out, src, &popt, nil, batch); err != nil {
			s.reportResultErr(r, asCursorError(err), cursorDeclare+query)
			return false
		}
		s.out.Flush() // each batch is visible at once, as psql's fflush makes it
		if !r.Suspended() || ctx.Err() != nil {
			s.fetchedRows = r.RowsRead() // ROW_COUNT: every batch (resultvars.go)
			return true
		}
		rows := r.RowsRead() - prior
		prior = r.RowsRead()
		batch.Continued, batch.Paged = true, true
		batch.PriorRows += int(rows)
		if err := r.Resume(); err != nil {
			s.reportConnErr(err)
			return false
		}
	}
}

// asCursorError moves the position of a server error in the query by the length of
// cursorDeclare, so that libpq's "LINE n:" excerpt is the one the cursor path shows.
func asCursorError(err error) error {
	var se *proto.ServerError
	if !errors.As(err, &se) || se.Position <= 0 {
		return err
	}
	moved := *se
	moved.Position += int32(len(cursorDeclare)) // ASCII: characters = bytes
	return &moved
}
