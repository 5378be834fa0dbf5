package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// tmuxSession drives the built gpsql in a real terminal: tmux send-keys types, capture-pane
// reads the screen.
type tmuxSession struct {
	t    *testing.T
	name string
}

func newTmux(t *testing.T, command string) *tmuxSession {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is needed for terminal tests (apt-get install tmux)")
	}
	name := fmt.Sprintf("gpsql-test-%d", time.Now().UnixNano())
	// The shell keeps the pane alive after gpsql exits so the last screen can be read.
	// Each test has its own tmux server (-L), so that one test ending its server never
	// races another starting a session.
	cmd := exec.Command("tmux", "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
		"env -i HOME="+homeDir+" TERM=xterm PATH=/usr/bin:/bin LANG=C.UTF-8 "+command+"; echo EXIT=$?; sleep 600")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	ts := &tmuxSession{t: t, name: name}
	t.Cleanup(func() { exec.Command("tmux", "-L", name, "kill-server").Run() })
	return ts
}

// typeText types literal text; a trailing ';' is escaped for tmux.
func (ts *tmuxSession) typeText(text string) {
	ts.t.Helper()
	if strings.HasSuffix(text, ";") {
		text = strings.TrimSuffix(text, ";") + `\;`
	}
	if out, err := exec.Command("tmux", "-L", ts.name, "send-keys", "-t", ts.name, "-l", text).CombinedOutput(); err != nil {
		ts.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

// line types text and Enter.
func (ts *tmuxSession) line(text string) {
	ts.t.Helper()
	ts.typeText(text)
	ts.keys("Enter")
}

// sessionCmd is the command line of a session of bin (psql or gpsql) on the test server's
// postgres database.
func sessionCmd(bin string) string {
	return fmt.Sprintf("%s -X -h %s -p %d -U postgres -d postgres", bin, srv.SocketDir, srv.Port)
}

// keys sends named keys (Enter, C-c, C-d).
func (ts *tmuxSession) keys(keys ...string) {
	ts.t.Helper()
	args := append([]string{"-L", ts.name, "send-keys", "-t", ts.name}, keys...)
	if out, err := exec.Command("tmux", args...).CombinedOutput(); err != nil {
		ts.t.Fatalf("send-keys: %v\n%s", err, out)
	}
}

func (ts *tmuxSession) screen() string {
	out, err := exec.Command("tmux", "-L", ts.name, "capture-pane", "-p", "-t", ts.name).Output()
	if err != nil {
		ts.t.Fatalf("capture-pane: %v", err)
	}
	return string(out)
}

// trimLines drops trailing spaces of every line: capture-pane does not keep them.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// waitFor polls the screen until it contains want, compared without trailing spaces (a
// condition, not a fixed sleep).
func (ts *tmuxSession) waitFor(want string) string {
	ts.t.Helper()
	want = trimLines(want)
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := trimLines(ts.screen())
		if strings.Contains(s, want) {
			return s
		}
		if time.Now().After(deadline) {
			ts.t.Fatalf("screen never showed %q; it shows:\n%s", want, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTerminalPasswordPromptAndQuery: the server asks for a password, gpsql prompts
// without echo, connects, runs a query typed at the prompt, and exits on Ctrl-D.
func TestTerminalPasswordPromptAndQuery(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, fmt.Sprintf("%s -X -h 127.0.0.1 -p %d -U scram_user -d postgres", gpsqlBin, srv.Port))
	ts.waitFor("Password for user scram_user: ")
	ts.line("scram_pw")
	s := ts.waitFor("postgres=> ")
	if strings.Contains(s, "scram_pw") {
		t.Fatalf("password echoed:\n%s", s)
	}
	if !strings.Contains(s, "SSL connection (protocol: TLSv1.3") {
		t.Fatalf("no TLS line in banner:\n%s", s)
	}
	ts.line("select 40 + 2 as answer")
	ts.waitFor("postgres-> ")
	ts.line(";")
	ts.waitFor(" answer \n--------\n     42\n(1 row)")
	ts.keys("C-d")
	ts.waitFor("EXIT=0")
}

// TestTerminalCtrlC: Ctrl-C cancels a running query with psql's messages and the session
// goes on; Ctrl-C at a continuation prompt clears the query buffer.
func TestTerminalCtrlC(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("select pg_sleep(60);")
	ts.waitFor("select pg_sleep(60);\n")
	ts.keys("C-c")
	ts.waitFor("Cancel request sent\nERROR:  canceling statement due to user request\npostgres=# ")
	ts.line("select 1 +")
	ts.waitFor("postgres-# ")
	ts.keys("C-c")
	ts.line("select 'fresh' as buf;")
	ts.waitFor(" buf  \n-------\n fresh\n(1 row)")
	ts.line("\\q")
	ts.waitFor("EXIT=0")
}

// TestTerminalWrongPassword: a wrong password typed at the prompt gives psql's message
// and exit code 2.
func TestTerminalWrongPassword(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, fmt.Sprintf("%s -X -h 127.0.0.1 -p %d -U md5_user -d postgres -c 'select 1'", gpsqlBin, srv.Port))
	ts.waitFor("Password for user md5_user: ")
	ts.line("wrong")
	s := ts.waitFor("EXIT=2")
	if !strings.Contains(s, `gpsql: error: connection to server at "127.0.0.1", port`) || !strings.Contains(s, `password authentication failed for user "md5_user"`) {
		t.Fatalf("unexpected screen:\n%s", s)
	}
}

// TestTerminalForcedPrompt: -W prompts before connecting even where no password is needed,
// naming the user given with -U.
func TestTerminalForcedPrompt(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, fmt.Sprintf("%s -X -W -h 127.0.0.1 -p %d -U pw_user -d postgres -c 'select current_user as who'", gpsqlBin, srv.Port))
	ts.waitFor("Password for user pw_user: ")
	ts.line("pw_pw")
	s := ts.waitFor("EXIT=0")
	if !strings.Contains(s, "   who\n---------\n pw_user\n(1 row)") || strings.Contains(s, "pw_pw") {
		t.Fatalf("unexpected screen:\n%s", s)
	}
}

// lastLine returns the last non-empty line of a screen.
func lastLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n "), "\n")
	return lines[len(lines)-1]
}

// TestTerminalPromptDiff shows the same prompts in psql and gpsql and compares them: the
// escapes of PROMPT1 and PROMPT2, transaction marks and the \if state.
func TestTerminalPromptDiff(t *testing.T) {
	type step struct{ typed, wait string }
	tests := []struct {
		name   string
		prompt string
		steps  []step
	}{
		{"user host port db", "%n@%m:%>/%/ %~ %#%R ", nil},
		{"full host and pid-free escapes", "[%M] %:PORT: %101%060 %`echo hi` %%%R%x ", nil},
		{"transaction marks", "%/%R%x%# ", []step{{"begin;", "BEGIN"}, {"select 1/0;", "ERROR"}}},
		{"continuation and parens", "%/%R%x%# ", []step{{"select (1,", ""}}},
		{"inactive if", "%/%R%x%# ", []step{{"\\if false", ""}}},
		{"line numbers and width", "%l %w|%R ", []step{{"select", ""}, {"1", ""}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var got [2]string
			for i, bin := range []string{psqlBin, gpsqlBin} {
				ts := newTmux(t, fmt.Sprintf("PGHOST=%s PGPORT=%d PGUSER=postgres PGDATABASE=postgres %s -X -v 'PROMPT1=%s' -v 'PROMPT2=%s'",
					srv.SocketDir, srv.Port, bin, tc.prompt, tc.prompt))
				ts.waitFor("help.")
				for _, st := range tc.steps {
					ts.line(st.typed)
					if st.wait != "" {
						ts.waitFor(st.wait)
					}
				}
				// Wait until the screen stops changing, then read the prompt line.
				prev := ""
				for j := 0; j < 100; j++ {
					cur := trimLines(ts.screen())
					if cur == prev && strings.TrimSpace(cur) != "" {
						break
					}
					prev = cur
					time.Sleep(50 * time.Millisecond)
				}
				got[i] = lastLine(trimLines(ts.screen()))
			}
			t.Logf("prompt: %q", got[1])
			if got[0] != got[1] {
				t.Fatalf("prompt differs\n psql: %q\ngpsql: %q", got[0], got[1])
			}
		})
	}
}

// TestTerminalHistory: a multi-line statement typed in one session is one history entry,
// recalled with Up after restarting gpsql; the file is private.
func TestTerminalHistory(t *testing.T) {
	t.Parallel()
	histFile := filepath.Join(t.TempDir(), "hist")
	cmd := fmt.Sprintf("PSQL_HISTORY=%s %s -X -h %s -p %d -U postgres -d postgres", histFile, gpsqlBin, srv.SocketDir, srv.Port)
	ts := newTmux(t, cmd)
	ts.waitFor("postgres=# ")
	ts.line("select 'first'")
	ts.line("  as remembered;")
	ts.waitFor("(1 row)")
	ts.line("\\q")
	ts.waitFor("EXIT=0")
	fi, err := os.Stat(histFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("history file: %v, %v", fi, err)
	}

	ts2 := newTmux(t, cmd)
	ts2.waitFor("postgres=# ")
	ts2.keys("Up", "Up")
	ts2.keys("Enter")
	ts2.waitFor(" remembered\n------------\n first\n(1 row)")
}

// TestTerminalReset: when the backend is killed, gpsql says so as psql does, reconnects,
// and the next query runs on the new connection.
func TestTerminalReset(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("select pg_terminate_backend(pg_backend_pid());")
	ts.waitFor("FATAL:  terminating connection due to administrator command\nserver closed the connection unexpectedly\n" +
		"        This probably means the server terminated abnormally\n        before or while processing the request.\n" + // the terminal shows tabs as spaces
		"The connection to the server was lost. Attempting reset: Succeeded.\npostgres=# ")
	ts.line("select 2 as two;")
	ts.waitFor(" two\n-----\n   2\n(1 row)")
}

// TestTerminalNotifyAtPrompt: a notification sent by another session appears while the
// user is typing at the prompt, and the half-typed line is redrawn after it and still runs.
func TestTerminalNotifyAtPrompt(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("listen tmux_chan;")
	ts.waitFor("LISTEN\npostgres=# ")
	ts.typeText("select 'typed' as t")
	ts.waitFor("postgres=# select 'typed' as t")
	sideSQL(t, "notify tmux_chan, 'while typing'")
	ts.waitFor("Asynchronous notification \"tmux_chan\" with payload \"while typing\" received from server process with PID")
	ts.waitFor("postgres=# select 'typed' as t")
	ts.line(";")
	ts.waitFor("   t\n-------\n typed\n(1 row)")
}

// TestTerminalIdleLoss: a backend killed while gpsql sits at the prompt is reported, as
// psql reports it, when the next command runs, and the session resets.
func TestTerminalIdleLoss(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, fmt.Sprintf("%s -X -h %s -p %d -U postgres -d postgres -v PROMPT1=%%p=#", gpsqlBin, srv.SocketDir, srv.Port))
	s := ts.waitFor("=#")
	var pid int
	for _, l := range strings.Split(s, "\n") {
		if n, err := fmt.Sscanf(l, "%d=#", &pid); n == 1 && err == nil {
			break
		}
	}
	if pid == 0 {
		t.Fatalf("no backend PID in the prompt:\n%s", s)
	}
	sideSQL(t, fmt.Sprintf("select pg_terminate_backend(%d)", pid))
	ts.line("select 1 as one;")
	ts.waitFor("FATAL:  terminating connection due to administrator command\nserver closed the connection unexpectedly\n")
	ts.waitFor("The connection to the server was lost. Attempting reset: Succeeded.\n")
	ts.line("select 2 as two;")
	ts.waitFor(" two\n-----\n   2\n(1 row)")
}

