package proto

import (
	"context"
	"errors"

	"github.com/gpsql/gpsql/proto/wire"
)

// ExecOptions tunes one statement run with the extended query protocol (protocol-v3.txt
// §2.3). The zero value runs it with text parameters and text results, all rows at once.
type ExecOptions struct {
	// ParamOIDs gives parameter types for Parse (ExecParams only); 0 or a missing entry lets
	// the server infer the type.
	ParamOIDs []uint32
	// ParamFormats: none (all text), one (for all) or one per parameter; 0 text, 1 binary.
	ParamFormats []int16
	// ResultFormats: none (all text), one (for all) or one per column; 0 text, 1 binary.
	ResultFormats []int16
	// Portal names the portal; "" is the unnamed portal. A named portal outlives Sync only
	// inside a transaction block, and can then be closed with ClosePortal.
	Portal string
	// MaxRows > 0 executes the portal that many rows at a time: NextRow returns false at
	// each PortalSuspended, Result.Suspended reports it and Result.Resume fetches the next
	// batch, without a cursor. Not allowed in a Pipeline.
	MaxRows uint32
}

// Exec is one statement of a Pipeline. When SQL is not empty, or both SQL and Statement are,
// SQL is parsed into the statement named Statement ("" for the unnamed one) first; otherwise
// the statement prepared earlier as Statement runs. Either way it is bound to Params.
type Exec struct {
	SQL       string
	Statement string
	// Params are the parameter values, nil for NULL; text unless Options.ParamFormats says
	// otherwise.
	Params  [][]byte
	Options ExecOptions

	prepared bool // run Statement as prepared even if it is the unnamed one
}

// StatementDescription describes a prepared statement (Describe of a statement: a
// ParameterDescription, then a RowDescription or NoData). It is owned by the caller.
type StatementDescription struct {
	Name      string
	ParamOIDs []uint32
	// Fields describes the result columns; empty for a statement that returns no rows.
	// Format codes are always 0 (text): they are not known until Bind.
	Fields []wire.FieldDescription
}

type opKind int

const (
	opExec     opKind = iota // [Parse] Bind Describe(P) Execute
	opDescribe               // [Parse] Describe(S)
	opClose                  // Close
)

// execOp is one statement sent and not yet read back.
type execOp struct {
	kind    opKind
	portal  string
	maxRows uint32
}

// errRowLimitInPipeline refuses MaxRows where Sync follows at once.
var errRowLimitInPipeline = errors.New("ExecOptions.MaxRows is not allowed in a pipeline")

// ExecParams runs sql, which must be one statement, with the extended protocol: Parse into the
// unnamed statement, Bind (params: nil = NULL), Describe of the portal, Execute, Sync. Results
// yields one Result whose rows stream as with Query (the Describe gives RowDescription or
// NoData before the rows). Cancelling ctx sends a CancelRequest.
func (c *Conn) ExecParams(ctx context.Context, sql string, params [][]byte, opts *ExecOptions) (*Results, error) {
	var o ExecOptions
	if opts != nil {
		o = *opts
	}
	return c.pipeline(ctx, []Exec{{SQL: sql, Params: params, Options: o}}, true)
}

// ExecPrepared is ExecParams for the statement prepared under name (see Prepare).
// opts.ParamOIDs is ignored.
func (c *Conn) ExecPrepared(ctx context.Context, name string, params [][]byte, opts *ExecOptions) (*Results, error) {
	var o ExecOptions
	if opts != nil {
		o = *opts
	}
	return c.pipeline(ctx, []Exec{{Statement: name, Params: params, Options: o, prepared: true}}, true)
}

// Prepare parses sql as the statement name ("" for the unnamed one, which the next Parse
// replaces) with the given parameter types, then describes it: Parse, Describe(S), Sync.
// A statement error comes back as a *ServerError.
func (c *Conn) Prepare(ctx context.Context, name, sql string, paramOIDs []uint32) (*StatementDescription, error) {
	return c.describeStatement(ctx, name, &wire.Parse{Name: name, Query: sql, ParameterOIDs: paramOIDs})
}

// DescribePrepared describes the prepared statement name: Describe(S), Sync. psql's \gdesc
// is Prepare("", query, nil).
func (c *Conn) DescribePrepared(ctx context.Context, name string) (*StatementDescription, error) {
	return c.describeStatement(ctx, name, nil)
}

func (c *Conn) describeStatement(ctx context.Context, name string, parse *wire.Parse) (*StatementDescription, error) {
	if c.busy {
		return nil, ErrBusy
	}
	if err := c.extendedV2(); err != nil {
		return nil, err
	}
	var msgs []wire.FrontendMessage
	if parse != nil {
		msgs = append(msgs, parse)
	}
	msgs = append(msgs, &wire.Describe{ObjectType: wire.ObjectStatement, Name: name}, &wire.Sync{})
	if err := c.send(msgs...); err != nil {
		return nil, err
	}
	rs := c.startResults(ctx)
	rs.ext = true
	rs.ops = []*execOp{{kind: opDescribe}}
	var desc *StatementDescription
	var stmtErr error
	for rs.NextResult() {
		r := rs.Result()
		if r.err != nil {
			stmtErr = r.err
			continue
		}
		desc = &StatementDescription{Name: name, ParamOIDs: r.paramOIDs, Fields: r.Fields}
	}
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if stmtErr != nil {
		return nil, stmtErr
	}
	if desc == nil {
		return nil, c.fail(errors.New("no statement description received"))
	}
	return desc, nil
}

