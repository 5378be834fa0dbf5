package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"golang.org/x/term"
)

// copier is the session as meta.Copier: \copy's COPY and the large-object commands.
type copier struct{ s *Session }

// errCanceledByUser is the CopyFail reason psql gives when Ctrl-C ends a COPY FROM STDIN.
var errCanceledByUser = errors.New("canceled by user")

// Copy implements meta.Copier: req.SQL runs as psql's do_copy runs it through SendQuery.
func (c copier) Copy(req meta.CopyRequest) bool {
	s := c.s
	done := func() {
		if req.Done != nil {
			req.Done()
			req.Done = nil
		}
	}
	defer done()
	if s.special.echo == "queries" {
		fmt.Fprintf(s.stdout(), "%s\n", req.SQL) // psql's puts: standard output, not \o's
		s.out.Flush()
	}
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return false
	}
	if s.pipelineActive() {
		// psql 18 queues \copy's COPY and then drops the connection when the pipeline
		// reads it; gpsql refuses it up front and keeps the pipeline.
		s.fatal(msgCopyCmdInPip)
		return false
	}
	if s.conn.TxStatus() == 'I' && !s.special.autocommit {
		if err := s.execSilent("BEGIN"); err != nil {
			s.printErr(err.Error())
			return false
		}
	}
	ctx, cancel := context.WithCancelCause(s.ctx)
	defer cancel(nil)
	// Ctrl-C: psql's SIGINT handler sends a cancel request (and says so); for COPY FROM
	// STDIN its handleCopyIn also ends the upload with CopyFail ("canceled by user"), and the
	// server reports whichever it sees first.
	sig := make(chan os.Signal, 1)
	quit := make(chan struct{})
	signal.Notify(sig, os.Interrupt)
	conn := s.conn
	go func() {
		for {
			select {
			case <-sig:
				s.cancelMu.Lock()
				if req.Erase != nil {
					req.Erase()
				}
				if err := conn.CancelRequest(context.Background()); err != nil {
					fmt.Fprintf(s.errOut, "Could not send cancel request: %v\n", err)
				} else {
					io.WriteString(s.errOut, "Cancel request sent\n")
				}
				s.cancelMu.Unlock()
				if req.In != nil {
					cancel(errCanceledByUser)
				}
			case <-quit:
				return
			}
		}
	}()
	stop := func() { signal.Stop(sig); close(quit) }
	defer stop()
	start := time.Now()
	rs, err := s.conn.Query(ctx, req.SQL)
	if err != nil {
		done()
		s.reportConnErr(err)
		return false
	}
	rs.SetCopy(req.In, req.Out)
	rs.SetCopyProgress(req.Progress)
	ok := true
	toQueryOutput := req.Out != nil && (req.Out == io.Writer(s.out) || req.Out == s.stdout())
	for rs.NextResult() {
		done()
		r := rs.Result()
		switch {
		case r.Err() != nil && r.CommandTag() != "":
			// The server finished, but the local end failed (psql's handleCopyOut
			// reports the write error, then the status).
			s.fatal(r.Err().Error())
			ok = false
			if !toQueryOutput {
				s.printStatus(r.CommandTag())
			}
		case r.Err() != nil:
			s.reportResultErr(r, r.Err(), req.SQL)
			ok = false
		case r.IsCopy() != 0 && toQueryOutput:
			// psql does not print "COPY n" after data it wrote to the query output.
		case r.Empty():
		default:
			s.printStatus(r.CommandTag())
		}
	}
	done()
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		ok = false
	}
	s.out.Flush()
	if s.timing {
		printTiming(s.stdout(), time.Since(start))
	}
	return ok
}

// CommandSource implements meta.Copier: the lines after the command (the script, the
// terminal, or standard input for -c), or the process's standard input for pstdin, which is
// the same input when the commands come from it.
func (c copier) CommandSource(pstdin bool) (io.Reader, bool) {
	s := c.s
	if !pstdin || s.interactive || s.inputName == "" || s.inputName == "<stdin>" {
		return &copyLines{s: s}, s.interactive
	}
	return s.opts.Stdin, false
}

// StderrTerminal implements meta.Copier.
func (c copier) StderrTerminal() (bool, int) {
	f, ok := c.s.errOut.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return false, 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil || w <= 0 {
		w = 80
	}
	return true, w
}

// LargeObjects implements meta.Copier with psql's start_lo_xact, finish_lo_xact and
// fail_lo_xact (large_obj.c).
func (c copier) LargeObjects(op string, f func(ctx context.Context, lo *proto.LargeObjects) error) bool {
	s := c.s
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return false
	}
	if s.syncOnlyError() { // a pipeline has the connection (pipeline.go)
		return false
	}
	own := false
	switch s.conn.TxStatus() {
	case 'I':
		if err := s.execSilent("BEGIN"); err != nil {
			s.printErr(err.Error())
			return false
		}
		own = true
	case 'T':
	case 'E':
		s.fatal(op + ": current transaction is aborted")
		return false
	default:
		s.fatal(op + ": unknown transaction status")
		return false
	}
	stop := s.cancelOnInterrupt()
	lo, err := s.conn.LargeObjects(s.ctx)
	if err == nil {
		err = f(s.ctx, lo)
	}
	stop()
	if err != nil {
		var se *proto.ServerError
		switch {
		case errors.Is(err, meta.ErrReported):
		case errors.As(err, &se):
			s.printErr(s.formatError(se, ""))
		default:
			s.printErr(err.Error())
		}
		if own && s.special.autocommit && s.conn != nil && !s.conn.Closed() {
			s.execSilent("ROLLBACK")
		}
		return false
	}
	if own && s.special.autocommit {
		if err := s.execSilent("COMMIT"); err != nil {
			s.printErr(err.Error())
			return false
		}
	}
	return true
}
