package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTerminalEditRedisplay: what \e leaves in the query buffer is shown again after
// PROMPT1 before the continuation prompt, and a semicolon then runs it, as in psql.
func TestTerminalEditRedisplay(t *testing.T) {
	t.Parallel()
	editor := filepath.Join(t.TempDir(), "editor.sh")
	script := "#!/bin/sh\nprintf 'select 1 as a,\\n  2 as b' > \"$1\"\n"
	if err := os.WriteFile(editor, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	var screens [2]string
	for i, bin := range []string{psqlBin, gpsqlBin} {
		ts := newTmux(t, fmt.Sprintf("EDITOR=%s %s -X -h %s -p %d -U postgres -d postgres", editor, bin, srv.SocketDir, srv.Port))
		ts.waitFor("postgres=# ")
		ts.line(`\e`)
		ts.waitFor("postgres-# ")
		ts.line(";")
		s := ts.waitFor("(1 row)\n\npostgres=# ") // the screen is settled once the prompt is back
		screens[i] = s[strings.Index(s, "\n")+1:] // after the banner line, which names the program
	}
	if screens[0] != screens[1] {
		t.Errorf("screens differ\n--- psql\n%s\n--- gpsql\n%s", screens[0], screens[1])
	}
	if !strings.Contains(screens[1], "postgres=# \\e\npostgres=# select 1 as a,\n  2 as b\npostgres-# ;") {
		t.Errorf("the edited buffer is not shown again:\n%s", screens[1])
	}
}
