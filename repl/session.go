package repl

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/gpsql/gpsql/history"
	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// Exit codes, as psql's (settings.h).
const (
	ExitSuccess = 0
	ExitFailure = 1
	ExitBadConn = 2
	ExitUser    = 3
)

// Session is one gpsql session: settings, variables, output and the connection. It is used
// by one goroutine.
type Session struct {
	opts    *Options
	conn    *proto.Conn
	vars    *Vars
	popt    render.Options
	out     *bufio.Writer
	outFile io.WriteCloser // the -o / \o target when output is redirected
	errOut  io.Writer

	// Settings mirrored from special variables.
	onErrorStop bool
	quiet       bool
	verbosity   proto.Verbosity
	showContext proto.ContextVisibility

	// Where input comes from, for the "gpsql:FILE:LINE: " prefix of messages.
	inputName        string // "" when reading standard input that was not named with -f
	lineNo           int
	interactive      bool
	promptStatus     PromptStatus // the lexer's state after the last line, for %R
	special          specialSettings
	buf              *strings.Builder   // the query buffer of the loop that is reading
	prevQuery        string             // the last query sent (\p, \g with an empty buffer)
	lastErr          *proto.ServerError // the last error shown, for \errverbose
	lastErrQuery     string
	timing           bool             // \timing
	stmtLine         int              // %l: line number within the statement being typed
	lastPrompt1Width int              // %w: display width of the last PROMPT1
	hist             *history.History // interactive sessions only
	histLines        []string         // lines of the statement being typed, for one history entry
	cond             condStack        // \if nesting of the input being read
	slashFailed      bool             // the last backslash command failed
	terse            bool             // psql's PG_LOG_FLAG_TERSE, on once actions or the main loop start
	ctx              context.Context
	cancelMu         sync.Mutex           // held while a Ctrl-C cancel request is sent and reported
	notes            notifier             // notifications waiting to be shown
	idleLost         *proto.ConnLostError // the connection died while the prompt was shown
	curSource        lineSource           // the input being read, which COPY FROM STDIN continues
	inCopy           bool                 // COPY FROM STDIN is reading lines (PROMPT3)
	keys             *keyMux              // the terminal input readline shares with the built-in pager (pager.go)
	logFile          io.Writer            // -L
	connParams       []proto.Param        // parameters of the connection, for \connect to reuse (connect.go)
	connDropped      bool                 // a failed \connect in a script closed the connection (connect.go)
	send             sendState            // \g and friends: the next send's options, the send in progress (send.go)
	intrMu           sync.Mutex           // guards onIntr
	onIntr           func()               // what SIGINT does now (loop.go watchInterrupts)
	lastResult       *proto.Result        // the last result of the query being run (resultvars.go)
	histSink         func(entry string)   // the line editor's in-memory history (interactive.go)
	noEval           bool                 // scanning arguments that are only warned about: expand nothing
	fetchedRows      int64                // rows of a FETCH_COUNT query, -1 when it did not use batches (resultvars.go)
	copyIn           *copyLines           // the COPY FROM STDIN data reader of the running query (loop.go)
	pipe             pipelineState        // \startpipeline ... \endpipeline (pipeline.go)
	idle             idleWatcher          // the prompt's notification watcher, which lends the connection to completion (notify.go)
	redisplay        bool                 // \e left a query buffer to show again before the next prompt (interactive.go)
	noQueryBuffer    bool                 // a -c backslash command runs without a query buffer, as in psql (slash.go)
	cancelPressed    atomic.Bool          // SIGINT came (psql's cancel_pressed): a script stops at its next line (loop.go)
	clientEncoding   string               // the client_encoding ENCODING last took (psql's pset.encoding; execute.go)
}

