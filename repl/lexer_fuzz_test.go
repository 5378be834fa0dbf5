package repl

import (
	"strings"
	"testing"
)

// FuzzLexer feeds arbitrary multi-line input, with variables a and b, to
// the lexer through the test main loop (no shell is run). It checks that
// nothing panics and every line ends in a bounded number of Scan calls and,
// for input without ':' and '\', that the statements sent are exactly the
// input lines joined with newlines, minus the whitespace and "--" comments
// psql drops before a statement starts.
func FuzzLexer(f *testing.F) {
	for _, tc := range lexScriptCases {
		f.Add(tc.script, "select 1", "'x")
	}
	f.Fuzz(func(t *testing.T, script, a, b string) {
		if len(script) > 4096 {
			script = script[:4096]
		}
		// Values may refer to each other; keep expansions small.
		a, b = a[:min(len(a), 64)], b[:min(len(b), 64)]
		for _, std := range []bool{true, false} {
			h := newLexHarness(t, false)
			h.vars["a"], h.vars["b"] = a, b
			got := h.run(script, std)
			if !strings.ContainsAny(script, `:\`) {
				lexCheckReconstruction(t, strings.Join(h.fed, "\n"), got.Queries)
			}
		}
	})
}

// lexCheckReconstruction checks that queries, in order, are pieces of input
// separated only by whitespace and "--" comments.
func lexCheckReconstruction(t *testing.T, input string, queries []string) {
	t.Helper()
	pos := 0
	for i, q := range queries {
		pos = lexSkipIgnorable(input, pos)
		if q == "" || !strings.HasPrefix(input[pos:], q) {
			t.Fatalf("query %d %q is not the input at offset %d: %q\nall queries: %q", i, q, pos, input[pos:], queries)
		}
		pos += len(q)
	}
	if pos = lexSkipIgnorable(input, pos); pos != len(input) {
		t.Fatalf("input left unsent at offset %d: %q\nqueries: %q", pos, input[pos:], queries)
	}
}

func lexSkipIgnorable(s string, pos int) int {
	for pos < len(s) {
		switch {
		case lexIsSpace(s[pos]):
			pos++
		case strings.HasPrefix(s[pos:], "--"):
			pos += lexLineCommentLen(s[pos:])
		default:
			return pos
		}
	}
	return pos
}

// FuzzLexerSlash scans an arbitrary line as a meta command: the name, then
// arguments of kinds chosen by the input. Each argument returned must
// consume input, and the scan must end.
func FuzzLexerSlash(f *testing.F) {
	f.Add(`echo 'a''b' "c d" e\\ f :v :'v' :"v" :{?v} `+"`cmd :v :'v'`", uint8(0))
	f.Add(`o | cat ; x`, uint8(3))
	f.Add(`c "Foo"Bar;; 'x;'`, uint8(2))
	f.Add(`! ls -l \\ x  `, uint8(4))
	f.Fuzz(func(t *testing.T, line string, kinds uint8) {
		var errs []string
		lx := NewLexer(LexerCallbacks{
			GetVariable: func(name string, q Quote) (string, bool) {
				if name != "v" {
					return "", false
				}
				return "val:v\\", true
			},
			Shell: func(cmd string) (string, error) { return cmd + "\n", nil },
			Error: func(msg string) { errs = append(errs, msg) },
		})
		lx.SetLine(line)
		lx.ScanSlashCommand()
		for i := 0; ; i++ {
			if i > len(line)+1 {
				t.Fatalf("more arguments than input bytes in %q", line)
			}
			before := len(lx.Rest())
			kind := OptionKind((int(kinds) + i) % 5)
			_, _, ok := lx.ScanSlashOptionFull(kind, kinds&0x80 != 0)
			if !ok {
				break
			}
			if len(lx.Rest()) >= before {
				t.Fatalf("argument of kind %d consumed nothing of %q", kind, line)
			}
		}
		lx.ScanSlashCommandEnd()
		var buf strings.Builder
		for i := 0; ; i++ {
			if i > 10*len(line)+10 {
				t.Fatalf("Scan does not reach the end of %q", line)
			}
			if res, _ := lx.Scan(&buf); res == ScanEOL || res == ScanIncomplete {
				break
			}
			lx.ScanSlashCommand()
			lx.ScanSlashCommandEnd()
		}
	})
}
