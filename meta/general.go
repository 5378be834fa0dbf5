package meta

import (
	"fmt"
	"strings"
)

// generalCommands are \q, \echo and the variable commands.
func generalCommands() []Command {
	return []Command{
		{Names: []string{"q", "quit"}, Help: "quit gpsql", Section: "General", Run: runQuit},
		{Names: []string{"echo"}, Args: "[-n] [STRING]", Help: "write string to standard output (-n for no newline)", Section: "Input/Output", Run: runEcho},
		{Names: []string{"set"}, Args: "[NAME [VALUE]]", Help: "set internal variable, or list all if no parameters", Section: "Variables", Run: runSet},
		{Names: []string{"unset"}, Args: "NAME", Help: "unset (delete) internal variable", Section: "Variables", Run: runUnset},
	}
}

func runQuit(*Env, string, Args) Result { return Terminate }

// runEcho is \echo (standard output), \qecho (query output) and \warn (standard error):
// the arguments joined by spaces; an unquoted -n as the first suppresses the newline
// (exec_command_echo in psql 15's command.c: '-n', "-n" and a :variable holding -n are text).
func runEcho(env *Env, name string, args Args) Result {
	var a []string
	newline := true
	for {
		arg, quoted, ok := NextQuoted(args, OptNormal)
		if !ok {
			break
		}
		if len(a) == 0 && newline && !quoted && arg == "-n" {
			newline = false
			continue
		}
		a = append(a, arg)
	}
	io := strings.Join(a, " ")
	if newline {
		io += "\n"
	}
	switch name {
	case "qecho":
		fmt.Fprint(env.Out, io)
	case "warn":
		env.Flush()
		fmt.Fprint(env.Stderr, io)
	default:
		fmt.Fprint(env.Stdout, io)
	}
	return OK
}

// runSet is \set: list the variables, or set NAME to the concatenation of the other arguments.
func runSet(env *Env, _ string, args Args) Result {
	name, ok := args.Next(OptNormal)
	if !ok {
		for _, n := range env.Vars.Names() {
			v, _ := env.Vars.Get(n)
			fmt.Fprintf(env.Out, "%s = '%s'\n", n, v)
		}
		return OK
	}
	if err := env.Vars.Set(name, strings.Join(restArgs(args), "")); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}

func runUnset(env *Env, name string, args Args) Result {
	v, ok := requiredArg(env, name, args, OptNormal)
	if !ok {
		return Error
	}
	if err := env.Vars.Unset(v); err != nil {
		env.Errorf("%s", err)
		return Error
	}
	return OK
}
