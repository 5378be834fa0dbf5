package repl

import (
	"strings"

	"github.com/gpsql/gpsql/meta"
)

// This file connects the lexer to the session for backslash commands: how a command's
// arguments are read when it runs (lexArgs, with psql's per-command semicolon rule), how
// they are skipped in an inactive \if branch (skipInactive), and the server setting the SQL
// lexer follows (standardStrings).

// standardStrings is psql's standard_strings() (src/bin/psql/common.c): true only when
// there is a connection and its last ParameterStatus said standard_conforming_strings is
// "on". The lexer asks it for every line (LexerCallbacks.StandardStrings).
func (s *Session) standardStrings() bool {
	return s.conn != nil && s.conn.ParameterStatus("standard_conforming_strings") == "on"
}

// lexArgs lets meta commands scan their arguments with the session's lexer. cmd is the
// command's name as typed; it decides whether trailing semicolons are dropped.
type lexArgs struct {
	s   *Session
	lx  *Lexer
	cmd string
}

// Next reads the next argument (meta.Args).
func (a lexArgs) Next(kind meta.OptionKind) (string, bool) {
	arg, _, ok := a.NextQuoted(kind)
	return arg, ok
}

// NextQuoted reads the next argument and whether any of it was quoted or came from a
// variable (meta.QuotedArgs). meta.OptNoEval reads an OptNormal argument while the session
// expands nothing (Session.noEval, seen by condActive and lexVariable).
func (a lexArgs) NextQuoted(kind meta.OptionKind) (string, bool, bool) {
	k := OptNormal
	switch kind {
	case meta.OptSQLID:
		k = OptSQLID
	case meta.OptSQLIDHack:
		k = OptSQLIDHack
	case meta.OptFilePipe:
		k = OptFilePipe
	case meta.OptWholeLine:
		k = OptWholeLine
	case meta.OptNoEval:
		if a.s != nil && !a.s.noEval {
			a.s.noEval = true
			defer func() { a.s.noEval = false }()
		}
		arg, q, ok := a.lx.ScanSlashOptionFull(OptNormal, false)
		return arg, q != 0, ok
	}
	arg, q, ok := a.lx.ScanSlashOptionFull(k, k != OptWholeLine && stripsSemicolons(a.cmd))
	return arg, q != 0, ok
}

// stripsSemicolons reports whether psql 15 reads the arguments of the command named cmd
// (as typed) with semicolon=true, dropping unquoted trailing semicolons ("\d tbl;",
// "\x on;"). In src/bin/psql/command.c every psql_scan_slash_option call of one command
// passes the same flag (exec_command_C, _connect through read_connect_arg, _cd,
// _crosstabview, _d and _dfo, _edit, _include, _list, _lo, _out, _password, _restrict, _s,
// _t, _unrestrict, _write, _watch, _x, _z); \sf and \sv pass it with OT_WHOLE_LINE, where it
// has no effect. Everything else (\echo, \set, \pset, \g, \gset, \prompt, \if, ...) keeps
// them.
func stripsSemicolons(cmd string) bool {
	if strings.HasPrefix(cmd, "d") || strings.HasPrefix(cmd, "lo_") {
		return true
	}
	switch strings.TrimSuffix(cmd, "+") {
	case "C", "c", "connect", "cd", "crosstabview", "e", "edit", "i", "include", "ir",
		"include_relative", "l", "list", "o", "out", "password", "restrict", "s", "t",
		"unrestrict", "w", "write", "watch", "x", "z":
		return true
	}
	return false
}

// skipInactive reads and drops the arguments of the command named cmd in an inactive \if
// branch exactly as far as the command would read them when active, so that a "\else" or
// "\endif" inside a whole-line or pipe argument stays part of it (psql 15's
// ignore_slash_whole_line, ignore_slash_filepipe and ignore_slash_options in command.c).
// The lexer expands no variables or backquotes there. What is left (plain arguments) is
// eaten afterwards as extra arguments.
func (s *Session) skipInactive(lx *Lexer, cmd string) {
	switch cmd {
	case "!", "copy", "ef", "ev", "h", "help", "sf", "sf+", "sv", "sv+":
		lx.ScanSlashOption(OptWholeLine)
	case "o", "out", "w", "write":
		lx.ScanSlashOption(OptFilePipe)
	case "g", "gx":
		// exec_command_g reads its options before it looks at the branch: a file or pipe,
		// or "(name=value ...)" up to an argument ending in ')' and then a file or pipe
		// (process_command_g_options).
		arg, ok := lx.ScanSlashOption(OptFilePipe)
		if ok && strings.HasPrefix(arg, "(") {
			for opt := arg; !strings.HasSuffix(opt, ")"); {
				if opt, ok = lx.ScanSlashOption(OptNormal); !ok {
					break
				}
			}
			lx.ScanSlashOption(OptFilePipe)
		}
	default:
		skipArgs(lexArgs{s: s, lx: lx, cmd: cmd})
	}
}
