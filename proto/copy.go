package proto

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gpsql/gpsql/proto/wire"
)

// copyChunkSize is the most data one CopyData message carries when uploading: one Read of
// the source. Memory use of a COPY is bounded by it, whatever the size of the data.
const copyChunkSize = 64 << 10

// ErrCopyBoth is the error of a statement that started copy-both mode (CopyBothResponse),
// which only a walsender does for streaming replication; this engine ends such a copy at once.
var ErrCopyBoth = errors.New("COPY BOTH is not supported")

// CopyFrom runs sql, a COPY ... FROM STDIN, uploading r in CopyData chunks of up to 64 KiB
// (protocol-v3.txt §2.6); progress, if not nil, is called with the bytes sent so far after
// each chunk. Memory use is constant in the size of the data. A read error or the end of ctx
// aborts the upload with CopyFail (reason: the error's text, or context.Cause(ctx)), and the
// server's error is returned. An error of the server in the middle of the data (a bad row)
// stops the upload at once and is returned as a *ServerError whose Where names the line.
// It returns the command tag ("COPY 42").
func (c *Conn) CopyFrom(ctx context.Context, sql string, r io.Reader, progress func(int64)) (string, error) {
	return c.copyQuery(ctx, sql, r, nil, progress)
}

// CopyTo runs sql, a COPY ... TO STDOUT, writing every CopyData to w as it arrives (text,
// csv and binary alike, untouched); progress, if not nil, is called with the bytes received so
// far after each one. Memory use is constant. If w fails, the rest of the data is read and
// dropped and w's error is returned. Cancelling ctx sends a CancelRequest. It returns the
// command tag.
func (c *Conn) CopyTo(ctx context.Context, sql string, w io.Writer, progress func(int64)) (string, error) {
	return c.copyQuery(ctx, sql, nil, w, progress)
}

func (c *Conn) copyQuery(ctx context.Context, sql string, in io.Reader, out io.Writer, progress func(int64)) (string, error) {
	rs, err := c.Query(ctx, sql)
	if err != nil {
		return "", err
	}
	rs.SetCopy(in, out)
	rs.SetCopyProgress(progress)
	var tag string
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		if err := r.Err(); err != nil && firstErr == nil {
			firstErr = err
		}
		tag = r.CommandTag()
	}
	if err := rs.Err(); err != nil {
		return "", err
	}
	return tag, firstErr
}

// runCopyOut passes CopyData to the writer set with SetCopy until the copy ends.
func (r *Result) runCopyOut() {
	rs := r.rs
	c := rs.c
	var n int64
	for {
		msg, err := c.receive()
		if err != nil {
			if isSkipped(err) {
				if r.copyErr == nil {
					r.copyErr = err
				}
				continue
			}
			rs.err, r.err, r.finished = err, err, true
			return
		}
		switch m := msg.(type) {
		case *wire.CopyData:
			n += int64(len(m.Data))
			if rs.copyW != nil && r.copyErr == nil {
				if _, err := rs.copyW.Write(m.Data); err != nil {
					r.copyErr = fmt.Errorf("could not write COPY data: %w", err)
				}
			}
			if rs.progress != nil {
				rs.progress(n)
			}
		case *wire.CopyDone:
		default:
			r.endCopy(msg)
			return
		}
	}
}

// copyAnswer is what the server sent to end a COPY FROM STDIN, or the read error.
type copyAnswer struct {
	msg wire.BackendMessage
	err error
}

