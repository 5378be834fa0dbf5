package meta

import "strings"

// copyOptions is a parsed \copy command line (psql's struct copy_options in copy.c).
type copyOptions struct {
	beforeToFrom string // the table or (query) and column list, each token after a space
	afterToFrom  string // the rest of the line after the file, verbatim (the COPY options)
	file         string // file name or program; "" for stdin/stdout/pstdin/pstdout
	program      bool   // file is a shell command
	psqlInOut    bool   // pstdin/pstdout: gpsql's own standard input/output
	from         bool   // FROM (upload) rather than TO
}

// query is the COPY statement \copy sends (psql's do_copy): "COPY " + the part before
// FROM/TO + " FROM STDIN " or " TO STDOUT " + the options as typed.
func (o *copyOptions) query() string {
	dir := " TO STDOUT "
	if o.from {
		dir = " FROM STDIN "
	}
	return "COPY " + o.beforeToFrom + dir + o.afterToFrom
}

// tokenizer is psql's strtokx (stringutils.c): it returns the tokens of one string in
// turn, each call with its own whitespace, delimiter and quote sets.
type tokenizer struct {
	s   string
	pos int
	end bool
}

// next returns the next token, or false at the end of the string. A delimiter is a token
// of its own; a quoted token keeps its quotes (doubled quotes and, with escape, escaped
// characters do not end it); eStrings makes E'...' a quoted token with backslash escapes.
// One whitespace character after the token is consumed, as strtokx overwrites it.
func (t *tokenizer) next(whitespace, delim, quote string, escape byte, eStrings bool) (string, bool) {
	if t.end {
		return "", false
	}
	s := t.s
	p := t.pos
	for p < len(s) && strings.IndexByte(whitespace, s[p]) >= 0 {
		p++
	}
	if p >= len(s) {
		t.end = true
		return "", false
	}
	start := p
	// finish ends a token at e, consuming one following whitespace character.
	finish := func(e int) string {
		tok := s[start:e]
		if e < len(s) && strings.IndexByte(whitespace, s[e]) >= 0 {
			e++
		}
		t.pos = e
		return tok
	}
	if delim != "" && strings.IndexByte(delim, s[p]) >= 0 {
		return finish(p + 1), true
	}
	if eStrings && (s[p] == 'E' || s[p] == 'e') && p+1 < len(s) && s[p+1] == '\'' {
		quote, escape = "'", '\\'
		p++
	}
	if quote != "" && strings.IndexByte(quote, s[p]) >= 0 {
		q := s[p]
		p++
		for p < len(s) {
			switch {
			case escape != 0 && s[p] == escape && p+1 < len(s):
				p += 2
			case s[p] == q && p+1 < len(s) && s[p+1] == q:
				p += 2
			case s[p] == q:
				p++
				return finish(p), true
			default:
				p++
			}
		}
		return finish(p), true
	}
	for p < len(s) && strings.IndexByte(whitespace, s[p]) < 0 &&
		strings.IndexByte(delim, s[p]) < 0 && strings.IndexByte(quote, s[p]) < 0 {
		p++
	}
	return finish(p), true
}

// rest returns everything after the last token, verbatim, or false when nothing is left
// (strtokx with an empty whitespace set).
func (t *tokenizer) rest() (string, bool) {
	if t.end || t.pos >= len(t.s) {
		return "", false
	}
	r := t.s[t.pos:]
	t.end = true
	return r, true
}

// stripQuotes removes the quotes of a token and undoes doubled quotes (psql's
// strip_quotes with no escape character).
func stripQuotes(tok string, q byte) string {
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		if c == q {
			if inQuote && i+1 < len(tok) && tok[i+1] == q {
				b.WriteByte(q)
				i++
				continue
			}
			inQuote = !inQuote
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// copyParseError is \copy's parse error, with psql's text.
type copyParseError struct{ at string }

func (e copyParseError) Error() string {
	if e.at == "" {
		return "\\copy: parse error at end of line"
	}
	return "\\copy: parse error at \"" + e.at + "\""
}

// parseCopy parses the argument line of \copy as psql 15's parse_slash_copy (copy.c) does.
// stdStrings is standard_conforming_strings: when off, a backslash escapes inside the
// quoted strings of a (query). The file name is returned unquoted and with ~ expanded by
// home (nil leaves it).
func parseCopy(args string, stdStrings bool, home func(string) string) (*copyOptions, error) {
	const ws = " \t\n\r"
	var nonstdBackslash byte
	if !stdStrings {
		nonstdBackslash = '\\'
	}
	o := &copyOptions{}
	t := &tokenizer{s: args}
	var before strings.Builder
	tok, ok := t.next(ws, ".,()", `"`, 0, false)
	if !ok {
		return nil, copyParseError{}
	}
	if strings.EqualFold(tok, "binary") { // 7.3 syntax, kept by psql
		before.WriteString(tok)
		if tok, ok = t.next(ws, ".,()", `"`, 0, false); !ok {
			return nil, copyParseError{}
		}
	}
	if tok[0] == '(' {
		parens := 1
		for parens > 0 {
			before.WriteString(" " + tok)
			if tok, ok = t.next(ws, "()", `"'`, nonstdBackslash, true); !ok {
				return nil, copyParseError{}
			}
			switch tok[0] {
			case '(':
				parens++
			case ')':
				parens--
			}
		}
	}
	before.WriteString(" " + tok)
	if tok, ok = t.next(ws, ".,()", `"`, 0, false); !ok {
		return nil, copyParseError{}
	}
	if tok[0] == '.' {
		before.WriteString(tok)
		if tok, ok = t.next(ws, ".,()", `"`, 0, false); !ok {
			return nil, copyParseError{}
		}
		before.WriteString(tok)
		if tok, ok = t.next(ws, ".,()", `"`, 0, false); !ok {
			return nil, copyParseError{}
		}
	}
	if tok[0] == '(' {
		for {
			before.WriteString(" " + tok)
			if tok, ok = t.next(ws, "()", `"`, 0, false); !ok {
				return nil, copyParseError{}
			}
			if tok[0] == ')' {
				break
			}
		}
		before.WriteString(" " + tok)
		if tok, ok = t.next(ws, ".,()", `"`, 0, false); !ok {
			return nil, copyParseError{}
		}
	}
	switch {
	case strings.EqualFold(tok, "from"):
		o.from = true
	case strings.EqualFold(tok, "to"):
	default:
		return nil, copyParseError{tok}
	}
	if tok, ok = t.next(ws, ";", "'", 0, false); !ok {
		return nil, copyParseError{}
	}
	switch {
	case strings.EqualFold(tok, "program"):
		if tok, ok = t.next(ws, ";", "'", 0, false); !ok {
			return nil, copyParseError{}
		}
		if len(tok) < 2 || tok[0] != '\'' || tok[len(tok)-1] != '\'' {
			return nil, copyParseError{tok}
		}
		o.program, o.file = true, stripQuotes(tok, '\'')
	case strings.EqualFold(tok, "stdin"), strings.EqualFold(tok, "stdout"):
	case strings.EqualFold(tok, "pstdin"), strings.EqualFold(tok, "pstdout"):
		o.psqlInOut = true
	default:
		o.file = stripQuotes(tok, '\'')
		if home != nil {
			o.file = home(o.file)
		}
	}
	o.afterToFrom, _ = t.rest()
	o.beforeToFrom = before.String()
	return o, nil
}
