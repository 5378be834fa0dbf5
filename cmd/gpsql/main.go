// Command gpsql is a PostgreSQL terminal client that behaves like psql. This file maps
// psql's command-line options onto repl.Options; everything else lives in the packages.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
	"github.com/gpsql/gpsql/repl"
)

// version is set at build time by goreleaser (-ldflags "-X main.version=...").
var version = "0.1.0-dev"

const progName = "gpsql"

// psql's options, in psql's long-option table order (it decides getopt's ambiguity lists).
var optionTable = []optSpec{
	{'a', "echo-all", noArg}, {'A', "no-align", noArg}, {'c', "command", requiredArg},
	{'d', "dbname", requiredArg}, {'e', "echo-queries", noArg}, {'b', "echo-errors", noArg},
	{'E', "echo-hidden", noArg}, {'f', "file", requiredArg}, {'F', "field-separator", requiredArg},
	{'z', "field-separator-zero", noArg}, {'h', "host", requiredArg}, {'H', "html", noArg},
	{'l', "list", noArg}, {'L', "log-file", requiredArg}, {'n', "no-readline", noArg},
	{'1', "single-transaction", noArg}, {'o', "output", requiredArg}, {'p', "port", requiredArg},
	{'P', "pset", requiredArg}, {'q', "quiet", noArg}, {'R', "record-separator", requiredArg},
	{'0', "record-separator-zero", noArg}, {'s', "single-step", noArg}, {'S', "single-line", noArg},
	{'t', "tuples-only", noArg}, {'T', "table-attr", requiredArg}, {'U', "username", requiredArg},
	{'v', "set", requiredArg}, {'v', "variable", requiredArg}, {'V', "version", noArg},
	{'w', "no-password", noArg}, {'W', "password", noArg}, {'x', "expanded", noArg},
	{'X', "no-psqlrc", noArg}, {'?', "help", optionalArg}, {0, "csv", noArg},
}

func main() {
	os.Exit(run(os.Args, os.Stdin, os.Stdout, os.Stderr))
}

// run is main without os.Exit, for tests.
func run(argv []string, stdin *os.File, stdout, stderr io.Writer) int {
	env := proto.OSEnv()
	opts, code, done := parseArgs(argv, env, stdout, stderr)
	if done {
		return code
	}
	opts.Stdin, opts.Stdout, opts.Stderr = stdin, stdout, stderr
	opts.StdinTTY = term.IsTerminal(int(stdin.Fd()))
	if f, ok := stdout.(*os.File); ok {
		opts.StdoutTTY = term.IsTerminal(int(f.Fd()))
	}
	opts.ReadPassword = func(prompt string) (string, error) { return readPassword(prompt, stdin, stderr) }
	return repl.Run(context.Background(), opts)
}

