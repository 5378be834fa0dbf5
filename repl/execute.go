package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
)

// execute runs one query the way psql's SendQuery wraps it: ECHO, SINGLESTEP, the implicit
// BEGIN of AUTOCOMMIT off, ON_ERROR_ROLLBACK's savepoint, and ECHO errors' STATEMENT line.
// It reports success.
func (s *Session) execute(query string) bool {
	if s.reportIdleLoss() {
		return false
	}
	if s.special.singleStep && !s.confirmStep(query) {
		return true
	}
	defer s.printNotifications()
	// A pipeline command, or anything sent while a pipeline is ongoing, goes through
	// pipelineSend (pipeline.go).
	inPipeline := s.pipelineActive() || s.send.next.Pipeline != meta.NoPipelineStep
	if s.special.echo == "queries" {
		fmt.Fprintf(s.stdout(), "%s\n", query) // psql's puts: standard output, not \o's
		s.out.Flush()
	}
	// In a pipeline, neither AUTOCOMMIT's BEGIN nor ON_ERROR_ROLLBACK's savepoint can run: the
	// connection belongs to the pipeline. (\startpipeline itself still gets psql's BEGIN.)
	if s.conn != nil && !s.conn.Closed() && !s.pipelineActive() && s.conn.TxStatus() == 'I' && !s.special.autocommit && !noImplicitBegin(query) {
		if err := s.execSilent("BEGIN"); err != nil {
			s.printErr(err.Error())
			return false
		}
	}
	savepoint := false
	if s.conn != nil && !s.conn.Closed() && !inPipeline && s.conn.TxStatus() == 'T' && s.rollbackOnError() && !isTransactionCommand(query) {
		if err := s.execSilent("SAVEPOINT pg_psql_temporary_savepoint"); err != nil {
			s.printErr(err.Error())
			return false
		}
		savepoint = true
	}
	if s.logFile != nil {
		// -L: the query and its output also go to the log file, as psql writes them.
		fmt.Fprintf(s.logFile, "********* QUERY **********\n%s\n**************************\n\n", query)
		s.out.Flush()
		out := s.out
		s.out = bufio.NewWriterSize(io.MultiWriter(out, s.logFile), 64*1024)
		defer func() { s.out.Flush(); s.out = out }()
	}
	start := time.Now()
	end := s.beginSend() // \g and friends' options for this query (send.go)
	s.lastResult, s.fetchedRows = nil, -1
	var ok bool
	if inPipeline {
		ok = s.pipelineSend(query) // sets the result variables of what it reads (pipeline.go)
	} else {
		s.queryStarted()
		ok = s.sendQuery(query)
		s.setResultVariables(ok)
		s.setPipelineVars()
	}
	ok = end() && ok
	s.prevQuery = query
	if s.timing {
		printTiming(s.stdout(), time.Since(start))
	}
	s.trackClientEncoding()
	if !ok && s.special.echo == "errors" {
		s.log("", "STATEMENT:  "+query)
	}
	if savepoint && s.conn != nil && !s.conn.Closed() {
		switch s.conn.TxStatus() {
		case 'E':
			s.execSilent("ROLLBACK TO pg_psql_temporary_savepoint")
		case 'T':
			s.execSilent("RELEASE pg_psql_temporary_savepoint")
		}
	}
	return ok
}

// trackClientEncoding sets ENCODING when the server reported a new client_encoding (a SET
// client_encoding in the query just run), as psql's SendQuery does after each query. A
// \set ENCODING of the user stays until the encoding really changes.
func (s *Session) trackClientEncoding() {
	if s.conn == nil {
		return
	}
	if e := s.conn.ParameterStatus("client_encoding"); e != "" && e != s.clientEncoding {
		s.clientEncoding = e
		s.vars.Set("ENCODING", e)
	}
}

// rollbackOnError reports whether ON_ERROR_ROLLBACK applies now.
func (s *Session) rollbackOnError() bool {
	switch s.special.onErrorRollback {
	case "on":
		return true
	case "interactive":
		return s.interactive
	}
	return false
}

// execSilent runs an internal command whose result is not shown (psql's PSQLexec), returning
// the server's error.
func (s *Session) execSilent(sql string) error {
	rs, err := s.conn.Query(context.Background(), sql)
	if err != nil {
		return err
	}
	var first error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
		}
		if r.Err() != nil && first == nil {
			first = r.Err()
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	var se *proto.ServerError
	if errors.As(first, &se) {
		return errors.New(strings.TrimSuffix(s.formatError(se, sql), "\n"))
	}
	return first
}