// TestTerminalCopyFromStdin: COPY FROM STDIN typed at the terminal shows psql's
// instructions and PROMPT3, and Ctrl-C aborts it with nothing copied.
func TestTerminalCopyFromStdin(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("create temp table typed(a int);")
	ts.waitFor("CREATE TABLE\npostgres=# ")
	ts.line("copy typed from stdin;")
	ts.waitFor("Enter data to be copied followed by a newline.\nEnd with a backslash and a period on a line by itself, or an EOF signal.\n>> ")
	ts.line("1")
	ts.line("2")
	ts.line(`\.`)
	ts.waitFor("COPY 2\npostgres=# ")
	ts.line("copy typed from stdin with (format text);")
	ts.waitFor("copy typed from stdin with (format text);\nEnter data to be copied followed by a newline.\n" +
		"End with a backslash and a period on a line by itself, or an EOF signal.\n>> ")
	ts.line("3")
	ts.waitFor(">> 3\n>> ") // the next data line is being read: Ctrl-C goes to the line editor
	ts.keys("C-c")
	ts.waitFor("ERROR:  COPY from stdin failed: canceled by user")
	ts.line("select count(*) from typed;")
	ts.waitFor(" count\n-------\n     2\n(1 row)")
}

// TestTerminalIgnoreEOF: with IGNOREEOF=2 the first Ctrl-D only says how to leave; the
// second one quits.
func TestTerminalIgnoreEOF(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, fmt.Sprintf("%s -X -h %s -p %d -U postgres -d postgres -v IGNOREEOF=2", gpsqlBin, srv.SocketDir, srv.Port))
	ts.waitFor("postgres=# ")
	ts.keys("C-d")
	ts.waitFor("Use \"\\q\" to leave gpsql.\npostgres=# ")
	ts.keys("C-d")
	ts.waitFor("\\q\nEXIT=0")
}

