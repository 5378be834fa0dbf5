package proto

import (
	"context"
	"errors"

	"github.com/gpsql/gpsql/proto/wire"
)

// StepPipeline is a connection in pipeline mode, driven one step at a time as psql 18's
// \startpipeline, \sendpipeline, \syncpipeline, \flushrequest, \flush, \getresults and
// \endpipeline drive libpq's pipeline mode (protocol-v3.txt §2.4 "Pipelining"; libpq's
// PQenterPipelineMode, PQpipelineSync, PQsendFlushRequest, PQflush, PQgetResult).
//
// Queue, QueuePrepared, QueuePrepare, QueueClose, Sync and FlushRequest append messages to a
// send buffer, which they write once it holds 64 KiB, as libpq does; Flush writes it. NextResult writes it too, then reads the answer to the oldest
// item not read yet: a statement's Result, or a sync point (the ReadyForQuery that answers a
// Sync). After a statement fails, the server skips every message up to the next Sync: the
// statements queued in between come back from NextResult with ErrPipelineAborted, without a
// read, and Aborted reports true until that Sync's point is read.
//
// The connection is busy (its other methods return ErrBusy) from BeginPipeline until End.
// A StepPipeline is not safe for concurrent use. Everything queued is written with a blocking
// write: a pipeline whose unread results fill the server's output buffer while the client
// still writes more than the socket buffers hold can stall, as libpq's blocking mode can.
type StepPipeline struct {
	c       *Conn
	buf     []byte     // encoded, not written yet
	items   []stepItem // sent or queued, answer not read yet, oldest first
	cur     *Result    // the last Result returned, maybe with rows still unread
	curRS   *Results   // its reader, whose ctx watcher stops once cur is done
	aborted bool       // a statement failed; the server skips to the next Sync
	ended   bool
}

// stepItem is one thing the server will answer: a statement (op != nil) or a Sync.
type stepItem struct {
	op        *execOp
	requested bool // a Flush or Sync follows it, so the server sends its answer
}

// ErrNoPendingResults is returned by NextResult when the oldest unread item has not been
// followed by a FlushRequest or a Sync, so the server owes no answer yet and a read would
// block (psql 18's \getresults then reports that there are no pending results).
var ErrNoPendingResults = errors.New("no pending results to get")

// ErrPipelineNotIdle is returned by End while queued items are unread.
var ErrPipelineNotIdle = errors.New("cannot exit pipeline mode with uncollected results")

// BeginPipeline enters pipeline mode (libpq's PQenterPipelineMode). It needs protocol 3.0
// and an idle connection.
func (c *Conn) BeginPipeline() (*StepPipeline, error) {
	if c.busy {
		return nil, ErrBusy
	}
	if err := c.extendedV2(); err != nil {
		return nil, err
	}
	if c.broken != nil {
		return nil, c.broken
	}
	if c.closed {
		return nil, ErrClosed
	}
	c.busy = true
	return &StepPipeline{c: c}, nil
}

func (p *StepPipeline) add(msgs ...wire.FrontendMessage) error {
	if p.ended {
		return errors.New("pipeline already ended")
	}
	buf := p.buf
	for _, m := range msgs {
		var err error
		if buf, err = m.Encode(buf); err != nil {
			return err // nothing of this item is kept
		}
	}
	p.buf = buf
	return nil
}

// flushThreshold is how much a StepPipeline queues before it writes without being asked,
// as libpq does in pipeline mode (pqPipelineFlush, OUTBUFFER_THRESHOLD): a long pipeline
// does not grow without bound on the client.
const flushThreshold = 64 << 10

// autoFlush writes the queue once it holds flushThreshold bytes.
func (p *StepPipeline) autoFlush() error {
	if len(p.buf) < flushThreshold {
		return nil
	}
	return p.Flush()
}

// Buffered returns how many bytes are queued and not written yet.
func (p *StepPipeline) Buffered() int { return len(p.buf) }

