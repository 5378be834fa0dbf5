package repl

import (
	"context"
	"errors"
	"strconv"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// Pipeline mode is psql 18's \startpipeline ... \endpipeline (psql-ref.txt, "\startpipeline"):
// statements ending with a semicolon, \sendpipeline after \bind or \bind_named, \parse and
// \close_prepared are queued with the extended protocol instead of run; \syncpipeline queues
// a Sync, \flushrequest a Flush, \flush writes the queue, \getresults [n] reads results the
// server owes, and \endpipeline queues a last Sync, reads everything and leaves the mode.
// The reading follows psql 18's ExecQueryAndProcessResults: after an error, the statements
// the server skipped up to the next Sync are read silently in the same \getresults, and a
// Sync makes the read a success again, so \endpipeline fails only when no Sync followed the
// error.

// Messages of psql 18 and libpq 18 in pipeline mode.
const (
	msgSyncOnly     = "synchronous command execution functions are not allowed in pipeline mode"
	msgNotInPipe    = "cannot send pipeline when not in pipeline mode"
	msgNoPending    = "No pending results to get"
	msgAborted      = "Pipeline aborted, command did not run"
	msgCopyInPipe   = "COPY in a pipeline is not supported, aborting connection"
	msgCopyCmdInPip = "\\copy not allowed in pipeline mode"
)

// pipelineState is the session's pipeline: the connection is busy with it from
// \startpipeline to \endpipeline, so nothing else may use it.
type pipelineState struct {
	p     *proto.StepPipeline // nil when no pipeline is ongoing
	conn  *proto.Conn         // the connection p belongs to; another one means p is gone
	items []pipeItem          // what p will answer, oldest first, as p's own queue
	// started is libpq's "the oldest item is being processed": true from the moment the
	// item is taken up (queued into an empty queue, or its answer read) until its answer is
	// fully read. libpq clears its error text each time it takes up an item.
	started bool
	// unflushed counts the newest items not written to the server yet (psql's \syncpipeline
	// and \flushrequest do not write; \flush, \getresults and \endpipeline do).
	unflushed int
	// connErr is libpq's PQerrorMessage as psql 18 shows it: the errors since the last query
	// started, which \flush, \getresults without results and the pipeline errors print
	// again (psql prints the connection's message on those failures).
	connErr string
}

// pipeItem is one queued item: a statement with its text (for an error's LINE excerpt; ""
// for a prepared statement, whose text the client does not know) or a Sync.
type pipeItem struct {
	text   string
	sync   bool
	status bool // \parse or \close_prepared: the answer is an empty command status
}

// pipelineActive reports whether a pipeline is ongoing: the session's connection then
// belongs to it, and neither the notification watcher nor tab completion may read from it.
func (s *Session) pipelineActive() bool {
	return s.pipe.p != nil && s.pipe.conn == s.conn && s.conn != nil && !s.conn.Closed()
}

// pipelineAborted is %P's "abort": a statement of the ongoing pipeline failed and the server
// skips what follows up to the next Sync. As with libpq, the state ends as soon as nothing
// but that Sync is left before it and the Sync was written (libpq has then read the
// server's ReadyForQuery, which comes right after the error), not only when \getresults
// reads the sync.
func (s *Session) pipelineAborted() bool {
	if !s.pipelineActive() || !s.pipe.p.Aborted() {
		return false
	}
	pp := &s.pipe
	return len(pp.items) == 0 || !pp.items[0].sync || len(pp.items) <= pp.unflushed
}

// pipelineBusy reports that the ongoing pipeline has items whose answers are not read; %x
// then shows libpq's "active" transaction status as psql 18 does, '*'.
func (s *Session) pipelineBusy() bool {
	return s.pipelineActive() && len(s.pipe.items) > 0
}

// setPipelineVars sets PIPELINE_COMMAND_COUNT, PIPELINE_SYNC_COUNT and PIPELINE_RESULT_COUNT,
// as psql 18 does after every query: statements queued and not yet followed by a flush
// request or sync, syncs not read back, statements whose results the server sends.
func (s *Session) setPipelineVars() {
	cmds, syncs, results := 0, 0, 0
	if s.pipelineActive() {
		p := s.pipe.p
		results, syncs = p.Requested(), p.Syncs()
		cmds = p.Pending() - results
	}
	s.vars.Set("PIPELINE_COMMAND_COUNT", strconv.Itoa(cmds))
	s.vars.Set("PIPELINE_SYNC_COUNT", strconv.Itoa(syncs))
	s.vars.Set("PIPELINE_RESULT_COUNT", strconv.Itoa(results))
}

// queryStarted is what libpq does to its error text when a query starts outside a
// pipeline, or with nothing queued in one: it clears it.
func (s *Session) queryStarted() {
	if !s.pipelineActive() || len(s.pipe.items) == 0 {
		s.pipe.connErr = ""
	}
}

// noteConnErr appends an error text to libpq's error text (see pipelineState.connErr).
func (s *Session) noteConnErr(text string) {
	if text != "" && text[len(text)-1] != '\n' {
		text += "\n"
	}
	s.pipe.connErr += text
}

// printConnErr prints libpq's error text, as psql does when a send fails; nothing when it is
// empty.
func (s *Session) printConnErr() {
	if s.pipe.connErr != "" {
		s.printErr(s.pipe.connErr)
	}
}

// syncOnlyError reports a command that needs the connection to itself while a pipeline is
// ongoing (libpq's PQexec in pipeline mode), as psql 18 prints it. It reports whether that
// was the case.
func (s *Session) syncOnlyError() bool {
	if !s.pipelineActive() {
		return false
	}
	s.queryStarted()
	s.noteConnErr(msgSyncOnly)
	s.printConnErr()
	return true
}

// pipelineSend is execute's send while a pipeline is ongoing or for a pipeline command
// (psql 18's send modes in ExecQueryAndProcessResults). It reports success.
func (s *Session) pipelineSend(query string) bool {
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return false
	}
	defer s.setPipelineVars()
	defer func() { s.popt.Crosstab = render.Crosstab{} }() // \crosstabview does not apply in a pipeline
	c := s.send.cur
	step := meta.NoPipelineStep
	if c != nil {
		step = c.Pipeline
	}
	stop := s.cancelOnInterrupt()
	defer stop()
	ctx := s.ctx
	pp := &s.pipe
	switch step {
	case meta.StartPipeline:
		if s.pipelineActive() {
			return true // psql: entering pipeline mode again does nothing
		}
		p, err := s.conn.BeginPipeline()
		if err != nil {
			s.reportConnErr(err)
			return false
		}
		*pp = pipelineState{p: p, conn: s.conn, connErr: pp.connErr}
		return true
	case meta.SyncPipeline, meta.EndPipeline:
		if !s.pipelineActive() {
			s.noteConnErr(msgNotInPipe)
			s.printConnErr()
			return false
		}
		if err := pp.p.Sync(); err != nil {
			return s.pipelineFailed(err)
		}
		s.queued(pipeItem{sync: true})
		if step == meta.SyncPipeline {
			return true // psql's PQsendPipelineSync does not write the queue
		}
		ok := s.readPipelineResults(ctx, pp.p.Requested()+pp.p.Syncs())
		if !s.pipelineActive() {
			return false // the connection failed while reading
		}
		if err := pp.p.End(); err != nil {
			return s.pipelineFailed(err)
		}
		*pp = pipelineState{connErr: pp.connErr}
		return ok
	case meta.FlushRequest:
		if s.pipelineActive() {
			if err := pp.p.FlushRequest(); err != nil {
				return s.pipelineFailed(err)
			}
		}
		return true // libpq sends a Flush outside a pipeline too; it is harmless
	case meta.FlushPipeline:
		if s.pipelineActive() {
			if err := pp.p.Flush(); err != nil {
				return s.pipelineFailed(err)
			}
			pp.unflushed = 0
		}
		// psql 18 takes PQflush's 0 (all sent) for a failure: \flush always fails and
		// prints the connection's error text, if any (ON_ERROR_STOP stops after it).
		s.printConnErr()
		return false
	case meta.GetResults:
		if !s.pipelineActive() || pp.p.Requested() == 0 && pp.p.Syncs() == 0 {
			s.printErr(msgNoPending)
			s.printConnErr()
			return false
		}
		n := pp.p.Requested() + pp.p.Syncs()
		if c.Results > 0 && c.Results < n {
			n = c.Results
		}
		return s.readPipelineResults(ctx, n)
	}
	if c != nil && c.Gdesc {
		// \gdesc prepares and describes at once, which a pipeline cannot (psql 18 fails in
		// PQprepare and sets the result variables of a failure without a result).
		s.syncOnlyError()
		s.setFailureVars("", "")
		return false
	}
	return s.queueStatement(query)
}

