package main

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOutputStreamsDiff: what goes to standard output and what to \o's target. Echoed input
// (-a, ECHO queries) is psql's puts, so it stays on standard output while \o redirects query
// results; standard output written after \o is closed is not lost at exit; \w |cmd starts
// after what is already printed.
func TestOutputStreamsDiff(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "o.txt")
	tests := []diffCase{
		{name: "output after o closed", stdin: "\\o " + file + "\n\\o\n\\echo end\n"},
		{name: "last line after a result", stdin: "\\o " + file + "\n\\o\n\\echo end\nselect 1 as one;\n\\echo last\n"},
		{name: "echo queries stays on stdout", stdin: "\\o " + file + "\n\\set ECHO queries\nselect 2 as y;\n\\copy (select 3) to stdout\n\\o\n\\! cat " + file + "\n"},
		{name: "echo all stays on stdout", args: []string{"-a"}, stdin: "\\o " + file + "\nselect 2 as y;\n\\o\n\\echo after\n\\! cat " + file + "\n"},
		{name: "w pipe after earlier output", stdin: "select 1 as x;\n\\! echo b\n\\echo c\n\\w |cat\n"},
	}
	for _, tc := range tests {
		tc.args, tc.env = append([]string{"-X", "-f", "-"}, tc.args...), sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			runDiff(t, tc) // not parallel: the cases share the \o file
		})
	}
}

// TestEchoAllFlushed: with -a each input line is on standard output before it runs, as
// psql's puts and fflush put it there, so a long statement is visible while it runs.
func TestEchoAllFlushed(t *testing.T) {
	t.Parallel()
	cmd := exec.Command(gpsqlBin, "-X", "-a")
	cmd.Env = append([]string{"HOME=" + homeDir, "PATH=" + os.Getenv("PATH")}, sockEnv()...)
	cmd.Stdin = strings.NewReader("select pg_sleep(30);\n")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(out).ReadString('\n')
		line <- l
	}()
	select {
	case l := <-line:
		if l != "select pg_sleep(30);\n" {
			t.Fatalf("first output line %q, want the echoed statement", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the echoed statement did not show while it ran")
	}
}
