package repl

import "strings"

// This file is the SQL half of psql's input lexer: PostgreSQL 15's
// src/fe_utils/psqlscan.l as driven by src/bin/psql/mainloop.c. The
// backslash-command half (psqlscanslash.l) is in lexer_slash.go and the
// quoting helpers for :'var' and :"var" are in lexer_quote.go.
//
// psqlscan.l is a flex lexer with longest-match rules; this is a hand-written
// scanner that reproduces its token boundaries wherever they can change what
// is put into the query buffer or where a statement ends: quotes, comments,
// dollar quotes, parentheses, semicolons, backslashes, variable references,
// and the identifiers that psql 15 watches to keep
// "CREATE FUNCTION ... BEGIN ATOMIC ... END" together.

// ScanResult tells the caller why Scan stopped (psql's PsqlScanResult,
// src/include/fe_utils/psqlscan.h).
type ScanResult int

const (
	// ScanSemicolon: a statement-ending ';' was found outside quotes,
	// parentheses and BEGIN ATOMIC blocks. The ';' has been appended to the
	// buffer, which now holds the statement to send exactly as psql sends
	// it. The caller sends it, empties the buffer and calls Scan again for
	// the rest of the line.
	ScanSemicolon ScanResult = iota
	// ScanBackslash: an unquoted backslash starting a meta command was
	// consumed; the text before it is in the buffer. The caller reads the
	// command with ScanSlashCommand, its arguments with ScanSlashOption,
	// finishes with ScanSlashCommandEnd and then calls Scan again.
	ScanBackslash
	// ScanIncomplete: the line ended inside a quote, comment, parentheses or
	// BEGIN ATOMIC block, or the buffer is empty. Read another line.
	ScanIncomplete
	// ScanEOL: the line ended with a statement in the buffer that is
	// lexically complete (no open quote or parenthesis). psql sends it only
	// in single-line mode (-S); otherwise read another line.
	ScanEOL
)

// String returns the psql constant name, for test failures and debugging.
func (r ScanResult) String() string {
	switch r {
	case ScanSemicolon:
		return "ScanSemicolon"
	case ScanBackslash:
		return "ScanBackslash"
	case ScanIncomplete:
		return "ScanIncomplete"
	case ScanEOL:
		return "ScanEOL"
	}
	return "ScanResult(?)"
}

// PromptStatus is the character psql's %R prompt escape shows for the next
// line (psql's promptStatus_t, src/bin/psql/prompt.c). The lexer only
// produces the values below; '^' (single-line mode), '!' (no connection) and
// the COPY prompt are the prompt code's business.
type PromptStatus byte

// The prompt states the lexer reports, spelled as %R shows them.
const (
	PromptReady       PromptStatus = '='  // nothing pending
	PromptContinue    PromptStatus = '-'  // a statement is being continued
	PromptSingleQuote PromptStatus = '\'' // inside '...', E'...', B'...', X'...', U&'...'
	PromptDoubleQuote PromptStatus = '"'  // inside "..." or U&"..."
	PromptDollarQuote PromptStatus = '$'  // inside $tag$...$tag$
	PromptComment     PromptStatus = '*'  // inside /* ... */
	PromptParen       PromptStatus = '('  // inside unclosed parentheses
)

// Quote tells GetVariable how the reference was written and so how its value
// must be quoted (psql's PsqlScanQuoteType: PQUOTE_PLAIN, PQUOTE_SQL_LITERAL,
// PQUOTE_SQL_IDENT, PQUOTE_SHELL_ARG).
type Quote int

const (
	// QuotePlain: :name, and the existence test :{?name}. The value is used
	// as is; in SQL it is scanned again as SQL text.
	QuotePlain Quote = iota
	// QuoteSQLLiteral: :'name'. Return QuoteLiteral(value).
	QuoteSQLLiteral
	// QuoteSQLIdent: :"name". Return QuoteIdent(value).
	QuoteSQLIdent
	// QuoteShell: :'name' inside a backquoted meta-command argument.
	// Return QuoteShellArg(value).
	QuoteShell
)