// Run runs a whole gpsql invocation and returns the process exit code.
func Run(ctx context.Context, opts *Options) int {
	s := &Session{
		opts:   opts,
		vars:   newVars(),
		popt:   render.Defaults(),
		out:    bufio.NewWriterSize(opts.Stdout, 64*1024),
		errOut: opts.Stderr,
		ctx:    ctx,
	}
	defer func() { s.out.Flush() }() // s.out changes with \o
	defer s.watchInterrupts()()
	s.initVars()
	if opts.Quiet {
		s.vars.Set("QUIET", "on")
	}
	for _, v := range opts.Vars {
		var err error
		if v.Unset {
			err = s.vars.Unset(v.Name)
		} else {
			err = s.vars.Set(v.Name, v.Value)
		}
		if err != nil {
			s.fatal(err.Error())
			return ExitFailure
		}
	}
	for _, p := range opts.Pset {
		if err := meta.PsetValue(&s.popt, p.Name, p.Value, p.Has); err != nil {
			s.fatal(err.Error())
			return ExitFailure
		}
	}
	if code := s.connect(); code != ExitSuccess {
		return code
	}
	defer s.conn.Close()
	for _, a := range opts.ExtraArgs {
		if !s.quiet {
			s.warn(fmt.Sprintf("extra command-line argument \"%s\" ignored", a))
		}
	}
	if opts.ListDatabases {
		s.terse = true
		return s.runSlashLine(`\l`) // psql's -l: no start-up file, no other action
	}
	if !opts.NoPsqlrc {
		s.runPsqlrc()
	}
	if opts.LogFile != "" {
		f, err := os.OpenFile(opts.LogFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o666)
		if err != nil {
			s.fatal(fmt.Sprintf("could not open log file \"%s\": %s", opts.LogFile, errnoText(err)))
			return ExitFailure
		}
		defer f.Close()
		s.logFile = f
	}
	if opts.Output != "" {
		if err := s.setOutput(opts.Output); err != nil {
			s.fatal(err.Error())
			return ExitFailure
		}
		defer s.closeOutput()
	}
	if len(opts.Actions) > 0 {
		return s.singleTransaction(s.runActions)
	}
	if opts.StdinTTY {
		return s.runInteractive()
	}
	return s.singleTransaction(func() int {
		s.inputName = ""
		code := s.mainLoop(newScriptReader(opts.Stdin))
		if code == exitTerminate {
			code = ExitSuccess
		}
		return code
	})
}

// singleTransaction runs f inside BEGIN ... COMMIT for -1, as psql does: ROLLBACK instead
// when ON_ERROR_STOP stopped it; the BEGIN and COMMIT print nothing.
func (s *Session) singleTransaction(f func() int) int {
	if !s.opts.SingleTransaction {
		return f()
	}
	if err := s.execSilent("BEGIN"); err != nil {
		s.printErr(err.Error())
		if s.onErrorStop {
			return ExitUser
		}
	}
	code := f()
	end := "COMMIT"
	if code != ExitSuccess && s.onErrorStop {
		end = "ROLLBACK"
	}
	if s.conn != nil && !s.conn.Closed() {
		if err := s.execSilent(end); err != nil {
			s.printErr(err.Error())
		}
	}
	return code
}

// initVars sets psql's initial variables and installs the hooks of the special ones.
func (s *Session) initVars() {
	v := s.vars
	s.initSpecialVars()
	v.hook("ON_ERROR_STOP", boolVar("ON_ERROR_STOP", &s.onErrorStop, "off"))
	v.hook("QUIET", boolVar("QUIET", &s.quiet, "off"))
	v.hook("FETCH_COUNT", fetchCountHook())
	v.hook("VERBOSITY", enumVar("VERBOSITY", "default", []string{"default", "verbose", "terse", "sqlstate"}, func(val string) {
		s.verbosity = map[string]proto.Verbosity{"default": proto.VerbosityDefault, "verbose": proto.VerbosityVerbose,
			"terse": proto.VerbosityTerse, "sqlstate": proto.VerbositySqlstate}[val]
	}))
	v.hook("SHOW_CONTEXT", enumVar("SHOW_CONTEXT", "errors", []string{"never", "errors", "always"}, func(val string) {
		s.showContext = map[string]proto.ContextVisibility{"never": proto.ContextNever, "errors": proto.ContextErrors,
			"always": proto.ContextAlways}[val]
	}))
	v.Set("PROMPT1", "%/%R%x%# ")
	v.Set("PROMPT2", "%/%R%x%# ")
	v.Set("PROMPT3", ">> ")
	// gpsql's own version; VERSION_NUM is the psql release whose behaviour it follows, for
	// scripts that branch on it.
	v.Set("VERSION", "gpsql "+s.opts.Version+" (psql 15 compatible)")
	v.Set("VERSION_NAME", s.opts.Version)
	v.Set("VERSION_NUM", "150000")
	s.setPipelineVars() // psql 18's PIPELINE_* variables start at 0 (pipeline.go)
}

