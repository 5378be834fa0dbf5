// Package completion is gpsql's tab completion: it reads the statement around the cursor,
// decides what may come next following psql 15's tab-complete.c rules (plus pgcli-style
// column completion after alias.), and looks names up through a Catalog. It imports nothing
// of gpsql's; the session supplies the catalog, variables and command names.
package completion

import (
	"context"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options are what a Completer needs from the session. Every field may be nil/empty.
type Options struct {
	Catalog     Catalog
	KeywordCase func() string   // COMP_KEYWORD_CASE: lower, upper, preserve-lower, preserve-upper (default)
	Variables   func() []string // psql variable names, for \set, \unset and :name
	Commands    []string        // backslash command names without the backslash (meta.Names)
	Pending     func() string   // the query buffer before the line being edited
	// ReadDir lists a directory for file-name completion; nil means os.ReadDir.
	ReadDir func(dir string) ([]os.DirEntry, error)
	// Timeout bounds the catalog lookups of one completion; 0 means 500 ms.
	Timeout time.Duration
}

// Completer completes SQL and psql meta-commands. It keeps no state between calls but what
// its Catalog caches, the re-spelling Do leaves for OnChange, and where the last Tab could
// not make progress; Complete is safe for concurrent use if the Catalog and Options
// functions are.
type Completer struct {
	o Options

	mu    sync.Mutex
	fix   *respell // set by Do, applied by OnChange
	stuck string   // the line and cursor of the last Tab that found several candidates and nothing to add
}

// New returns a Completer over o.
func New(o Options) *Completer {
	if o.ReadDir == nil {
		o.ReadDir = os.ReadDir
	}
	if o.Timeout == 0 {
		o.Timeout = 500 * time.Millisecond
	}
	return &Completer{o: o}
}

// Do implements readline's AutoCompleter (github.com/chzyer/readline): it returns what to
// append to the word before the cursor for each candidate, and that word's length in runes.
// Readline can only append, so when the candidates do not all extend the typed word as it
// is spelled, Do returns nothing and remembers a replacement instead: the typed word gives
// way to the candidates' longest common prefix (a lone candidate whole, with its trailing
// space), which is what GNU readline does with psql's matches. That covers a keyword re-cased
// under COMP_KEYWORD_CASE ("sel" → "SELECT"), a name folded to lower case ("TAB" → "tab1"),
// a quote added in front ("am" → "'America/"). The next OnChange for the Tab key applies it.
// Do and OnChange must be called from one goroutine (readline's), or at least not
// concurrently.
func (c *Completer) Do(line []rune, pos int) ([][]rune, int) {
	c.mu.Lock()
	c.fix = nil
	c.mu.Unlock()
	if pos < 0 || pos > len(line) {
		return nil, 0
	}
	ctx, cancel := context.WithTimeout(context.Background(), c.o.Timeout)
	defer cancel()
	cands, word := c.Complete(ctx, string(line[:pos]), string(line[pos:]))
	typed := []rune(word)
	n := len(typed)
	if n > pos {
		return nil, 0
	}
	literal := true
	for _, cand := range cands {
		if !strings.HasPrefix(cand, word) {
			literal = false
			break
		}
	}
	if literal {
		var out [][]rune
		for _, cand := range cands {
			out = append(out, []rune(cand)[n:])
		}
		// GNU readline (psql's) lists ambiguous candidates only on the second Tab in a row
		// that can add nothing; the first one only rings the bell. This readline would list
		// them at once, so the first such Tab gets nothing.
		where := string(line) + "\x00" + strconv.Itoa(pos)
		c.mu.Lock()
		defer c.mu.Unlock()
		if len(out) > 1 && commonPrefix(out) == 0 && c.stuck != where {
			c.stuck = where
			return nil, 0
		}
		c.stuck = ""
		return out, n
	}
	to := []rune(cands[0])
	for _, cand := range cands[1:] {
		r := []rune(cand)
		k := 0
		for k < len(to) && k < len(r) && to[k] == r[k] {
			k++
		}
		to = to[:k]
	}
	if len(to) > 0 {
		c.mu.Lock()
		c.fix = &respell{start: pos - n, from: typed, to: to}
		c.mu.Unlock()
	}
	return nil, 0
}

// commonPrefix returns how many leading runes all of ss share.
func commonPrefix(ss [][]rune) int {
	k := len(ss[0])
	for _, s := range ss[1:] {
		i := 0
		for i < k && i < len(s) && s[i] == ss[0][i] {
			i++
		}
		k = i
	}
	return k
}

// respell is a pending replacement of the typed word.
type respell struct {
	start    int // rune index of the word in the line
	from, to []rune
}

// OnChange implements readline's Listener: after the Tab key whose completion Do worked
// out, it replaces the typed word by the replacement Do chose and puts the cursor after it.
// Every other call leaves the line alone.
func (c *Completer) OnChange(line []rune, pos int, key rune) ([]rune, int, bool) {
	c.mu.Lock()
	f := c.fix
	c.fix = nil
	c.mu.Unlock()
	if f == nil || key != '\t' || f.start < 0 || f.start+len(f.from) > len(line) ||
		string(line[f.start:f.start+len(f.from)]) != string(f.from) {
		return nil, 0, false
	}
	out := append(append(append([]rune(nil), line[:f.start]...), f.to...), line[f.start+len(f.from):]...)
	return out, f.start + len(f.to), true
}

// Complete returns the completions of the word that ends at the cursor, given the text of
// the line before and after the cursor (the query buffer's earlier lines come from
// Options.Pending), and that word. Each candidate is the whole word, starting with it; a
// single candidate carries the trailing space psql's readline would add (none after a
// schema's "." or a directory's "/"). The result is sorted and freshly allocated.
func (c *Completer) Complete(ctx context.Context, before, after string) (cands []string, word string) {
	pending := ""
	if c.o.Pending != nil {
		pending = c.o.Pending()
		if pending != "" && !strings.HasSuffix(pending, "\n") {
			pending += "\n"
		}
	}
	st := newState(c, ctx, pending+before, after)
	list := st.complete()
	word = st.word
	list = dedupe(list)
	if len(list) == 1 && !strings.HasSuffix(list[0], ".") && !strings.HasSuffix(list[0], "/") {
		list[0] += " "
	}
	return list, word
}

func dedupe(l []string) []string {
	sort.Strings(l)
	out := l[:0]
	for i, s := range l {
		if i == 0 || s != l[i-1] {
			out = append(out, s)
		}
	}
	return out
}

// state is one completion request being worked out.
type state struct {
	c     *Completer
	ctx   context.Context
	text  string  // everything before the cursor
	after string  // the rest of the line
	word  string  // the word being completed
	prev  []token // the statement's tokens before word, inner groups collapsed
	all   []token // the whole statement's tokens, cursor word included
	meta  string  // the backslash command of the line, if the cursor is in its arguments
	margs []string
}

func newState(c *Completer, ctx context.Context, text, after string) *state {
	st := &state{c: c, ctx: ctx, text: text, after: after}
	line := text[strings.LastIndexByte(text, '\n')+1:]
	// A backslash command on the current line takes the rest of it as arguments.
	for _, t := range lex(line) {
		if t.kind == tMeta {
			st.meta = t.text
			args := splitArgs(line[t.end:])
			if t.end == len(line) {
				st.word = t.text
				return st
			}
			if len(args) > 0 && !isSpace(line[len(line)-1]) {
				st.word = args[len(args)-1]
				args = args[:len(args)-1]
			}
			st.margs = args
			return st
		}
	}
	toks := lex(text)
	// The statement is what follows the last semicolon.
	for i := len(toks) - 1; i >= 0; i-- {
		if toks[i].kind == tSemi {
			toks = toks[i+1:]
			break
		}
	}
	if n := len(toks); n > 0 && toks[n-1].end == len(text) && (toks[n-1].kind == tWord || toks[n-1].kind == tString || toks[n-1].kind == tNumber) {
		st.word = toks[n-1].text
		toks = toks[:n-1]
		// A psql variable reference :name (psqlscan.l) is one word here.
		if n := len(toks); n > 0 && toks[n-1].kind == tOp && toks[n-1].text == ":" && toks[n-1].end == len(text)-len(st.word) {
			st.word = ":" + st.word
			toks = toks[:n-1]
		}
	} else if n > 0 && toks[n-1].kind == tOp && toks[n-1].text == ":" && toks[n-1].end == len(text) {
		st.word = ":"
		toks = toks[:n-1]
	}
	// readline's word for psql ends only at psql's WORD_BREAKS ("\t\n@><=;|&() "), so a path
	// such as tmp_check/af is one word there, where the SQL lexer sees an operator.
	if raw := pathWord(text); len(raw) > len(st.word) {
		st.word = raw
		for len(toks) > 0 && toks[len(toks)-1].end > len(text)-len(raw) {
			toks = toks[:len(toks)-1]
		}
	}
	st.prev = collapse(toks)
	rest := lex(after)
	for i, t := range rest {
		if t.kind == tSemi {
			rest = rest[:i]
			break
		}
	}
	st.all = append(append(append([]token(nil), toks...), token{kind: tWord, text: st.word}), rest...)
	return st
}

// pathWord returns the file-name-like word (letters, digits and "_.-~/", with a "/") that
// ends text, or "".
func pathWord(text string) string {
	i := len(text)
	for i > 0 {
		c := text[i-1]
		if !(isLetter(c) || isDigit(c) || c == '.' || c == '-' || c == '~' || c == '/') {
			break
		}
		i--
	}
	w := text[i:]
	if !strings.Contains(w, "/") || i > 0 && (text[i-1] == '\'' || text[i-1] == '"') {
		return ""
	}
	return w
}

// splitArgs splits backslash-command arguments at white space, keeping quoted runs whole.
func splitArgs(s string) []string {
	var out []string
	i := 0
	for i < len(s) {
		if isSpace(s[i]) {
			i++
			continue
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			if s[i] == '\'' || s[i] == '"' {
				end, _ := scanQuoted(s, i, s[i], false)
				i = end
				continue
			}
			i++
		}
		out = append(out, s[start:i])
	}
	return out
}

// collapse replaces each completed parenthesized group by one tGroup token, as psql's
// get_previous_words does, so that rules see "INSERT INTO t (...) VALUES".
func collapse(toks []token) []token {
	var out []token
	var opens []int
	for _, t := range toks {
		switch t.kind {
		case tOpen:
			opens = append(opens, len(out))
			out = append(out, t)
		case tClose:
			if len(opens) == 0 {
				out = append(out, t)
				continue
			}
			o := opens[len(opens)-1]
			opens = opens[:len(opens)-1]
			out = append(out[:o], token{kind: tGroup, text: "(...)"})
		default:
			out = append(out, t)
		}
	}
	return out
}

// words returns the previous words' texts, most recent last.
func (st *state) words() []string {
	w := make([]string, len(st.prev))
	for i, t := range st.prev {
		w[i] = t.text
	}
	return w
}

// tail reports whether the previous words end with pats, compared case-insensitively;
// a pattern may be "*" (any word) or alternatives "A|B".
func (st *state) tail(pats ...string) bool {
	w := st.words()
	if len(w) < len(pats) {
		return false
	}
	w = w[len(w)-len(pats):]
	for i, p := range pats {
		if !wordIs(w[i], p) {
			return false
		}
	}
	return true
}

// head reports whether the statement starts with pats.
func (st *state) head(pats ...string) bool {
	w := st.words()
	if len(w) < len(pats) {
		return false
	}
	for i, p := range pats {
		if !wordIs(w[i], p) {
			return false
		}
	}
	return true
}

func wordIs(w, pat string) bool {
	if pat == "*" {
		return true
	}
	for _, alt := range strings.Split(pat, "|") {
		if strings.EqualFold(w, alt) {
			return true
		}
	}
	return false
}

// keywords returns the phrases matching the typed word case-insensitively, spelled in the
// case COMP_KEYWORD_CASE asks for, as psql's pg_strdup_keyword_case (tab-complete.c) does:
// lower case for "lower", for preserve-lower and preserve-upper when the typed word starts
// with a lower-case letter, and for preserve-lower when it starts with no letter at all;
// upper case otherwise. The candidates may thus re-spell the typed word ("sel" → "SELECT"
// under "upper"); Do and OnChange apply that to the line.
func (st *state) keywords(phrases []string) []string {
	upper := keywordUpper(st.keywordCase(), st.word)
	var out []string
	for _, p := range phrases {
		if len(p) < len(st.word) || !strings.EqualFold(p[:len(st.word)], st.word) {
			continue
		}
		if upper {
			p = strings.ToUpper(p)
		} else {
			p = strings.ToLower(p)
		}
		out = append(out, p)
	}
	return out
}

func (st *state) keywordCase() string {
	if st.c.o.KeywordCase != nil {
		if m := st.c.o.KeywordCase(); m != "" {
			return m
		}
	}
	return "preserve-upper"
}

// keywordUpper reports whether pg_strdup_keyword_case upper-cases a keyword completing ref.
func keywordUpper(mode, ref string) bool {
	first, _ := utf8.DecodeRuneInString(ref)
	isLower := ref != "" && first < utf8.RuneSelf && unicode.IsLower(first)
	isAlpha := ref != "" && first < utf8.RuneSelf && unicode.IsLetter(first)
	switch {
	case mode == "lower",
		(mode == "preserve-lower" || mode == "preserve-upper") && isLower,
		mode == "preserve-lower" && !isAlpha:
		return false
	}
	return true
}

// lookup lists a kind's names as they are written in SQL.
func (st *state) lookup(kind Kind, schema string) []string {
	if st.c.o.Catalog == nil {
		return nil
	}
	names, err := st.c.o.Catalog.Names(st.ctx, kind, schema)
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(names))
	for _, n := range names {
		if kind == Settings || kind == SettingValues || kind == TimeZones || kind == Databases || kind == Roles || (kind == Types && schema == "") {
			out = append(out, n)
			continue
		}
		out = append(out, QuoteIdent(n))
	}
	return out
}

