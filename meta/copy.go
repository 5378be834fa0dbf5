package meta

import (
	"context"
	"io"

	"github.com/gpsql/gpsql/proto"
)

// CopyRequest is one COPY statement that \copy asks the session to run.
type CopyRequest struct {
	// SQL is the statement, COPY ... FROM STDIN or COPY ... TO STDOUT, as psql builds it.
	SQL string
	// In feeds COPY FROM STDIN; Out receives COPY TO STDOUT. Either may be nil.
	In  io.Reader
	Out io.Writer
	// Progress, if not nil, is called with the bytes sent or received so far after every
	// chunk, on the goroutine running Copy.
	Progress func(bytes int64)
	// Done, if not nil, is called once when the data transfer is over and before the
	// session prints the status line or an error (the progress bar erases itself there).
	Done func()
	// Erase, if not nil, is called before the session writes its Ctrl-C message to
	// standard error, possibly from another goroutine while the copy runs; it must be safe
	// for concurrent use (the progress bar erases itself there).
	Erase func()
}

// Copier is what \copy and the large-object commands need from the session; repl
// implements it. It is used by one goroutine at a time.
type Copier interface {
	// Copy runs req.SQL as psql's do_copy does through SendQuery: like a user command (ECHO,
	// \timing, AUTOCOMMIT off), with Ctrl-C ending a COPY FROM STDIN with CopyFail
	// ("canceled by user") and a COPY TO STDOUT with a cancel request. It prints the
	// command status ("COPY 3") unless the data went to the query output, and reports
	// errors itself. It returns whether the statement succeeded.
	Copy(req CopyRequest) bool
	// CommandSource returns the input the session is reading commands from (psql's
	// cur_cmd_source), for \copy ... from stdin, or with pstdin the process's standard
	// input; and whether that is an interactive terminal. Reading the command source
	// shows psql's "Enter data to be copied" instructions and PROMPT3 at a terminal, stops
	// at a "\\." line, and counts the lines read as script lines for messages.
	CommandSource(pstdin bool) (io.Reader, bool)
	// StderrTerminal reports whether standard error is a terminal and, if so, its width in
	// columns, for the progress bar.
	StderrTerminal() (tty bool, width int)
	// LargeObjects runs f with the connection's large-object functions, inside a
	// transaction when none is open (psql's start_lo_xact and finish_lo_xact: BEGIN, then
	// COMMIT, or ROLLBACK when f fails). It reports f's error, or the transaction's, and
	// whether all went well; it reports the errors itself, with server errors formatted as
	// for any statement.
	// op names the command in psql's "\\lo_import: current transaction is aborted".
	LargeObjects(op string, f func(ctx context.Context, lo *proto.LargeObjects) error) bool
}

// ErrReported is returned by a large-object step whose error was already shown to the user
// (by a Querier); LargeObjects only fails without printing it again.
var ErrReported = errReported{}

type errReported struct{}

func (errReported) Error() string { return "error already reported" }