// LexerCallbacks connect the lexer to the session (psql's PsqlScanCallbacks
// plus the pieces of psql state psqlscanslash.l reads directly). Any field
// may be nil. The lexer calls them synchronously from Scan and the
// ScanSlash* methods only.
type LexerCallbacks struct {
	// GetVariable returns the text that replaces a variable reference, or
	// ok=false to leave the reference exactly as typed. For QuoteSQLLiteral,
	// QuoteSQLIdent and QuoteShell the callback does the quoting (with
	// the functions QuoteLiteral, QuoteIdent, QuoteShellArg) and, when
	// quoting fails, reports the error itself and returns ok=false; this is
	// psql_get_variable in src/bin/psql/common.c. In an inactive \if branch
	// it must return ok=false for every name (psql substitutes nothing there,
	// and :{?name} is then FALSE). nil means no variable exists.
	GetVariable func(name string, q Quote) (value string, ok bool)
	// Shell runs a backquoted meta-command argument with the shell (psql
	// uses popen) and returns its standard output. The lexer strips one
	// trailing newline. A non-zero exit status is not an error in psql 15:
	// return the output and a nil error. A non-nil error (the command could
	// not be run) is reported through Error as "cmd: err" and the backquoted
	// part becomes empty. nil leaves backquoted text unexpanded, as an
	// inactive \if branch does.
	Shell func(cmd string) (output string, err error)
	// Active reports whether the current \if branch is active; backquotes
	// are not run in an inactive branch (psqlscanslash.l consults the
	// conditional stack). nil means always active.
	Active func() bool
	// Warn receives psql's warnings (pg_log_warning), without prefix or
	// trailing newline, e.g. `skipping recursive expansion of variable "x"`.
	Warn func(msg string)
	// Error receives psql's errors (pg_log_error), without prefix or
	// trailing newline, e.g. "unterminated quoted string".
	Error func(msg string)
	// StandardStrings reports whether standard_conforming_strings is on,
	// as the server last reported it. SetLine asks it for every line, as
	// mainloop.c passes standard_strings() to psql_scan_setup for each
	// line, so "set standard_conforming_strings = off;" changes how the
	// next line scans. nil keeps the value given to SetStandardStrings.
	StandardStrings func() bool
}

// lexState is the flex start condition of psqlscan.l.
type lexState int

const (
	lexInitial lexState = iota
	lexXB               // bit string literal B'...'
	lexXC               // C-style comment, possibly nested
	lexXD               // quoted identifier "..."
	lexXH               // hexadecimal string literal X'...'
	lexXQ               // standard quoted string '...'
	lexXQS              // after a closing quote: look for a continuation
	lexXE               // extended string E'...' (or '...' with standard_conforming_strings off)
	lexXDolq            // dollar-quoted string
	lexXUI              // U&"..." identifier
	lexXUS              // U&'...' string
)

// lexSource is one input being scanned: the line given to SetLine, or the
// value of a :name variable pushed on top of it (psqlscan.l's buffer stack).
type lexSource struct {
	text    string
	pos     int
	varName string // "" for the line itself
}

// Lexer splits psql input lines into SQL statements and backslash commands
// exactly as psql 15 does (src/fe_utils/psqlscan.l, src/bin/psql/
// psqlscanslash.l, src/bin/psql/mainloop.c).
//
// A Lexer is not safe for concurrent use. Its state survives from line to
// line (open quotes, comments, parentheses) until Reset.
//
// What the loop does with it, following mainloop.c:
//
//  1. Read a line (without its newline). If it is empty and
//     InQuoteOrComment is false, ignore it completely: psql neither scans
//     nor echoes (-a) it. Otherwise call SetLine, which reads
//     standard_conforming_strings through the StandardStrings callback (or
//     call SetStandardStrings first when there is no callback).
//  2. Call Scan with the query buffer until it returns ScanIncomplete or
//     ScanEOL. Scan joins the line to a non-empty buffer with '\n' itself,
//     the way mainloop.c does (and takes the '\n' back when the line brings
//     nothing before a backslash command), so the loop never writes
//     separators into the buffer.
//     - ScanSemicolon: send the buffer (in an inactive \if branch, discard
//     it instead), make it the previous buffer and empty it. No Reset.
//     - ScanEOL in single-line mode: likewise.
//     - ScanBackslash: name := ScanSlashCommand(), run the command, which
//     reads its arguments with ScanSlashOption. After a valid command,
//     psql eats leftover arguments with ScanSlashOption(OptNormal)
//     while a transient inactive \if level is pushed (so neither variables
//     nor backquotes expand) and warns `\name: extra argument "arg"
//     ignored` when the branch was active; after an invalid command or a
//     failed one it discards them with ScanSlashOption(OptWholeLine).
//     Then call ScanSlashCommandEnd, which eats a "\\" separator, and go on
//     calling Scan: the rest of the line is SQL again. After a command that
//     sends the buffer (\g and friends) call Reset; after \r empty the
//     buffer and call Reset; after \e (new buffer to rescan) empty the
//     buffer, Reset and SetLine(edited text).
//  3. \if and friends save ParenDepth and the buffer contents when they start
//     a branch and restore them (SetParenDepth) when a branch is skipped.
//  4. At end of input (not interactive), a non-empty buffer is sent.
type Lexer struct {
	cb  LexerCallbacks
	std bool

	src []lexSource // src[0] is the line; later entries are variable values

	state           lexState
	stateBeforeStop lexState // string state to resume on a quote continuation
	parenDepth      int
	xcDepth         int
	dolqStart       string
	identCount      int     // identifiers seen in this statement
	idents          [4]byte // first letters of the leading CREATE/OR/REPLACE/FUNCTION/PROCEDURE keywords
	beginDepth      int     // BEGIN ... END nesting inside CREATE FUNCTION/PROCEDURE

	lineFresh bool // SetLine was called and Scan has not run since
	nlPending bool // a '\n' joining the new line to the buffer is still owed
}

