package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// lineSource yields input lines without their line terminator; io.EOF ends the input.
type lineSource interface {
	ReadLine() (string, error)
}

// scriptReader reads a script (file or standard input) line by line. A final line without
// a newline is returned too.
type scriptReader struct{ r *bufio.Reader }

func newScriptReader(r io.Reader) *scriptReader {
	return &scriptReader{bufio.NewReaderSize(r, 64*1024)}
}

func (sr *scriptReader) ReadLine() (string, error) {
	line, err := sr.r.ReadString('\n')
	if err != nil && (err != io.EOF || line == "") {
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}

// mainLoop reads, scans and runs input as psql's MainLoop does, returning the exit code:
// ExitUser when ON_ERROR_STOP stopped the script, exitTerminate on \q.
func (s *Session) mainLoop(in lineSource) int {
	s.terse = true
	saved, savedSource := s.cond, s.curSource
	s.cond, s.curSource = nil, in
	defer func() { s.cond, s.curSource = saved, savedSource }()
	lx := s.newLexer()
	var buf strings.Builder
	savedBuf := s.buf
	s.buf = &buf
	defer func() { s.buf = savedBuf }()
	code := ExitSuccess
	for {
		if s.cancelPressed.Load() && (!s.interactive || s.inputName != "") {
			return ExitUser // psql's MainLoop: "you stopped a script with Ctrl-C"
		}
		line, err := in.ReadLine()
		if err != nil {
			if err != io.EOF {
				s.fatal(err.Error())
				return ExitFailure
			}
			break
		}
		s.lineNo++
		// Empty lines are skipped unless inside a quote or comment (mainloop.c).
		if line == "" && !lx.InQuoteOrComment() {
			continue
		}
		if s.special.echo == "all" && !s.interactive {
			fmt.Fprintf(s.stdout(), "%s\n", line) // psql's puts: standard output, not \o's
			s.out.Flush()                         // and fflush: visible while the line runs
		}
		if r, stop := s.scanLine(lx, line, &buf); stop {
			return r
		}
		if s.connDropped && !s.interactive {
			return ExitBadConn // a failed \connect ends a script (psql's MainLoop)
		}
	}
	if len(s.cond) > 0 {
		s.fatal("reached EOF without finding closing \\endif(s)")
	}
	// At end of input, a non-empty buffer is sent as psql does for scripts.
	if strings.TrimSpace(buf.String()) != "" && s.cond.active() {
		ok := s.execute(buf.String())
		switch {
		case s.conn.Closed():
			code = ExitBadConn
		case !ok && s.onErrorStop:
			code = ExitUser
		}
	}
	return code
}

// scanLine runs one input line through the lexer, sending complete statements and running
// backslash commands. stop reports that the loop must end with the returned code.
func (s *Session) scanLine(lx *Lexer, line string, buf *strings.Builder) (int, bool) {
	lx.SetLine(line)
	for {
		res, st := lx.Scan(buf)
		s.promptStatus = st
		switch res {
		case ScanSemicolon:
			if !s.cond.active() {
				if s.interactive {
					s.fatal("query ignored; use \\endif or Ctrl-C to exit current \\if block")
				}
				buf.Reset()
				lx.Reset()
				continue
			}
			ok := s.execute(buf.String())
			buf.Reset()
			lx.Reset()
			if s.conn.Closed() && !s.interactive {
				return ExitBadConn, true
			}
			if !ok && s.onErrorStop {
				return ExitUser, true
			}
		case ScanBackslash:
			r := s.runSlash(lx, buf)
			if r == slashTerminate {
				return exitTerminate, true
			}
			if r == slashNewEdit {
				s.rescanEdited(lx, buf)
				s.redisplay = true
				continue
			}
			if r == slashError && s.onErrorStop {
				return ExitUser, true
			}
			if s.conn != nil && s.conn.Closed() && !s.interactive && !s.connDropped {
				return ExitBadConn, true // the command lost the connection (psql's CheckConnection)
			}
		case ScanEOL:
			// Single-line mode: the end of a line ends the statement (psql's -S).
			if s.special.singleLine && strings.TrimSpace(buf.String()) != "" && s.cond.active() {
				ok := s.execute(buf.String())
				buf.Reset()
				lx.Reset()
				if !ok && s.onErrorStop {
					return ExitUser, true
				}
			}
			return ExitSuccess, false
		default:
			return ExitSuccess, false
		}
	}
}

// rescanEdited makes the buffer \e left the new input line, newline-terminated, with an
// empty query buffer, as mainloop.c does for PSQL_CMD_NEWEDIT: the rest of the line that
// held \e is dropped, and complete statements in the edited text run at once.
func (s *Session) rescanEdited(lx *Lexer, buf *strings.Builder) {
	text := buf.String()
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	buf.Reset()
	lx.Reset()
	lx.SetLine(text)
}

func (s *Session) newLexer() *Lexer {
	lx := NewLexer(LexerCallbacks{
		GetVariable: s.lexVariable,
		Active:      s.condActive,
		Warn:        func(msg string) { s.warn(msg) },
		Error:       func(msg string) { s.fatal(msg) },
		Shell:       s.backtick,

		StandardStrings: s.standardStrings, // asked at each line, as psql's psql_scan_setup
	})
	return lx
}

// backtick runs a backquoted meta-command argument as psql's evaluate_backtick does with
// popen: through /bin/sh, its standard error and standard input gpsql's, its exit status
// ignored; the lexer drops one trailing newline of the output. err is set only when the
// shell cannot be run.
func (s *Session) backtick(cmd string) (string, error) {
	s.out.Flush()
	c := meta.ShellCommand(cmd)
	c.Stderr = s.opts.Stderr
	if f, ok := s.opts.Stdin.(*os.File); ok {
		c.Stdin = f
	}
	out, err := c.Output()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		err = nil // a failing command still gives its output (psql 15 looks only at pclose's -1)
	}
	return string(out), err
}

