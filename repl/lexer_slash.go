package repl

import (
	"strconv"
	"strings"
)

// This file is the backslash-command half of the lexer: psql 15's
// src/bin/psql/psqlscanslash.l. It reads from the same input as Scan, so a
// meta command that came out of a :name variable value continues into the
// rest of the line.

// OptionKind selects how ScanSlashOption reads an argument (psql's enum
// slash_option_type, src/bin/psql/psqlscanslash.h).
type OptionKind int

const (
	// OptNormal: an argument ending at unquoted whitespace or backslash.
	// '...' quotes with \n \t \b \r \f \digits \xhex and a doubled quote inside; "..."
	// kept with its quotes; `...` replaced by the shell command's output;
	// :name, :'name', :"name" and :{?name} substituted.
	OptNormal OptionKind = iota
	// OptSQLID: as OptNormal, then double quotes are removed and unquoted
	// ASCII letters are downcased, as for a SQL identifier.
	OptSQLID
	// OptSQLIDHack: as OptSQLID without downcasing.
	OptSQLIDHack
	// OptFilePipe: as OptNormal, except that an argument starting with '|'
	// is the rest of the line, taken literally (\o |cmd, \g |cmd).
	OptFilePipe
	// OptWholeLine: the rest of the line, literally, without leading
	// whitespace (\!, \copy, \h, and discarding the rest after an error).
	OptWholeLine
)

// lexSlashState is the flex start condition of psqlscanslash.l.
type lexSlashState int

const (
	lexSlashArgStart lexSlashState = iota
	lexSlashArg
	lexSlashQuote
	lexSlashBackquote
	lexSlashDquote
	lexSlashWholeLine
)

// ScanSlashCommand reads the name of the meta command whose backslash Scan
// just consumed (psql_scan_slash_command): everything up to whitespace, the
// next backslash or the end of the line, so "\echo\echo" is two commands
// named "echo" and a lone "\" has the empty name.
func (l *Lexer) ScanSlashCommand() string {
	var b strings.Builder
	for {
		s := l.peek()
		if s == "" {
			break
		}
		n := lexSpan(s, func(c byte) bool { return !lexIsSpace(c) && c != '\\' })
		b.WriteString(s[:n])
		l.advance(n)
		if n < len(s) {
			break
		}
	}
	l.state = lexInitial
	return b.String()
}

// ScanSlashOption reads the next argument of the current meta command,
// keeping trailing semicolons: ScanSlashOptionFull(kind, false) without the
// quote report.
func (l *Lexer) ScanSlashOption(kind OptionKind) (arg string, ok bool) {
	arg, _, ok = l.ScanSlashOptionFull(kind, false)
	return arg, ok
}

