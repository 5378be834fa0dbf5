package repl

import (
	"context"
	"strings"
	"testing"

	"github.com/gpsql/gpsql/meta"
)

// TestLexerStandardStringsPerLine: with a StandardStrings callback the lexer takes
// standard_conforming_strings afresh at each SetLine (psql_scan_setup per line), and the
// value holds for the whole line. With it off, \' inside '...' is an escaped quote.
func TestLexerStandardStringsPerLine(t *testing.T) {
	t.Parallel()
	std := true
	lx := NewLexer(LexerCallbacks{StandardStrings: func() bool { return std }})
	lx.SetStandardStrings(true) // overridden by the callback at SetLine
	steps := []struct {
		std  bool
		line string
		want ScanResult
		ps   PromptStatus
	}{
		{true, `select 'c\';`, ScanSemicolon, PromptReady},
		{false, `select 'a\'b';`, ScanSemicolon, PromptReady},
		{false, `select 'c\';`, ScanIncomplete, PromptSingleQuote},
		{true, `';`, ScanSemicolon, PromptReady}, // the open literal ends; std no longer matters
	}
	var buf strings.Builder
	for i, st := range steps {
		std = st.std
		lx.SetLine(st.line)
		res, ps := lx.Scan(&buf)
		if res != st.want || ps != st.ps {
			t.Fatalf("step %d (%q, std %v): Scan = %v %q, want %v %q", i, st.line, st.std, res, ps, st.want, st.ps)
		}
		if res == ScanSemicolon {
			buf.Reset()
		}
	}
}

// TestSessionStandardStrings: the session's answer follows the server's ParameterStatus
// after a SET, as psql's standard_strings() does, and is false without a connection.
func TestSessionStandardStrings(t *testing.T) {
	if (&Session{}).standardStrings() {
		t.Error("standardStrings is true without a connection (psql's standard_strings() says false)")
	}
	s := testSession(t)
	if !s.standardStrings() {
		t.Fatal("standardStrings is false on a fresh connection")
	}
	if _, err := s.conn.QueryValue(context.Background(), "set standard_conforming_strings = off"); err != nil {
		t.Fatal(err)
	}
	if s.standardStrings() {
		t.Error("standardStrings still true after set standard_conforming_strings = off")
	}
}

// TestLexArgsSemicolonsAndNoEval: arguments of a command psql reads with semicolon=true lose
// their unquoted trailing semicolons; others keep them; meta.OptNoEval expands nothing.
func TestLexArgsSemicolonsAndNoEval(t *testing.T) {
	t.Parallel()
	const line = ` on;; 'x;'; "y"; :v;`
	tests := []struct {
		cmd  string
		kind meta.OptionKind
		want []string
	}{
		{"t", meta.OptNormal, []string{"on", "x;", `"y"`, "val"}},
		{"dt+", meta.OptNormal, []string{"on", "x;", `"y"`, "val"}},
		{"lo_import", meta.OptNormal, []string{"on", "x;", `"y"`, "val"}},
		{"echo", meta.OptNormal, []string{"on;;", "x;;", `"y";`, "val;"}},
		{"pset", meta.OptNormal, []string{"on;;", "x;;", `"y";`, "val;"}},
		{"t", meta.OptNoEval, []string{"on;;", "x;;", `"y";`, ":v;"}},
	}
	for _, tc := range tests {
		t.Run(tc.cmd+"/"+map[meta.OptionKind]string{meta.OptNormal: "normal", meta.OptNoEval: "noeval"}[tc.kind], func(t *testing.T) {
			t.Parallel()
			s := &Session{vars: newVars(), opts: &Options{}}
			s.vars.Set("v", "val")
			lx := s.newLexer()
			lx.SetLine(line)
			a := lexArgs{s: s, lx: lx, cmd: tc.cmd}
			var got []string
			for {
				arg, ok := a.Next(tc.kind)
				if !ok {
					break
				}
				got = append(got, arg)
			}
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("arguments %q, want %q", got, tc.want)
			}
			if s.noEval {
				t.Error("noEval left set")
			}
		})
	}
}

// TestCondStackDiscard: a skipped branch's text and parenthesis depth are dropped, also
// when the loop emptied the buffer at a ';' inside the branch (psql leaves it alone there).
func TestCondStackDiscard(t *testing.T) {
	t.Parallel()
	for _, emptied := range []bool{false, true} {
		lx := NewLexer(LexerCallbacks{})
		var buf strings.Builder
		lx.SetLine("select")
		lx.Scan(&buf)
		c := condStack{{state: ifFalse}}
		c.saveQuery(lx, &buf)
		lx.SetLine("(bogus")
		lx.Scan(&buf)
		if lx.ParenDepth() != 1 {
			t.Fatalf("paren depth %d after (bogus", lx.ParenDepth())
		}
		if emptied {
			buf.Reset()
		}
		c.discardQuery(lx, &buf)
		if buf.String() != "select" || lx.ParenDepth() != 0 {
			t.Errorf("emptied=%v: buffer %q depth %d, want \"select\" 0", emptied, buf.String(), lx.ParenDepth())
		}
	}
}
