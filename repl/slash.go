package repl

import (
	"fmt"
	"strings"
)

// slashResult is the outcome of a backslash command (psql's backslashResult).
type slashResult int

const (
	slashOK slashResult = iota
	slashError
	slashTerminate
)

// runSlash runs the backslash command at the lexer's position. The small set here (\q,
// \echo, \set, \unset) is what scripts need before the meta package takes the rest.
func (s *Session) runSlash(lx *Lexer, buf *strings.Builder) slashResult {
	cmd := lx.ScanSlashCommand()
	var res slashResult
	switch cmd {
	case "q", "quit":
		res = slashTerminate
	case "echo":
		var args []string
		for {
			a, ok := lx.ScanSlashOption(OptNormal)
			if !ok {
				break
			}
			args = append(args, a)
		}
		s.out.WriteString(strings.Join(args, " ") + "\n")
	case "set":
		res = s.slashSet(lx)
	case "unset":
		name, ok := lx.ScanSlashOption(OptNormal)
		if !ok {
			s.fatal("\\unset: missing required argument")
			res = slashError
		} else if err := s.vars.Unset(name); err != nil {
			s.fatal(err.Error())
			res = slashError
		}
	default:
		s.fatal(fmt.Sprintf("invalid command \\%s", cmd))
		if s.interactive {
			s.log("hint", "Try \\? for help.")
		}
		res = slashError
	}
	lx.ScanSlashCommandEnd()
	if res == slashError {
		s.slashFailed = true
	}
	return res
}

// slashSet is \set: with no argument it lists the variables, else NAME and the
// concatenation of the remaining arguments.
func (s *Session) slashSet(lx *Lexer) slashResult {
	name, ok := lx.ScanSlashOption(OptNormal)
	if !ok {
		for _, n := range s.vars.Names() {
			v, _ := s.vars.Get(n)
			fmt.Fprintf(s.out, "%s = '%s'\n", n, v)
		}
		return slashOK
	}
	var val strings.Builder
	for {
		a, ok := lx.ScanSlashOption(OptNormal)
		if !ok {
			break
		}
		val.WriteString(a)
	}
	if err := s.vars.Set(name, val.String()); err != nil {
		s.fatal(err.Error())
		return slashError
	}
	return slashOK
}

// runSlashLine runs a -c argument that starts with a backslash.
func (s *Session) runSlashLine(line string) int {
	lx := s.newLexer()
	var buf strings.Builder
	s.slashFailed = false
	code, stop := s.scanLine(lx, line, &buf)
	if s.slashFailed && !stop {
		return ExitFailure
	}
	if stop {
		if code == exitTerminate {
			return ExitSuccess
		}
		return code
	}
	if strings.TrimSpace(buf.String()) != "" {
		if !s.sendQuery(buf.String()) {
			return ExitFailure
		}
	}
	return ExitSuccess
}
