package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
)

// sendState is the \g family's part of the session: the options the commands set for the
// next send (psql's pset.gfname, gset_prefix, gdesc_flag, gexec_flag, bind_flag ...), and
// what the send in progress needs.
type sendState struct {
	next  meta.SendOptions  // set by \g, \gset, \bind ...; taken by the next sendQuery
	cur   *meta.SendOptions // the send in progress, nil for a plain one
	gOut  *bufio.Writer     // \g FILE's output once opened
	gFile io.WriteCloser
	gexec []string // the queries \gexec collected, run once the result is read

	restrictKey string // \restrict's key while backslash commands are restricted; "" otherwise
}

// sendBuffer sends the query buffer after a command returned meta.Send (psql's MainLoop on
// PSQL_CMD_SEND): the previous query when the buffer is empty, then the buffer becomes the
// previous query and is cleared, and the lexer forgets its nesting. \watch instead runs the
// query until interrupted, leaving the previous query alone.
func (s *Session) sendBuffer(lx *Lexer, buf *strings.Builder) bool {
	query := buf.String()
	if buf.Len() == 0 {
		query = s.prevQuery
	}
	buf.Reset()
	lx.Reset()
	if iv := s.send.next.Watch; iv > 0 {
		req := s.send.next
		s.send.next = meta.SendOptions{}
		return s.watch(query, iv, &req)
	}
	ok := s.execute(query)
	s.prevQuery = query
	return ok
}

// beginSend takes the options set for this send and applies its per-query print options;
// the returned function undoes that, closes \g's file and runs what \gexec collected.
func (s *Session) beginSend() func() bool {
	if isZeroSend(&s.send.next) {
		return func() bool { return true }
	}
	req := s.send.next
	s.send.next = meta.SendOptions{}
	s.send.cur = &req
	saved := s.popt
	if req.Print != nil {
		s.popt = *req.Print
		s.popt.Crosstab = saved.Crosstab
	}
	return func() bool {
		if req.Print != nil {
			crosstab := s.popt.Crosstab
			s.popt = saved
			s.popt.Crosstab = crosstab
		}
		s.closeGOut()
		s.send.cur = nil
		queries := s.send.gexec
		s.send.gexec = nil
		return s.runGexec(queries)
	}
}

func isZeroSend(o *meta.SendOptions) bool {
	return o.Target == "" && o.Print == nil && !o.Gset && !o.Gexec && !o.Gdesc && !o.Bind && o.Watch == 0 &&
		!o.Parse && !o.BindNamed && !o.ClosePrepared && o.Pipeline == meta.NoPipelineStep
}

// noCursor reports that the send in progress must not go through FETCH_COUNT's cursor.
func (s *Session) noCursor() bool {
	c := s.send.cur
	return c != nil && (c.Gset || c.Gexec || c.Gdesc || c.Bind || c.BindNamed || c.Parse || c.ClosePrepared)
}

// startQuery sends query through the simple protocol, or the extended one after \bind.
func (s *Session) startQuery(ctx context.Context, query string) (*proto.Results, error) {
	if c := s.send.cur; c != nil && c.Bind {
		return s.conn.ExecParams(ctx, query, c.Params, nil)
	} else if c != nil && c.BindNamed {
		return s.conn.ExecPrepared(ctx, c.Statement, c.Params, nil)
	}
	if s.useExtended(query) { // QUERY_PROTOCOL=extended (qproto.go)
		return s.conn.ExecParams(ctx, query, nil, nil)
	}
	return s.conn.Query(ctx, query)
}

// tuplesOut is where rows go: \g's FILE or |command, opened when the first result with rows
// arrives, else the query output. It returns nil after reporting a file that cannot be
// opened (openQueryOutputFile in psql's common.c).
func (s *Session) tuplesOut() io.Writer {
	c := s.send.cur
	if c == nil || c.Target == "" {
		return s.out
	}
	if s.send.gOut != nil {
		return s.send.gOut
	}
	w, err := openTarget(c.Target, s.opts.Stdout, s.opts.Stderr)
	if err != nil {
		s.fatal(err.Error())
		return nil
	}
	s.out.Flush()
	s.send.gFile = w
	s.send.gOut = bufio.NewWriterSize(w, 64*1024)
	return s.send.gOut
}

// openTarget opens a file, or starts "|command" with its standard input as the writer.
func openTarget(target string, stdout, stderr io.Writer) (io.WriteCloser, error) {
	if strings.HasPrefix(target, "|") {
		cmd := meta.ShellCommand(target[1:])
		cmd.Stdout, cmd.Stderr = stdout, stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", target[1:], err)
		}
		if err := cmd.Start(); err != nil {
			return nil, fmt.Errorf("%s: %v", target[1:], err)
		}
		return &pipeOutput{WriteCloser: in, cmd: cmd}, nil
	}
	f, err := os.Create(target)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", target, errnoText(err))
	}
	return f, nil
}

func (s *Session) closeGOut() {
	if s.send.gOut == nil {
		return
	}
	s.send.gOut.Flush()
	s.send.gFile.Close()
	s.send.gOut, s.send.gFile = nil, nil
}

// consumeRows handles a result with rows for \gset or \gexec, reporting whether that
// worked; handled is false when neither was asked for.
func (s *Session) consumeRows(r *proto.Result) (ok, handled bool) {
	c := s.send.cur
	switch {
	case c != nil && c.Gset:
		return s.storeGset(r, c.GsetPrefix), true
	case c != nil && c.Gexec:
		for r.NextRow() {
			for _, v := range r.Values() {
				if v != nil {
					s.send.gexec = append(s.send.gexec, string(v))
				}
			}
		}
		return r.Err() == nil, true
	}
	return false, false
}