// lexVariable supplies variables to the lexer, quoting them for :'v' and :"v".
func (s *Session) lexVariable(name string, q Quote) (string, bool) {
	if !s.condActive() {
		return "", false // no substitution in an inactive \if branch (or in ignored arguments)
	}
	v, ok := s.vars.Get(name)
	if !ok {
		return "", false
	}
	var quoted string
	var err error
	switch q {
	case QuoteSQLLiteral:
		quoted, err = QuoteLiteral(v)
	case QuoteSQLIdent:
		quoted, err = QuoteIdent(v)
	case QuoteShell:
		quoted, err = QuoteShellArg(v)
	default:
		return v, true
	}
	if err != nil {
		s.fatal(err.Error())
		return "", false
	}
	return quoted, true
}

// sendQuery runs one query string and prints its results as psql's SendQuery does. It
// reports success.
//
// With FETCH_COUNT set, a SELECT or VALUES is fetched and printed in batches through a
// cursor (sendQueryCursor), unless \crosstabview asked for this result. A pending
// \crosstabview is cleared whatever happens, as psql's SendQuery does.
func (s *Session) sendQuery(query string) bool {
	defer func() { s.popt.Crosstab = render.Crosstab{} }()
	if s.conn == nil || s.conn.Closed() {
		s.fatal("You are currently not connected to a database.")
		return false
	}
	stop := s.cancelOnInterrupt()
	defer stop()
	ctx := s.ctx
	if c := s.send.cur; c != nil && c.Gdesc {
		return s.describeQuery(ctx, query)
	}
	if ok, handled := s.protocolStep(ctx, query); handled { // \parse, \close_prepared (send.go)
		return ok
	}
	if n := s.fetchCount(); n > 0 && !s.popt.Crosstab.On && !s.noCursor() && isSelectCommand(query) {
		ok := s.sendQueryCursor(ctx, query, n)
		s.out.Flush()
		return ok
	}
	rs, err := s.startQuery(ctx, query) // simple, or extended after \bind (send.go)
	if err != nil {
		s.reportConnErr(err)
		return false
	}
	// COPY FROM STDIN reads the input that follows; TO STDOUT writes the output. Data lines
	// the server did not take (it rejected a row) are still consumed up to \., as psql does.
	in := &copyLines{s: s}
	s.copyIn = in
	defer func() { in.drain(); s.copyIn = nil }()
	ok := true
	if singleStatement(query, s.standardStrings()) {
		rs.SetCopy(in, s.out)
		for rs.NextResult() {
			if !s.printResult(ctx, rs.Result(), query) {
				ok = false
			}
		}
	} else {
		ok = s.printResults(ctx, rs, in, query)
	}
	if err := rs.Err(); err != nil {
		s.reportConnErr(err)
		ok = false
	}
	s.out.Flush()
	return ok
}

