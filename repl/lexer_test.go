package repl

import (
	"bytes"
	"fmt"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// lexOutcome is what a script does that the lexer decides: the queries sent
// to the server, the databases \c connects to, and what \echo, \p, \! and
// psql's messages print. lexScriptCases record psql 15's outcome;
// TestLexerScriptsAgainstPsql checks every recorded outcome against
// /usr/bin/psql itself, so the expectations cannot drift towards our code.
type lexOutcome struct {
	Queries  []string
	Connects []string
	Stdout   string
	Stderr   string
}

type lexScriptCase struct {
	name   string
	script string
	stdOff bool // the server reports standard_conforming_strings=off
	want   lexOutcome
}

// lexScriptCases were produced by running each script through
// `psql -X -q` (15.18) against a server recording the queries it receives.
var lexScriptCases = []lexScriptCase{
	// Statement boundaries.
	{name: "two statements on one line", script: "select 1; select 2;\n",
		want: lexOutcome{Queries: []string{"select 1;", "select 2;"}}},
	{name: "statement across lines joined with newlines", script: "select\n1\n   ,2\n;\n",
		want: lexOutcome{Queries: []string{"select\n1\n   ,2\n;"}}},
	{name: "leading whitespace and line comments dropped", script: "   \n\t\n-- c\n  select 1; -- tail\n  select 2;\n",
		want: lexOutcome{Queries: []string{"select 1;", "select 2;"}}},
	{name: "line comment kept inside statement", script: "select 1 -- c\n-- d\n;\n",
		want: lexOutcome{Queries: []string{"select 1 -- c\n-- d\n;"}}},
	{name: "block comment kept at statement start", script: "/* c */ select 1;\n",
		want: lexOutcome{Queries: []string{"/* c */ select 1;"}}},
	{name: "nested block comments hide semicolons", script: "select 1 /* a /* b */ ; */ ;\n",
		want: lexOutcome{Queries: []string{"select 1 /* a /* b */ ; */ ;"}}},
	{name: "comment-only script sends nothing", script: "-- nothing\n   \n",
		want: lexOutcome{}},
	{name: "block comment alone is sent at end", script: "/* only */\n",
		want: lexOutcome{Queries: []string{"/* only */"}}},
	{name: "empty lines skipped outside quotes", script: "select 1\n\n\n;\n",
		want: lexOutcome{Queries: []string{"select 1\n;"}}},
	{name: "empty lines kept inside a literal", script: "select 'a\n\nb';\n",
		want: lexOutcome{Queries: []string{"select 'a\n\nb';"}}},
	{name: "empty lines kept inside a comment", script: "select /* a\n\n*/ 1;\n",
		want: lexOutcome{Queries: []string{"select /* a\n\n*/ 1;"}}},
	{name: "whitespace-only line inside statement kept", script: "select 1\n   \n;\n",
		want: lexOutcome{Queries: []string{"select 1\n   \n;"}}},
	{name: "statement without semicolon sent at end of input", script: "select 1 -- c",
		want: lexOutcome{Queries: []string{"select 1 -- c"}}},
	{name: "unterminated literal sent at end of input", script: "select 'abc;\n",
		want: lexOutcome{Queries: []string{"select 'abc;"}}},
	{name: "carriage returns are whitespace", script: "select 1\r\n;\r\n\r\nselect 2;\n",
		want: lexOutcome{Queries: []string{"select 1\r\n;", "select 2;"}}},
	{name: "comment after semicolon dropped", script: "select 1; -- c\nselect 2; /* d */\n",
		want: lexOutcome{Queries: []string{"select 1;", "select 2;", "/* d */"}}},
	{name: "semicolon alone is a statement", script: "select 1;;\n",
		want: lexOutcome{Queries: []string{"select 1;", ";"}}},

	// Quotes.
	{name: "semicolons inside literals", script: "select 'a;b'; select 'it''s;';\n",
		want: lexOutcome{Queries: []string{"select 'a;b';", "select 'it''s;';"}}},
	{name: "E string backslash escapes a quote", script: "select E'a\\';b'; select 2;\n",
		want: lexOutcome{Queries: []string{"select E'a\\';b';", "select 2;"}}},
	{name: "standard string backslash is literal", script: "select 'a\\'; select 2';\n",
		want: lexOutcome{Queries: []string{"select 'a\\';", "select 2';"}}},
	{name: "standard_conforming_strings off escapes in plain literals", script: "select 'a\\'; select 2';\nselect 3;\n", stdOff: true,
		want: lexOutcome{Queries: []string{"select 'a\\'; select 2';", "select 3;"}}},
	{name: "bit and hex strings", script: "select B'01;', X'ff;', b'1';\n",
		want: lexOutcome{Queries: []string{"select B'01;', X'ff;', b'1';"}}},
	{name: "unicode escapes string and identifier", script: "select U&'a;b', U&\"c;d\", u&'e';\n",
		want: lexOutcome{Queries: []string{"select U&'a;b', U&\"c;d\", u&'e';"}}},
	{name: "national string", script: "select N'a;b';\n",
		want: lexOutcome{Queries: []string{"select N'a;b';"}}},
	{name: "quoted identifier with doubled quote", script: "select 1 as \"a\"\";b\";\n",
		want: lexOutcome{Queries: []string{"select 1 as \"a\"\";b\";"}}},
	{name: "literal continued on next line", script: "select 'a'\n  'b';\n",
		want: lexOutcome{Queries: []string{"select 'a'\n  'b';"}}},

	// Dollar quotes and parameters.
	{name: "dollar quotes with tags", script: "select $$a;b$$, $t$ $$ ; $t$, $a$x$b$;$a$;\n",
		want: lexOutcome{Queries: []string{"select $$a;b$$, $t$ $$ ; $t$, $a$x$b$;$a$;"}}},
	{name: "dollar quote across lines", script: "select $f$\nbody;\n\n$f$;\n",
		want: lexOutcome{Queries: []string{"select $f$\nbody;\n\n$f$;"}}},
	{name: "dollar quotes inside comments quote nothing", script: "select 1 /* $$ */;\nselect 2 -- $x$\n;\n",
		want: lexOutcome{Queries: []string{"select 1 /* $$ */;", "select 2 -- $x$\n;"}}},
	{name: "E string with an escaped quote", script: "select E'\\'' as q, E'a\\\\' as b; select 3;\n",
		want: lexOutcome{Queries: []string{"select E'\\'' as q, E'a\\\\' as b;", "select 3;"}}},
	{name: "interpolation inside a literal is not done", script: "\\set v 7\nselect ':''v'' :v' as s, :'v' as t;\n",
		want: lexOutcome{Queries: []string{"select ':''v'' :v' as s, '7' as t;"}}},
	{name: "parameters are not dollar quotes", script: "select $1, $2a; select 3;\n",
		want: lexOutcome{Queries: []string{"select $1, $2a;", "select 3;"}}},
	{name: "identifier containing dollar", script: "select a$b$; select 2;\n",
		want: lexOutcome{Queries: []string{"select a$b$;", "select 2;"}}},

	// Parentheses.
	{name: "semicolon inside parentheses", script: "select (1;\n2); select 3;\n",
		want: lexOutcome{Queries: []string{"select (1;\n2);", "select 3;"}}},
	{name: "unbalanced close parenthesis", script: "select 1); select 2;\n",
		want: lexOutcome{Queries: []string{"select 1);", "select 2;"}}},

	// Backslash in SQL.
	{name: "backslash semicolon does not send", script: "select 1 \\; select 2;\n",
		want: lexOutcome{Queries: []string{"select 1 ; select 2;"}}},
	{name: "backslash colon is a literal colon", script: "\\set v x\nselect \\:v, x\\:v;\n",
		want: lexOutcome{Queries: []string{"select :v, x:v;"}}},

	// CREATE FUNCTION ... BEGIN ATOMIC.
	{name: "begin atomic body kept together", script: "create function f() returns int language sql\nbegin atomic select 1; select 2; end;\nselect 3;\n",
		want: lexOutcome{Queries: []string{"create function f() returns int language sql\nbegin atomic select 1; select 2; end;", "select 3;"}}},
	{name: "case inside begin atomic", script: "CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC select case when true then 1 end; END; select 4;\n",
		want: lexOutcome{Queries: []string{"CREATE OR REPLACE PROCEDURE p() BEGIN ATOMIC select case when true then 1 end; END;", "select 4;"}}},
	{name: "begin outside create function", script: "create table begin (a int); select 1;\n",
		want: lexOutcome{Queries: []string{"create table begin (a int);", "select 1;"}}},
	{name: "numeric junk is one token", script: "create 1e function begin ;\nend;\n",
		want: lexOutcome{Queries: []string{"create 1e function begin ;\nend;"}}},
	{name: "parameter junk is one token", script: "create $1function begin ;\nend;\n",
		want: lexOutcome{Queries: []string{"create $1function begin ;", "end;"}}},
	{name: "decimalfail leaves an identifier", script: "create 1..e function begin ;\nend;\n",
		want: lexOutcome{Queries: []string{"create 1..e function begin ;", "end;"}}},
	{name: "u& without quote is not an identifier", script: "create u&x function begin ;\nend;\n",
		want: lexOutcome{Queries: []string{"create u&x function begin ;", "end;"}}},
	{name: "operators stop at comments", script: "select 1 +/* c; */ 2; select 3 *--c;\n4;\n",
		want: lexOutcome{Queries: []string{"select 1 +/* c; */ 2;", "select 3 *--c;\n4;"}}},

	// Variables in SQL.
	{name: "variable references of each kind", script: "\\set v 'a b'\nselect :v, :'v', :\"v\", :{?v}, :{?w};\n",
		want: lexOutcome{Queries: []string{"select a b, 'a b', \"a b\", TRUE, FALSE;"}}},
	{name: "unknown variables left as typed", script: "select :nope, :'nope', :\"nope\";\n",
		want: lexOutcome{Queries: []string{"select :nope, :'nope', :\"nope\";"}}},
	{name: "no interpolation inside quotes and comments", script: "\\set v x\nselect ':v', \":v\", $$:v$$, /* :v */ 1 -- :v\n;\n",
		want: lexOutcome{Queries: []string{"select ':v', \":v\", $$:v$$, /* :v */ 1 -- :v\n;"}}},
	{name: "casts are not variables", script: "\\set v x\nselect 1::v, :v::text, a:=:v;\n",
		want: lexOutcome{Queries: []string{"select 1::v, x::text, a:=x;"}}},
	{name: "partial references are literal colons", script: "\\set x 1\nselect :{x}, :{?x, :'x, 1;\n",
		want: lexOutcome{Queries: []string{"select :{x}, :{?x, :'x, 1;"}}},
	{name: "adjacent variables", script: "\\set v_1 ab\nselect :v_1:v_1;\n",
		want: lexOutcome{Queries: []string{"select abab;"}}},
	{name: "variable value scanned as SQL", script: "\\set v 'select 1; select'\n:v 2;\n",
		want: lexOutcome{Queries: []string{"select 1;", "select 2;"}}},
	{name: "variable value opens a literal", script: "\\set v 'select ''a'\n:v;b';\n",
		want: lexOutcome{Queries: []string{"select 'a;b';"}}},
	{name: "variable value holds a meta command", script: "\\set v '\\\\echo'\n:v hello\nselect 3;\n",
		want: lexOutcome{Queries: []string{"select 3;"}, Stdout: "hello\n"}},
	{name: "leading whitespace of a variable value dropped", script: "\\set v '  select 1'\n:v;\n",
		want: lexOutcome{Queries: []string{"select 1;"}}},
	{name: "quote continuation inside a variable value keeps E string rules", script: "\\set v 'select E''a''\\n''\\\\''; select 2;'';'\n:v\n",
		want: lexOutcome{Queries: []string{"select E'a'\n'\\'; select 2;';"}}},
	{name: "meta command arguments from a variable value", script: "\\set v '\\\\echo a b'\n:v c\n",
		want: lexOutcome{Stdout: "a b c\n"}},
	{name: "argument quote spans variable value and line", script: "\\set v '\\\\echo ''a'\n:v b' c\n",
		want: lexOutcome{Stdout: "a b c\n"}},
	{name: "semicolon from a variable inside parentheses", script: "\\set v '1;'\nselect (:v 2);\n",
		want: lexOutcome{Queries: []string{"select (1; 2);"}}},
	{name: "recursive variable not expanded", script: "\\set v ':v'\nselect :v;\n",
		want: lexOutcome{Queries: []string{"select :v;"}, Stderr: "skipping recursive expansion of variable \"v\"\n"}},
	{name: "literal and identifier quoting", script: "\\set v 'it''s a\\\\b'\nselect :'v', :\"v\";\n",
		want: lexOutcome{Queries: []string{"select  E'it''s a\\\\b', \"it's a\\b\";"}}},
	{name: "invalid UTF-8 value left as typed", script: "\\set v '\\xff'\nselect :'v', :\"v\";\n\\set v '\\303'\nselect :'v';\n",
		want: lexOutcome{Queries: []string{"select :'v', :\"v\";", "select :'v';"},
			Stderr: "invalid multibyte character\ninvalid multibyte character\nincomplete multibyte character\n"}},

	// Meta commands and their arguments.
	{name: "echo quoting rules", script: "\\echo 'a''b' 'c\\td' \"e f\" g'h i'j ''\n",
		want: lexOutcome{Stdout: "a'b c\td \"e f\" gh ij \n"}},
	{name: "echo escapes", script: "\\echo '\\101\\x41\\x4g\\q\\\\\\'' x\n",
		want: lexOutcome{Stdout: "AA\x04gq\\' x\n"}},
	{name: "argument ends at NUL", script: "\\echo 'a\\0b'c d\n",
		want: lexOutcome{Stdout: "a d\n"}},
	{name: "echo -n", script: "\\echo -n a\n\\echo b '-n'\n",
		want: lexOutcome{Stdout: "ab -n\n"}},
	{name: "command name ends at backslash", script: "\\echo a\\echo b\n",
		want: lexOutcome{Stdout: "a\nb\n"}},
	{name: "double backslash returns to SQL", script: "\\echo c \\\\ select 9;\n",
		want: lexOutcome{Queries: []string{"select 9;"}, Stdout: "c\n"}},
	{name: "meta command after SQL on the same line", script: "select 1 \\echo hi\n;\n",
		want: lexOutcome{Queries: []string{"select 1 \n;"}, Stdout: "hi\n"}},
	{name: "meta command line leaves buffer alone", script: "select 1\n\\echo x\n  ;\n",
		want: lexOutcome{Queries: []string{"select 1\n  ;"}, Stdout: "x\n"}},
	{name: "invalid command discards rest of line", script: "\\foo bar 'baz\nselect 1;\n",
		want: lexOutcome{Queries: []string{"select 1;"}, Stderr: "invalid command \\foo\n"}},
	{name: "lone backslash is an invalid command", script: "select 1 \\\\ select 2;\n",
		want: lexOutcome{Queries: []string{"select 1 "}, Stderr: "invalid command \\\n"}},
	{name: "extra arguments not expanded", script: "\\set v 1\n\\r extra :v `echo hi` 'q'\n",
		want: lexOutcome{Stderr: "\\r: extra argument \"extra\" ignored\n\\r: extra argument \":v\" ignored\n\\r: extra argument \"echo hi\" ignored\n\\r: extra argument \"q\" ignored\n"}},
	{name: "unterminated quotes in arguments", script: "\\echo 'abc\n\\echo \"x\n\\echo `echo x\n\\echo ok\n",
		want: lexOutcome{Stdout: "\n\n\nok\n", Stderr: "unterminated quoted string\nunterminated quoted string\nunterminated quoted string\n"}},
	{name: "backquotes with variables", script: "\\set u abc\n\\set v 'it''s'\n\\set w 'x y'\n\\echo `echo :u` `echo :'v' :'w'` `printf 'a\\n\\n'`z :'v'\n",
		want: lexOutcome{Stdout: "abc it's x y a\nz 'it''s'\n"}},
	{name: "plain variable in backquotes is not quoted", script: "\\set v 'it''s'\n\\echo `echo :v`x\n",
		want: lexOutcome{Stdout: "x\n", Stderr: "sh: 1: Syntax error: Unterminated quoted string\n"}},
	{name: "identifier reference not special in backquotes", script: "\\set v x\n\\echo `echo :\"v\"`\n",
		want: lexOutcome{Stdout: ":v\n"}},
	{name: "variables in arguments", script: "\\set v 'va lue'\n\\echo :v :'v' :\"v\" :{?v} :{?w} :w a:v \"a:v\" a:{?v}\n",
		want: lexOutcome{Stdout: "va lue 'va lue' \"va lue\" TRUE FALSE :w ava lue \"a:v\" aTRUE\n"}},
	{name: "colons in arguments", script: "\\echo a:b :: : :{x} :{?y :{?\n",
		want: lexOutcome{Stdout: "a:b :: : :{x} :{?y :{?\n"}},
	{name: "colon before quote starts a quoted part", script: "\\echo :'x y' :\"x y\"\n",
		want: lexOutcome{Stdout: ":x y :\"x y\"\n"}},
	{name: "set concatenates its arguments", script: "\\set v a 'b c' d\n\\echo :v\n",
		want: lexOutcome{Stdout: "ab cd\n"}},
	{name: "print and reset the query buffer", script: "select 1\n\\p\n\\r\n\\p\nselect 2;\n\\p\n",
		want: lexOutcome{Queries: []string{"select 2;"}, Stdout: "select 1\nselect 2;\n"}},
	{name: "reset forgets an open parenthesis", script: "select (1\n\\r\nselect 2;\n",
		want: lexOutcome{Queries: []string{"select 2;"}}},
	{name: "g sends the buffer or the previous one", script: "select (1 \\g\nselect 2\n\\g\n\\g\n",
		want: lexOutcome{Queries: []string{"select (1 ", "select 2", "select 2"}}},
	{name: "shell escape takes the whole line", script: "\\!   echo a   b \\\\ c  \n",
		want: lexOutcome{Stdout: "a b \\ c\n"}},
	{name: "connect argument dequoted with semicolons stripped", script: "\\c \"Foo\"\"x\"Bar;\n\\c 'd b';\n",
		want: lexOutcome{Connects: []string{"Foo\"xBar", "d b"}}},
}

// lexHarness is a minimal psql main loop (mainloop.c, command.c) around the
// lexer, with the few meta commands the script cases use: \echo, \set,
// \unset, \p, \r, \g, \! and \c.
type lexHarness struct {
	t       testing.TB
	lx      *Lexer
	vars    map[string]string
	active  bool
	runCmds bool // run \! and backquotes with sh; off when fuzzing, which also caps \set values
	out     lexOutcome
	stdout  strings.Builder
	stderr  strings.Builder
	prev    string
	fed     []string // the lines given to SetLine
}

func newLexHarness(t testing.TB, runCmds bool) *lexHarness {
	h := &lexHarness{t: t, vars: map[string]string{}, active: true, runCmds: runCmds}
	h.lx = NewLexer(LexerCallbacks{
		GetVariable: h.getVariable,
		Shell:       h.shell,
		Active:      func() bool { return h.active },
		Warn:        func(msg string) { h.stderr.WriteString(msg + "\n") },
		Error:       func(msg string) { h.stderr.WriteString(msg + "\n") },
	})
	return h
}

// getVariable is psql_get_variable.
func (h *lexHarness) getVariable(name string, q Quote) (string, bool) {
	if !h.active {
		return "", false
	}
	v, ok := h.vars[name]
	if !ok {
		return "", false
	}
	var err error
	switch q {
	case QuoteSQLLiteral:
		v, err = QuoteLiteral(v)
	case QuoteSQLIdent:
		v, err = QuoteIdent(v)
	case QuoteShell:
		v, err = QuoteShellArg(v)
	}
	if err != nil {
		h.stderr.WriteString(err.Error() + "\n")
		return "", false
	}
	return v, true
}

func (h *lexHarness) shell(cmd string) (string, error) {
	if !h.runCmds {
		return "<" + cmd + ">", nil
	}
	c := exec.Command("sh", "-c", cmd)
	var out bytes.Buffer
	c.Stdout = &out
	c.Stderr = &h.stderr
	if err := c.Run(); err != nil {
		if _, exited := err.(*exec.ExitError); !exited {
			return "", err
		}
	}
	return out.String(), nil
}

// run feeds script to the lexer line by line as psql's MainLoop does.
func (h *lexHarness) run(script string, std bool) lexOutcome {
	h.lx.SetStandardStrings(std)
	var buf strings.Builder
	lines := strings.Split(script, "\n")
	if strings.HasSuffix(script, "\n") {
		lines = lines[:len(lines)-1]
	}
	for _, line := range lines {
		if line == "" && !h.lx.InQuoteOrComment() {
			continue
		}
		h.lx.SetLine(line)
		h.fed = append(h.fed, line)
	scan:
		for steps := 0; ; steps++ {
			if steps > 1000+1100*len(line) {
				h.t.Fatalf("no end of line after %d Scan calls on %q", steps, line)
			}
			res, _ := h.lx.Scan(&buf)
			switch res {
			case ScanSemicolon:
				h.send(&buf)
			case ScanBackslash:
				h.slash(&buf)
			default:
				break scan
			}
		}
	}
	if buf.Len() > 0 {
		h.send(&buf)
	}
	h.out.Stdout = h.stdout.String()
	h.out.Stderr = h.stderr.String()
	return h.out
}

func (h *lexHarness) send(buf *strings.Builder) {
	h.out.Queries = append(h.out.Queries, buf.String())
	h.prev = buf.String()
	buf.Reset()
}

// slash is HandleSlashCmds with a few commands of exec_command.
func (h *lexHarness) slash(buf *strings.Builder) {
	lx := h.lx
	cmd := lx.ScanSlashCommand()
	valid, send := true, false
	switch cmd {
	case "echo":
		first, newline := true, true
		for {
			v, quote, ok := lx.ScanSlashOptionFull(OptNormal, false)
			if !ok {
				break
			}
			if first && newline && quote == 0 && v == "-n" {
				newline = false
				continue
			}
			if !first {
				h.stdout.WriteByte(' ')
			}
			first = false
			h.stdout.WriteString(v)
		}
		if newline {
			h.stdout.WriteByte('\n')
		}
	case "set":
		name, ok := lx.ScanSlashOption(OptNormal)
		if !ok {
			break // psql lists the variables; no script case does this
		}
		var val strings.Builder
		for {
			v, ok := lx.ScanSlashOption(OptNormal)
			if !ok {
				break
			}
			val.WriteString(v)
		}
		v := val.String()
		if !h.runCmds && len(v) > 64 {
			v = v[:64] // fuzzing: "\set a :a:a" lines would double a each time
		}
		h.vars[name] = v
	case "unset":
		if name, ok := lx.ScanSlashOption(OptNormal); ok {
			delete(h.vars, name)
		}
	case "p":
		switch {
		case buf.Len() > 0:
			h.stdout.WriteString(buf.String() + "\n")
		case h.prev != "":
			h.stdout.WriteString(h.prev + "\n")
		}
	case "r":
		buf.Reset()
		lx.Reset()
	case "g":
		send = true
	case "!":
		arg, _ := lx.ScanSlashOption(OptWholeLine)
		if h.runCmds {
			out, _ := h.shell(arg)
			h.stdout.WriteString(out)
		}
	case "c", "connect":
		db, quote, ok := lx.ScanSlashOptionFull(OptSQLIDHack, true)
		if ok && (quote != 0 || (db != "" && db != "-")) {
			h.out.Connects = append(h.out.Connects, db)
		}
	default:
		valid = false
		h.stderr.WriteString("invalid command \\" + cmd + "\n")
	}
	if valid {
		wasActive := h.active
		h.active = false
		for {
			arg, ok := lx.ScanSlashOption(OptNormal)
			if !ok {
				break
			}
			if wasActive {
				fmt.Fprintf(&h.stderr, "\\%s: extra argument \"%s\" ignored\n", cmd, arg)
			}
		}
		h.active = wasActive
	} else {
		for {
			if _, ok := lx.ScanSlashOption(OptWholeLine); !ok {
				break
			}
		}
	}
	lx.ScanSlashCommandEnd()
	if send {
		if buf.Len() == 0 {
			buf.WriteString(h.prev)
		}
		h.send(buf)
		lx.Reset()
	}
}

func TestLexerScripts(t *testing.T) {
	t.Parallel()
	for _, tc := range lexScriptCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := newLexHarness(t, true).run(tc.script, !tc.stdOff)
			lexCompareOutcome(t, "lexer", got, tc.want)
		})
	}
}