// NewLexer returns a Lexer in its initial state with standard_conforming_strings
// on. The callbacks are kept for the Lexer's lifetime.
func NewLexer(cb LexerCallbacks) *Lexer {
	return &Lexer{cb: cb, std: true}
}

// SetStandardStrings sets whether standard_conforming_strings is on: when it
// is off, backslashes escape in '...' literals too (psqlscan.l's xqstart
// rule). psql reads the server's current setting for every line; a Lexer
// with a StandardStrings callback does so in SetLine, overriding this.
func (l *Lexer) SetStandardStrings(on bool) { l.std = on }

// SetLine makes line the text to scan, dropping whatever was left of the
// previous line and of its variable expansions (psql_scan_finish +
// psql_scan_setup). line normally has no trailing newline, but may contain
// newlines (psql rescans a whole edited buffer after \e). The lexer keeps
// the string; it is never modified. The StandardStrings callback, if any,
// is asked here and its answer holds until the next SetLine.
func (l *Lexer) SetLine(line string) {
	if l.cb.StandardStrings != nil {
		l.std = l.cb.StandardStrings()
	}
	l.src = append(l.src[:0], lexSource{text: line})
	l.lineFresh = true
	l.nlPending = false
}

// Reset returns the lexer to its initial state: no open quote or comment,
// parenthesis depth 0 (psql_scan_reset). The current line and its position
// are kept. psql calls it after a buffer is sent by a backslash command, on
// \r, and after Ctrl-C.
func (l *Lexer) Reset() {
	l.state = lexInitial
	l.parenDepth = 0
	l.xcDepth = 0
	l.dolqStart = ""
	l.identCount = 0
	l.beginDepth = 0
}

// InQuoteOrComment reports whether the lexer is inside a quoted string,
// quoted identifier, dollar quote or comment (psql_scan_in_quote); mainloop.c
// keeps empty lines only then.
func (l *Lexer) InQuoteOrComment() bool {
	return l.state != lexInitial && l.state != lexXQS
}

// ParenDepth returns the current parenthesis nesting depth
// (psql_scan_get_paren_depth).
func (l *Lexer) ParenDepth() int { return l.parenDepth }

// SetParenDepth restores a depth saved with ParenDepth (psql_scan_set_paren_depth,
// used by \if to forget what a skipped branch typed). Negative values are
// treated as 0.
func (l *Lexer) SetParenDepth(depth int) {
	if depth < 0 {
		depth = 0
	}
	l.parenDepth = depth
}

// Rest returns the text not yet consumed: what remains of pushed variable
// values (innermost first) followed by the rest of the line. It does not
// consume anything.
func (l *Lexer) Rest() string {
	var b strings.Builder
	for i := len(l.src) - 1; i >= 0; i-- {
		b.WriteString(l.src[i].text[l.src[i].pos:])
	}
	return b.String()
}

// peek returns the unconsumed text of the innermost input, dropping finished
// variable values as psqlscan.l's <<EOF>> rule does. "" means end of line.
func (l *Lexer) peek() string {
	for len(l.src) > 0 {
		top := &l.src[len(l.src)-1]
		if top.pos < len(top.text) {
			return top.text[top.pos:]
		}
		if len(l.src) == 1 {
			return ""
		}
		l.src = l.src[:len(l.src)-1]
	}
	return ""
}