// match keeps the names that extend prefix, hiding the system catalogs' pg_ names unless
// the prefix asks for them (tab-complete.c hides pg_catalog and pg_toast the same way).
func match(names []string, prefix string) []string {
	var out []string
	for _, n := range names {
		if !strings.HasPrefix(n, prefix) {
			continue
		}
		if strings.HasPrefix(n, "pg_") && !strings.HasPrefix(prefix, "pg_") {
			continue
		}
		out = append(out, n)
	}
	return out
}

// objects completes names of kind as psql 15's _complete_from_query does for a schema
// query: the typed word is read as an identifier (unquoted parts folded to lower case,
// quoted parts taken literally), names are matched against that, and the matches are written
// back quoted where needed, or wherever the user typed a quote. After "schema." only that
// schema's objects are offered; otherwise the visible objects and the matching schemas
// (followed by "."). A name that needs quotes is left out when an unquoted prefix was typed.
func (st *state) objects(kind Kind) []string {
	return st.schemaQuery(kind, true, nil)
}

// schemaQuery is objects, with withSchemas saying whether schema names are offered too;
// a non-nil ref is the referenced object's name a kind like ConstraintTables needs.
func (st *state) schemaQuery(kind Kind, withSchemas bool, ref *string) []string {
	id := parseIdent(st.word)
	arg := func(schema string) string {
		if ref != nil {
			return Ref(schema, *ref)
		}
		return schema
	}
	nonEmpty := id.object != ""
	var out []string
	if id.qualified {
		if nonEmpty && !id.schemaQuoted && identNeedsQuotes(id.schema) {
			return nil
		}
		for _, n := range st.rawLookup(kind, arg(id.schema)) {
			if !strings.HasPrefix(n, id.object) || nonEmpty && !id.objectQuoted && identNeedsQuotes(n) {
				continue
			}
			out = append(out, requote(id.schema, true, n, id.schemaQuoted, id.objectQuoted))
		}
		return out
	}
	hidePg := !strings.HasPrefix(id.object, "pg_")
	for _, n := range st.rawLookup(kind, arg("")) {
		if !strings.HasPrefix(n, id.object) || hidePg && strings.HasPrefix(n, "pg_") {
			continue
		}
		if kind == Types {
			// Visible types come spelled by format_type, ready for SQL.
			out = append(out, n)
			continue
		}
		if nonEmpty && !id.objectQuoted && identNeedsQuotes(n) {
			continue
		}
		out = append(out, requote("", false, n, false, id.objectQuoted))
	}
	if withSchemas {
		for _, n := range st.rawLookup(Schemas, "") {
			if !strings.HasPrefix(n, id.object) || hidePg && strings.HasPrefix(n, "pg_") ||
				nonEmpty && !id.objectQuoted && identNeedsQuotes(n) {
				continue
			}
			out = append(out, requote("", false, n, false, id.objectQuoted)+".")
		}
	}
	return out
}

