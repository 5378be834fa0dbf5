package completion

import (
	"strings"
	"unicode/utf8"
)

// tokKind classifies a token of the statement being typed.
type tokKind int

const (
	tWord   tokKind = iota // identifier or keyword, possibly dotted and quoted: a, "A", s.t, c.
	tString                // '...', E'...', $$...$$ (possibly unterminated)
	tNumber
	tOp    // operators, including ::
	tOpen  // (
	tClose // )
	tComma
	tSemi
	tMeta  // a backslash command: \d, \pset
	tGroup // a completed parenthesized group, collapsed (prevWords only)
)

// token is one lexical element; text is a sub-string of the lexed input.
type token struct {
	kind       tokKind
	text       string
	start, end int
	open       bool // a string or quoted identifier that runs to the end of the input
}

// lex splits SQL text into tokens as PostgreSQL's scanner does (scan.l), only finely enough
// for completion: comments and white space vanish, quotes and dollar quotes are honoured,
// and a dotted name is one word. A backslash outside quotes starts a psql meta-command token
// (psqlscan.l); the rest of that line is left to the caller. It never fails: what it cannot
// classify becomes a one-character operator.
func lex(s string) []token {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			i++
		case c == '-' && strings.HasPrefix(s[i:], "--"):
			j := strings.IndexByte(s[i:], '\n')
			if j < 0 {
				return toks
			}
			i += j + 1
		case c == '/' && strings.HasPrefix(s[i:], "/*"):
			i = skipBlockComment(s, i)
		case c == '\'' || ((c == 'E' || c == 'e') && strings.HasPrefix(s[i+1:], "'")):
			start := i
			if c != '\'' {
				i++
			}
			end, open := scanQuoted(s, i, '\'', c != '\'')
			toks = append(toks, token{kind: tString, text: s[start:end], start: start, end: end, open: open})
			i = end
		case c == '$' && dollarTag(s[i:]) != "":
			tag := dollarTag(s[i:])
			start := i
			j := strings.Index(s[i+len(tag):], tag)
			open := j < 0
			end := len(s)
			if !open {
				end = i + len(tag) + j + len(tag)
			}
			toks = append(toks, token{kind: tString, text: s[start:end], start: start, end: end, open: open})
			i = end
		case c == '"' || isIdentStart(s, i):
			start := i
			end, open := scanName(s, i)
			toks = append(toks, token{kind: tWord, text: s[start:end], start: start, end: end, open: open})
			i = end
		case c >= '0' && c <= '9':
			start := i
			for i < len(s) && (isDigit(s[i]) || s[i] == '.' || s[i] == '_' || isLetter(s[i])) {
				i++
			}
			toks = append(toks, token{kind: tNumber, text: s[start:i], start: start, end: i})
		case c == '\\':
			start := i
			i++
			for i < len(s) && !isSpace(s[i]) && s[i] != '\\' {
				i++
			}
			toks = append(toks, token{kind: tMeta, text: s[start:i], start: start, end: i})
		case c == '(':
			toks = append(toks, token{kind: tOpen, text: "(", start: i, end: i + 1})
			i++
		case c == ')':
			toks = append(toks, token{kind: tClose, text: ")", start: i, end: i + 1})
			i++
		case c == ',':
			toks = append(toks, token{kind: tComma, text: ",", start: i, end: i + 1})
			i++
		case c == ';':
			toks = append(toks, token{kind: tSemi, text: ";", start: i, end: i + 1})
			i++
		case strings.IndexByte("+-*/<>=~!@#%^&|`?:", c) >= 0:
			start := i
			for i < len(s) && strings.IndexByte("+-*/<>=~!@#%^&|`?:", s[i]) >= 0 {
				if strings.HasPrefix(s[i:], "--") || strings.HasPrefix(s[i:], "/*") {
					break
				}
				i++
			}
			toks = append(toks, token{kind: tOp, text: s[start:i], start: start, end: i})
		default:
			_, size := utf8.DecodeRuneInString(s[i:])
			toks = append(toks, token{kind: tOp, text: s[i : i+size], start: i, end: i + size})
			i += size
		}
	}
	return toks
}