// ScanSlashOptionFull reads the next argument of the current meta command
// (psql_scan_slash_option). ok is false when there is no further argument,
// or when a quote is left open; psql then reports "unterminated quoted
// string" through the Error callback. quote is 0 when no quoting was used,
// otherwise the last quoting character seen: a single quote, a double
// quote, a backquote, or ':' for a variable reference. With semicolon set,
// unquoted ';' at the end of the argument are dropped (psql 15 does not do
// this for OptWholeLine). As psql's arguments are C strings, the result
// ends at its first NUL byte.
func (l *Lexer) ScanSlashOptionFull(kind OptionKind, semicolon bool) (arg string, quote byte, ok bool) {
	var out strings.Builder
	unquoted := 0   // trailing characters not subject to quoting
	backtickAt := 0 // where the backquoted command starts in out
	st := lexSlashArgStart
	if kind == OptWholeLine {
		st = lexSlashWholeLine
	}
scan:
	for {
		s := l.peek()
		if s == "" {
			break
		}
		c := s[0]
		switch st {
		case lexSlashArgStart:
			switch {
			case lexIsSpace(c):
				l.advance(lexSpan(s, lexIsSpace))
			case c == '|' && kind == OptFilePipe:
				out.WriteByte('|')
				l.advance(1)
				st = lexSlashWholeLine
			default:
				st = lexSlashArg
			}
		case lexSlashArg:
			switch {
			case lexIsSpace(c) || c == '\\':
				break scan // not consumed: ends the argument
			case c == '\'':
				quote = '\''
				unquoted = 0
				st = lexSlashQuote
				l.advance(1)
			case c == '`':
				backtickAt = out.Len()
				quote = '`'
				unquoted = 0
				st = lexSlashBackquote
				l.advance(1)
			case c == '"':
				out.WriteByte('"')
				quote = '"'
				unquoted = 0
				st = lexSlashDquote
				l.advance(1)
			case c == ':':
				l.slashColon(&out, s, &quote, &unquoted)
			default:
				out.WriteByte(c)
				unquoted++
				l.advance(1)
			}
		case lexSlashQuote:
			l.slashQuoted(&out, s, &st)
		case lexSlashBackquote:
			switch c {
			case '`':
				l.advance(1)
				if l.cb.Active == nil || l.cb.Active() {
					l.runBacktick(&out, backtickAt)
				}
				st = lexSlashArg
			case ':':
				l.backquoteColon(&out, s)
			default:
				n := lexSpan(s, func(c byte) bool { return c != '`' && c != ':' })
				out.WriteString(s[:n])
				l.advance(n)
			}
		case lexSlashDquote:
			if c == '"' {
				out.WriteByte('"')
				l.advance(1)
				st = lexSlashArg
				break
			}
			n := lexSpan(s, func(c byte) bool { return c != '"' })
			out.WriteString(s[:n])
			l.advance(n)
		case lexSlashWholeLine:
			if lexIsSpace(c) {
				n := lexSpan(s, lexIsSpace)
				if out.Len() > 0 {
					out.WriteString(s[:n])
				}
				l.advance(n)
				break
			}
			n := lexSpan(s, func(c byte) bool { return !lexIsSpace(c) })
			out.WriteString(s[:n])
			l.advance(n)
		}
	}
	l.state = lexInitial

	res := out.String()
	switch st {
	case lexSlashArg:
		if semicolon {
			for ; unquoted > 0 && strings.HasSuffix(res, ";"); unquoted-- {
				res = res[:len(res)-1]
			}
		}
		if kind == OptSQLID || kind == OptSQLIDHack {
			res = lexDequoteIdent(lexCString(res), kind == OptSQLID)
		}
	case lexSlashQuote, lexSlashBackquote, lexSlashDquote:
		l.reportError("unterminated quoted string")
		return "", 0, false
	}
	if res == "" && quote == 0 {
		return "", 0, false
	}
	return lexCString(res), quote, true
}

// slashColon handles ':' in an argument: variable references, or the ':'
// alone.
func (l *Lexer) slashColon(out *strings.Builder, s string, quote *byte, unquoted *int) {
	ref, found := lexParseVarRef(s)
	if !found {
		out.WriteByte(':')
		*unquoted++
		l.advance(1)
		return
	}
	token := s[:ref.n]
	l.advance(ref.n)
	switch ref.kind {
	case lexRefPlain:
		// The value is used as is, not scanned again.
		if l.cb.GetVariable == nil {
			out.WriteString(token)
		} else {
			if v, ok := l.cb.GetVariable(ref.name, QuotePlain); ok {
				out.WriteString(v)
			} else {
				out.WriteString(token)
			}
			*quote = ':'
		}
		*unquoted = 0
	case lexRefLiteral, lexRefIdent:
		q := QuoteSQLLiteral
		if ref.kind == lexRefIdent {
			q = QuoteSQLIdent
		}
		if v, ok := l.getVariable(ref.name, q); ok {
			out.WriteString(v)
		} else {
			out.WriteString(token)
		}
		*quote = ':'
		*unquoted = 0
	case lexRefTest:
		if _, ok := l.getVariable(ref.name, QuotePlain); ok {
			out.WriteString("TRUE")
		} else {
			out.WriteString("FALSE")
		}
	}
}

// backquoteColon handles ':' inside `...`: :name and :'name' (shell-quoted)
// are substituted; nothing else is special.
func (l *Lexer) backquoteColon(out *strings.Builder, s string) {
	ref, found := lexParseVarRef(s)
	if found && (ref.kind == lexRefPlain || ref.kind == lexRefLiteral) {
		token := s[:ref.n]
		l.advance(ref.n)
		q := QuotePlain
		if ref.kind == lexRefLiteral {
			q = QuoteShell
		}
		if v, ok := l.getVariable(ref.name, q); ok {
			out.WriteString(v)
		} else {
			out.WriteString(token)
		}
		return
	}
	out.WriteByte(':')
	l.advance(1)
}