// ClosePrepared closes (deallocates) the prepared statement name: Close(S), Sync. Closing a
// statement that does not exist is not an error.
func (c *Conn) ClosePrepared(ctx context.Context, name string) error {
	return c.closeObject(ctx, wire.ObjectStatement, name)
}

// ClosePortal closes the portal name: Close(P), Sync.
func (c *Conn) ClosePortal(ctx context.Context, name string) error {
	return c.closeObject(ctx, wire.ObjectPortal, name)
}

func (c *Conn) closeObject(ctx context.Context, typ byte, name string) error {
	if c.busy {
		return ErrBusy
	}
	if err := c.extendedV2(); err != nil {
		return err
	}
	if err := c.send(&wire.Close{ObjectType: typ, Name: name}, &wire.Sync{}); err != nil {
		return err
	}
	rs := c.startResults(ctx)
	rs.ext = true
	rs.ops = []*execOp{{kind: opClose}}
	var stmtErr error
	for rs.NextResult() {
		if err := rs.Result().Err(); err != nil && stmtErr == nil {
			stmtErr = err
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	return stmtErr
}

// nextExtended reads the result of the next statement sent with the extended protocol, or
// at the end the ReadyForQuery that answers Sync.
func (rs *Results) nextExtended() bool {
	if len(rs.ops) == 0 {
		return rs.readToReady()
	}
	op := rs.ops[0]
	rs.ops = rs.ops[1:]
	if rs.aborted {
		rs.cur = &Result{rs: rs, op: op, err: ErrPipelineAborted, finished: true}
		return true
	}
	r := &Result{rs: rs, op: op}
	for {
		msg, err := rs.c.receive()
		var pe *ProtocolError
		if errors.As(err, &pe) {
			r.err, r.finished = err, true
			rs.cur = r
			return true
		}
		if err != nil {
			rs.err = err
			rs.finish()
			return false
		}
		switch m := msg.(type) {
		case *wire.ParseComplete, *wire.BindComplete:
			continue
		case *wire.ParameterDescription:
			r.paramOIDs = append([]uint32{}, m.ParameterOIDs...)
			continue
		case *wire.NoData:
			if op.kind == opDescribe {
				r.finished = true
				rs.cur = r
				return true
			}
			continue // CommandComplete, EmptyQueryResponse or a COPY follows
		case *wire.RowDescription:
			r.Fields = append([]wire.FieldDescription(nil), m.Fields...)
			r.hasRows = true
			r.finished = op.kind == opDescribe
			rs.cur = r
			return true
		case *wire.CloseComplete:
			if op.kind != opClose {
				break
			}
			r.finished = true
			rs.cur = r
			return true
		case *wire.PortalSuspended:
			if op.maxRows == 0 {
				break
			}
			r.suspended = true
			rs.cur = r
			return true
		}
		if sr := rs.startResult(msg); sr != nil && (op.kind == opExec || sr.err != nil) {
			sr.op = op
			rs.cur = sr
			return true
		}
		rs.err = rs.c.unexpected(msg)
		rs.finish()
		return false
	}
}

// readToReady sends the Sync still owed, if any, then reads up to ReadyForQuery.
func (rs *Results) readToReady() bool {
	if rs.syncOwed {
		rs.syncOwed = false
		if err := rs.c.send(&wire.Sync{}); err != nil {
			rs.err = err
			rs.finish()
			return false
		}
	}
	for {
		msg, err := rs.c.receive()
		var pe *ProtocolError
		if errors.As(err, &pe) {
			continue
		}
		if err != nil {
			rs.err = err
			rs.finish()
			return false
		}
		m, ok := msg.(*wire.ReadyForQuery)
		if !ok {
			rs.err = rs.c.unexpected(msg)
			rs.finish()
			return false
		}
		rs.c.txStatus = m.TxStatus
		rs.finish()
		return false
	}
}

// Suspended reports that a row-limited portal (ExecOptions.MaxRows) stopped at its limit:
// call Resume for the next batch, or NextResult to abandon the rest.
func (r *Result) Suspended() bool { return r.suspended }

// Resume asks for the next batch of a suspended portal (Execute with the same row limit,
// then Flush); NextRow then continues. It does nothing if the Result is not suspended.
func (r *Result) Resume() error {
	if !r.suspended {
		return nil
	}
	r.suspended = false
	err := r.rs.c.send(&wire.Execute{Portal: r.op.portal, MaxRows: r.op.maxRows}, &wire.Flush{})
	if err != nil {
		r.err, r.finished = err, true
		r.rs.err = err
	}
	return err
}

// ParamOIDs returns the parameter types of a described statement (Prepare), else nil.
func (r *Result) ParamOIDs() []uint32 { return r.paramOIDs }