// log writes a message to stderr as psql's pg_log_* functions do: with the
// "gpsql:FILE:LINE: " locus while a script file runs, else "gpsql: " until the first action
// or the main loop starts (psql then turns on terse logging). level is "error", "warning" or
// "" (psql's pg_log_info, used for server errors and notices).
func (s *Session) log(level, msg string) {
	s.out.Flush()
	var b strings.Builder
	switch {
	case s.inputName != "":
		b.WriteString(s.opts.ProgName + ":" + s.inputName + ":")
		if s.lineNo > 0 {
			b.WriteString(strconv.Itoa(s.lineNo) + ":")
		}
		b.WriteByte(' ')
	case !s.terse:
		b.WriteString(s.opts.ProgName + ": ")
	}
	if level != "" && (s.inputName != "" || !s.terse) {
		b.WriteString(level + ": ")
	}
	b.WriteString(strings.TrimSuffix(msg, "\n"))
	b.WriteByte('\n')
	io.WriteString(s.errOut, b.String())
}

// printErr reports a server error or notice (psql's pg_log_info).
func (s *Session) printErr(msg string) { s.log("", msg) }

// fatal reports an error (psql's pg_log_error).
func (s *Session) fatal(msg string) { s.log("error", msg) }

func (s *Session) warn(msg string) { s.log("warning", msg) }

// connect opens the session's connection as psql's startup does, prompting for a password
// when the server asks for one and none is known (unless -w).
func (s *Session) connect() int {
	params := append([]proto.Param(nil), s.opts.ConnParams...)
	if s.opts.StdinTTY && s.opts.StdoutTTY {
		if _, ok := s.opts.Env.LookupEnv("PGCLIENTENCODING"); !ok {
			params = append(params, proto.Param{Keyword: "client_encoding", Value: localeEncoding(s.opts.Env)})
		}
	}
	params = append(params, proto.Param{Keyword: "fallback_application_name", Value: "psql"})
	user := ""
	for _, p := range params {
		if p.Keyword == "user" {
			user = p.Value
		}
	}
	password := ""
	if s.opts.PromptPassword == TriYes {
		prompt := "Password: "
		if user != "" {
			prompt = fmt.Sprintf("Password for user %s: ", user)
		}
		pw, err := s.readPassword(prompt)
		if err != nil {
			return ExitBadConn
		}
		password = pw
	}
	for {
		cfg, err := proto.ParseConfig(withPassword(params, password), s.opts.Env)
		if err != nil {
			s.fatal(err.Error())
			return ExitBadConn
		}
		conn, err := proto.Connect(s.ctx, cfg, proto.ConnectOptions{
			Env:            s.opts.Env,
			OnNotice:       s.onNotice,
			OnNotification: s.onNotification,
		})
		if err == nil {
			s.conn = conn
			s.syncConnVars()
			return ExitSuccess
		}
		var cerr *proto.ConnectError
		if errors.As(err, &cerr) && cerr.NeedsPassword && password == "" && s.opts.PromptPassword != TriNo {
			pw, perr := s.readPassword(fmt.Sprintf("Password for user %s: ", cfg.User))
			if perr != nil {
				return ExitBadConn
			}
			password = pw
			if password != "" {
				continue
			}
		}
		s.fatal(err.Error())
		return ExitBadConn
	}
}

func withPassword(params []proto.Param, pw string) []proto.Param {
	if pw == "" {
		return params
	}
	out := make([]proto.Param, 0, len(params)+1)
	for _, p := range params {
		out = append(out, p)
		if p.Keyword == "user" || (p.Keyword == "port" && !hasKeyword(params, "user")) {
			out = append(out, proto.Param{Keyword: "password", Value: pw})
		}
	}
	if !hasKeyword(out, "password") {
		out = append([]proto.Param{{Keyword: "password", Value: pw}}, out...)
	}
	return out
}

func hasKeyword(params []proto.Param, k string) bool {
	for _, p := range params {
		if p.Keyword == k {
			return true
		}
	}
	return false
}

func (s *Session) readPassword(prompt string) (string, error) {
	if s.opts.ReadPassword == nil {
		return "", errors.New("no terminal to read a password from")
	}
	return s.opts.ReadPassword(prompt)
}

// localeEncoding is libpq's client_encoding=auto: the encoding of the locale.
func localeEncoding(env proto.Env) string {
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if v, ok := env.LookupEnv(k); ok && v != "" {
			l := strings.ToLower(v)
			if strings.Contains(l, "utf-8") || strings.Contains(l, "utf8") {
				return "UTF8"
			}
			return "SQL_ASCII"
		}
	}
	return "SQL_ASCII"
}

