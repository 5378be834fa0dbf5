package proto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"sync/atomic"
	"syscall"

	"github.com/gpsql/gpsql/proto/wire"
)

// ConnLostError means the connection broke (EOF, reset, a protocol violation by the server):
// the session is unusable. Msg is libpq's text ("server closed the connection unexpectedly"
// and its two hint lines, or "lost synchronization with server: ...").
type ConnLostError struct {
	Msg string
	Err error
	// Fatal is the FATAL (or PANIC) ErrorResponse the server sent before closing, if it sent
	// one (for example 57P01 "terminating connection due to administrator command" after
	// pg_terminate_backend). When it came in answer to a query it was also reported as that
	// statement's error, before this one, which is the order psql prints them in.
	Fatal *ServerError
	// FatalShown is true when Fatal was that statement's error; false when it arrived while
	// the connection was idle (under Watch) and nobody has seen it yet.
	FatalShown bool
}

func (e *ConnLostError) Error() string { return e.Msg }
func (e *ConnLostError) Unwrap() error { return e.Err }

// ProtocolError is a malformed message from the server that was skipped: the statement
// fails with libpq's text but the connection remains usable.
type ProtocolError struct {
	Msg string
	Err error
}

func (e *ProtocolError) Error() string { return e.Msg }
func (e *ProtocolError) Unwrap() error { return e.Err }

// ErrPipelineAborted is the error of a pipelined statement that the server skipped because
// an earlier statement of the same pipeline failed (protocol-v3.txt §2.4: after an error the
// server discards messages up to Sync).
var ErrPipelineAborted = errors.New("pipeline aborted: an earlier statement failed")

// receive reads the next message, handling the asynchronous ones (notices, notifications,
// ParameterStatus) in one place, as pgconn's receiveMessage does. The returned message is
// valid until the next receive.
func (c *Conn) receive() (wire.BackendMessage, error) {
	for {
		if c.broken != nil {
			return nil, c.broken
		}
		msg, err := c.fe.Receive()
		if err != nil {
			return nil, c.fail(err)
		}
		if !c.handleAsync(msg) {
			return msg, nil
		}
	}
}

// handleAsync delivers a message that may arrive at any time (protocol-v3.txt §2.7) and
// reports whether msg was one. It also remembers a FATAL error, which precedes the server
// closing the connection.
func (c *Conn) handleAsync(msg wire.BackendMessage) bool {
	switch m := msg.(type) {
	case *wire.NoticeResponse:
		c.notice(&m.Fields)
	case *wire.NotificationResponse:
		if c.notifications != nil {
			c.notifications(&Notification{PID: m.PID, Channel: m.Channel, Payload: m.Payload})
		}
	case *wire.ParameterStatus:
		c.params[m.Name] = m.Value
	case *wire.CursorResponse: // protocol 2.0 only: nothing to act on
	case *wire.ErrorResponse:
		if se := serverErrorFrom(&m.Fields); se.Fatal() {
			c.fatal = se
		}
		return false
	default:
		return false
	}
	return true
}

// fail marks the connection broken and returns the error to report.
func (c *Conn) fail(err error) error {
	if c.broken != nil {
		return c.broken
	}
	msg := err.Error()
	var pe *wire.ProtocolError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EPIPE), errors.Is(err, net.ErrClosed):
		msg = serverClosedMsg
	case errors.As(err, &pe):
		if !pe.Fatal() && pe.Kind == wire.KindMalformed {
			// A malformed message was skipped; the stream is still in step (libpq
			// reports it and carries on).
			return &ProtocolError{Msg: pe.Error(), Err: err}
		}
		msg = pe.Error()
	case errors.Is(err, os.ErrDeadlineExceeded):
		return err // not broken: a hand-over deadline
	}
	c.broken = &ConnLostError{Msg: msg, Err: err, Fatal: c.fatal, FatalShown: c.fatal != nil && !c.fatalIdle}
	c.nc.Close()
	return c.broken
}

// unexpected fails the connection for a message that has no place in the current state, with
// libpq's text.
func (c *Conn) unexpected(msg wire.BackendMessage) error {
	return c.fail(fmt.Errorf("unexpected response from server; first received character was \"%c\"", msgType(msg)))
}