// advance consumes n bytes of the innermost input; n never exceeds what peek returned.
func (l *Lexer) advance(n int) { l.src[len(l.src)-1].pos += n }

// bufLen is the buffer length psql would see: the owed '\n' counts.
func (l *Lexer) bufLen(buf *strings.Builder) int {
	if l.nlPending {
		return buf.Len() + 1
	}
	return buf.Len()
}

// emit appends s to buf, paying the owed line separator first.
func (l *Lexer) emit(buf *strings.Builder, s string) {
	if s == "" {
		return
	}
	l.flushNL(buf)
	buf.WriteString(s)
}

func (l *Lexer) flushNL(buf *strings.Builder) {
	if l.nlPending {
		buf.WriteByte('\n')
		l.nlPending = false
	}
}

// Scan consumes the current line, appending SQL text to buf, until one of
// the ScanResult conditions; the PromptStatus is what %R shows for the next
// line read (psql_scan). buf is the query buffer; the lexer only appends to
// it. Variable references are replaced through GetVariable: :name values
// are scanned again as SQL (a value may contain ';' or a backslash command),
// :'name' and :"name" values are inserted as returned, :{?name} becomes TRUE
// or FALSE. Scanning an exhausted line returns ScanIncomplete or ScanEOL
// again without side effects.
func (l *Lexer) Scan(buf *strings.Builder) (ScanResult, PromptStatus) {
	if l.lineFresh {
		l.lineFresh = false
		l.nlPending = buf.Len() > 0
	}
	for {
		s := l.peek()
		if s == "" {
			l.flushNL(buf)
			return l.endOfLine(buf)
		}
		var res ScanResult
		var stop bool
		switch l.state {
		case lexInitial:
			res, stop = l.scanInitial(buf, s)
		case lexXC:
			l.scanComment(buf, s)
		case lexXQ, lexXUS:
			l.scanQuoted(buf, s, false)
		case lexXE:
			l.scanQuoted(buf, s, true)
		case lexXB, lexXH:
			l.scanBitString(buf, s)
		case lexXQS:
			l.scanQuoteStop(buf, s)
		case lexXD, lexXUI:
			l.scanQuotedIdent(buf, s)
		case lexXDolq:
			l.scanDollarQuoted(buf, s)
		}
		if stop {
			if res == ScanBackslash {
				// mainloop.c strips the line separator again when the line
				// brought nothing before the backslash command.
				l.nlPending = false
			}
			return res, PromptReady
		}
	}
}

// endOfLine classifies the end of input as psql_scan's LEXRES_EOL case does.
func (l *Lexer) endOfLine(buf *strings.Builder) (ScanResult, PromptStatus) {
	switch l.state {
	case lexInitial, lexXQS:
		switch {
		case l.parenDepth > 0:
			return ScanIncomplete, PromptParen
		case l.beginDepth > 0:
			return ScanIncomplete, PromptContinue
		case buf.Len() > 0:
			return ScanEOL, PromptContinue
		default:
			return ScanIncomplete, PromptReady
		}
	case lexXC:
		return ScanIncomplete, PromptComment
	case lexXD, lexXUI:
		return ScanIncomplete, PromptDoubleQuote
	case lexXDolq:
		return ScanIncomplete, PromptDollarQuote
	default: // xb, xh, xq, xe, xus
		return ScanIncomplete, PromptSingleQuote
	}
}

