// Package meta holds gpsql's backslash commands: one registry table drives dispatch, \? and
// completion; each command is a function over an Env that gives it the session's
// variables, print options, output and (later) a way to query the server.
package meta

import (
	"io"
	"sort"

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
)

// Args scans a command's arguments from the input line; the repl's lexer implements it.
type Args interface {
	// Next returns the next argument of the given kind, or false at the end of the command.
	Next(kind OptionKind) (string, bool)
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

// registry returns the table of commands, one family per file. It is built on each call
// from constants, so there is no package-level mutable state.
func registry() []Command {
	var all []Command
	for _, family := range [][]Command{generalCommands(), ioCommands(), formatCommands(), describeCommands(),
		copyCommands(), connectionCommands(), helpCommands(), sendCommands(), editCommands(), pipelineCommands()} {
		all = append(all, family...)
	}
	return all
}

// Lookup finds a command by name or alias.
func Lookup(name string) (*Command, bool) {
	for _, c := range registry() {
		for _, n := range c.Names {
			if n == name {
				return &c, true
			}
		}
	}
	return nil, false
}

// Names lists every command name and alias, sorted (for completion).
func Names() []string {
	var out []string
	for _, c := range registry() {
		out = append(out, c.Names...)
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