func (c *Conn) send(msgs ...wire.FrontendMessage) error {
	if c.broken != nil {
		return c.broken
	}
	if c.closed {
		return ErrClosed
	}
	for _, m := range msgs {
		switch m := m.(type) {
		case *wire.Query:
			c.lastQuery = m.String
		case *wire.Parse:
			c.lastQuery = m.Query
		case *wire.Bind:
			if m.Statement != "" {
				c.lastQuery = "" // a prepared statement's text is not the client's to know
			}
		}
		if err := c.fe.Send(m); err != nil {
			return err
		}
	}
	if err := c.fe.Flush(); err != nil {
		return c.fail(err)
	}
	return nil
}

// Results reads the results of one query string sent with the simple query protocol (one
// Result per statement), or of one or more statements sent with the extended protocol (one
// Result per statement), up to ReadyForQuery. Use NextResult, then the Result's rows; Close
// reads to the end. The connection is busy until Close or NextResult returns false.
//
// A Results is not safe for concurrent use; it belongs to the goroutine that started the
// query.
type Results struct {
	c        *Conn
	ctx      context.Context
	stop     func() bool
	cur      *Result
	done     bool
	err      error // a connection-level failure
	copyIn   io.Reader
	copyW    io.Writer
	progress func(int64)
	inCopyIn atomic.Bool // COPY FROM STDIN under way: ctx ends it with CopyFail, not a cancel

	// The extended protocol (extended.go, pipeline.go).
	ext      bool
	ops      []*execOp  // statements whose results are still to be read, in order
	syncOwed bool       // Sync not sent yet (a row-limited portal): NextResult sends it
	aborted  bool       // a statement failed: the server skips the rest up to Sync
	writer   chan error // the pipeline writer's outcome, nil without one
	writeErr error      // its error, once collected
}

// Result is one statement's outcome: its columns and rows (streamed), then its command tag,
// or an error. Values returned by Values point into the connection's read buffer and are valid
// until the next NextRow, NextResult or Close.
type Result struct {
	rs        *Results
	Fields    []wire.FieldDescription // the columns; empty when the statement returns no rows
	paramOIDs []uint32
	op        *execOp
	hasRows   bool
	tag       string
	err       error
	empty     bool
	finished  bool
	suspended bool
	values    [][]byte
	rows      int64
	copy      byte // 'G' copy in, 'H' copy out, 'W' copy both, 0 none
	copyErr   error
	buffered  [][][]byte // the rows Buffer read, replayed by NextRow; nil when not buffered
	replayed  int        // how many of them NextRow has returned
}

// Buffer reads the rest of the result's rows into memory, so that the Results can move on to
// the next statement while NextRow still returns these rows (as libpq keeps a whole result:
// psql reads a statement's result and the next one's before it prints the first). After
// Buffer, Values are the caller's until the next NextRow, and Err and CommandTag are final.
func (r *Result) Buffer() {
	if r.buffered != nil {
		return
	}
	rows := [][][]byte{}
	for r.NextRow() {
		row := make([][]byte, len(r.values))
		for i, v := range r.values {
			if v != nil {
				row[i] = append(make([]byte, 0, len(v)), v...)
			}
		}
		rows = append(rows, row)
	}
	r.buffered, r.replayed = rows, 0
}

// Query sends sql as a simple Query (protocol-v3.txt §2.2). Cancelling ctx sends a
// CancelRequest for it; the query then ends with the server's "canceling statement due to
// user request" error. During COPY FROM STDIN, ctx ends the upload with CopyFail instead.
func (c *Conn) Query(ctx context.Context, sql string) (*Results, error) {
	if c.busy {
		return nil, ErrBusy
	}
	if err := c.send(&wire.Query{String: sql}); err != nil {
		return nil, err
	}
	return c.startResults(ctx), nil
}

// LastQuery returns the text of the last query string or statement sent (a Query's, or a
// Parse's), "" after the execution of a named prepared statement: the text a notice's
// position refers to, as libpq's last_query is for its notice processor.
func (c *Conn) LastQuery() string { return c.lastQuery }

// startResults marks the connection busy and returns the reader of what was just sent.
func (c *Conn) startResults(ctx context.Context) *Results {
	c.busy = true
	if !c.fatalIdle {
		c.fatal = nil // a FATAL read while idle stays for the ConnLostError that follows
	}
	rs := &Results{c: c, ctx: ctx}
	rs.stop = context.AfterFunc(ctx, func() {
		if !rs.inCopyIn.Load() {
			c.CancelRequest(context.Background())
		}
	})
	return rs
}