// scanInitial handles one token in the INITIAL state; stop reports that Scan
// must return res.
func (l *Lexer) scanInitial(buf *strings.Builder, s string) (res ScanResult, stop bool) {
	c := s[0]
	next := byte(0)
	if len(s) > 1 {
		next = s[1]
	}
	switch {
	case lexIsSpace(c):
		// {whitespace}: psql 15 drops it (and "--" comments) only while the
		// buffer is still empty.
		n := lexSpan(s, lexIsSpace)
		if l.bufLen(buf) > 0 {
			l.emit(buf, s[:n])
		}
		l.advance(n)
	case c == '-' && next == '-':
		n := lexLineCommentLen(s)
		if l.bufLen(buf) > 0 {
			l.emit(buf, s[:n])
		}
		l.advance(n)
	case c == '/' && next == '*':
		l.xcDepth = 0
		l.state = lexXC
		l.emitAdvance(buf, s, 2)
	case (c == 'b' || c == 'B') && next == '\'':
		l.state = lexXB
		l.emitAdvance(buf, s, 2)
	case (c == 'x' || c == 'X') && next == '\'':
		l.state = lexXH
		l.emitAdvance(buf, s, 2)
	case (c == 'e' || c == 'E') && next == '\'':
		l.state = lexXE
		l.emitAdvance(buf, s, 2)
	case (c == 'n' || c == 'N') && next == '\'':
		// {xnstart}: only the N is eaten; the quote starts a normal string.
		l.emitAdvance(buf, s, 1)
	case (c == 'u' || c == 'U') && next == '&':
		switch {
		case len(s) > 2 && s[2] == '\'':
			l.state = lexXUS
			l.emitAdvance(buf, s, 3)
		case len(s) > 2 && s[2] == '"':
			l.state = lexXUI
			l.emitAdvance(buf, s, 3)
		default:
			// {xufailed}: the U alone, not counted as an identifier.
			l.emitAdvance(buf, s, 1)
		}
	case c == '\'':
		if l.std {
			l.state = lexXQ
		} else {
			l.state = lexXE
		}
		l.emitAdvance(buf, s, 1)
	case c == '"':
		l.state = lexXD
		l.emitAdvance(buf, s, 1)
	case c == '$':
		l.scanDollar(buf, s)
	case c == '(':
		l.parenDepth++
		l.emitAdvance(buf, s, 1)
	case c == ')':
		if l.parenDepth > 0 {
			l.parenDepth--
		}
		l.emitAdvance(buf, s, 1)
	case c == ';':
		l.emitAdvance(buf, s, 1)
		if l.parenDepth == 0 && l.beginDepth == 0 {
			l.identCount = 0
			return ScanSemicolon, true
		}
	case c == '\\':
		if next == ';' || next == ':' {
			// \; and \: put the character itself in the buffer.
			l.emit(buf, s[1:2])
			l.advance(2)
			if next == ';' {
				l.identCount = 0
			}
			return 0, false
		}
		l.advance(1)
		return ScanBackslash, true
	case c == ':':
		l.scanColon(buf, s)
	case lexIsDigit(c) || (c == '.' && lexIsDigit(next)):
		l.emitAdvance(buf, s, lexNumberLen(s))
	case c == '.' && next == '.':
		l.emitAdvance(buf, s, 2)
	case lexIsIdentStart(c):
		n := lexSpan(s, lexIsIdentCont)
		l.noteIdentifier(s[:n])
		l.emitAdvance(buf, s, n)
	case lexIsOpChar(c):
		// {operator}: it ends where a comment starts ("/*" or "--" at its
		// first character were taken above as comments).
		n := lexSpan(s, lexIsOpChar)
		op := s[:n]
		if i := strings.Index(op, "/*"); i > 0 {
			n = i
		}
		if i := strings.Index(op[:n], "--"); i > 0 {
			n = i
		}
		l.emitAdvance(buf, s, n)
	default:
		l.emitAdvance(buf, s, 1)
	}
	return 0, false
}

func (l *Lexer) emitAdvance(buf *strings.Builder, s string, n int) {
	l.emit(buf, s[:n])
	l.advance(n)
}

// noteIdentifier tracks "CREATE [OR REPLACE] {FUNCTION|PROCEDURE} ...
// BEGIN ... END" so that semicolons inside a SQL-standard function body do
// not end the statement (psqlscan.l's {identifier} rule, new in psql 14).
func (l *Lexer) noteIdentifier(id string) {
	if l.identCount == 0 {
		l.idents = [4]byte{}
	}
	for _, kw := range [...]string{"create", "function", "procedure", "or", "replace"} {
		if lexEqualFoldASCII(id, kw) {
			if l.identCount < len(l.idents) {
				l.idents[l.identCount] = kw[0]
			}
			break
		}
	}
	l.identCount++
	in := l.idents
	if in[0] == 'c' && (in[1] == 'f' || in[1] == 'p' ||
		(in[1] == 'o' && in[2] == 'r' && (in[3] == 'f' || in[3] == 'p'))) &&
		l.parenDepth == 0 {
		switch {
		case lexEqualFoldASCII(id, "begin"):
			l.beginDepth++
		case lexEqualFoldASCII(id, "case"):
			// CASE also ends with END; it matters only inside a BEGIN.
			if l.beginDepth >= 1 {
				l.beginDepth++
			}
		case lexEqualFoldASCII(id, "end"):
			if l.beginDepth > 0 {
				l.beginDepth--
			}
		}
	}
}

