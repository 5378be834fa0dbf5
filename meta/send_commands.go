package meta

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/render"
)

// SendOptions is what \g and its variants ask of the next send of the query buffer: psql's
// per-query settings gfname, gsavepopt, gset_prefix, gdesc_flag and gexec_flag (settings.h),
// and \bind's parameters. A command fills the SendOptions of its Env and returns Send; the
// loop sends the buffer (or the previous query when the buffer is empty) with them, then
// forgets them. The zero value is a plain \g. It is owned by the session's goroutine.
type SendOptions struct {
	// Target is \g's FILE or |command; "" is the current query output. Only tuples go there:
	// command tags still go to the query output, and the file is opened only when a result
	// with rows arrives (ExecQueryAndProcessResults in psql's common.c).
	Target string
	// Print, when not nil, replaces the print options for this query only (\gx, \g (opts)).
	Print *render.Options
	// Gset stores the only row's columns in variables named GsetPrefix+column (\gset).
	Gset       bool
	GsetPrefix string
	// Gexec runs every non-NULL value of the result as a query (\gexec).
	Gexec bool
	// Gdesc describes the result columns without running the query (\gdesc).
	Gdesc bool
	// Bind sends the query with the extended protocol and these parameters (\bind; psql 16).
	// A nil entry is NULL.
	Bind   bool
	Params [][]byte
	// Statement names the prepared statement of \parse, \bind_named and \close_prepared
	// (psql 16's stmtName); "" is the unnamed statement.
	Statement string
	// Parse prepares the query as Statement without running it (\parse).
	Parse bool
	// BindNamed runs the prepared Statement with Params (\bind_named).
	BindNamed bool
	// ClosePrepared closes Statement; the query buffer is not sent (\close_prepared).
	ClosePrepared bool
	// Watch > 0 runs the query every Watch seconds until Ctrl-C or an error (\watch); the
	// query does not become the previous query.
	Watch float64
	// Pipeline is a pipeline step done instead of running the query (pipeline_commands.go);
	// Results is \getresults' count, 0 for every pending result.
	Pipeline PipelineStep
	Results  int
}

// sendCommands are \g and its variants, \gset, \gexec, \gdesc, \watch, \bind and the extended-protocol commands.
func sendCommands() []Command {
	return []Command{
		{Names: []string{"g"}, Args: "[(OPTIONS)] [FILE]", Help: "execute query (and send result to file or |pipe);\n\\g with no arguments is equivalent to a semicolon", Section: "General", Run: runG},
		{Names: []string{"gx"}, Args: "[(OPTIONS)] [FILE]", Help: "as \\g, but forces expanded output mode", Section: "General", Run: runG},
		{Names: []string{"gset"}, Args: "[PREFIX]", Help: "execute query and store result in psql variables", Section: "General", Run: runGset},
		{Names: []string{"gexec"}, Help: "execute query, then execute each value in its result", Section: "General", Run: runGexec},
		{Names: []string{"gdesc"}, Help: "describe result of query, without executing it", Section: "General", Run: runGdesc},
		{Names: []string{"watch"}, Args: "[SEC]", Help: "execute query every SEC seconds", Section: "General", Run: runWatch},
		{Names: []string{"bind"}, Args: "[PARAM]...", Help: "set query parameters", Section: "General", Run: runBind},
		{Names: []string{"bind_named"}, Args: "STMT_NAME [PARAM]...", Help: "set query parameters for an existing prepared statement", Section: "General", Run: runBindNamed},
		{Names: []string{"parse"}, Args: "STMT_NAME", Help: "create a prepared statement", Section: "General", Run: runParse},
		{Names: []string{"close_prepared"}, Args: "STMT_NAME", Help: "close an existing prepared statement", Section: "General", Run: runClosePrepared},
		{Names: []string{"restrict"}, Args: "RESTRICT_KEY", Help: "enter restricted mode with provided key", Section: "General", Run: runRestrict},
		{Names: []string{"unrestrict"}, Args: "RESTRICT_KEY", Help: "exit restricted mode if key matches", Section: "General", Run: runUnrestrict},
	}
}

// runG is \g and \gx [(OPTIONS)] [FILE] (exec_command_g and process_command_g_options in
// psql's command.c): options are \pset name[=value] pairs for this query only, ending at a
// word that ends with ')'. An error in them sends nothing and keeps the query buffer.
func runG(env *Env, cmd string, args Args) Result {
	target, has := args.Next(OptFilePipe)
	var popt *render.Options
	if has && strings.HasPrefix(target, "(") {
		o := *env.Print
		popt = &o
		if !gOptions(env, cmd, target[1:], args, popt) {
			return Error
		}
		target, has = args.Next(OptFilePipe)
	}
	if refuseInPipeline(env, cmd) {
		return Error
	}
	req := env.Send
	if has {
		req.Target = expandHome(target)
	}
	if cmd == "gx" {
		if popt == nil {
			o := *env.Print
			popt = &o
		}
		popt.Expanded = render.ExpandedOn
	}
	req.Print = popt
	return Send
}

// gOptions applies \g's parenthesized options to o, reporting errors as do_pset does.
func gOptions(env *Env, cmd, first string, args Args, o *render.Options) bool {
	ok := true
	option, haveFirst := first, true
	for {
		if !haveFirst {
			var more bool
			option, more = args.Next(OptNormal)
			if !more {
				env.Errorf("\\%s: missing right parenthesis", cmd)
				return false
			}
		}
		haveFirst = false
		done := strings.HasSuffix(option, ")")
		option = strings.TrimSuffix(option, ")")
		if option != "" {
			name, value, hasValue := strings.Cut(option, "=")
			if err := PsetValue(o, name, value, hasValue); err != nil {
				env.Errorf("%s", err)
				ok = false
			}
		}
		if done {
			return ok
		}
	}
}