// SetCopy sets where COPY ... FROM STDIN reads from and COPY ... TO STDOUT writes to, for
// the rest of this query string. Without them, COPY FROM STDIN is refused with CopyFail and
// COPY TO STDOUT data is discarded. Each COPY FROM STDIN reads in until io.EOF; when a query
// string holds several, an in that implements CopyStarter is told when each one starts, so
// that it can give each its own data.
func (rs *Results) SetCopy(in io.Reader, out io.Writer) { rs.copyIn, rs.copyW = in, out }

// CopyStarter is implemented by a COPY FROM STDIN reader (see SetCopy) that wants to know
// when each COPY starts: StartCopy is called before the first Read of each.
type CopyStarter interface {
	StartCopy()
}

// SetCopyProgress sets a function called after every chunk of a COPY with the number of
// data bytes sent (COPY FROM STDIN) or received (COPY TO STDOUT) so far in that COPY. It is
// called on the goroutine reading the Results.
func (rs *Results) SetCopyProgress(fn func(bytes int64)) { rs.progress = fn }

// NextResult moves to the next statement's Result, reading past what remains of the current
// one (a row-limited portal that is still suspended is abandoned). It returns false at
// ReadyForQuery or when the connection fails (see Err).
func (rs *Results) NextResult() bool {
	if rs.done {
		return false
	}
	if cur := rs.cur; cur != nil && !cur.finished {
		if !cur.suspended {
			for cur.NextRow() {
			}
		}
		if cur.suspended {
			cur.suspended, cur.finished = false, true
		}
	}
	rs.cur = nil
	if rs.err != nil {
		rs.finish()
		return false
	}
	if rs.ext {
		return rs.nextExtended()
	}
	return rs.nextSimple()
}

// nextSimple reads the start of the next statement's result of a simple Query
// (protocol-v3.txt §2.2.1).
func (rs *Results) nextSimple() bool {
	for {
		msg, err := rs.c.receive()
		var pe *ProtocolError
		if errors.As(err, &pe) {
			rs.cur = &Result{rs: rs, err: err, finished: true}
			return true
		}
		if err != nil {
			rs.err = err
			rs.finish()
			return false
		}
		if r := rs.startResult(msg); r != nil {
			rs.cur = r
			return true
		}
		if m, ok := msg.(*wire.ReadyForQuery); ok {
			rs.c.txStatus = m.TxStatus
			rs.finish()
			return false
		}
		rs.err = rs.c.unexpected(msg)
		rs.finish()
		return false
	}
}

// startResult turns the first message of a statement's outcome into its Result, running a
// COPY to its end; it returns nil for any other message.
func (rs *Results) startResult(msg wire.BackendMessage) *Result {
	r := &Result{rs: rs}
	switch m := msg.(type) {
	case *wire.RowDescription:
		r.Fields = append([]wire.FieldDescription(nil), m.Fields...)
		r.hasRows = true
	case *wire.CommandComplete:
		r.tag, r.finished = string(m.CommandTag), true
	case *wire.EmptyQueryResponse:
		r.empty, r.finished = true, true
	case *wire.ErrorResponse:
		r.err, r.finished = serverErrorFrom(&m.Fields), true
		rs.aborted = true
	case *wire.CopyOutResponse:
		r.copy = 'H'
		r.runCopyOut()
	case *wire.CopyInResponse:
		r.copy = 'G'
		r.runCopyIn()
	case *wire.CopyBothResponse:
		r.copy = 'W'
		r.runCopyBoth()
	default:
		return nil
	}
	return r
}

func (rs *Results) finish() {
	if !rs.done {
		rs.done = true
		rs.c.busy = false
		rs.stop()
		rs.waitWriter()
		if rs.err == nil && rs.writeErr != nil {
			rs.err = rs.c.fail(rs.writeErr)
		}
	}
}

// Result returns the current Result.
func (rs *Results) Result() *Result { return rs.cur }

// Err returns a connection-level failure (a *ConnLostError), or nil.
func (rs *Results) Err() error { return rs.err }