// scanDollar handles '$' in INITIAL: a dollar-quote opening delimiter, a
// parameter $n, or a lone '$'.
func (l *Lexer) scanDollar(buf *strings.Builder, s string) {
	if n := lexDollarDelimLen(s); n > 0 {
		l.dolqStart = s[:n]
		l.state = lexXDolq
		l.emitAdvance(buf, s, n)
		return
	}
	if len(s) > 1 && lexIsDigit(s[1]) {
		// {param} or {param_junk}: $ digits [identifier]
		n := 1 + lexSpan(s[1:], lexIsDigit)
		if n < len(s) && lexIsIdentStart(s[n]) {
			n += lexSpan(s[n:], lexIsIdentCont)
		}
		l.emitAdvance(buf, s, n)
		return
	}
	// {dolqfailed} throws back all but the '$'; {other} is the '$' alone.
	l.emitAdvance(buf, s, 1)
}

// scanColon handles ':' in INITIAL: casts, :=, and variable references.
func (l *Lexer) scanColon(buf *strings.Builder, s string) {
	if len(s) > 1 && (s[1] == ':' || s[1] == '=') {
		l.emitAdvance(buf, s, 2) // {typecast} or {colon_equals}
		return
	}
	ref, ok := lexParseVarRef(s)
	if !ok {
		l.emitAdvance(buf, s, 1) // ':' alone; the rest is scanned again
		return
	}
	token := s[:ref.n]
	l.advance(ref.n)
	switch ref.kind {
	case lexRefPlain:
		value, found := l.getVariable(ref.name, QuotePlain)
		switch {
		case !found:
			l.emit(buf, token)
		case l.expanding(ref.name):
			l.warn(`skipping recursive expansion of variable "` + ref.name + `"`)
			l.emit(buf, token)
		default:
			// The value is scanned as if it had been typed here.
			l.src = append(l.src, lexSource{text: value, varName: ref.name})
		}
	case lexRefLiteral, lexRefIdent:
		q := QuoteSQLLiteral
		if ref.kind == lexRefIdent {
			q = QuoteSQLIdent
		}
		if value, found := l.getVariable(ref.name, q); found {
			l.emit(buf, value)
		} else {
			l.emit(buf, token)
		}
	case lexRefTest:
		if _, found := l.getVariable(ref.name, QuotePlain); found {
			l.emit(buf, "TRUE")
		} else {
			l.emit(buf, "FALSE")
		}
	}
}

// expanding reports whether the value of variable name is being scanned.
func (l *Lexer) expanding(name string) bool {
	for _, s := range l.src[1:] {
		if s.varName == name {
			return true
		}
	}
	return false
}

func (l *Lexer) getVariable(name string, q Quote) (string, bool) {
	if l.cb.GetVariable == nil {
		return "", false
	}
	return l.cb.GetVariable(name, q)
}

func (l *Lexer) warn(msg string) {
	if l.cb.Warn != nil {
		l.cb.Warn(msg)
	}
}

func (l *Lexer) reportError(msg string) {
	if l.cb.Error != nil {
		l.cb.Error(msg)
	}
}

// scanComment handles one token inside /* ... */; comments nest.
func (l *Lexer) scanComment(buf *strings.Builder, s string) {
	switch {
	case strings.HasPrefix(s, "/*"):
		l.xcDepth++
		l.emitAdvance(buf, s, 2)
	case s[0] == '*':
		n := lexSpan(s, func(c byte) bool { return c == '*' })
		if n < len(s) && s[n] == '/' {
			n++
			if l.xcDepth <= 0 {
				l.state = lexInitial
			} else {
				l.xcDepth--
			}
		}
		l.emitAdvance(buf, s, n)
	case s[0] == '/':
		l.emitAdvance(buf, s, 1)
	default:
		l.emitAdvance(buf, s, lexSpan(s, func(c byte) bool { return c != '*' && c != '/' }))
	}
}

// scanQuoted handles one token inside '...', U&'...' or, with escapes,
// E'...'.
func (l *Lexer) scanQuoted(buf *strings.Builder, s string, escapes bool) {
	switch {
	case strings.HasPrefix(s, "''"):
		l.emitAdvance(buf, s, 2)
	case s[0] == '\'':
		l.stateBeforeStop = l.state
		l.state = lexXQS
		l.emitAdvance(buf, s, 1)
	case escapes && s[0] == '\\':
		// A backslash escapes the next byte (octal, hex and Unicode escapes
		// continue with characters that need no special treatment).
		l.emitAdvance(buf, s, min(2, len(s)))
	default:
		n := lexSpan(s, func(c byte) bool { return c != '\'' && !(escapes && c == '\\') })
		l.emitAdvance(buf, s, n)
	}
}