// slashQuoted handles one token inside '...' in an argument.
func (l *Lexer) slashQuoted(out *strings.Builder, s string, st *lexSlashState) {
	switch {
	case strings.HasPrefix(s, "''"):
		out.WriteByte('\'')
		l.advance(2)
	case s[0] == '\'':
		*st = lexSlashArg
		l.advance(1)
	case s[0] == '\\' && len(s) > 1:
		switch c := s[1]; {
		case c == 'n':
			out.WriteByte('\n')
		case c == 't':
			out.WriteByte('\t')
		case c == 'b':
			out.WriteByte('\b')
		case c == 'r':
			out.WriteByte('\r')
		case c == 'f':
			out.WriteByte('\f')
		case c >= '0' && c <= '7':
			n := min(3, lexSpan(s[1:], func(c byte) bool { return c >= '0' && c <= '7' }))
			v, _ := strconv.ParseUint(s[1:1+n], 8, 16)
			out.WriteByte(byte(v)) // (char) strtol(...): \777 is 0xff
			l.advance(1 + n)
			return
		case c == 'x' && len(s) > 2 && lexIsHexDigit(s[2]):
			n := 1
			if len(s) > 3 && lexIsHexDigit(s[3]) {
				n = 2
			}
			v, _ := strconv.ParseUint(s[2:2+n], 16, 8)
			out.WriteByte(byte(v))
			l.advance(2 + n)
			return
		case c == '\n':
			// "\\". does not match a newline: the backslash is literal.
			out.WriteByte('\\')
			l.advance(1)
			return
		default:
			out.WriteByte(c)
		}
		l.advance(2)
	default:
		n := lexSpan(s, func(c byte) bool { return c != '\'' && c != '\\' })
		if n == 0 {
			n = 1 // a backslash at the very end
		}
		out.WriteString(s[:n])
		l.advance(n)
	}
}

// runBacktick replaces out[at:] (a shell command) with the command's output
// minus one trailing newline (evaluate_backtick).
func (l *Lexer) runBacktick(out *strings.Builder, at int) {
	all := out.String()
	cmd := lexCString(all[at:])
	out.Reset()
	out.WriteString(all[:at])
	if l.cb.Shell == nil {
		out.WriteString(all[at:])
		return
	}
	res, err := l.cb.Shell(cmd)
	if err != nil {
		l.reportError(cmd + ": " + err.Error())
		return
	}
	out.WriteString(strings.TrimSuffix(res, "\n"))
}

// ScanSlashCommandEnd finishes a meta command (psql_scan_slash_command_end):
// it consumes a following "\\" separator, if any, and nothing else. The
// next Scan reads SQL again.
func (l *Lexer) ScanSlashCommandEnd() {
	if strings.HasPrefix(l.peek(), `\\`) {
		l.advance(2)
	}
	l.state = lexInitial
}

// lexDequoteIdent removes double quotes ("" inside quotes stands for one)
// and, if downcase is set, lowers unquoted ASCII letters
// (dequote_downcase_identifier in psqlscanslash.l). Multibyte characters are
// skipped whole, by the length their UTF-8 lead byte announces.
func lexDequoteIdent(s string, downcase bool) string {
	var b strings.Builder
	inQuotes := false
	for i := 0; i < len(s); {
		c := s[i]
		if c == '"' {
			if inQuotes && i+1 < len(s) && s[i+1] == '"' {
				b.WriteByte('"')
				i += 2
				continue
			}
			inQuotes = !inQuotes
			i++
			continue
		}
		if downcase && !inQuotes && c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		n := min(lexUTF8Len(c), len(s)-i)
		b.WriteByte(c)
		b.WriteString(s[i+1 : i+n])
		i += n
	}
	return b.String()
}

// lexCString cuts s at its first NUL byte, as a C string would end.
func lexCString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

func lexIsHexDigit(c byte) bool {
	return lexIsDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