// confirmStep is SINGLESTEP's question; false means the user typed x to skip the query.
func (s *Session) confirmStep(query string) bool {
	s.out.Flush()
	fmt.Fprintf(s.opts.Stdout, "***(Single step mode: verify command)*******************************************\n%s\n***(press return to proceed or enter x and return to cancel)********************\n", query)
	var in io.Reader = s.opts.Stdin
	if tty, err := os.Open("/dev/tty"); err == nil {
		defer tty.Close()
		in = tty
	}
	line, _ := bufio.NewReader(in).ReadString('\n')
	return !strings.HasPrefix(strings.TrimSpace(line), "x")
}

// firstWords returns the first n SQL words of a query, lower-cased, skipping whitespace and
// comments (psql's skip_white_space).
func firstWords(query string, n int) []string {
	var words []string
	q := query
	for len(words) < n {
		q = strings.TrimLeft(q, " \t\r\n\f")
		switch {
		case strings.HasPrefix(q, "--"):
			if i := strings.IndexByte(q, '\n'); i >= 0 {
				q = q[i+1:]
				continue
			}
			return words
		case strings.HasPrefix(q, "/*"):
			depth, i := 0, 0
			for i < len(q) {
				if strings.HasPrefix(q[i:], "/*") {
					depth++
					i += 2
				} else if strings.HasPrefix(q[i:], "*/") {
					depth--
					i += 2
					if depth == 0 {
						break
					}
				} else {
					i++
				}
			}
			q = q[i:]
			continue
		}
		j := 0
		for j < len(q) && (q[j] >= 'a' && q[j] <= 'z' || q[j] >= 'A' && q[j] <= 'Z' || q[j] == '_' || q[j] >= 0x80) {
			j++
		}
		if j == 0 {
			return words
		}
		words = append(words, strings.ToLower(q[:j]))
		q = q[j:]
	}
	return words
}

// isTransactionCommand reports statements a savepoint must not wrap (psql checks the
// transaction status instead; these end or change the transaction itself).
func isTransactionCommand(query string) bool {
	w := firstWords(query, 1)
	if len(w) == 0 {
		return false
	}
	switch w[0] {
	case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release", "prepare":
		return true
	}
	return false
}

// noImplicitBegin is psql's command_no_begin: statements that must not be wrapped in the
// BEGIN of AUTOCOMMIT off (transaction control, and commands that cannot run in a block).
func noImplicitBegin(query string) bool {
	w := firstWords(query, 4)
	if len(w) == 0 {
		return true
	}
	at := func(i int) string {
		if i < len(w) {
			return w[i]
		}
		return ""
	}
	switch w[0] {
	case "abort", "begin", "start", "commit", "end", "rollback", "savepoint", "release", "vacuum", "discard":
		return w[0] != "discard" || at(1) == "all"
	case "prepare":
		return at(1) == "transaction"
	case "cluster":
		return at(1) == "" // CLUSTER without arguments
	case "create", "drop":
		switch at(1) {
		case "database", "tablespace", "subscription":
			return true
		}
		i := 1
		if at(1) == "unique" {
			i = 2
		}
		return at(i) == "index" && at(i+1) == "concurrently"
	case "alter":
		return at(1) == "system" || at(1) == "subscription"
	case "reindex":
		return at(1) == "system" || at(1) == "database" || at(1) == "concurrently"
	}
	return false
}

// printTiming is psql's "Time: ..." line, with the long form past a second.
func printTiming(w io.Writer, d time.Duration) {
	ms := float64(d.Nanoseconds()) / 1e6
	if ms < 1000 {
		fmt.Fprintf(w, "Time: %.3f ms\n", ms)
		return
	}
	secs := ms / 1000
	mins := math.Floor(secs / 60)
	secs -= 60 * mins
	if mins < 60 {
		fmt.Fprintf(w, "Time: %.3f ms (%02d:%06.3f)\n", ms, int(mins), secs)
		return
	}
	hours := math.Floor(mins / 60)
	mins -= 60 * hours
	if hours < 24 {
		fmt.Fprintf(w, "Time: %.3f ms (%02d:%02d:%06.3f)\n", ms, int(hours), int(mins), secs)
		return
	}
	days := math.Floor(hours / 24)
	hours -= 24 * days
	fmt.Fprintf(w, "Time: %.3f ms (%.0f d %02d:%02d:%06.3f)\n", ms, days, int(hours), int(mins), secs)
}