// printResults prints the results of a query string of several statements as psql 15's
// ExecQueryAndProcessResults does: each result is read whole, then the next one is read
// before the first is printed (so a notice of a statement comes before the table of the one
// before it), and options that concern "the result" (\gset, \gexec, \crosstabview) apply
// to the last one; the others are printed only with SHOW_ALL_RESULTS on. A COPY's data comes
// after the result before it is printed. It reports success.
func (s *Session) printResults(ctx context.Context, rs *proto.Results, in *copyLines, query string) bool {
	ok := true
	var prev *proto.Result
	flush := func() {
		if prev != nil {
			ok = s.printResultOf(ctx, prev, query) && ok
			prev = nil
		}
	}
	in.before = flush
	rs.SetCopy(in, &beforeWriter{w: s.out, before: flush})
	for rs.NextResult() {
		r := rs.Result()
		r.Buffer()
		flush()
		prev = r
	}
	if prev != nil {
		ok = s.printResult(ctx, prev, query) && ok
	}
	return ok
}

// printResultOf prints a result that is not the last of its query string: not at all with
// SHOW_ALL_RESULTS off (an error still is), and never through \gset, \gexec or
// \crosstabview, which take the last result.
func (s *Session) printResultOf(ctx context.Context, r *proto.Result, query string) bool {
	if r.Err() == nil && !s.special.showAllResults {
		s.lastResult = r
		return true
	}
	cur, crosstab := s.send.cur, s.popt.Crosstab
	if cur != nil {
		plain := *cur
		plain.Gset, plain.Gexec = false, false
		s.send.cur = &plain
	}
	s.popt.Crosstab = render.Crosstab{}
	ok := s.printResult(ctx, r, query)
	s.send.cur, s.popt.Crosstab = cur, crosstab
	return ok
}

// beforeWriter calls before ahead of each write (COPY TO STDOUT data, see printResults).
type beforeWriter struct {
	w      io.Writer
	before func()
}

func (b *beforeWriter) Write(p []byte) (int, error) {
	b.before()
	return b.w.Write(p)
}

// cancelOnInterrupt makes SIGINT (Ctrl-C) send a CancelRequest for the running query, with
// psql's messages, until the returned function is called. SIGINT arrives through the
// session's handler (watchInterrupts), so a Ctrl-C between two queries never kills gpsql.
func (s *Session) cancelOnInterrupt() func() {
	conn := s.conn
	s.setInterrupt(func() {
		// Held until the message is out, so that it comes before the query's
		// "canceling statement" error, as psql's does.
		s.cancelMu.Lock()
		defer s.cancelMu.Unlock()
		if err := conn.CancelRequest(context.Background()); err != nil {
			fmt.Fprintf(s.errOut, "Could not send cancel request: %v\n", err)
		} else {
			io.WriteString(s.errOut, "Cancel request sent\n")
		}
	})
	return func() { s.setInterrupt(nil) }
}

// setInterrupt sets what SIGINT does now (nil: nothing).
func (s *Session) setInterrupt(f func()) {
	s.intrMu.Lock()
	s.onIntr = f
	s.intrMu.Unlock()
}

// watchInterrupts receives SIGINT for the whole session and runs the current action (see
// cancelOnInterrupt); at the prompt readline gets Ctrl-C as a key instead. The returned
// function stops it.
func (s *Session) watchInterrupts() func() {
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, os.Interrupt)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-sig:
				s.cancelPressed.Store(true) // psql's cancel_pressed: a script stops at its next line
				s.intrMu.Lock()
				f := s.onIntr
				s.intrMu.Unlock()
				if f != nil {
					go f()
				}
			}
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}

// reportConnErr reports a lost connection as psql's CheckConnection does: a script ends
// (the loops see the closed connection and exit with code 2); at the terminal gpsql
// reconnects with the same settings and says whether that worked.
func (s *Session) reportConnErr(err error) {
	var lost *proto.ConnLostError
	if !errors.As(err, &lost) {
		s.fatal(err.Error())
		return
	}
	if lost.Fatal != nil && !lost.FatalShown {
		// The server's FATAL came while the session was idle: psql shows it now.
		s.printErr(s.formatError(lost.Fatal, ""))
	}
	s.printErr(lost.Msg)
	if !s.interactive {
		s.fatal("connection to server was lost")
		return
	}
	s.resetConnection()
}

