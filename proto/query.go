package proto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"syscall"

	"github.com/gpsql/gpsql/proto/wire"
)

// ConnLostError means the connection broke (EOF, reset, a protocol violation by the server):
// the session is unusable. Its text is libpq's.
type ConnLostError struct {
	Msg string
	Err error
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
		switch m := msg.(type) {
		case *wire.NoticeResponse:
			c.notice(&m.Fields)
		case *wire.NotificationResponse:
			if c.notifications != nil {
				c.notifications(&Notification{PID: m.PID, Channel: m.Channel, Payload: m.Payload})
			}
		case *wire.ParameterStatus:
			c.params[m.Name] = m.Value
		default:
			return msg, nil
		}
	}
}

// fail marks the connection broken and returns the error to report.
func (c *Conn) fail(err error) error {
	msg := err.Error()
	var pe *wire.ProtocolError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
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
	c.broken = &ConnLostError{Msg: msg, Err: err}
	c.nc.Close()
	return c.broken
}

func (c *Conn) send(msgs ...wire.FrontendMessage) error {
	if c.broken != nil {
		return c.broken
	}
	if c.closed {
		return ErrClosed
	}
	for _, m := range msgs {
		if err := c.fe.Send(m); err != nil {
			return err
		}
	}
	if err := c.fe.Flush(); err != nil {
		return c.fail(err)
	}
	return nil
}

// Results reads the results of one query string sent with the simple query protocol: one
// Result per statement, up to ReadyForQuery. Use NextResult, then the Result's rows; Close
// reads to the end. The connection is busy until Close or NextResult returns false.
type Results struct {
	c      *Conn
	ctx    context.Context
	stop   func() bool
	cur    *Result
	done   bool
	err    error // a connection-level failure
	copyIn io.Reader
	copyW  io.Writer
}

// Result is one statement's outcome: its columns and rows (streamed), then its command tag,
// or an error. Values returned by Values point into the connection's read buffer and are valid
// until the next NextRow, NextResult or Close.
type Result struct {
	rs       *Results
	Fields   []wire.FieldDescription // the columns; empty when the statement returns no rows
	hasRows  bool
	tag      string
	err      error
	empty    bool
	finished bool
	values   [][]byte
	rows     int64
	copy     byte // 'G' copy in, 'H' copy out, 0 none
}

// Query sends sql as a simple Query. Cancelling ctx sends a CancelRequest for it; the query
// then ends with the server's "canceling statement due to user request" error.
func (c *Conn) Query(ctx context.Context, sql string) (*Results, error) {
	if c.busy {
		return nil, ErrBusy
	}
	if err := c.send(&wire.Query{String: sql}); err != nil {
		return nil, err
	}
	c.busy = true
	rs := &Results{c: c, ctx: ctx}
	rs.stop = context.AfterFunc(ctx, func() { c.CancelRequest(context.Background()) })
	return rs, nil
}

// SetCopy sets where COPY ... FROM STDIN reads from and COPY ... TO STDOUT writes to, for
// the rest of this query string. Without them, COPY FROM STDIN is refused with CopyFail and
// COPY TO STDOUT data is discarded.
func (rs *Results) SetCopy(in io.Reader, out io.Writer) { rs.copyIn, rs.copyW = in, out }

// NextResult moves to the next statement's Result, reading past what remains of the current
// one. It returns false at ReadyForQuery or when the connection fails (see Err).
func (rs *Results) NextResult() bool {
	if rs.done {
		return false
	}
	if rs.cur != nil && !rs.cur.finished {
		for rs.cur.NextRow() {
		}
	}
	rs.cur = nil
	if rs.err != nil {
		rs.finish()
		return false
	}
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
		switch m := msg.(type) {
		case *wire.RowDescription:
			rs.cur = &Result{rs: rs, Fields: append([]wire.FieldDescription(nil), m.Fields...), hasRows: true}
			return true
		case *wire.CommandComplete:
			rs.cur = &Result{rs: rs, tag: string(m.CommandTag), finished: true}
			return true
		case *wire.EmptyQueryResponse:
			rs.cur = &Result{rs: rs, empty: true, finished: true}
			return true
		case *wire.ErrorResponse:
			rs.cur = &Result{rs: rs, err: serverErrorFrom(&m.Fields), finished: true}
			return true
		case *wire.CopyOutResponse:
			rs.cur = &Result{rs: rs, copy: 'H'}
			rs.cur.runCopyOut()
			return true
		case *wire.CopyInResponse:
			rs.cur = &Result{rs: rs, copy: 'G'}
			rs.cur.runCopyIn()
			return true
		case *wire.ReadyForQuery:
			rs.c.txStatus = m.TxStatus
			rs.finish()
			return false
		default:
			rs.err = rs.c.fail(fmt.Errorf("unexpected response from server; first received character was \"%c\"", msgType(msg)))
			rs.finish()
			return false
		}
	}
}