// TestTerminalHistoryCommands: \s lists the history (a multi-line statement as one entry)
// and \s FILE saves it; Ctrl-R searches it backwards.
func TestTerminalHistoryCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ts := newTmux(t, fmt.Sprintf("PSQL_HISTORY=%s %s -X -h %s -p %d -U postgres -d postgres", filepath.Join(dir, "h"), gpsqlBin, srv.SocketDir, srv.Port))
	ts.waitFor("postgres=# ")
	ts.line("select 'needle'")
	ts.line("  as found;")
	ts.waitFor("(1 row)")
	ts.line("select 2;")
	ts.waitFor("(1 row)\n\npostgres=# ")
	ts.line(`\s`)
	ts.waitFor("select 'needle'\n  as found;\nselect 2;\n\\s\n\npostgres=# ")
	saved := filepath.Join(dir, "saved.txt")
	ts.line(`\s ` + saved)
	ts.waitFor(fmt.Sprintf("Wrote history to file \"%s\".", saved))
	if b, err := os.ReadFile(saved); err != nil || !strings.Contains(string(b), "select 'needle'\n  as found;\n") {
		t.Fatalf("saved history: %q, %v", b, err)
	}
	ts.keys("C-r")
	ts.typeText("needle")
	ts.keys("Enter") // accept the found entry into the line
	ts.keys("Enter") // run it
	ts.waitFor(" found\n--------\n needle\n(1 row)\n\npostgres=# ")
}

