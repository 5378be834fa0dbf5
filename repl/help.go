package repl

import (
	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
)

// Usage is the --help text (the same as \? options), for cmd/gpsql.
func Usage(env proto.Env, prog string) string { return meta.Usage(env, prog) }

// CommandsHelp is --help=commands: \?'s list of backslash commands.
func CommandsHelp() string { return meta.CommandsHelp(meta.HelpStatus{}) }

// VariablesHelp is --help=variables: \? variables' list.
func VariablesHelp() string { return meta.VariablesHelp() }