// queueStatement queues the query, or the \parse, \bind_named or \close_prepared asked for,
// with the extended protocol.
func (s *Session) queueStatement(query string) bool {
	p := s.pipe.p
	c := s.send.cur
	if c == nil {
		c = &meta.SendOptions{}
	}
	var err error
	item := pipeItem{text: query}
	switch {
	case c.Parse:
		err, item.status = p.QueuePrepare(c.Statement, query, nil), true
	case c.ClosePrepared:
		err, item.text, item.status = p.QueueClose(c.Statement), "", true
	case c.BindNamed:
		err, item.text = p.QueuePrepared(c.Statement, c.Params), ""
	default: // \bind's parameters, or none (psql 18 sends a plain query with PQsendQueryParams)
		err = p.Queue(proto.Exec{SQL: query, Params: c.Params})
	}
	if err != nil {
		return s.pipelineFailed(err)
	}
	s.queued(item)
	return true
}

// queued records an item added to the pipeline; libpq takes it up at once when the queue
// was empty, which clears its error text.
func (s *Session) queued(it pipeItem) {
	pp := &s.pipe
	pp.items = append(pp.items, it)
	pp.unflushed++
	if pp.p.Buffered() == 0 {
		pp.unflushed = 0 // the queue reached the size at which it is written
	}
	if !pp.started {
		pp.started = true
		pp.connErr = ""
	}
}

