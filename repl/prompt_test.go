package repl

import (
	"strings"
	"testing"
)

func promptSession(prompt string) *Session {
	s := &Session{vars: newVars(), opts: &Options{}}
	s.vars.Set("PROMPT1", prompt)
	s.vars.Set("PROMPT2", prompt)
	s.vars.Set("x", "value")
	return s
}

// TestExpandPromptOffline covers the escapes that need no connection.
func TestExpandPromptOffline(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, prompt, want string }{
		{"literal and percent", "a%%b", "a%b"},
		{"octal", "%101%060", "A0"},
		{"variable", "[%:x:]", "[value]"},
		{"unknown variable", "[%:nope:]", "[]"},
		{"unterminated variable", "[%:x", "["},
		{"no connection", "%/%R%x%# ", "!?> "},
		{"invisible markers dropped", "%[\x1b[1m%]db%[\x1b[0m%]", "\x1b[1mdb\x1b[0m"},
		{"unknown escape kept", "%Q", "Q"},
		{"trailing percent", "a%", "a%"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := promptSession(tc.prompt).expandPrompt(prompt1, PromptReady); got != tc.want {
				t.Fatalf("expandPrompt(%q) = %q, want %q", tc.prompt, got, tc.want)
			}
		})
	}
}

// FuzzExpandPrompt: any prompt string expands without panicking (backquotes, which run a
// shell command, are left out).
func FuzzExpandPrompt(f *testing.F) {
	for _, seed := range []string{"%/%R%x%# ", "%:x:%:", "%1%12%123%1234", "%[%]%", "%M%m%>%n%p%l%w%~"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if strings.Contains(p, "`") {
			return
		}
		s := promptSession(p)
		s.expandPrompt(prompt1, PromptReady)
		s.expandPrompt(prompt2, PromptParen)
	})
}