// syncConnVars sets DBNAME, USER, HOST, PORT, ENCODING and the server version variables.
func (s *Session) syncConnVars() {
	c := s.conn
	cfg := c.Config()
	h := c.Host()
	s.vars.Set("DBNAME", cfg.Database)
	s.vars.Set("USER", cfg.User)
	host := h.Host
	if h.HostAddr != "" && host == "" {
		host = h.HostAddr
	}
	s.vars.Set("HOST", host)
	s.vars.Set("PORT", strconv.Itoa(int(h.Port)))
	s.clientEncoding = c.ParameterStatus("client_encoding")
	s.vars.Set("ENCODING", s.clientEncoding)
	s.vars.Set("SERVER_VERSION_NAME", c.ParameterStatus("server_version"))
	s.vars.Set("SERVER_VERSION_NUM", strconv.Itoa(c.ServerVersionNum()))
}

// onNotice prints a NoticeResponse as psql's notice processor does.
func (s *Session) onNotice(n *proto.Notice) {
	query := ""
	if s.conn != nil {
		query = s.conn.LastQuery() // a notice's position refers to it, as libpq shows it
	}
	s.printErr(s.formatError(n, query))
}

// runPsqlrc runs the start-up files as psql does: the system one
// (PGSYSCONFDIR/psqlrc), then PSQLRC or ~/.gpsqlrc, else ~/.psqlrc, each preferring a
// version-specific variant (name-15) when it exists.
func (s *Session) runPsqlrc() {
	env := s.opts.Env
	sysdir, ok := env.LookupEnv("PGSYSCONFDIR")
	if !ok || sysdir == "" {
		sysdir = "/etc/postgresql-common"
	}
	s.runRCFile(filepath.Join(sysdir, "psqlrc"))
	if v, ok := env.LookupEnv("PSQLRC"); ok && v != "" {
		s.runRCFile(v)
		return
	}
	if env.HomeDir != "" && !s.runRCFile(filepath.Join(env.HomeDir, ".gpsqlrc")) {
		s.runRCFile(filepath.Join(env.HomeDir, ".psqlrc"))
	}
}

// runRCFile runs name-15 if it exists, else name, and reports whether one existed.
func (s *Session) runRCFile(name string) bool {
	for _, cand := range []string{name + "-15", name} {
		if _, err := os.Stat(cand); err == nil {
			s.processFile(cand)
			return true
		}
	}
	return false
}

// runActions runs the -c and -f actions in order; the exit code is the last one's, and
// ON_ERROR_STOP stops at the first failure (psql's main).
func (s *Session) runActions() int {
	code := ExitSuccess
	for _, a := range s.opts.Actions {
		switch a.Kind {
		case ActionCommand:
			s.terse = true
			s.inputName, s.lineNo = "", 0
			if strings.HasPrefix(a.Value, "\\") {
				code = s.runSlashLine(a.Value)
			} else if s.execute(a.Value) {
				code = ExitSuccess
			} else {
				code = ExitFailure
			}
		case ActionFile:
			code = s.processFile(a.Value)
		}
		if (s.conn == nil || s.conn.Closed()) && !s.connDropped { // not after a failed \connect
			return ExitBadConn // the connection was lost (psql's CheckConnection)
		}
		if code != ExitSuccess && s.onErrorStop {
			break
		}

	}
	return code
}

// exitTerminate is an internal code: \q was given.
const exitTerminate = -1

// processFile runs a script file as psql's process_file does ("-" is standard input).
func (s *Session) processFile(name string) int {
	var r io.Reader
	display := name
	if name == "-" {
		r = s.opts.Stdin
		display = "<stdin>"
	} else {
		f, err := os.Open(name)
		if err != nil {
			s.fatal(fmt.Sprintf("%s: %s", name, errnoText(err)))
			return ExitFailure
		}
		defer f.Close()
		r = f
	}
	oldName, oldLine := s.inputName, s.lineNo
	s.inputName, s.lineNo = display, 0
	defer func() { s.inputName, s.lineNo = oldName, oldLine }()
	code := s.mainLoop(newScriptReader(r))
	if code == exitTerminate {
		code = ExitSuccess // \q ends only the file it is in, as in psql
	}
	return code
}

// errnoText gives the strerror text of a file error.
func errnoText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return capitalize(pe.Err.Error())
	}
	return err.Error()
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