func lexCompareOutcome(t *testing.T, who string, got, want lexOutcome) {
	t.Helper()
	if !reflect.DeepEqual(got.Queries, want.Queries) && (len(got.Queries)+len(want.Queries) > 0) {
		t.Errorf("%s queries:\n got %q\nwant %q", who, got.Queries, want.Queries)
	}
	if !reflect.DeepEqual(got.Connects, want.Connects) && (len(got.Connects)+len(want.Connects) > 0) {
		t.Errorf("%s connects:\n got %q\nwant %q", who, got.Connects, want.Connects)
	}
	if got.Stdout != want.Stdout {
		t.Errorf("%s stdout:\n got %q\nwant %q", who, got.Stdout, want.Stdout)
	}
	if got.Stderr != want.Stderr {
		t.Errorf("%s stderr:\n got %q\nwant %q", who, got.Stderr, want.Stderr)
	}
}

// lexStep is one Scan call's expected outcome.
type lexStep struct {
	res    ScanResult
	prompt PromptStatus
	buf    string // the buffer after the call
}

// TestLexerScanSteps checks Scan's results, prompt states and buffer
// contents call by call. The prompt states are what psql 15 shows for %R
// when the same lines are typed at an interactive prompt (checked through a
// pseudo-terminal with PROMPT1 and PROMPT2 set to "<%R>").
func TestLexerScanSteps(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name  string
		lines []string
		steps [][]lexStep // per line
	}{
		{name: "complete statement", lines: []string{"select 1; "},
			steps: [][]lexStep{{{ScanSemicolon, PromptReady, "select 1;"}, {ScanIncomplete, PromptReady, ""}}}},
		{name: "continuation", lines: []string{"select 1", "-- c", ""},
			steps: [][]lexStep{{{ScanEOL, PromptContinue, "select 1"}}, {{ScanEOL, PromptContinue, "select 1\n-- c"}}, {{ScanEOL, PromptContinue, "select 1\n-- c\n"}}}},
		{name: "nothing typed", lines: []string{"   -- c"},
			steps: [][]lexStep{{{ScanIncomplete, PromptReady, ""}}}},
		{name: "parenthesis", lines: []string{"select (1, (", "2)", ")"},
			steps: [][]lexStep{{{ScanIncomplete, PromptParen, "select (1, ("}}, {{ScanIncomplete, PromptParen, "select (1, (\n2)"}}, {{ScanEOL, PromptContinue, "select (1, (\n2)\n)"}}}},
		{name: "single quote", lines: []string{"select 'a"},
			steps: [][]lexStep{{{ScanIncomplete, PromptSingleQuote, "select 'a"}}}},
		{name: "E string ending in backslash", lines: []string{"select E'\\"},
			steps: [][]lexStep{{{ScanIncomplete, PromptSingleQuote, "select E'\\"}}}},
		{name: "bit string", lines: []string{"select B'01"},
			steps: [][]lexStep{{{ScanIncomplete, PromptSingleQuote, "select B'01"}}}},
		{name: "double quote", lines: []string{"select \"a"},
			steps: [][]lexStep{{{ScanIncomplete, PromptDoubleQuote, "select \"a"}}}},
		{name: "dollar quote", lines: []string{"select $t$ $$ "},
			steps: [][]lexStep{{{ScanIncomplete, PromptDollarQuote, "select $t$ $$ "}}}},
		{name: "nested comment", lines: []string{"select /* /* */", "*/"},
			steps: [][]lexStep{{{ScanIncomplete, PromptComment, "select /* /* */"}}, {{ScanEOL, PromptContinue, "select /* /* */\n*/"}}}},
		{name: "closed literal", lines: []string{"select 'a'"},
			steps: [][]lexStep{{{ScanEOL, PromptContinue, "select 'a'"}}}},
		{name: "begin atomic", lines: []string{"create function f() returns int begin atomic select 1;", "end;"},
			steps: [][]lexStep{{{ScanIncomplete, PromptContinue, "create function f() returns int begin atomic select 1;"}},
				{{ScanSemicolon, PromptReady, "create function f() returns int begin atomic select 1;\nend;"}, {ScanIncomplete, PromptReady, ""}}}},
		{name: "backslash keeps preceding text", lines: []string{"select (1 \\echo x"},
			steps: [][]lexStep{{{ScanBackslash, PromptReady, "select (1 "}}}},
		{name: "backslash line adds no newline", lines: []string{"select 1", "\\echo"},
			steps: [][]lexStep{{{ScanEOL, PromptContinue, "select 1"}}, {{ScanBackslash, PromptReady, "select 1"}}}},
		{name: "space before backslash adds newline", lines: []string{"select 1", " \\echo"},
			steps: [][]lexStep{{{ScanEOL, PromptContinue, "select 1"}}, {{ScanBackslash, PromptReady, "select 1\n "}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lx := NewLexer(LexerCallbacks{})
			var buf strings.Builder
			for i, line := range tc.lines {
				lx.SetLine(line)
				for j, want := range tc.steps[i] {
					res, prompt := lx.Scan(&buf)
					if res != want.res || prompt != want.prompt || buf.String() != want.buf {
						t.Errorf("line %d scan %d: got %v %q %q, want %v %q %q", i, j, res, prompt, buf.String(), want.res, want.prompt, want.buf)
					}
					if res == ScanSemicolon {
						buf.Reset() // sent, as the loop does
					}
				}
			}
		})
	}
}

