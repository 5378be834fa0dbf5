// Package repl is gpsql's read-eval-print loop: input (readline or scripts), the psql
// lexer, variables, sending SQL, adapting results to render, and psql's error reporting and
// exit codes.
package repl

import (
	"io"

	"github.com/gpsql/gpsql/proto"
)

// ActionKind says what a command-line action is.
type ActionKind int

// The actions of -c and -f.
const (
	ActionCommand ActionKind = iota // -c: SQL or a backslash command line
	ActionFile                      // -f: a script file, "-" for standard input
)

// Action is one -c or -f, in command-line order.
type Action struct {
	Kind  ActionKind
	Value string
}

// Tri is a three-valued setting (psql's trivalue).
type Tri int

// The Tri values.
const (
	TriDefault Tri = iota
	TriNo
	TriYes
)

// VarAssign is one -v NAME=VALUE (Unset for -v NAME without '=').
type VarAssign struct {
	Name, Value string
	Unset       bool
}

// PsetArg is one \pset setting from the command line; Has tells "-P title=" (an empty
// value) from "-P title" (none).
type PsetArg struct {
	Name, Value string
	Has         bool
}

// Options is everything cmd/gpsql hands to Run.
type Options struct {
	ProgName string // "gpsql", used in messages

	ConnParams     []proto.Param // host, port, user, dbname (maybe a connection string), ...
	PromptPassword Tri           // -W yes, -w no

	Actions  []Action
	Vars     []VarAssign
	Pset     []PsetArg // -P name=value and the format shortcuts, in order
	NoPsqlrc bool
	Quiet    bool
	// SingleTransaction is -1: the actions (or the script on stdin) run inside one
	// BEGIN/COMMIT, rolled back when ON_ERROR_STOP stopped them.
	SingleTransaction bool
	// NoReadline is -n: plain line input at the terminal.
	NoReadline bool
	// Output is -o: query results go to this file, or to a command after '|'.
	Output string
	// ListDatabases is -l: list the databases (\l) and exit, ignoring the other actions.
	ListDatabases bool
	// LogFile is -L: queries and their output are also written to this file.
	LogFile   string
	ExtraArgs []string // operands beyond dbname and user, warned about

	Env    proto.Env
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// StdinTTY / StdoutTTY report whether the streams are terminals (decides interactive mode,
	// client_encoding=auto and the password prompt).
	StdinTTY, StdoutTTY bool
	// ReadPassword reads a password without echo after printing prompt (from /dev/tty).
	ReadPassword func(prompt string) (string, error)
	// Version is gpsql's version, for the banner.
	Version string
}