// Close reads the remaining results and returns the first connection-level error.
func (rs *Results) Close() error {
	for rs.NextResult() {
	}
	return rs.err
}

// NextRow advances to the next row. It returns false at the end of the rows, when the
// statement failed (see Err), when the connection broke, or when a row-limited portal reached
// its limit (see Suspended and Resume).
func (r *Result) NextRow() bool {
	if r.buffered != nil {
		if r.replayed == len(r.buffered) {
			r.values = nil
			return false
		}
		r.values = r.buffered[r.replayed]
		r.replayed++
		return true
	}
	if r.finished || r.suspended {
		return false
	}
	rs := r.rs
	msg, err := rs.c.receive()
	if err != nil {
		r.err = err
		r.finished = true
		r.values = nil
		var pe *ProtocolError
		if errors.As(err, &pe) {
			r.skipRest()
		} else {
			rs.err = err
		}
		return false
	}
	switch m := msg.(type) {
	case *wire.DataRow:
		r.values = m.Values
		r.rows++
		return true
	case *wire.CommandComplete:
		r.tag = string(m.CommandTag)
	case *wire.ErrorResponse:
		r.err = serverErrorFrom(&m.Fields)
		rs.aborted = true
	case *wire.PortalSuspended:
		if r.op != nil && r.op.maxRows > 0 {
			r.suspended, r.values = true, nil
			return false
		}
		rs.err = rs.c.unexpected(msg)
		r.err = rs.err
	default:
		rs.err = rs.c.unexpected(msg)
		r.err = rs.err
	}
	r.finished = true
	r.values = nil
	return false
}

// skipRest reads the rest of a statement whose row failed to decode, up to its end.
func (r *Result) skipRest() {
	for {
		msg, err := r.rs.c.receive()
		var pe *ProtocolError
		switch {
		case errors.As(err, &pe):
			continue
		case err != nil:
			r.rs.err = err
			return
		}
		switch msg.(type) {
		case *wire.DataRow:
		case *wire.CommandComplete, *wire.ErrorResponse:
			return
		case *wire.PortalSuspended:
			if r.op != nil && r.op.maxRows > 0 {
				return // NextResult abandons the portal
			}
			r.rs.err = r.rs.c.unexpected(msg)
			return
		default:
			r.rs.err = r.rs.c.unexpected(msg)
			return
		}
	}
}

// Values returns the current row's values (nil = NULL), valid until the next NextRow.
func (r *Result) Values() [][]byte { return r.values }

// CommandTag returns the tag ("SELECT 3", "INSERT 0 1"), once the rows are read.
func (r *Result) CommandTag() string { return r.tag }

// Err returns the statement's error (a *ServerError), ErrPipelineAborted, a connection
// failure, or for a COPY TO STDOUT that the server completed, the error of the writer given
// to SetCopy.
func (r *Result) Err() error {
	if r.err == nil && r.copyErr != nil {
		return r.copyErr
	}
	return r.err
}

// Empty reports an EmptyQueryResponse (the statement was empty).
func (r *Result) Empty() bool { return r.empty }

// HasRows reports whether the statement returns a row set (RowDescription was sent).
func (r *Result) HasRows() bool { return r.hasRows }

// IsCopy reports a COPY ... TO STDOUT ('H'), FROM STDIN ('G') or copy-both ('W') result,
// else 0.
func (r *Result) IsCopy() byte { return r.copy }

// RowsRead returns how many rows were read from the server (NextRow, or Buffer).
func (r *Result) RowsRead() int64 { return r.rows }

// QueryValue runs sql and returns the first column of its first row as text ("" for NULL).
func (c *Conn) QueryValue(ctx context.Context, sql string) (string, error) {
	rs, err := c.Query(ctx, sql)
	if err != nil {
		return "", err
	}
	var val string
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			if v := r.Values(); len(v) > 0 && val == "" {
				val = string(v[0])
			}
		}
		if r.Err() != nil && firstErr == nil {
			firstErr = r.Err()
		}
	}
	if err := rs.Err(); err != nil {
		return "", err
	}
	return val, firstErr
}

// msgType returns the protocol type byte of a backend message, for error texts.
func msgType(m wire.BackendMessage) byte {
	b, err := m.Encode(nil)
	if err != nil || len(b) == 0 {
		return '?'
	}
	return b[0]
}