func TestLexerInQuoteOrComment(t *testing.T) {
	t.Parallel()
	cases := []struct {
		line string
		want bool
	}{
		{"select 1", false},
		{"select 'a'", false}, // after a closing quote (the xqs state)
		{"select 'a", true},
		{"select \"a", true},
		{"select $$", true},
		{"select /*", true},
		{"select (", false},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			t.Parallel()
			lx := NewLexer(LexerCallbacks{})
			var buf strings.Builder
			lx.SetLine(tc.line)
			lx.Scan(&buf)
			if got := lx.InQuoteOrComment(); got != tc.want {
				t.Errorf("InQuoteOrComment = %v, want %v", got, tc.want)
			}
			lx.Reset()
			if lx.InQuoteOrComment() || lx.ParenDepth() != 0 {
				t.Errorf("Reset left state: in quote %v, depth %d", lx.InQuoteOrComment(), lx.ParenDepth())
			}
		})
	}
}

func TestLexerParenDepth(t *testing.T) {
	t.Parallel()
	lx := NewLexer(LexerCallbacks{})
	var buf strings.Builder
	lx.SetLine("select ((1")
	lx.Scan(&buf)
	if got := lx.ParenDepth(); got != 2 {
		t.Fatalf("ParenDepth = %d, want 2", got)
	}
	lx.SetParenDepth(0)
	lx.SetLine(";")
	if res, _ := lx.Scan(&buf); res != ScanSemicolon {
		t.Fatalf("after SetParenDepth(0), Scan = %v, want ScanSemicolon", res)
	}
}