// resetConnection connects again with the same settings after the connection was lost at
// the terminal, saying whether that worked as psql does.
func (s *Session) resetConnection() {
	s.out.Flush()
	io.WriteString(s.errOut, "The connection to the server was lost. Attempting reset: ")
	c, rerr := s.conn.Reset(s.ctx)
	if rerr != nil {
		io.WriteString(s.errOut, "Failed.\n")
		return
	}
	s.conn = c
	s.syncConnVars()
	io.WriteString(s.errOut, "Succeeded.\n")
}

// printResult prints one statement's result: rows through render, a command tag, or an
// error. It reports success.
func (s *Session) printResult(ctx context.Context, r *proto.Result, query string) bool {
	defer func() { s.lastResult = r }() // for ROW_COUNT, ERROR, SQLSTATE (resultvars.go)
	switch {
	case r.HasRows() && s.popt.Crosstab.On:
		return s.printCrosstab(ctx, r, query)
	case r.HasRows():
		popt := s.popt
		popt.TermWidth = s.termWidth()
		var err error
		if ok, handled := s.consumeRows(r); handled { // \gset, \gexec (send.go)
			if !ok {
				return false
			}
		} else if s.send.cur != nil && s.send.cur.Target != "" { // \g FILE, never paged
			out := s.tuplesOut()
			if out == nil {
				return false
			}
			err = render.PrintQuery(ctx, out, &resultRows{r: r}, &popt, nil)
		} else {
			err = s.printRows(ctx, r, &popt, query) // the pager decision: pager.go
		}
		if err != nil {
			s.reportResultErr(r, err, query)
			return false
		}
		tag := r.CommandTag()
		if strings.HasPrefix(tag, "INSERT") || strings.HasPrefix(tag, "UPDATE") || strings.HasPrefix(tag, "DELETE") {
			s.printStatus(tag)
		}
		return true
	case r.IsCopy() == 'W':
		// psql's AcceptResult knows no copy-both result (a walsender's START_REPLICATION)
		// and names its status, PGRES_COPY_BOTH; libpq has returned it before the error a
		// walsender may send next (proto ends the copy and reads that too).
		s.fatal("unexpected PQresultStatus: 8")
		return false
	case r.Err() != nil:
		s.reportResultErr(r, r.Err(), query)
		return false
	case r.Empty():
		return true
	case r.IsCopy() == 'H':
		// COPY TO STDOUT: the data went to the query output, where psql does not repeat
		// the "COPY n" status.
		return true
	default:
		s.printStatus(r.CommandTag())
		return true
	}
}

func (s *Session) reportResultErr(r *proto.Result, err error, query string) {
	s.cancelMu.Lock() // wait for a cancel in progress to report itself first
	s.cancelMu.Unlock()
	if r != nil && r.IsCopy() == 'G' && s.copyIn != nil {
		// psql reads the rest of the COPY data before it reports the error, so the error's
		// script line is the one of the \. line, however early the server refused a row.
		s.copyIn.drain()
	}
	var se *proto.ServerError
	if errors.As(err, &se) {
		s.lastErr, s.lastErrQuery = se, query
		text := s.formatError(se, query)
		s.noteConnErr(text) // libpq keeps it as the connection's error text (pipeline.go)
		s.printErr(text)
		return
	}
	var lost *proto.ConnLostError
	if errors.As(err, &lost) {
		return // reported once by sendQuery
	}
	var pe *os.PathError
	if errors.As(err, &pe) && pe.Op == "write" {
		// The output (\o or \g file or pipe) failed, as psql's PrintQueryTuples says.
		s.fatal("could not print result table: " + errnoText(err))
		return
	}
	s.fatal(err.Error())
}

// printStatus prints a command tag unless QUIET is on (psql's PrintQueryStatus).
func (s *Session) printStatus(tag string) {
	s.vars.Set("LASTOID", lastOID(tag))
	if s.quiet {
		return
	}
	fmt.Fprintf(s.out, "%s\n", tag)
}

// resultRows adapts a proto.Result to render.RowSource; only repl knows both sides.
type resultRows struct {
	r    *proto.Result
	cols []render.Column
}

func (a *resultRows) Columns() []render.Column {
	if a.cols == nil {
		a.cols = make([]render.Column, len(a.r.Fields))
		for i, f := range a.r.Fields {
			a.cols[i] = render.Column{Name: f.Name, Align: render.AlignForType(f.DataTypeOID)}
		}
	}
	return a.cols
}

func (a *resultRows) Next() bool       { return a.r.NextRow() }
func (a *resultRows) Values() [][]byte { return a.r.Values() }
func (a *resultRows) Err() error       { return a.r.Err() }