// gsetSpecial reports the variables psql gives hooks (EstablishVariableSpace in startup.c):
// \gset leaves them alone with a warning.
func gsetSpecial(name string) bool {
	switch name {
	case "AUTOCOMMIT", "ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP", "FETCH_COUNT", "HISTFILE",
		"HISTSIZE", "IGNOREEOF", "ECHO", "ECHO_HIDDEN", "ON_ERROR_ROLLBACK", "COMP_KEYWORD_CASE",
		"HISTCONTROL", "PROMPT1", "PROMPT2", "PROMPT3", "VERBOSITY", "SHOW_ALL_RESULTS", "SHOW_CONTEXT",
		"HIDE_TOAST_COMPRESSION", "HIDE_TABLEAM":
		return true
	}
	return false
}

// storeGset is psql's StoreQueryTuple: exactly one row, each column into prefix+name,
// NULL unsetting the variable, stopping at the first name that is not valid.
func (s *Session) storeGset(r *proto.Result, prefix string) bool {
	var row [][]byte
	n := 0
	for r.NextRow() {
		n++
		if n == 1 {
			for _, v := range r.Values() {
				if v != nil {
					v = append([]byte{}, v...)
				}
				row = append(row, v)
			}
		}
	}
	if err := r.Err(); err != nil {
		s.reportResultErr(r, err, "")
		return false
	}
	switch {
	case n == 0:
		s.fatal("no rows returned for \\gset")
		return false
	case n > 1:
		s.fatal("more than one row returned for \\gset")
		return false
	}
	for i, f := range r.Fields {
		name := prefix + f.Name
		if gsetSpecial(name) {
			s.warn(fmt.Sprintf("attempt to \\gset into specially treated variable \"%s\" ignored", name))
			continue
		}
		var err error
		if row[i] == nil {
			err = s.vars.Unset(name)
		} else {
			err = s.vars.Set(name, string(row[i]))
		}
		if err != nil {
			s.fatal(err.Error())
			return false
		}
	}
	return true
}

// runGexec runs \gexec's queries one by one as psql's ExecQueryTuples does: each is echoed
// under ECHO all, and ON_ERROR_STOP stops at the first failure.
func (s *Session) runGexec(queries []string) bool {
	ok := true
	for _, q := range queries {
		if s.ctx.Err() != nil {
			break
		}
		if s.special.echo == "all" && !s.special.singleStep {
			fmt.Fprintf(s.stdout(), "%s\n", q)
		}
		if !s.execute(q) {
			ok = false
			if s.onErrorStop {
				break
			}
		}
	}
	return ok
}

// describeQuery is \gdesc (psql's DescribeQuery): the query is parsed as the unnamed
// statement and described, and its columns are listed with their types by a query on the
// server; a statement without columns gets psql's sentence instead.
func (s *Session) describeQuery(ctx context.Context, query string) bool {
	desc, err := s.conn.Prepare(ctx, "", query, nil)
	if err != nil {
		var se *proto.ServerError
		if errors.As(err, &se) {
			s.lastErr, s.lastErrQuery = se, query
			s.printErr(s.formatError(se, query))
			return false
		}
		s.reportConnErr(err)
		return false
	}
	if len(desc.Fields) == 0 {
		fmt.Fprintf(s.out, "The command has no result, or the result has no columns.\n")
		return true
	}
	var b strings.Builder
	b.WriteString("SELECT name AS \"Column\", pg_catalog.format_type(tp, tpm) AS \"Type\"\nFROM (VALUES ")
	for i, f := range desc.Fields {
		if i > 0 {
			b.WriteByte(',')
		}
		lit, err := QuoteLiteral(f.Name)
		if err != nil {
			s.fatal(err.Error())
			return false
		}
		fmt.Fprintf(&b, "(%s, '%d'::pg_catalog.oid, %d)", lit, f.DataTypeOID, f.TypeModifier)
	}
	b.WriteString(") s(name, tp, tpm)")
	rs, err := s.conn.Query(ctx, b.String())
	if err != nil {
		s.reportConnErr(err)
		return false
	}
	ok := true
	for rs.NextResult() {
		if !s.printResult(ctx, rs.Result(), b.String()) {
			ok = false
		}
	}
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		ok = false
	}
	return ok
}

// protocolStep is \parse and \close_prepared: a Parse or a Close of the named statement,
// which prints an empty status line when it works (psql 18's PrintQueryStatus of a result
// without a command tag) and the server's error when it does not. handled is
// false when neither was asked for.
func (s *Session) protocolStep(ctx context.Context, query string) (ok, handled bool) {
	c := s.send.cur
	if c == nil || !(c.Parse || c.ClosePrepared) {
		return false, false
	}
	var err error
	if c.Parse {
		_, err = s.conn.Prepare(ctx, c.Statement, query, nil)
	} else {
		err = s.conn.ClosePrepared(ctx, c.Statement)
	}
	if err == nil {
		s.printStatus("") // psql 18 prints the empty command status of ParseComplete and CloseComplete
		return true, true
	}
	var se *proto.ServerError
	if errors.As(err, &se) {
		s.lastErr, s.lastErrQuery = se, query
		s.printErr(s.formatError(se, query))
		return false, true
	}
	s.reportConnErr(err)
	return false, true
}