// scanBitString handles one token inside B'...' or X'...' (no doubled
// quotes there: a second quote starts a new literal after the xqs check).
func (l *Lexer) scanBitString(buf *strings.Builder, s string) {
	if s[0] == '\'' {
		l.stateBeforeStop = l.state
		l.state = lexXQS
		l.emitAdvance(buf, s, 1)
		return
	}
	l.emitAdvance(buf, s, lexSpan(s, func(c byte) bool { return c != '\'' }))
}

// scanQuoteStop is the xqs state after a closing quote: whitespace that
// includes a newline followed by another quote continues the literal (SQL's
// 'foo'\n'bar'); anything else ends it without being consumed.
func (l *Lexer) scanQuoteStop(buf *strings.Builder, s string) {
	if n := lexQuoteContinueLen(s); n > 0 {
		l.state = l.stateBeforeStop
		l.emitAdvance(buf, s, n)
		return
	}
	l.state = lexInitial
}

// scanQuotedIdent handles one token inside "..." or U&"...".
func (l *Lexer) scanQuotedIdent(buf *strings.Builder, s string) {
	switch {
	case strings.HasPrefix(s, `""`):
		l.emitAdvance(buf, s, 2)
	case s[0] == '"':
		l.state = lexInitial
		l.emitAdvance(buf, s, 1)
	default:
		l.emitAdvance(buf, s, lexSpan(s, func(c byte) bool { return c != '"' }))
	}
}

// scanDollarQuoted handles one token inside $tag$...$tag$.
func (l *Lexer) scanDollarQuoted(buf *strings.Builder, s string) {
	if s[0] != '$' {
		l.emitAdvance(buf, s, lexSpan(s, func(c byte) bool { return c != '$' }))
		return
	}
	if n := lexDollarDelimLen(s); n > 0 {
		if s[:n] == l.dolqStart {
			l.dolqStart = ""
			l.state = lexInitial
			l.emitAdvance(buf, s, n)
			return
		}
		// Another tag: keep "$junk", rescan its closing '$' as a possible
		// start of the real delimiter ($delim$...$junk$delim$).
		l.emitAdvance(buf, s, n-1)
		return
	}
	// {dolqfailed} ($ and tag characters without a closing $) or a lone $.
	n := 1
	if len(s) > 1 && lexIsDollarTagStart(s[1]) {
		n += lexSpan(s[1:], lexIsDollarTagCont)
	}
	l.emitAdvance(buf, s, n)
}

// lexVarRefKind is the form of a variable reference.
type lexVarRefKind int

const (
	lexRefPlain   lexVarRefKind = iota // :name
	lexRefLiteral                      // :'name'
	lexRefIdent                        // :"name"
	lexRefTest                         // :{?name}
)

type lexVarRef struct {
	kind lexVarRefKind
	name string
	n    int // length of the whole reference
}

// lexParseVarRef recognizes a complete variable reference at the start of s
// (which starts with ':'). ok=false means the ':' stands alone.
func lexParseVarRef(s string) (ref lexVarRef, ok bool) {
	if len(s) < 2 {
		return ref, false
	}
	switch {
	case lexIsVarChar(s[1]):
		n := 1 + lexSpan(s[1:], lexIsVarChar)
		return lexVarRef{kind: lexRefPlain, name: s[1:n], n: n}, true
	case s[1] == '\'' || s[1] == '"':
		n := lexSpan(s[2:], lexIsVarChar)
		if n > 0 && 2+n < len(s) && s[2+n] == s[1] {
			kind := lexRefLiteral
			if s[1] == '"' {
				kind = lexRefIdent
			}
			return lexVarRef{kind: kind, name: s[2 : 2+n], n: n + 3}, true
		}
	case strings.HasPrefix(s, ":{?"):
		n := lexSpan(s[3:], lexIsVarChar)
		if n > 0 && 3+n < len(s) && s[3+n] == '}' {
			return lexVarRef{kind: lexRefTest, name: s[3 : 3+n], n: n + 4}, true
		}
	}
	return ref, false
}