// runGset is \gset [PREFIX].
func runGset(env *Env, cmd string, args Args) Result {
	prefix, _ := args.Next(OptNormal)
	if refuseInPipeline(env, cmd) {
		return Error
	}
	env.Send.Gset, env.Send.GsetPrefix = true, prefix
	return Send
}

// runGexec is \gexec.
func runGexec(env *Env, cmd string, args Args) Result {
	if refuseInPipeline(env, cmd) {
		return Error
	}
	env.Send.Gexec = true
	return extraArgs(env, cmd, args, Send)
}

// runGdesc is \gdesc.
func runGdesc(env *Env, cmd string, args Args) Result {
	env.Send.Gdesc = true
	return extraArgs(env, cmd, args, Send)
}

// runBind is \bind [PARAM]...: the next query is sent with the extended protocol and these
// text parameters (psql 16's exec_command_bind). It does not send by itself.
func runBind(env *Env, _ string, args Args) Result {
	env.Send.Bind = true
	bindParams(env, args)
	return OK
}

// runBindNamed is \bind_named STMT_NAME [PARAM]... (psql 16): like \bind, for a statement
// prepared earlier (\parse, PREPARE at the protocol level).
func runBindNamed(env *Env, cmd string, args Args) Result {
	name, ok := requiredArg(env, cmd, args, OptNormal)
	if !ok {
		return Error
	}
	env.Send.BindNamed, env.Send.Statement = true, name
	bindParams(env, args)
	return OK
}

// bindParams takes the remaining arguments as the parameters of \bind or \bind_named.
func bindParams(env *Env, args Args) {
	env.Send.Params = env.Send.Params[:0]
	for _, a := range restArgs(args) {
		env.Send.Params = append(env.Send.Params, []byte(a))
	}
}

// runParse is \parse STMT_NAME (psql 16): the query buffer is prepared under that name
// with Parse, and not run.
func runParse(env *Env, cmd string, args Args) Result {
	name, ok := requiredArg(env, cmd, args, OptNormal)
	if !ok {
		return Error
	}
	env.Send.Parse, env.Send.Statement = true, name
	return extraArgs(env, cmd, args, Send)
}

// runClosePrepared is \close_prepared STMT_NAME (psql 16): Close of a prepared statement at
// the protocol level.
func runClosePrepared(env *Env, cmd string, args Args) Result {
	name, ok := requiredArg(env, cmd, args, OptNormal)
	if !ok {
		return Error
	}
	env.Send.ClosePrepared, env.Send.Statement = true, name
	return extraArgs(env, cmd, args, Send)
}

// runWatch is \watch [SEC] (psql 15's exec_command_watch): the interval is C's strtod of
// the argument, 1 when not positive, 2 without one; further arguments are ignored. The loop
// runs the query buffer (or the previous query) until Ctrl-C or an error, then clears the
// buffer as \r does.
func runWatch(env *Env, cmd string, args Args) Result {
	interval := 2.0
	if a, ok := args.Next(OptNormal); ok {
		interval = strtod(a)
		if interval <= 0 {
			interval = 1
		}
	}
	restArgs(args)
	if refuseInPipeline(env, cmd) {
		return Error
	}
	env.Send.Watch = interval
	return Send
}

// strtod is C's strtod(s, NULL) for decimal numbers: the longest prefix that parses, 0
// when none does.
func strtod(s string) float64 {
	s = strings.TrimLeft(s, " \t\n\v\f\r")
	for end := len(s); end > 0; end-- {
		if f, err := strconv.ParseFloat(s[:end], 64); err == nil {
			return f
		}
	}
	return 0
}

// WatchTitle is the title \watch puts above each result (do_watch in psql's command.c):
// "TIMESTAMP (every Ns)" after the \pset title and a tab when there is one, with a newline
// at the end; when is formatted as C's %c in the C locale.
func WatchTitle(userTitle string, when string, interval float64) string {
	if userTitle != "" {
		return fmt.Sprintf("%s\t%s (every %gs)\n", userTitle, when, interval)
	}
	return fmt.Sprintf("%s (every %gs)\n", when, interval)
}

// runRestrict is \restrict RESTRICT_KEY (psql 15.14's exec_command_restrict): from now on the
// loop refuses every backslash command but \unrestrict with the key. psql 15 takes any
// non-empty key (the alphanumeric rule is pg_dump's); the argument is scanned as usual, so
// :variables expand in it.
func runRestrict(env *Env, cmd string, args Args) Result {
	key, _ := args.Next(OptNormal)
	if key == "" {
		env.Errorf("\\%s: missing required argument", cmd)
		return Error
	}
	*env.Restrict = key
	return extraArgs(env, cmd, args, OK)
}

// runUnrestrict is \unrestrict RESTRICT_KEY (psql 15.14's exec_command_unrestrict): it leaves
// restricted mode when the key is the one \restrict gave. psql 15 scans the key as a normal
// argument (psql 18 takes the rest of the line).
func runUnrestrict(env *Env, cmd string, args Args) Result {
	key, _ := args.Next(OptNormal)
	switch {
	case key == "":
		env.Errorf("\\%s: missing required argument", cmd)
		return Error
	case *env.Restrict == "":
		env.Errorf("\\%s: not currently in restricted mode", cmd)
		return Error
	case key != *env.Restrict:
		env.Errorf("\\%s: wrong key", cmd)
		return Error
	}
	*env.Restrict = ""
	return extraArgs(env, cmd, args, OK)
}
