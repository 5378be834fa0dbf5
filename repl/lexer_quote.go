package repl

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Quoting of variable values for :'name', :"name" and :'name' inside
// backquotes, as psql_get_variable (src/bin/psql/common.c) does it with
// libpq's PQescapeLiteral/PQescapeIdentifier (src/interfaces/libpq/fe-exec.c,
// PQescapeInternal) and appendShellStringNoError (src/fe_utils/string_utils.c).
// The client encoding is assumed to be UTF8. Error texts are libpq's and
// psql's; psql prints them and leaves the reference as typed.

// QuoteLiteral quotes s as a SQL string literal like PQescapeLiteral:
// quotes are doubled; if s contains a backslash, backslashes are doubled too
// and the result is ` E'...'` with a leading space, correct whatever
// standard_conforming_strings says. s is cut at its first NUL byte, as a C
// string. An error "incomplete multibyte character" or "invalid multibyte
// character" is returned for invalid UTF-8.
func QuoteLiteral(s string) (string, error) {
	return lexEscape(s, false)
}

// QuoteIdent quotes s as a SQL identifier like PQescapeIdentifier: double
// quotes are doubled and the result is enclosed in double quotes. NUL and
// invalid UTF-8 are handled as in QuoteLiteral.
func QuoteIdent(s string) (string, error) {
	return lexEscape(s, true)
}

// lexEscape is PQescapeInternal for client_encoding UTF8.
func lexEscape(s string, ident bool) (string, error) {
	s = lexCString(s)
	quote := byte('\'')
	if ident {
		quote = '"'
	}
	backslashes := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			backslashes = backslashes || c == '\\'
			i++
			continue
		}
		n := lexUTF8Len(c)
		if i+n > len(s) {
			return "", errors.New("incomplete multibyte character")
		}
		if !utf8.ValidString(s[i : i+n]) {
			return "", errors.New("invalid multibyte character")
		}
		i += n
	}
	var b strings.Builder
	if !ident && backslashes {
		b.WriteString(" E")
	}
	b.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == quote || (!ident && c == '\\') {
			b.WriteByte(c)
		}
		b.WriteByte(c)
	}
	b.WriteByte(quote)
	return b.String(), nil
}

// QuoteShellArg quotes s for a POSIX shell like appendShellStringNoError: a
// non-empty s made only of ASCII letters, digits and -_./: is returned as
// is; otherwise it is enclosed in single quotes with each ' written as
// '"'"'. psql refuses values containing a newline or carriage return; the
// error then carries psql's message.
func QuoteShellArg(s string) (string, error) {
	s = lexCString(s)
	safe := s != ""
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			strings.IndexByte("-_./:", c) >= 0
	}
	if safe {
		return s, nil
	}
	if strings.ContainsAny(s, "\n\r") {
		return "", errors.New(`shell command argument contains a newline or carriage return: "` + s + `"`)
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'", nil
}

// lexUTF8Len is the sequence length a UTF-8 lead byte announces (pg_utf_mblen
// in src/common/wchar.c): 1 for ASCII and for bytes that cannot start a
// sequence.
func lexUTF8Len(c byte) int {
	switch {
	case c&0x80 == 0:
		return 1
	case c&0xe0 == 0xc0:
		return 2
	case c&0xf0 == 0xe0:
		return 3
	case c&0xf8 == 0xf0:
		return 4
	}
	return 1
}
