package repl

import (
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/meta"
)

// slashResult is the outcome of a backslash command (psql's backslashResult).
type slashResult int

const (
	slashOK slashResult = iota
	slashError
	slashTerminate
	slashNewEdit // \e replaced the query buffer: rescan it as input (PSQL_CMD_NEWEDIT)
)

// metaEnv is the session as meta commands see it.
func (s *Session) metaEnv() *meta.Env {
	return &meta.Env{
		Out:     s.out,
		Stdout:  s.stdout(),
		Stderr:  s.errOut,
		Loop:    loopAPI{s},
		History: s.historyEntries(),
		Timing:  &s.timing,
		Flush:   func() { s.out.Flush() },
		Vars:    s.vars,
		Print:   &s.popt,
		Errorf:  func(format string, a ...any) { s.fatal(fmt.Sprintf(format, a...)) },
		Warnf:   func(format string, a ...any) { s.warn(fmt.Sprintf(format, a...)) },
		Quiet:   s.quiet,
		Query:   querier{s},

		Copier:    copier{s},    // \copy, \lo_* (copy.go)
		Connector: connector{s}, // \c, \conninfo, \encoding, \password (connect.go)

		Send: &s.send.next, // \g and friends (send.go)

		Restrict: &s.send.restrictKey, // \restrict, \unrestrict (send_commands.go)

		InPipeline: s.pipelineActive(), // \sendpipeline, and the refusals of \g and friends (pipeline.go)
	}
}

// runSlash runs the backslash command at the lexer's position through the meta registry.
func (s *Session) runSlash(lx *Lexer, buf *strings.Builder) slashResult {
	s.sendHistory() // psql records the line before the command runs
	name := lx.ScanSlashCommand()
	res, send := slashOK, false
	if s.send.restrictKey != "" && name != "unrestrict" {
		s.fatal(`backslash commands are restricted; only \unrestrict is allowed`) // psql 15.14's exec_command
		res = slashError
	} else if isCondCommand(name) {
		res = s.runCond(name, lexArgs{s: s, lx: lx, cmd: name}, lx, buf)
	} else if cmd, ok := meta.Lookup(name); !s.cond.active() &&
		(ok || strings.HasPrefix(name, "d") || strings.HasPrefix(name, "lo_")) {
		// Parsed, not run (psql's inactive branch); psql's exec_command_d and exec_command_lo
		// skip their arguments there before they could find a \d or \lo_ name invalid.
		s.skipInactive(lx, name)
	} else if ok {
		switch cmd.Run(s.metaEnv(), name, lexArgs{s: s, lx: lx, cmd: name}) {
		case meta.Terminate:
			res = slashTerminate
		case meta.Error:
			res = slashError
		case meta.NewEdit:
			res = slashNewEdit
		case meta.Send:
			send = true
		}
		s.trackClientEncoding() // \encoding changes it, as psql's also sets pset.encoding (execute.go)
	} else {
		s.fatal(fmt.Sprintf("invalid command \\%s", name))
		if s.interactive {
			s.log("hint", "Try \\? for help.")
		}
		res = slashError
	}
	if res == slashError {
		lx.ScanSlashOption(OptWholeLine) // psql silently throws away the rest of the line after a failed command
	} else {
		s.eatExtraArgs(lx, name)
	}
	lx.ScanSlashCommandEnd()
	if send && s.noQueryBuffer {
		// psql runs a -c backslash command with no query buffer and ignores its request to
		// send one (startup.c, ACT_SINGLE_SLASH); \watch runs the empty buffer itself.
		if s.send.next.Watch > 0 {
			s.fatal("\\watch cannot be used with an empty query")
			res = slashError
		}
		send, s.send.next = false, meta.SendOptions{}
	}
	if send && !s.sendBuffer(lx, buf) {
		res = slashError
	}
	if res == slashError {
		s.slashFailed = true
	}
	return res
}

// runSlashLine runs a -c argument that starts with a backslash as psql's main does
// (ACT_SINGLE_SLASH): one backslash command, with no query buffer; the rest of the string
// is not run, and a request to send (\g) sends nothing. The exit code is 1 when the command
// failed, whatever ON_ERROR_STOP says (the caller stops on it); \q ends nothing.
func (s *Session) runSlashLine(line string) int {
	s.noQueryBuffer = true
	defer func() { s.noQueryBuffer = false }()
	lx := s.newLexer()
	var buf strings.Builder
	lx.SetLine(line)
	if res, _ := lx.Scan(&buf); res != ScanBackslash {
		return ExitSuccess // not reached: the line starts with a backslash
	}
	s.slashFailed = false
	if s.runSlash(lx, &buf) == slashError {
		return ExitFailure
	}
	return ExitSuccess
}

// eatExtraArgs reads the arguments a command left, without expanding variables or
// backquotes, and warns about each as psql's HandleSlashCmds does ("\cmd: extra argument
// "x" ignored"); in an inactive \if branch it says nothing.
func (s *Session) eatExtraArgs(lx *Lexer, name string) {
	active := s.cond.active()
	s.noEval = true
	defer func() { s.noEval = false }()
	for {
		arg, ok := lx.ScanSlashOption(OptNormal)
		if !ok {
			return
		}
		if active {
			s.warn(fmt.Sprintf("\\%s: extra argument \"%s\" ignored", name, arg))
		}
	}
}