func (rs *Results) finish() {
	if !rs.done {
		rs.done = true
		rs.c.busy = false
		rs.stop()
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
// statement failed (see Err) or when the connection broke.
func (r *Result) NextRow() bool {
	if r.finished {
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
	default:
		rs.err = rs.c.fail(fmt.Errorf("unexpected response from server; first received character was \"%c\"", msgType(msg)))
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
		default:
			r.rs.err = r.rs.c.fail(fmt.Errorf("unexpected response from server; first received character was \"%c\"", msgType(msg)))
			return
		}
	}
}

// Values returns the current row's values (nil = NULL), valid until the next NextRow.
func (r *Result) Values() [][]byte { return r.values }

// CommandTag returns the tag ("SELECT 3", "INSERT 0 1"), once the rows are read.
func (r *Result) CommandTag() string { return r.tag }

// Err returns the statement's error (a *ServerError) or a connection failure.
func (r *Result) Err() error { return r.err }

// Empty reports an EmptyQueryResponse (the statement was empty).
func (r *Result) Empty() bool { return r.empty }

// HasRows reports whether the statement returns a row set (RowDescription was sent).
func (r *Result) HasRows() bool { return r.hasRows }

// IsCopy reports a COPY ... TO STDOUT ('H') or FROM STDIN ('G') result, else 0.
func (r *Result) IsCopy() byte { return r.copy }

// RowsRead returns how many rows NextRow has returned.
func (r *Result) RowsRead() int64 { return r.rows }

func (r *Result) runCopyOut() {
	c := r.rs.c
	for {
		msg, err := c.receive()
		if err != nil {
			r.rs.err, r.err, r.finished = err, err, true
			return
		}
		switch m := msg.(type) {
		case *wire.CopyData:
			if r.rs.copyW != nil {
				r.rs.copyW.Write(m.Data)
			}
		case *wire.CopyDone:
		case *wire.CommandComplete:
			r.tag, r.finished = string(m.CommandTag), true
			return
		case *wire.ErrorResponse:
			r.err, r.finished = serverErrorFrom(&m.Fields), true
			return
		default:
			r.rs.err = c.fail(fmt.Errorf("unexpected response from server; first received character was \"%c\"", msgType(msg)))
			r.err, r.finished = r.rs.err, true
			return
		}
	}
}

func (r *Result) runCopyIn() {
	c := r.rs.c
	var sendErr error
	if r.rs.copyIn == nil {
		sendErr = c.send(&wire.CopyFail{Message: "COPY FROM STDIN is not supported here"})
	} else {
		buf := make([]byte, 64*1024)
		for sendErr == nil {
			n, err := r.rs.copyIn.Read(buf)
			if n > 0 {
				sendErr = c.fe.Send(&wire.CopyData{Data: buf[:n]})
				if sendErr == nil {
					sendErr = c.fe.Flush()
				}
			}
			if err == io.EOF {
				sendErr = c.send(&wire.CopyDone{})
				break
			}
			if err != nil {
				sendErr = c.send(&wire.CopyFail{Message: err.Error()})
				break
			}
		}
	}
	if sendErr != nil && c.broken == nil {
		sendErr = c.fail(sendErr)
	}
	for {
		msg, err := c.receive()
		if err != nil {
			r.rs.err, r.err, r.finished = err, err, true
			return
		}
		switch m := msg.(type) {
		case *wire.CommandComplete:
			r.tag, r.finished = string(m.CommandTag), true
			return
		case *wire.ErrorResponse:
			r.err, r.finished = serverErrorFrom(&m.Fields), true
			return
		}
	}
}

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