// Queue appends one statement (Parse unless it names a prepared statement, Bind,
// Describe(P), Execute; no Sync) as Pipeline does for each Exec. e.Options.MaxRows must be 0.
func (p *StepPipeline) Queue(e Exec) error {
	o := e.Options
	if o.MaxRows > 0 {
		return errRowLimitInPipeline
	}
	var msgs []wire.FrontendMessage
	if !e.prepared && (e.SQL != "" || e.Statement == "") {
		msgs = append(msgs, &wire.Parse{Name: e.Statement, Query: e.SQL, ParameterOIDs: o.ParamOIDs})
	}
	msgs = append(msgs,
		&wire.Bind{Portal: o.Portal, Statement: e.Statement, ParameterFormats: o.ParamFormats,
			Parameters: e.Params, ResultFormats: o.ResultFormats},
		&wire.Describe{ObjectType: wire.ObjectPortal, Name: o.Portal},
		&wire.Execute{Portal: o.Portal})
	if err := p.add(msgs...); err != nil {
		return err
	}
	p.items = append(p.items, stepItem{op: &execOp{kind: opExec, portal: o.Portal}})
	return p.autoFlush()
}

// QueuePrepared appends Bind, Describe(P) and Execute of the statement prepared as name, ""
// being the unnamed one (libpq's PQsendQueryPrepared; psql 18's \bind_named ...
// \sendpipeline). params are text, nil for NULL.
func (p *StepPipeline) QueuePrepared(name string, params [][]byte) error {
	return p.Queue(Exec{Statement: name, Params: params, prepared: true})
}

// QueuePrepare appends Parse of sql as the statement name and Describe of it (psql 18's
// \parse inside a pipeline). Its Result has the statement's Fields and ParamOIDs.
func (p *StepPipeline) QueuePrepare(name, sql string, paramOIDs []uint32) error {
	err := p.add(&wire.Parse{Name: name, Query: sql, ParameterOIDs: paramOIDs},
		&wire.Describe{ObjectType: wire.ObjectStatement, Name: name})
	if err != nil {
		return err
	}
	p.items = append(p.items, stepItem{op: &execOp{kind: opDescribe}})
	return p.autoFlush()
}

// QueueClose appends Close of the prepared statement name (psql 18's \close_prepared inside
// a pipeline). Its Result is empty.
func (p *StepPipeline) QueueClose(name string) error {
	if err := p.add(&wire.Close{ObjectType: wire.ObjectStatement, Name: name}); err != nil {
		return err
	}
	p.items = append(p.items, stepItem{op: &execOp{kind: opClose}})
	return p.autoFlush()
}

// request marks every item queued so far as answered by the server.
func (p *StepPipeline) request() {
	for i := len(p.items) - 1; i >= 0 && !p.items[i].requested; i-- {
		p.items[i].requested = true
	}
}

// Sync appends a Sync (libpq's PQsendPipelineSync; psql 18's \syncpipeline): it ends the
// implicit transaction of what precedes it, ends an aborted stretch, and makes the server
// send every answer up to it.
func (p *StepPipeline) Sync() error {
	if err := p.add(&wire.Sync{}); err != nil {
		return err
	}
	p.items = append(p.items, stepItem{})
	p.request()
	return p.autoFlush()
}

// FlushRequest appends a Flush message (libpq's PQsendFlushRequest; psql 18's
// \flushrequest): the server sends the answers to everything queued so far without a Sync.
func (p *StepPipeline) FlushRequest() error {
	if err := p.add(&wire.Flush{}); err != nil {
		return err
	}
	p.request()
	return p.autoFlush()
}

// Flush writes the send buffer to the server (libpq's PQflush; psql 18's \flush).
func (p *StepPipeline) Flush() error {
	if p.ended {
		return errors.New("pipeline already ended")
	}
	if len(p.buf) == 0 {
		return nil
	}
	if p.c.broken != nil {
		return p.c.broken
	}
	if _, err := p.c.nc.Write(p.buf); err != nil {
		return p.c.fail(err)
	}
	p.buf = p.buf[:0]
	return nil
}