func isSpace(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

// isIdentStart: PostgreSQL's ident_start is [A-Za-z\200-\377_] (scan.l).
func isIdentStart(s string, i int) bool { return isLetter(s[i]) || s[i] >= 0x80 }

func isIdentCont(c byte) bool { return isLetter(c) || isDigit(c) || c == '$' || c >= 0x80 }

// skipBlockComment returns the index after the (nested) comment starting at i.
func skipBlockComment(s string, i int) int {
	depth := 0
	for i < len(s) {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			depth++
			i += 2
		case strings.HasPrefix(s[i:], "*/"):
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return i
}

// scanQuoted scans a quoted run starting at the quote at i; a doubled quote is part of it,
// and with backslash a backslash escapes the next byte. It returns the end and whether the
// quote was left open.
func scanQuoted(s string, i int, q byte, backslash bool) (int, bool) {
	i++
	for i < len(s) {
		switch {
		case backslash && s[i] == '\\':
			i += 2
		case s[i] == q && i+1 < len(s) && s[i+1] == q:
			i += 2
		case s[i] == q:
			return i + 1, false
		default:
			i++
		}
	}
	return len(s), true
}

// scanName scans a possibly dotted, possibly quoted name: a, "A b", s.t, s."T", c. (a
// trailing dot stays part of the word being typed).
func scanName(s string, i int) (int, bool) {
	for {
		if i < len(s) && s[i] == '"' {
			end, open := scanQuoted(s, i, '"', false)
			if open {
				return end, true
			}
			i = end
		} else if i < len(s) && isIdentStart(s, i) {
			for i < len(s) && isIdentCont(s[i]) {
				i++
			}
		}
		if i < len(s) && s[i] == '.' {
			i++
			if i < len(s) && (s[i] == '"' || isIdentStart(s, i)) {
				continue
			}
		}
		return i, false
	}
}

// dollarTag returns the $tag$ that s starts with, or "".
func dollarTag(s string) string {
	if len(s) < 2 || s[0] != '$' {
		return ""
	}
	for j := 1; j < len(s); j++ {
		switch c := s[j]; {
		case c == '$':
			return s[:j+1]
		case isLetter(c) || c >= 0x80 || (j > 1 && isDigit(c)):
		default:
			return ""
		}
	}
	return ""
}

// splitQualified splits a typed name at its last dot outside quotes: "s.t" → "s", "t", true.
func splitQualified(w string) (qual, part string, ok bool) {
	inQ := false
	last := -1
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case '"':
			inQ = !inQ
		case '.':
			if !inQ {
				last = i
			}
		}
	}
	if last < 0 {
		return "", w, false
	}
	return w[:last], w[last+1:], true
}

// identValue returns the name an identifier as typed denotes: unquoted text is folded to
// lower case, quoted text is taken literally with doubled quotes undone (scan.l,
// downcase_identifier). Dotted names are not split.
func identValue(w string) string {
	if strings.HasPrefix(w, `"`) {
		w = strings.TrimPrefix(w, `"`)
		w = strings.TrimSuffix(w, `"`)
		return strings.ReplaceAll(w, `""`, `"`)
	}
	// downcase_identifier folds only ASCII letters in a multibyte encoding.
	b := []byte(w)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// QuoteIdent returns name as it must be written in SQL: unchanged when it is a lower-case
// identifier that is not a keyword needing quotes, else in double quotes with inner quotes
// doubled. It follows the server's quote_identifier (ruleutils.c): only [a-z0-9_] (not
// starting with a digit) stay bare, so multibyte names are quoted, as psql completes them.
func QuoteIdent(name string) string {
	safe := name != "" && (name[0] >= 'a' && name[0] <= 'z' || name[0] == '_')
	for i := 0; safe && i < len(name); i++ {
		c := name[i]
		safe = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
	}
	if safe && !quotedKeywords[name] {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
