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

// condLevel is one \if level: its state and the query text to go back to when a skipped
// branch ends (psql's IfStackElem with its query_len and paren_depth).
type condLevel struct {
	state ifState
	// query is the query buffer as it was when the level started or its last active
	// branch ended. psql keeps only the length and truncates to it; gpsql keeps the text,
	// because its loop empties the buffer at a ';' typed in a skipped branch where psql
	// leaves the buffer alone (mainloop.c "query_buf doesn't change state"): restoring the
	// text gives what psql's truncation gives.
	query      string
	parenDepth int
}

// condStack is the \if nesting of one input source (each script file has its own, as in
// psql's MainLoop).
type condStack []condLevel

// active reports whether commands in the current branch run.
func (c condStack) active() bool {
	if len(c) == 0 {
		return true
	}
	top := c[len(c)-1].state
	return top == ifTrue || top == ifElseTrue
}

// saveQuery remembers the query buffer and the lexer's parenthesis depth in the top level,
// to be restored when the branch that follows is skipped (save_query_text_state).
func (c condStack) saveQuery(lx *Lexer, buf *strings.Builder) {
	top := &c[len(c)-1]
	top.query, top.parenDepth = buf.String(), lx.ParenDepth()
}

// discardQuery throws away what a skipped branch added to the query buffer and the
// parenthesis depth it left (discard_query_text).
func (c condStack) discardQuery(lx *Lexer, buf *strings.Builder) {
	top := c[len(c)-1]
	if buf.String() != top.query {
		buf.Reset()
		buf.WriteString(top.query)
	}
	lx.SetParenDepth(top.parenDepth)
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

// runCond runs \if, \elif, \else or \endif as psql 15's exec_command_if, _elif, _else and
// _endif do (src/bin/psql/command.c). The branch state changes before the expression is
// read, so the lexer expands variables and backquotes only when the expression is
// evaluated. Text a skipped branch put in the query buffer, and the parenthesis depth it
// left, are dropped when that branch ends; an active branch's text is kept.
func (s *Session) runCond(name string, args meta.Args, lx *Lexer, buf *strings.Builder) slashResult {
	c := &s.cond
	switch name {
	case "if":
		if c.active() {
			*c = append(*c, condLevel{state: ifTrue})
			c.saveQuery(lx, buf)
			// A bad expression is reported and counts as false; like psql, it does not
			// trip ON_ERROR_STOP.
			if b, _ := s.condExpr(name, args); !b {
				(*c)[len(*c)-1].state = ifFalse
			}
		} else {
			*c = append(*c, condLevel{state: ifIgnored})
			c.saveQuery(lx, buf)
			skipArgs(args)
		}
	case "elif":
		if len(*c) == 0 {
			s.fatal("\\elif: no matching \\if")
			return slashError
		}
		top := &(*c)[len(*c)-1]
		switch top.state {
		case ifTrue:
			c.saveQuery(lx, buf)
			top.state = ifIgnored
			skipArgs(args)
		case ifFalse:
			c.discardQuery(lx, buf)
			top.state = ifTrue
			if b, _ := s.condExpr(name, args); !b {
				top.state = ifFalse
			}
		case ifIgnored:
			c.discardQuery(lx, buf)
			skipArgs(args)
		default:
			s.fatal("\\elif: cannot occur after \\else")
			return slashError
		}
	case "else":
		if len(*c) == 0 {
			s.fatal("\\else: no matching \\if")
			return slashError
		}
		top := &(*c)[len(*c)-1]
		switch top.state {
		case ifTrue:
			c.saveQuery(lx, buf)
			top.state = ifElseFalse
		case ifFalse:
			c.discardQuery(lx, buf)
			top.state = ifElseTrue
		case ifIgnored:
			c.discardQuery(lx, buf)
			top.state = ifElseFalse
		default:
			s.fatal("\\else: cannot occur after \\else")
			return slashError
		}
	case "endif":
		if len(*c) == 0 {
			s.fatal("\\endif: no matching \\if")
			return slashError
		}
		if !c.active() {
			c.discardQuery(lx, buf)
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