// runCopyIn uploads the reader set with SetCopy. A goroutine reads the server's side
// meanwhile: it delivers notices, notifications and ParameterStatus itself (so the callbacks
// run on it during the upload, one at a time) and hands over the message that ends the COPY,
// which the upload loop checks for between chunks.
func (r *Result) runCopyIn() {
	rs := r.rs
	c := rs.c
	rs.waitWriter() // a pipeline's writer must be done before CopyData goes out
	if rs.writeErr != nil {
		rs.err = c.fail(rs.writeErr)
		r.err, r.finished = rs.err, true
		return
	}
	rs.inCopyIn.Store(true)
	defer rs.inCopyIn.Store(false)

	answer := make(chan copyAnswer, 1)
	go func() {
		for {
			msg, err := c.fe.Receive()
			if err == nil && c.handleAsync(msg) {
				continue
			}
			var pe *wire.ProtocolError
			if errors.As(err, &pe) && !pe.Fatal() {
				continue // a malformed notice was skipped; the stream is in step
			}
			answer <- copyAnswer{msg, err}
			return
		}
	}()

	var got *copyAnswer
	var sendErr error
	failMsg := ""
	if rs.copyIn == nil {
		failMsg = "COPY FROM STDIN is not supported here"
	} else {
		if st, ok := rs.copyIn.(CopyStarter); ok {
			st.StartCopy()
		}
		got, failMsg, sendErr = r.upload(answer)
	}
	// After the server's error it discards messages up to Sync (extended protocol; the
	// simple protocol ends with ReadyForQuery at once). The Sync sent after Execute was
	// ignored during copy-in, so another is needed unless Sync is still owed.
	needSync := rs.ext && !rs.syncOwed
	if got == nil && sendErr == nil {
		if failMsg != "" {
			sendErr = c.fe.Send(&wire.CopyFail{Message: strings.ReplaceAll(failMsg, "\x00", " ")})
		} else {
			sendErr = c.fe.Send(&wire.CopyDone{})
		}
	}
	if sendErr == nil && needSync {
		sendErr = c.fe.Send(&wire.Sync{})
	}
	if sendErr == nil {
		sendErr = c.fe.Flush()
	}
	if sendErr != nil && got == nil {
		// As libpq does after a failed write, read what the server sent before it closed
		// the connection (a FATAL such as "protocol synchronization was lost" says why);
		// the deadline bounds the wait should the peer be gone without closing.
		c.nc.SetReadDeadline(time.Now().Add(writeFailedReadLimit))
	}
	if got == nil {
		a := <-answer
		got = &a
	}
	// The goroutine has ended: the connection is ours alone again.
	switch {
	case sendErr != nil:
		rs.err = c.fail(sendErr)
		r.err = rs.err
	case got.err != nil:
		rs.err = c.fail(got.err)
		r.err = rs.err
	default:
		switch m := got.msg.(type) {
		case *wire.CommandComplete:
			r.tag = string(m.CommandTag)
		case *wire.ErrorResponse:
			r.err = serverErrorFrom(&m.Fields)
			rs.aborted = true
		default:
			rs.err = c.unexpected(got.msg)
			r.err = rs.err
		}
	}
	r.finished = true
}

// writeFailedReadLimit is how long a COPY whose upload failed waits for what the server
// sent before it closed the connection.
const writeFailedReadLimit = 5 * time.Second

// upload sends the copy source in chunks until EOF, a read error, the end of ctx (those two
// give the CopyFail reason) or an answer from the server.
func (r *Result) upload(answer <-chan copyAnswer) (got *copyAnswer, failMsg string, sendErr error) {
	rs := r.rs
	c := rs.c
	buf := make([]byte, copyChunkSize)
	var sent int64
	for {
		select {
		case a := <-answer:
			return &a, "", nil
		default:
		}
		if rs.ctx.Err() != nil {
			return nil, context.Cause(rs.ctx).Error(), nil
		}
		n, err := rs.copyIn.Read(buf)
		if n > 0 {
			if sendErr = c.fe.Send(&wire.CopyData{Data: buf[:n]}); sendErr == nil {
				sendErr = c.fe.Flush()
			}
			if sendErr != nil {
				return nil, "", sendErr
			}
			sent += int64(n)
			if rs.progress != nil {
				rs.progress(sent)
			}
		}
		if err == io.EOF {
			return nil, "", nil
		}
		if err != nil {
			return nil, err.Error(), nil
		}
	}
}

// runCopyBoth ends a copy-both started by the server: it sends CopyDone, drops the server's
// CopyData, and reports ErrCopyBoth (or the server's error).
func (r *Result) runCopyBoth() {
	rs := r.rs
	c := rs.c
	r.err = ErrCopyBoth
	if err := c.send(&wire.CopyDone{}); err != nil {
		rs.err, r.err, r.finished = err, err, true
		return
	}
	for {
		msg, err := c.receive()
		if err != nil {
			if isSkipped(err) {
				continue
			}
			rs.err, r.err, r.finished = err, err, true
			return
		}
		switch msg.(type) {
		case *wire.CopyData, *wire.CopyDone:
		default:
			r.endCopy(msg)
			return
		}
	}
}

// isSkipped reports a malformed message that was skipped, after which the stream is still
// in step (a *ProtocolError).
func isSkipped(err error) bool {
	var pe *ProtocolError
	return errors.As(err, &pe)
}

// endCopy finishes a COPY's Result with the message that follows its data: the command tag,
// the server's error, or a protocol violation.
func (r *Result) endCopy(msg wire.BackendMessage) {
	switch m := msg.(type) {
	case *wire.CommandComplete:
		r.tag, r.finished = string(m.CommandTag), true
	case *wire.ErrorResponse:
		r.err, r.finished = serverErrorFrom(&m.Fields), true
		r.rs.aborted = true
	default:
		r.rs.err = r.rs.c.unexpected(msg)
		r.err, r.finished = r.rs.err, true
	}
}
