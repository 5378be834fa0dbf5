package main

import (
	"fmt"

	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
)

// TestTerminalCopyProgress: on a terminal, a long \copy from a large file shows a progress
// bar on stderr (share done, bytes, rows, rate, ETA from the file size) that is erased
// when the copy ends, leaving only psql's "COPY n"; a program source shows bytes, rows and
// rate without a share.
func TestTerminalCopyProgress(t *testing.T) {
	// Not parallel: the timing of a bar on screen suffers least when the machine is quiet.
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	rows := writeRows(t, big, 96<<20)
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line("create temp table big(a bigint, b text);")
	ts.waitFor("CREATE TABLE")
	ts.line(`\copy big from '` + big + `'`)
	bar := regexp.MustCompile(`\[#*\.*\] +\d+% [0-9.]+ [KMG]iB/96\.0 MiB  \d+ rows  [0-9.]+ [KMG]?i?B/s  ETA \S+`)
	s := ts.waitForMatch(bar)
	if strings.Contains(s, "COPY ") {
		t.Fatalf("the bar shows after the copy ended:\n%s", s)
	}
	s = ts.waitFor(fmt.Sprintf("COPY %d\npostgres=# ", rows))
	if strings.Contains(s, "ETA") || strings.Contains(s, "MiB") {
		t.Fatalf("the progress bar was not erased:\n%s", s)
	}
	// Ctrl-C in the middle: psql's cancel message, the server's error with the line, the
	// bar gone, and nothing of the interrupted copy kept.
	ts.keys("C-l")
	ts.line(`\copy big from '` + big + `'`)
	ts.waitForMatch(bar)
	ts.keys("C-c")
	s = ts.waitForMatch(regexp.MustCompile(`Cancel request sent\nERROR:  (canceling statement due to user request|COPY from stdin failed: canceled by user)\nCONTEXT:  COPY big, line \d+`))
	if strings.Contains(s, "ETA") {
		t.Fatalf("the progress bar was not erased:\n%s", s)
	}
	ts.waitFor("postgres=# ")
	ts.keys("C-l")
	ts.line("select count(*) = " + fmt.Sprint(rows) + " as kept from big;")
	ts.waitFor(" kept\n------\n t\n(1 row)")
	ts.line(`\copy big from program 'i=0; while [ $i -lt 40 ]; do echo $i,x; i=$((i+1)); sleep 0.05; done' (format csv)`)
	ts.waitForMatch(regexp.MustCompile(`\d+ B  \d+ rows  [0-9.]+ [KMG]?i?B/s`))
	s = ts.waitFor("COPY 40\npostgres=# ")
	if strings.Contains(s, " rows  ") {
		t.Fatalf("the progress bar was not erased:\n%s", s)
	}
	ts.line(`\q`)
	ts.waitFor("EXIT=0")
}

// waitForMatch polls the screen until re matches it.
func (ts *tmuxSession) waitForMatch(re *regexp.Regexp) string {
	ts.t.Helper()
	for i := 0; ; i++ {
		s := trimLines(ts.screen())
		if re.MatchString(s) {
			return s
		}
		if i > 300 {
			ts.t.Fatalf("screen never matched %s; it shows:\n%s", re, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestTerminalPassword: \password prompts twice on the terminal with psql's texts, refuses
// two different entries, and sends only a SCRAM-SHA-256 verifier (shown by -E), with which
// the role can then log in. The texts are psql 15's, seen by running this script with psql
// (not kept in the test: psql's simple_prompt flushes the terminal input with TCSAFLUSH after
// showing its prompt, so keys typed by tmux can be lost in a race no screen shows).
// scram_user's password is set to the value it had, so the other tests that log in as
// scram_user are not disturbed.
func TestTerminalPassword(t *testing.T) {
	for _, bin := range []string{gpsqlBin} {
		t.Run(filepath.Base(bin), func(t *testing.T) {
			ts := newTmux(t, fmt.Sprintf("%s -X -E -h %s -p %d -U postgres -d postgres", bin, srv.SocketDir, srv.Port))
			ts.waitFor("postgres=# ")
			ts.line(`\password scram_user`)
			ts.waitFor(`Enter new password for user "scram_user": `)
			ts.line("one")
			ts.waitFor("Enter it again: ")
			ts.line("two")
			ts.waitFor("Passwords didn't match.\npostgres=# ")
			ts.keys("C-l")
			ts.line(`\password scram_user`)
			ts.waitFor(`Enter new password for user "scram_user": `)
			ts.line(pgtest.ScramPassword)
			ts.waitFor("Enter it again: ")
			ts.line(pgtest.ScramPassword)
			s := ts.waitFor("ALTER USER scram_user PASSWORD 'SCRAM-SHA-256$4096:")
			if strings.Contains(s, pgtest.ScramPassword) {
				t.Fatalf("the password shows on the screen:\n%s", s)
			}
			ts.waitFor("**************************\n\npostgres=# ")
			ts.line(`\q`)
			ts.waitFor("EXIT=0")
			cfg, err := proto.ParseConfig([]proto.Param{{Keyword: "host", Value: "127.0.0.1"}, {Keyword: "port", Value: fmt.Sprint(srv.Port)},
				{Keyword: "user", Value: "scram_user"}, {Keyword: "dbname", Value: "postgres"}, {Keyword: "password", Value: pgtest.ScramPassword},
				{Keyword: "sslmode", Value: "disable"}}, proto.OSEnv())
			if err != nil {
				t.Fatal(err)
			}
			c, err := proto.Connect(t.Context(), cfg, proto.ConnectOptions{})
			if err != nil {
				t.Fatalf("scram_user cannot log in with the new password: %v", err)
			}
			c.Close()
		})
	}
}

// TestTerminalConnectKeepsPrevious: at the terminal a failed \c prints libpq's error and
// psql's "Previous connection kept", and the session goes on with the old connection (the
// screen text is psql 15's for the same keys).
func TestTerminalConnectKeepsPrevious(t *testing.T) {
	t.Parallel()
	ts := newTmux(t, sessionCmd(gpsqlBin))
	ts.waitFor("postgres=# ")
	ts.line(`\c nosuchdb`)
	// The socket path is long: the message wraps at the pane's width, so its parts are
	// checked apart.
	sc := strings.ReplaceAll(ts.waitFor("Previous connection kept\npostgres=# "), "\n", "")
	if !strings.Contains(sc, fmt.Sprintf("connection to server on socket \"%s/.s.PGSQL.%d\" failed: FATAL:  database \"nosuchdb\" does not exist", srv.SocketDir, srv.Port)) {
		t.Fatalf("no libpq error:\n%s", sc)
	}
	ts.line(`\c template1`)
	ts.waitFor("You are now connected to database \"template1\" as user \"postgres\".\ntemplate1=# ")
	ts.line(`\c "host=127.0.0.1 port=1"`)
	ts.waitFor("connection to server at \"127.0.0.1\", port 1 failed: Connection refused\n        Is the server running on that host and accepting TCP/IP connections?\nPrevious connection kept\ntemplate1=# ")
	ts.line(`\q`)
	ts.waitFor("EXIT=0")
}