// lexNumberLen returns the length of the numeric token at the start of s
// (which starts with a digit, or '.' and a digit), following psql 15's
// {integer}, {decimal}, {decimalfail}, {real}, {realfail} and the
// {integer,decimal,real,param}_junk rules that make "1ea" or "0x1f" one
// token. Only the token length matters: it decides which following
// characters can start an identifier.
func lexNumberLen(s string) int {
	i := lexSpan(s, lexIsDigit)
	if i > 0 && strings.HasPrefix(s[i:], "..") {
		return i // {decimalfail}: "1..10" is 1, .., 10
	}
	if i < len(s) && s[i] == '.' {
		i++
		i += lexSpan(s[i:], lexIsDigit)
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			if j+1 < len(s) && lexIsDigit(s[j+1]) {
				i = j + 1 + lexSpan(s[j+1:], lexIsDigit) // {real}
			} else {
				return j + 1 // {realfail}
			}
		} else if j < len(s) && lexIsDigit(s[j]) {
			i = j + lexSpan(s[j:], lexIsDigit) // {real}
		}
	}
	if i < len(s) && lexIsIdentStart(s[i]) {
		i += lexSpan(s[i:], lexIsIdentCont) // trailing junk
	}
	return i
}

// lexDollarDelimLen returns the length of a {dolqdelim} ("$$" or "$tag$")
// at the start of s, or 0.
func lexDollarDelimLen(s string) int {
	if len(s) < 2 || s[0] != '$' {
		return 0
	}
	n := 1
	if lexIsDollarTagStart(s[1]) {
		n += lexSpan(s[1:], lexIsDollarTagCont)
	}
	if n < len(s) && s[n] == '$' {
		return n + 1
	}
	return 0
}

// lexLineCommentLen is the length of a "--" comment: up to, not including,
// the next newline (\n or \r).
func lexLineCommentLen(s string) int {
	if i := strings.IndexAny(s, "\n\r"); i >= 0 {
		return i
	}
	return len(s)
}

// lexQuoteContinueLen matches psqlscan.l's {quotecontinue}: horizontal
// whitespace and "--" comments, a newline, any whitespace (a comment there
// must end with a newline), then a quote. It returns the length including
// the quote, or 0.
func lexQuoteContinueLen(s string) int {
	i := 0
	for i < len(s) {
		if s[i] == ' ' || s[i] == '\t' || s[i] == '\f' {
			i++
		} else if strings.HasPrefix(s[i:], "--") {
			i += lexLineCommentLen(s[i:])
		} else {
			break
		}
	}
	if i >= len(s) || (s[i] != '\n' && s[i] != '\r') {
		return 0
	}
	i++
	for i < len(s) {
		switch {
		case lexIsSpace(s[i]):
			i++
		case strings.HasPrefix(s[i:], "--"):
			i += lexLineCommentLen(s[i:])
			if i >= len(s) {
				return 0
			}
			i++ // the newline that must end the comment
		case s[i] == '\'':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// lexSpan returns the length of the longest prefix of s whose bytes satisfy f.
func lexSpan(s string, f func(byte) bool) int {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return i
		}
	}
	return len(s)
}

// lexIsSpace is psqlscan.l's {space}: [ \t\n\r\f].
func lexIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func lexIsDigit(c byte) bool { return c >= '0' && c <= '9' }

func lexIsLetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

// lexIsIdentStart is {ident_start}: [A-Za-z\200-\377_].
func lexIsIdentStart(c byte) bool { return lexIsLetter(c) }

// lexIsIdentCont is {ident_cont}: [A-Za-z\200-\377_0-9\$].
func lexIsIdentCont(c byte) bool { return lexIsLetter(c) || lexIsDigit(c) || c == '$' }

// lexIsVarChar is {variable_char}: [A-Za-z\200-\377_0-9].
func lexIsVarChar(c byte) bool { return lexIsLetter(c) || lexIsDigit(c) }

// lexIsDollarTagStart is {dolq_start}: [A-Za-z\200-\377_].
func lexIsDollarTagStart(c byte) bool { return lexIsLetter(c) }

// lexIsDollarTagCont is {dolq_cont}: [A-Za-z\200-\377_0-9].
func lexIsDollarTagCont(c byte) bool { return lexIsLetter(c) || lexIsDigit(c) }

// lexIsOpChar is {op_chars}: [~!@#^&|`?+\-*/%<>=].
func lexIsOpChar(c byte) bool { return strings.IndexByte("~!@#^&|`?+-*/%<>=", c) >= 0 }

// lexEqualFoldASCII compares s with a lower-case ASCII keyword, folding only
// ASCII letters (pg_strcasecmp).
func lexEqualFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