// parseArgs turns argv into repl.Options as psql's parse_psql_options does. done reports
// that the program must exit with code (help, version, usage errors).
func parseArgs(argv []string, env proto.Env, stdout, stderr io.Writer) (opts *repl.Options, code int, done bool) {
	prog := argv[0]
	args := argv[1:]
	if len(args) > 0 {
		switch args[0] {
		case "--help", "-?":
			io.WriteString(stdout, usage(env))
			return nil, 0, true
		case "--version", "-V":
			fmt.Fprintf(stdout, "%s (gpsql) %s\n", progName, version)
			return nil, 0, true
		}
	}
	hint := func() (*repl.Options, int, bool) {
		fmt.Fprintf(stderr, "%s: hint: Try \"%s --help\" for more information.\n", progName, progName)
		return nil, 1, true
	}
	parsed, operands, err := getopt(prog, args, optionTable)
	if err != nil {
		fmt.Fprintln(stderr, err.Error())
		return hint()
	}
	o := &repl.Options{ProgName: progName, Env: env, Version: version}
	scratch := render.Defaults() // where -P is tried, to fail before connecting as psql does
	var host, port, user, dbname string
	for _, p := range parsed {
		v := p.value
		switch p.spec.short {
		case 'c':
			o.Actions = append(o.Actions, repl.Action{Kind: repl.ActionCommand, Value: v})
		case 'd':
			dbname = v
		case 'f':
			o.Actions = append(o.Actions, repl.Action{Kind: repl.ActionFile, Value: v})
		case 'h':
			host = v
		case 'p':
			port = v
		case 'U':
			user = v
		case 'v':
			name, val, ok := strings.Cut(v, "=")
			o.Vars = append(o.Vars, repl.VarAssign{Name: name, Value: val, Unset: !ok})
		case 'P':
			// psql's -P NAME[=VALUE] is a quiet \pset, applied (and failing) at once.
			name, val, has := strings.Cut(v, "=")
			if err := meta.PsetValue(&scratch, name, val, has); err != nil {
				fmt.Fprintf(stderr, "%s: error: %s\n", progName, err)
				fmt.Fprintf(stderr, "%s: error: could not set printing parameter \"%s\"\n", progName, name)
				return nil, 1, true
			}
			o.Pset = append(o.Pset, psetArg(name, val, has))
		case 'A':
			o.Pset = append(o.Pset, psetArg("format", "unaligned", true))
		case 'F':
			o.Pset = append(o.Pset, psetArg("fieldsep", v, true))
		case 'R':
			o.Pset = append(o.Pset, psetArg("recordsep", v, true))
		case 'z':
			o.Pset = append(o.Pset, psetArg("fieldsep_zero", "", false))
		case '0':
			o.Pset = append(o.Pset, psetArg("recordsep_zero", "", false))
		case 't':
			o.Pset = append(o.Pset, psetArg("tuples_only", "on", true)) // psql sets, never toggles
		case 'x':
			o.Pset = append(o.Pset, psetArg("expanded", "on", true))
		case 'H':
			o.Pset = append(o.Pset, psetArg("format", "html", true))
		case 'T':
			o.Pset = append(o.Pset, psetArg("tableattr", v, true))
		case 'l':
			o.ListDatabases = true
		case 'q':
			o.Quiet = true
		case 'e', 'a', 'b', 'E', 'S', 's':
			v := map[byte]repl.VarAssign{
				'e': {Name: "ECHO", Value: "queries"}, 'a': {Name: "ECHO", Value: "all"},
				'b': {Name: "ECHO", Value: "errors"}, 'E': {Name: "ECHO_HIDDEN", Value: "on"},
				'S': {Name: "SINGLELINE", Value: "on"}, 's': {Name: "SINGLESTEP", Value: "on"},
			}[p.spec.short]
			o.Vars = append(o.Vars, v)
		case '1':
			o.SingleTransaction = true
		case 'n':
			o.NoReadline = true
		case 'o':
			o.Output = v
		case 'L':
			o.LogFile = v
		case 'X':
			o.NoPsqlrc = true
		case 'w':
			o.PromptPassword = repl.TriNo
		case 'W':
			o.PromptPassword = repl.TriYes
		case 'V':
			fmt.Fprintf(stdout, "%s (gpsql) %s\n", progName, version)
			return nil, 0, true
		case '?':
			if p.value == "commands" || p.value == "variables" { // help.c slashUsage, helpVariables
				io.WriteString(stdout, map[bool]string{true: repl.CommandsHelp(), false: repl.VariablesHelp()}[p.value == "commands"])
				return nil, 0, true
			}
			if p.name == "-?" || !p.has || p.value == "options" {
				io.WriteString(stdout, usage(env))
				return nil, 0, true
			}
			fmt.Fprintf(stderr, "%s: unrecognized option '--help=%s'\n", prog, p.value) // psql falls through to its hint
			return hint()
		case 0: // --csv
			o.Pset = append(o.Pset, psetArg("format", "csv", true))
		default:
			fmt.Fprintf(stderr, "%s: option %s is not supported yet\n", progName, p.name)
			return hint()
		}
	}
	for _, a := range operands {
		switch {
		case dbname == "":
			dbname = a
		case user == "":
			user = a
		default:
			o.ExtraArgs = append(o.ExtraArgs, a)
		}
	}
	if o.ListDatabases && dbname == "" {
		dbname = "postgres" // psql's -l connects to postgres unless told otherwise
	}
	for _, kv := range [][2]string{{"host", host}, {"port", port}, {"user", user}, {"dbname", dbname}} {
		if kv[1] != "" {
			o.ConnParams = append(o.ConnParams, proto.Param{Keyword: kv[0], Value: kv[1]})
		}
	}
	return o, 0, false
}

// psetArg is one repl.Options.Pset entry; has tells "-P title=" (empty) from "-P title".
func psetArg(name, value string, has bool) repl.PsetArg {
	return repl.PsetArg{Name: name, Value: value, Has: has}
}

// readPassword prompts on the terminal and reads a line without echo, as psql's
// simple_prompt does: /dev/tty when there is one, else standard input and standard error.
func readPassword(prompt string, stdin *os.File, stderr io.Writer) (string, error) {
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err == nil {
		defer tty.Close()
		fmt.Fprint(tty, prompt)
		b, err := term.ReadPassword(int(tty.Fd()))
		fmt.Fprint(tty, "\n")
		return string(b), err
	}
	fmt.Fprint(stderr, prompt)
	var line []byte
	var one [1]byte
	for {
		n, err := stdin.Read(one[:])
		if n == 0 || err != nil || one[0] == '\n' {
			break
		}
		line = append(line, one[0])
	}
	return strings.TrimSuffix(string(line), "\r"), nil
}
