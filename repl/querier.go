package repl

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// querier runs the describe commands' catalog queries for meta (meta.Querier), the way
// psql's PSQLexec does: ECHO_HIDDEN first, errors reported here.
type querier struct{ s *Session }

// Query implements meta.Querier.
func (q querier) Query(sql string) (*meta.Rows, error) { return q.run(sql, false) }

// QueryMinimal implements meta.Querier.
func (q querier) QueryMinimal(sql string) (*meta.Rows, error) { return q.run(sql, true) }

// run runs sql; minimal reports a server error as psql's minimal_error_message does.
func (q querier) run(sql string, minimal bool) (*meta.Rows, error) {
	s := q.s
	if echo, ok := s.vars.Get("ECHO_HIDDEN"); ok {
		noexec := strings.EqualFold(echo, "noexec")
		if b, valid := meta.ParseBool(echo); noexec || (valid && b) {
			// psql's PSQLexec writes the query to stdout (and to the log file).
			fmt.Fprintf(s.out, "********* QUERY **********\n%s\n**************************\n\n", sql)
			s.out.Flush()
			if noexec {
				return nil, meta.ErrNoExec
			}
		}
	}
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return nil, errors.New("not connected")
	}
	if minimal && s.pipelineActive() {
		s.fatal("ERROR:  (not available)") // psql's minimal_error_message of PQexec's NULL result
		return nil, errors.New(msgSyncOnly)
	}
	if s.syncOnlyError() { // a pipeline has the connection (pipeline.go)
		return nil, errors.New(msgSyncOnly)
	}
	s.queryStarted()
	stop := s.cancelOnInterrupt()
	defer stop()
	rs, err := s.conn.Query(s.ctx, sql)
	if err != nil {
		s.reportConnErr(err)
		return nil, err
	}
	out := &meta.Rows{}
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		if r.Err() == nil && r.HasRows() && out.Columns == nil {
			out.Columns = make([]render.Column, len(r.Fields))
			for i, f := range r.Fields {
				out.Columns[i] = render.Column{Name: f.Name, Align: render.AlignForType(f.DataTypeOID)}
			}
		}
		for r.NextRow() {
			vals := r.Values()
			row := make([]string, len(vals))
			nulls := make([]bool, len(vals))
			for i, v := range vals {
				row[i], nulls[i] = string(v), v == nil
			}
			out.Data = append(out.Data, row)
			out.Null = append(out.Null, nulls)
		}
		if err := r.Err(); err != nil && firstErr == nil {
			firstErr = err
			var se *proto.ServerError
			if minimal && errors.As(err, &se) {
				sev, msg := se.Severity, se.Message
				if sev == "" {
					sev = "ERROR"
				}
				if msg == "" {
					msg = "(not available)"
				}
				s.fatal(sev + ":  " + msg)
			} else {
				s.reportResultErr(r, err, sql)
			}
		}
	}
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return out, nil
}

// ServerVersion implements meta.Querier.
func (q querier) ServerVersion() int {
	if q.s.conn == nil {
		return 0
	}
	return q.s.conn.ServerVersionNum()
}
