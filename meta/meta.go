// Package meta holds gpsql's backslash commands: one registry table drives dispatch, \? and
// completion; each command is a function over an Env that gives it the session's
// variables, print options, output and (later) a way to query the server.
package meta

import (
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// Result is what the loop does after a command (psql's backslashResult).
type Result int

// The results.
const (
	OK        Result = iota // done; the rest of the line is scanned as usual
	Send                    // send the query buffer now (\g and friends)
	Terminate               // quit (\q)
	Error                   // the command failed (counts for ON_ERROR_STOP)
	NewEdit                 // \e replaced the query buffer: the loop scans it as new input (PSQL_CMD_NEWEDIT)
)

// OptionKind is how the next argument is scanned (psql's slash_option_type).
type OptionKind int

// The argument kinds.
const (
	OptNormal    OptionKind = iota // quotes removed, escapes and :variables processed
	OptSQLID                       // an SQL identifier: downcased unless double-quoted
	OptSQLIDHack                   // as OptSQLID but keeps the double quotes (\c)
	OptFilePipe                    // the rest of the line, for \o |cmd and \g |cmd
	OptWholeLine                   // the rest of the line, raw (\!, \copy)
	// OptNoEval reads an argument as OptNormal does but expands neither :variables nor
	// backquotes and keeps trailing semicolons: how psql's HandleSlashCmds reads the extra
	// arguments it warns about (it pushes an inactive \if level around them; later psqls
	// call this OT_NO_EVAL). Use it for arguments that are only reported, never used.
	OptNoEval
)

// Args scans a command's arguments from the input line; the repl's lexer implements it.
type Args interface {
	// Next returns the next argument of the given kind, or false at the end of the command.
	Next(kind OptionKind) (string, bool)
}

// QuotedArgs is an Args that also says whether an argument was quoted: true when any part
// of it was written in single, double or back quotes or came from a :variable (psql's
// psql_scan_slash_option quote result is not 0). The repl's lexer implements it; \echo uses
// it to honour only an unquoted -n. Read it with NextQuoted.
type QuotedArgs interface {
	Args
	NextQuoted(kind OptionKind) (arg string, quoted, ok bool)
}

// NextQuoted reads the next argument of args and whether it was quoted; an Args that is
// not a QuotedArgs reports every argument as unquoted.
func NextQuoted(args Args, kind OptionKind) (arg string, quoted, ok bool) {
	if q, isQ := args.(QuotedArgs); isQ {
		return q.NextQuoted(kind)
	}
	arg, ok = args.Next(kind)
	return arg, false, ok
}

// Vars is the session's variable store.
type Vars interface {
	Get(name string) (string, bool)
	Set(name, value string) error
	Unset(name string) error
	Names() []string
}

// Env is what a command may use. Out is the query output (stdout or \o); Errorf reports an
// error as psql's pg_log_error does (with the script location); Infof writes a message line
// to Out unless quiet (psql's puts for \pset messages).
type Env struct {
	Out    io.Writer
	Stdout io.Writer // standard output even when Out is redirected (\echo writes here)
	Stderr io.Writer
	Loop   Loop   // the input loop, for commands that act on it
	Timing *bool  // \timing
	Flush  func() // flushes buffered output before a child process or stderr writes
	Vars   Vars
	Print  *render.Options
	Errorf func(format string, a ...any)
	Warnf  func(format string, a ...any)
	Quiet  bool
	Query  Querier // runs the describe commands' catalog queries; nil when there is no session

	Copier    Copier    // runs \copy's COPY and the large-object calls; nil when there is no session
	Connector Connector // the session's connection, for \c, \conninfo, \encoding, \password; nil when none

	Send *SendOptions // what \g and its variants ask of the send they return Send for (send_commands.go)

	Restrict *string // \restrict's key; "" when not restricted (send_commands.go runRestrict)

	History func() []string // the session's history entries for \s; nil when there is none

	InPipeline bool // a pipeline is ongoing (psql 18's PQpipelineStatus != PQ_PIPELINE_OFF): pipeline_commands.go
}

// Command is one backslash command of the registry.
type Command struct {
	Names   []string // the first is the canonical name, the others aliases
	Args    string   // argument synopsis for \?
	Help    string   // one line for \?
	Section string   // \? section
	Run     func(env *Env, name string, args Args) Result
}

// registry returns the table of commands, one family per file: one entry per command,
// named by its canonical names and aliases (the \d family's many spellings are resolved by
// describeName, not listed). It is built on each call from constants, so there is no
// package-level mutable state: about a hundred small entries, some ten microseconds once per
// backslash command typed, where a package-level table would be a variable anyone in the
// package could change, and a table kept on the session would have to be passed down to \?
// and completion. Lookup builds only what it needs: the describe family's part (a quarter of
// that) for a name starting with "d".
func registry() []Command {
	var all []Command
	for _, family := range [][]Command{generalCommands(), ioCommands(), formatCommands(), describeCommands(),
		copyCommands(), connectionCommands(), helpCommands(), sendCommands(), editCommands(), pipelineCommands()} {
		all = append(all, family...)
	}
	return all
}

// Lookup finds the command a name runs, as psql 15's exec_command (src/bin/psql/command.c)
// does: a name starting with "d" is a \d-family command, resolved by describeName the way
// exec_command_d reads it (so "\dtS+", "\dS+S" and "\dfS+a" are found, "\dAS" and "\dfx"
// are not); any other name must equal a command's name or alias. The command's Run reads
// the + and S flags and the letters from the name it is given. ok is false where psql says
// "invalid command". The returned Command is the caller's own copy.
func Lookup(name string) (*Command, bool) {
	table := registry
	if strings.HasPrefix(name, "d") {
		canonical, ok := describeName(name)
		if !ok {
			return nil, false
		}
		name, table = canonical, describeCommands
	}
	for _, c := range table() {
		if slices.Contains(c.Names, name) {
			return &c, true
		}
	}
	return nil, false
}

// Names lists the commands' canonical names and aliases, sorted, for completion: "dt" but
// neither "dtS" nor "dt+", "l" and "list" but not "l+" (psql's tab-complete.c lists no
// spelling with + or S either).
func Names() []string {
	var out []string
	for _, c := range registry() {
		for _, n := range c.Names {
			if !strings.HasSuffix(n, "+") {
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// requiredArg reads an argument a command cannot do without, reporting psql's
// "\cmd: missing required argument" when there is none.
func requiredArg(env *Env, cmd string, args Args, kind OptionKind) (string, bool) {
	a, ok := args.Next(kind)
	if !ok {
		env.Errorf("\\%s: missing required argument", cmd)
	}
	return a, ok
}

// restArgs collects the remaining OptNormal arguments.
func restArgs(args Args) []string {
	var out []string
	for {
		a, ok := args.Next(OptNormal)
		if !ok {
			return out
		}
		out = append(out, a)
	}
}