// TestTerminalSingleStepDiff: -s asks before each statement on the terminal, and x skips it,
// on the same screen as psql's.
func TestTerminalSingleStepDiff(t *testing.T) {
	t.Parallel()
	script := filepath.Join(t.TempDir(), "steps.sql")
	os.WriteFile(script, []byte("select 1 as a;\nselect 2 as b;\nselect 3 as c;\n"), 0o644)
	var screens [2]string
	for i, bin := range []string{psqlBin, gpsqlBin} {
		ts := newTmux(t, fmt.Sprintf("%s -X -s -h %s -p %d -U postgres -d postgres -f %s", bin, srv.SocketDir, srv.Port, script))
		ts.waitFor("select 1 as a;\n***(press return to proceed or enter x and return to cancel)")
		ts.keys("Enter")
		ts.waitFor("select 2 as b;\n***(press return")
		ts.line("x")
		ts.waitFor("select 3 as c;\n***(press return")
		ts.keys("Enter")
		screens[i] = ts.waitFor("EXIT=0")
	}
	if screens[0] != screens[1] {
		t.Fatalf("screens differ\n--- psql\n%s\n--- gpsql\n%s", screens[0], screens[1])
	}
}

// sideSQL runs sql with psql in another session of the test server, failing the test if it
// fails.
func sideSQL(t *testing.T, sql string) {
	t.Helper()
	out, err := exec.Command(psqlBin, "-X", "-h", srv.SocketDir, "-p", fmt.Sprint(srv.Port), "-U", "postgres", "-d", "postgres",
		"-c", sql).CombinedOutput()
	if err != nil {
		t.Fatalf("psql -c %q: %v\n%s", sql, err, out)
	}
}