// TestLexerSlashOptions covers the argument kinds the script cases reach
// only partly, following psqlscanslash.l.
func TestLexerSlashOptions(t *testing.T) {
	t.Parallel()
	type opt struct {
		kind      OptionKind
		semicolon bool
		arg       string
		quote     byte
		ok        bool
	}
	cases := []struct {
		name string
		line string // starts after the command name
		opts []opt
		rest string // Rest() afterwards
	}{
		{name: "sqlid downcases unquoted letters", line: ` FooBAR "MiXed""q"Tail`,
			opts: []opt{{OptSQLID, false, "foobar", 0, true}, {OptSQLID, false, `MiXed"qtail`, '"', true}, {OptSQLID, false, "", 0, false}}},
		{name: "sqlidhack keeps case", line: ` "A"B C`,
			opts: []opt{{OptSQLIDHack, false, "AB", '"', true}, {OptSQLIDHack, false, "C", 0, true}}},
		{name: "sqlid leaves non-ASCII alone", line: " ÉTÉ",
			opts: []opt{{OptSQLID, false, "ÉtÉ", 0, true}}},
		{name: "semicolons stripped only when unquoted", line: ` a;; 'b;'; 'c;' x;`,
			opts: []opt{{OptNormal, true, "a", 0, true}, {OptNormal, true, "b;", '\'', true}, {OptNormal, true, "c;", '\'', true}, {OptNormal, false, "x;", 0, true}}},
		{name: "file pipe takes the rest", line: `  | cat > x \\ y`,
			opts: []opt{{OptFilePipe, false, `| cat > x \\ y`, 0, true}}},
		{name: "file pipe without bar is normal", line: ` out.txt more`,
			opts: []opt{{OptFilePipe, false, "out.txt", 0, true}}, rest: " more"},
		{name: "bar is not special for normal", line: ` |x y`,
			opts: []opt{{OptNormal, false, "|x", 0, true}}, rest: " y"},
		{name: "whole line keeps trailing spaces and semicolons", line: "   a 'b' \\\\ c;  ",
			opts: []opt{{OptWholeLine, true, "a 'b' \\\\ c;  ", 0, true}, {OptWholeLine, false, "", 0, false}}},
		{name: "empty quoted argument", line: ` '' ""`,
			opts: []opt{{OptNormal, false, "", '\'', true}, {OptNormal, false, `""`, '"', true}}},
		{name: "argument stops at backslash", line: ` a\b`,
			opts: []opt{{OptNormal, false, "a", 0, true}, {OptNormal, false, "", 0, false}}, rest: `\b`},
		{name: "octal escape wraps to a byte", line: ` '\777\1x'`,
			opts: []opt{{OptNormal, false, "\xff\x01x", '\'', true}}},
		{name: "backslash newline in quotes", line: " 'a\\\nb'",
			opts: []opt{{OptNormal, false, "a\\\nb", '\'', true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			lx := NewLexer(LexerCallbacks{})
			lx.SetLine(tc.line)
			for i, o := range tc.opts {
				arg, quote, ok := lx.ScanSlashOptionFull(o.kind, o.semicolon)
				if arg != o.arg || quote != o.quote || ok != o.ok {
					t.Errorf("option %d: got %q %q %v, want %q %q %v", i, arg, quote, ok, o.arg, o.quote, o.ok)
				}
			}
			if got := lx.Rest(); got != tc.rest {
				t.Errorf("Rest() = %q, want %q", got, tc.rest)
			}
		})
	}
}

func TestLexerBacktickErrors(t *testing.T) {
	t.Parallel()
	var errs []string
	lx := NewLexer(LexerCallbacks{
		Shell: func(cmd string) (string, error) { return "", fmt.Errorf("no shell") },
		Error: func(msg string) { errs = append(errs, msg) },
	})
	lx.SetLine(" a`cmd`b `x`")
	arg, quote, ok := lx.ScanSlashOptionFull(OptNormal, false)
	if arg != "ab" || quote != '`' || !ok {
		t.Errorf("got %q %q %v, want \"ab\" '`' true", arg, quote, ok)
	}
	if want := []string{"cmd: no shell"}; !reflect.DeepEqual(errs, want) {
		t.Errorf("errors %q, want %q", errs, want)
	}
	inactive := NewLexer(LexerCallbacks{
		Shell:  func(cmd string) (string, error) { t.Error("Shell called in inactive branch"); return "", nil },
		Active: func() bool { return false },
	})
	inactive.SetLine(" `cmd x`")
	if arg, _, _ := inactive.ScanSlashOptionFull(OptNormal, false); arg != "cmd x" {
		t.Errorf("inactive branch: got %q, want the command text", arg)
	}
}

func TestQuoteLiteral(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want, err string
	}{
		// Expected values as psql 15 printed them for :'v' (see also the
		// script cases, checked against psql).
		{name: "plain", in: "a b", want: "'a b'"},
		{name: "quote doubled", in: "it's", want: "'it''s'"},
		{name: "backslash gives E string", in: `it's a\b`, want: ` E'it''s a\\b'`},
		{name: "empty", in: "", want: "''"},
		{name: "cut at NUL", in: "a\x00b", want: "'a'"},
		{name: "multibyte", in: "été", want: "'été'"},
		{name: "invalid byte", in: "\xff", err: "invalid multibyte character"},
		{name: "bad continuation", in: "a\xc3(b", err: "invalid multibyte character"},
		{name: "surrogate", in: "\xed\xa0\x80", err: "invalid multibyte character"},
		{name: "truncated", in: "a\xc3", err: "incomplete multibyte character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := QuoteLiteral(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("QuoteLiteral(%q) error %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("QuoteLiteral(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestQuoteIdent(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want, err string
	}{
		{name: "plain", in: "a b", want: `"a b"`},
		{name: "double quote doubled, backslash kept", in: `say "hi"\`, want: `"say ""hi""\"`},
		{name: "invalid", in: "x\x80", err: "invalid multibyte character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := QuoteIdent(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("QuoteIdent(%q) error %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("QuoteIdent(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestQuoteShellArg(t *testing.T) {
	t.Parallel()
	// Expected values as psql 15 put them into a backquoted command (read
	// back from the shell's /proc/$$/cmdline).
	cases := []struct {
		name, in, want, err string
	}{
		{name: "safe characters unquoted", in: "abc-_./:09XYZ", want: "abc-_./:09XYZ"},
		{name: "empty", in: "", want: "''"},
		{name: "space", in: "x y", want: "'x y'"},
		{name: "single quote", in: "it's", want: `'it'"'"'s'`},
		{name: "newline refused", in: "a\nb", err: "shell command argument contains a newline or carriage return: \"a\nb\""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := QuoteShellArg(tc.in)
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("QuoteShellArg(%q) error %v, want %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("QuoteShellArg(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
		})
	}
}
