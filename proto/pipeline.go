package proto

import (
	"context"
	"errors"

	"github.com/gpsql/gpsql/proto/wire"
)

// Pipeline sends every statement of execs with the extended protocol, one after the other,
// followed by a single Sync (protocol-v3.txt §2.4), and returns their results: one Result per
// Exec, in order. The statements run in one implicit transaction unless they manage
// transactions themselves. After a statement fails the server skips the rest: their Results
// carry ErrPipelineAborted.
//
// The messages are written by a separate goroutine while the caller reads the results, so a
// pipeline of any length cannot deadlock with a server that is blocked writing results the
// client has not read yet. A COPY FROM STDIN works only as the last statement.
func (c *Conn) Pipeline(ctx context.Context, execs []Exec) (*Results, error) {
	return c.pipeline(ctx, execs, false)
}

// pipeline encodes execs (before anything is sent, so that an invalid value sends nothing)
// and writes them: at once for a single statement, from a goroutine otherwise.
func (c *Conn) pipeline(ctx context.Context, execs []Exec, single bool) (*Results, error) {
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
	if len(execs) == 0 {
		return nil, errors.New("empty pipeline")
	}
	var buf []byte
	var err error
	add := func(m wire.FrontendMessage) {
		if err == nil {
			buf, err = m.Encode(buf)
		}
	}
	ops := make([]*execOp, 0, len(execs))
	for _, e := range execs {
		o := e.Options
		if o.MaxRows > 0 && !single {
			return nil, errRowLimitInPipeline
		}
		if !e.prepared && (e.SQL != "" || e.Statement == "") {
			add(&wire.Parse{Name: e.Statement, Query: e.SQL, ParameterOIDs: o.ParamOIDs})
		}
		add(&wire.Bind{Portal: o.Portal, Statement: e.Statement, ParameterFormats: o.ParamFormats,
			Parameters: e.Params, ResultFormats: o.ResultFormats})
		add(&wire.Describe{ObjectType: wire.ObjectPortal, Name: o.Portal})
		add(&wire.Execute{Portal: o.Portal, MaxRows: o.MaxRows})
		ops = append(ops, &execOp{kind: opExec, portal: o.Portal, maxRows: o.MaxRows})
	}
	owed := single && execs[0].Options.MaxRows > 0
	if owed {
		add(&wire.Flush{}) // Sync would close the portal; it is sent when the portal is done
	} else {
		add(&wire.Sync{})
	}
	if err != nil {
		return nil, err
	}
	var writer chan error
	if single {
		if _, err := c.nc.Write(buf); err != nil {
			return nil, c.fail(err)
		}
	} else {
		writer = make(chan error, 1)
		nc := c.nc
		go func() {
			_, err := nc.Write(buf)
			if err != nil {
				nc.Close() // the reader then fails too instead of waiting for answers
			}
			writer <- err
		}()
	}
	rs := c.startResults(ctx)
	rs.ext = true
	rs.ops = ops
	rs.syncOwed = owed
	rs.writer = writer
	return rs, nil
}

// waitWriter waits for the pipeline writer, if any, and keeps its error for finish.
func (rs *Results) waitWriter() {
	if rs.writer != nil {
		rs.writeErr = <-rs.writer
		rs.writer = nil
	}
}