// pipelineFailed reports an error of the pipeline itself (the connection failed, or the
// engine refused a step); the pipeline is gone if the connection is.
func (s *Session) pipelineFailed(err error) bool {
	var lost *proto.ConnLostError
	if errors.As(err, &lost) || s.conn.Closed() {
		s.pipe = pipelineState{}
		s.reportConnErr(err)
		return false
	}
	s.noteConnErr(err.Error())
	s.printConnErr()
	return false
}

// readPipelineResults reads requested answers (statements and syncs) and prints them as
// psql 18 does, setting the result variables from the last one. It reports success.
func (s *Session) readPipelineResults(ctx context.Context, requested int) bool {
	pp := &s.pipe
	success := true
	for requested > 0 {
		r, sync, err := s.nextPipelineResult(ctx)
		if err != nil {
			s.pipelineFailed(err)
			return false
		}
		requested--
		if sync {
			success = true // a sync point ends the failure, as in psql 18
			if requested == 0 {
				s.lastResult, s.fetchedRows = nil, -1
				s.setResultVariables(true)
			}
			continue
		}
		if r.IsCopy() != 0 {
			s.copyInPipeline()
			return false
		}
		if s.printPipelineResult(ctx, r, pp.items[0]) {
			if requested == 0 {
				s.setResultVariables(success)
			}
			s.pipelineItemDone()
			continue
		}
		s.pipelineItemDone()
		success = false
		// Up to the next sync, the server skipped everything: read it silently, within
		// what was requested and what the server owes.
		for requested > 0 && (pp.p.Requested() > 0 || pp.p.Syncs() > 0) && !pp.items[0].sync {
			if _, _, err := s.nextPipelineResult(ctx); err != nil {
				s.pipelineFailed(err)
				return false
			}
			s.pipelineItemDone()
			requested--
		}
	}
	return success
}

// nextPipelineResult reads the answer to the oldest item; libpq takes the item up first,
// clearing its error text.
func (s *Session) nextPipelineResult(ctx context.Context) (*proto.Result, bool, error) {
	pp := &s.pipe
	if !pp.started {
		pp.started = true
		pp.connErr = ""
	}
	r, sync, err := pp.p.NextResult(ctx) // writes the queue first
	pp.unflushed = 0
	if err == nil && sync {
		s.pipelineItemDone()
	}
	return r, sync, err
}

// pipelineItemDone drops the oldest item once its answer is read.
func (s *Session) pipelineItemDone() {
	pp := &s.pipe
	if len(pp.items) > 0 {
		pp.items = pp.items[1:]
	}
	pp.started = false
}

// printPipelineResult prints one statement's answer. An error is printed as any query's (and
// kept as libpq's error text); a statement the server skipped says so. It reports success.
func (s *Session) printPipelineResult(ctx context.Context, r *proto.Result, it pipeItem) bool {
	s.lastResult, s.fetchedRows = r, -1
	if errors.Is(r.Err(), proto.ErrPipelineAborted) {
		s.printErr(msgAborted)
		s.setFailureVars("", "")
		return false
	}
	if it.status {
		for r.NextRow() { // the statement's description, which psql's PQsendPrepare does not ask for
		}
		if r.Err() == nil {
			s.printStatus("")
			return true
		}
	}
	if s.printResult(ctx, r, it.text) {
		return true
	}
	s.setResultVariables(false)
	return false
}

// copyInPipeline ends the session's connection when a queued statement turned out to be a
// COPY, as psql 18 does: the protocol gives no way to keep the pipeline in step (the server
// ignores Sync while it copies). A script ends with exit code 2; at the terminal gpsql
// connects again, as after any lost connection.
func (s *Session) copyInPipeline() {
	s.printErr(msgCopyInPipe)
	s.pipe = pipelineState{}
	s.conn.Close()
	if s.interactive {
		s.resetConnection()
	}
}