// Pending returns how many statements are queued and not read back, requested or not
// (psql 18's PIPELINE_COMMAND_COUNT is Pending minus Requested: the statements not yet
// followed by a flush request or sync).
func (p *StepPipeline) Pending() int {
	n := 0
	for _, it := range p.items {
		if it.op != nil {
			n++
		}
	}
	return n
}

// Requested returns how many unread statements are followed by a FlushRequest or Sync, so
// the server sends their results (psql 18's PIPELINE_RESULT_COUNT).
func (p *StepPipeline) Requested() int {
	n := 0
	for _, it := range p.items {
		if it.op != nil && it.requested {
			n++
		}
	}
	return n
}

// Syncs returns how many Syncs are queued and their ReadyForQuery not read yet (psql 18's
// PIPELINE_SYNC_COUNT).
func (p *StepPipeline) Syncs() int {
	n := 0
	for _, it := range p.items {
		if it.op == nil {
			n++
		}
	}
	return n
}

// Aborted reports that a statement failed and the server discards what follows up to the
// next Sync (psql 18's %P prompt then shows "abort").
func (p *StepPipeline) Aborted() bool { return p.aborted || p.curRS != nil && p.curRS.aborted }

// settle reads what remains of the last Result and stops its context watcher.
func (p *StepPipeline) settle() error {
	if p.cur != nil {
		for p.cur.NextRow() {
		}
		if p.curRS.aborted {
			p.aborted = true
		}
		p.curRS.stop()
		err := p.curRS.err
		p.cur, p.curRS = nil, nil
		return err
	}
	return nil
}

// NextResult writes what is queued, then reads the answer to the oldest unread item, which
// must have been followed by a FlushRequest or Sync (else ErrNoPendingResults). For a
// statement it returns its Result (rows stream as with Query; valid until the next call on
// p) and sync false; a statement skipped after an earlier failure has Err ErrPipelineAborted.
// For a Sync it reads the ReadyForQuery and returns a nil Result and sync true. Cancelling
// ctx sends a CancelRequest. A connection failure is returned as err.
func (p *StepPipeline) NextResult(ctx context.Context) (r *Result, sync bool, err error) {
	if err := p.settle(); err != nil {
		return nil, false, err
	}
	if p.ended {
		return nil, false, errors.New("pipeline already ended")
	}
	if len(p.items) == 0 || !p.items[0].requested {
		return nil, false, ErrNoPendingResults
	}
	if err := p.Flush(); err != nil {
		return nil, false, err
	}
	it := p.items[0]
	p.items = p.items[1:]
	c := p.c
	rs := c.startResults(ctx)
	rs.ext = true
	rs.aborted = p.aborted
	if it.op == nil {
		rs.nextExtended() // no ops left: reads to ReadyForQuery and finishes
		c.busy = true
		if rs.err != nil {
			return nil, false, rs.err
		}
		p.aborted = false
		return nil, true, nil
	}
	rs.ops = []*execOp{it.op}
	if !rs.nextExtended() {
		c.busy = true
		return nil, false, rs.err
	}
	p.cur, p.curRS = rs.cur, rs
	return rs.cur, false, nil
}

// End leaves pipeline mode (libpq's PQexitPipelineMode) once every queued item has been
// read; the connection is then idle again. psql 18's \endpipeline queues a Sync and reads
// everything first.
func (p *StepPipeline) End() error {
	if p.ended {
		return nil
	}
	if err := p.settle(); err != nil {
		p.ended = true
		p.c.busy = false
		return err
	}
	if p.c.broken == nil && (len(p.items) > 0 || len(p.buf) > 0) {
		return ErrPipelineNotIdle
	}
	p.ended = true
	p.c.busy = false
	return nil
}
