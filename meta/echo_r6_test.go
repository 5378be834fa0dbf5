package meta

import (
	"bytes"
	"testing"
)

// quotedWords hands out pre-split arguments with their quoting, whatever the kind asked for.
type quotedWords struct {
	words  []string
	quoted []bool
}

func (a *quotedWords) Next(k OptionKind) (string, bool) {
	w, _, ok := a.NextQuoted(k)
	return w, ok
}

func (a *quotedWords) NextQuoted(OptionKind) (string, bool, bool) {
	if len(a.words) == 0 {
		return "", false, false
	}
	w, q := a.words[0], a.quoted[0]
	a.words, a.quoted = a.words[1:], a.quoted[1:]
	return w, q, true
}

// TestEchoQuotedDashN: only an unquoted -n in first place is \echo's option (psql 15's
// exec_command_echo tests the quote psql_scan_slash_option reports). The expected texts
// are psql's output for the same arguments.
func TestEchoQuotedDashN(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		words  []string
		quoted []bool
		want   string
	}{
		{"unquoted -n", []string{"-n", "x"}, []bool{false, false}, "x"},
		{"quoted -n", []string{"-n", "x"}, []bool{true, false}, "-n x\n"},
		{"second -n is text", []string{"-n", "-n", "w"}, []bool{false, false, false}, "-n w"},
		{"-n not first", []string{"x", "-n"}, []bool{false, false}, "x -n\n"},
		{"nothing", nil, nil, "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			env := &Env{Stdout: &out}
			if res := runEcho(env, "echo", &quotedWords{tc.words, tc.quoted}); res != OK {
				t.Fatalf("result %v", res)
			}
			if out.String() != tc.want {
				t.Errorf("output %q, want %q", out.String(), tc.want)
			}
		})
	}
}

// TestNextQuotedPlainArgs: an Args without quote information reports nothing as quoted.
func TestNextQuotedPlainArgs(t *testing.T) {
	t.Parallel()
	a, q, ok := NextQuoted(&wordArgs{words: []string{"-n"}}, OptNormal)
	if a != "-n" || q || !ok {
		t.Errorf("NextQuoted = %q, %v, %v; want \"-n\", false, true", a, q, ok)
	}
	if _, _, ok := NextQuoted(&wordArgs{}, OptNormal); ok {
		t.Error("NextQuoted found an argument in an empty list")
	}
}