// names completes the names of a kind without schemas (schemas, roles, databases,
// publications) the way psql 15 completes a simple query: matched as an identifier and
// written back quoted where needed.
func (st *state) names(kind Kind, ref string) []string {
	id := parseIdent(st.word)
	if id.qualified {
		return nil
	}
	var out []string
	for _, n := range st.rawLookup(kind, ref) {
		if !strings.HasPrefix(n, id.object) || id.object != "" && !id.objectQuoted && identNeedsQuotes(n) {
			continue
		}
		out = append(out, requote("", false, n, false, id.objectQuoted))
	}
	return out
}

// rawLookup lists a kind's names as stored.
func (st *state) rawLookup(kind Kind, schema string) []string {
	if st.c.o.Catalog == nil {
		return nil
	}
	names, err := st.c.o.Catalog.Names(st.ctx, kind, schema)
	if err != nil {
		return nil
	}
	return names
}

// ident is a typed, possibly qualified, possibly quoted name, read as psql 15's
// parse_identifier (tab-complete.c) reads it.
type ident struct {
	schema, object             string
	qualified                  bool
	schemaQuoted, objectQuoted bool
}

// parseIdent splits w at its last dot outside quotes, folds unquoted ASCII letters to lower
// case, undoes doubled quotes, and notes which parts had quotes. An unfinished quote runs to
// the end of w.
func parseIdent(w string) ident {
	var id ident
	var b strings.Builder
	inQ := false
	for i := 0; i < len(w); i++ {
		ch := w[i]
		switch {
		case ch == '"':
			if inQ && i+1 < len(w) && w[i+1] == '"' {
				b.WriteByte('"')
				i++
			} else {
				inQ = !inQ
				id.objectQuoted = true
			}
		case ch == '.' && !inQ:
			id.schema, id.qualified = b.String(), true
			id.schemaQuoted, id.objectQuoted = id.objectQuoted, false
			b.Reset()
		case !inQ && ch >= 'A' && ch <= 'Z':
			b.WriteByte(ch + 'a' - 'A')
		default:
			b.WriteByte(ch)
		}
	}
	id.object = b.String()
	return id
}

// identNeedsQuotes is psql 15's identifier_needs_quotes: anything but a lower-case ASCII
// identifier, and keywords other than unreserved ones.
func identNeedsQuotes(n string) bool { return QuoteIdent(n) != n }

// requote writes a name back as psql 15's requote_identifier does: each part quoted when
// it was typed quoted or needs quotes.
func requote(schema string, hasSchema bool, object string, quoteSchema, quoteObject bool) string {
	q := func(s string, force bool) string {
		if force || identNeedsQuotes(s) {
			return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
		}
		return s
	}
	if hasSchema {
		return q(schema, quoteSchema) + "." + q(object, quoteObject)
	}
	return q(object, quoteObject)
}

// plain completes names of a kind that has no schema (roles, databases, settings).
func (st *state) plain(kind Kind, extra ...string) []string {
	return append(st.names(kind, ""), st.keywords(extra)...)
}
