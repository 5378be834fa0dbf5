package repl

import (
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/meta"
)

// ifState is one level of \if nesting (psql's ifState).
type ifState int

const (
	ifTrue      ifState = iota // in the \if or \elif branch that was taken
	ifFalse                    // no branch taken yet; the current one is false
	ifIgnored                  // an earlier branch was taken, or the whole \if is inside an inactive one
	ifElseTrue                 // in an \else that runs
	ifElseFalse                // in an \else that is skipped
)

// condStack is the \if nesting of one input source (each script file has its own, as in
// psql's MainLoop).
type condStack []ifState

// active reports whether commands in the current branch run.
func (c condStack) active() bool {
	if len(c) == 0 {
		return true
	}
	top := c[len(c)-1]
	return top == ifTrue || top == ifElseTrue
}

// condActive is the lexer's view: backquotes and variables are only expanded in an
// active branch.
func (s *Session) condActive() bool { return s.cond.active() && !s.noEval }

// isCondCommand reports the \if family, which runs in inactive branches too.
func isCondCommand(name string) bool {
	switch name {
	case "if", "elif", "else", "endif":
		return true
	}
	return false
}

// runCond runs \if, \elif, \else or \endif (psql's exec_command_if and friends).
func (s *Session) runCond(name string, args meta.Args) slashResult {
	c := &s.cond
	switch name {
	case "if":
		if c.active() {
			// A bad expression is reported and counts as false; like psql, it does not
			// trip ON_ERROR_STOP.
			if b, _ := s.condExpr(name, args); b {
				*c = append(*c, ifTrue)
			} else {
				*c = append(*c, ifFalse)
			}
		} else {
			skipArgs(args)
			*c = append(*c, ifIgnored)
		}
	case "elif":
		if len(*c) == 0 {
			skipArgs(args)
			s.fatal("\\elif: no matching \\if")
			return slashError
		}
		top := &(*c)[len(*c)-1]
		switch *top {
		case ifTrue:
			skipArgs(args)
			*top = ifIgnored
		case ifFalse:
			if b, _ := s.condExpr(name, args); b {
				*top = ifTrue
			}
		case ifIgnored:
			skipArgs(args)
		default:
			skipArgs(args)
			s.fatal("\\elif: cannot occur after \\else")
			return slashError
		}
	case "else":
		if len(*c) == 0 {
			s.fatal("\\else: no matching \\if")
			return slashError
		}
		top := &(*c)[len(*c)-1]
		switch *top {
		case ifTrue, ifIgnored:
			*top = ifElseFalse
		case ifFalse:
			*top = ifElseTrue
		default:
			s.fatal("\\else: cannot occur after \\else")
			return slashError
		}
	case "endif":
		if len(*c) == 0 {
			s.fatal("\\endif: no matching \\if")
			return slashError
		}
		*c = (*c)[:len(*c)-1]
	}
	return slashOK
}

// condExpr reads an \if or \elif expression: the arguments joined by spaces, parsed as a
// Boolean (psql's read_boolean_expression).
func (s *Session) condExpr(name string, args meta.Args) (bool, bool) {
	var parts []string
	for {
		a, ok := args.Next(meta.OptNormal)
		if !ok {
			break
		}
		parts = append(parts, a)
	}
	val := strings.Join(parts, " ")
	b, ok := meta.ParseBool(val)
	if !ok {
		s.fatal(fmt.Sprintf("unrecognized value \"%s\" for \"\\%s expression\": Boolean expected", val, name))
	}
	return b, ok
}

// skipArgs consumes a command's arguments without acting on them (psql's
// ignore_slash_options); in an inactive branch the lexer expands nothing.
func skipArgs(args meta.Args) {
	for {
		if _, ok := args.Next(meta.OptNormal); !ok {
			return
		}
	}
}
