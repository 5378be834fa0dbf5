package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpDiff compares the help texts that gpsql prints as psql does, byte for byte.
func TestHelpDiff(t *testing.T) {
	cases := []diffCase{
		{name: "help variables", args: []string{"-X", "--help=variables"}},
		{name: "slash variables", args: []string{"-X", "-c", `\? variables`}, env: sockEnv()},
		{name: "sql list", args: []string{"-X", "-c", `\h`}, env: sockEnv()},
		{name: "sql no match", args: []string{"-X", "-c", `\h nosuch thing`}, env: sockEnv()},
		{name: "sql no match script", args: []string{"-X"}, env: sockEnv(), stdin: "\\help frobnicate;\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// TestHelpCommandsSubset checks that \? commands prints psql's lines, in psql's order and
// sections, for the commands gpsql has: every line gpsql prints is one of psql's, in the
// same order, and the state notes ("currently ...") agree.
func TestHelpCommandsSubset(t *testing.T) {
	cases := []struct {
		name string
		args []string
		env  []string
	}{
		{"help commands", []string{"-X", "--help=commands"}, nil},
		{"slash default", []string{"-X", "-c", `\?`}, sockEnv()},
		{"slash state", []string{"-X", "-c", `\x auto`, "-c", `\t on`, "-c", `\timing on`, "-c", `\H`, "-c", `\? commands`}, sockEnv()},
		{"slash unknown topic", []string{"-X", "-c", `\? nosuch`}, sockEnv()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			want := runClient(t, psqlBin, tc.args, tc.env, "")
			got := runClient(t, gpsqlBin, tc.args, tc.env, "")
			if got.code != want.code || got.stderr != want.stderr {
				t.Fatalf("exit %d stderr %q, psql: exit %d stderr %q", got.code, got.stderr, want.code, want.stderr)
			}
			psqlLines := strings.Split(want.stdout, "\n")
			k := 0
			for _, line := range strings.Split(got.stdout, "\n") {
				for k < len(psqlLines) && psqlLines[k] != line {
					k++
				}
				if k == len(psqlLines) {
					t.Fatalf("line %q is not in psql's output in this order:\n%s", line, want.stdout)
				}
				k++
			}
			for _, must := range []string{"General", "Informational", `  \q `, `  \d[S+]  NAME `, `  \if EXPR`} {
				if !strings.Contains(got.stdout, must) {
					t.Errorf("missing %q in:\n%s", must, got.stdout)
				}
			}
		})
	}
}

// TestSQLHelpMatches checks that \h finds the same commands as psql for a topic (the
// descriptions and synopses are gpsql's own, so only the Command and URL lines compare).
func TestSQLHelpMatches(t *testing.T) {
	topics := []string{"select", "SELECT", "create", "alter ta", "alter table foo", "drop text search", "*", "with", "set role x", "roll"}
	keep := func(s string) string {
		var out []string
		for _, l := range strings.Split(s, "\n") {
			if strings.HasPrefix(l, "Command:") || strings.HasPrefix(l, "URL:") {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	for _, topic := range topics {
		t.Run(topic, func(t *testing.T) {
			t.Parallel()
			args := []string{"-X", "-c", `\h ` + topic}
			want := runClient(t, psqlBin, args, sockEnv(), "")
			got := runClient(t, gpsqlBin, args, sockEnv(), "")
			if keep(got.stdout) != keep(want.stdout) || keep(want.stdout) == "" {
				t.Errorf("\\h %s found\n%s\npsql found\n%s", topic, keep(got.stdout), keep(want.stdout))
			}
			if !strings.Contains(got.stdout, "Syntax:\n") {
				t.Errorf("no synopsis in %q", got.stdout)
			}
		})
	}
}

// TestEditDiff runs \e, \ef and \ev with editors that are shell scripts, through both
// clients from standard input.
func TestEditDiff(t *testing.T) {
	dir := t.TempDir()
	script := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// Each editor edits its last argument; args echoes what it was called with.
	sed := script("sed.sh", "for f; do :; done\nsed -i 's/1/7/g' \"$f\"\n")
	args := script("args.sh", "echo \"ARGS: $*\" >&2\nfor f; do :; done\ncat \"$f\" >&2\n")
	semi := script("semi.sh", "for f; do :; done\nprintf 'select 4;\\nselect 5 \\\\echo x\\n' > \"$f\"\n")
	fail := script("fail.sh", "exit 3\n")
	file := filepath.Join(dir, "keep.sql")
	if err := os.WriteFile(file, []byte("select 1;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	setup := "set client_min_messages = warning;\ncreate schema if not exists e2e_edit;\n" +
		"create or replace function e2e_edit.f1(a int) returns int language sql as 'select a + 1';\n" +
		"create or replace view e2e_edit.v1 as select 1 as x;\n"
	tmp := "TMPDIR=" + dir
	scrub := []string{`/\S*psql\.edit\.\d+\.sql`}
	cases := []diffCase{
		{name: "edit buffer", env: sockEnv("EDITOR="+sed, tmp), stdin: "select 1 \\e\n\\p\nselect 11 \\e\n;\n"},
		{name: "recall previous", env: sockEnv("EDITOR="+sed, tmp), stdin: "select 1;\n\\e\n\\p\n"},
		{name: "runs complete statements", env: sockEnv("EDITOR="+semi, tmp), stdin: "select 1 \\e\n\\p\n"},
		{name: "unchanged", env: sockEnv("EDITOR=true", tmp), stdin: "select 2 \\e\n\\p\n\\r\n\\e\n\\p\n"},
		{name: "file unchanged", env: sockEnv("EDITOR=true", tmp), stdin: "select 2 \\e " + file + "\n\\p\n"},
		{name: "editor fails", env: sockEnv("EDITOR="+fail, tmp), stdin: "select 2 \\e\n\\p\n\\e " + file + "\n\\p\n"},
		{name: "psql editor first", env: sockEnv("EDITOR=true", "PSQL_EDITOR="+sed, tmp), stdin: "select 1 \\e\n\\p\n"},
		{name: "ef ev", env: sockEnv("EDITOR="+sed, tmp), stdin: setup + "\\ef e2e_edit.f1\n\\p\n\\ev e2e_edit.v1\n\\p\n\\r\n\\ef e2e_edit.f1(int)\n\\r\n"},
		{name: "templates", env: sockEnv("EDITOR="+args, tmp), stdin: "\\ef\n\\p\n\\ev\n\\p\n", scrub: scrub},
		{name: "errors", env: sockEnv("EDITOR=true", tmp), stdin: setup + "\\e 0\n\\ef nosuchfn\n\\ev nosuchv\n\\e nosuch.sql\n\\ef e2e_edit.f1 0\n\\ev e2e_edit.f1\n\\e 1 x\n"},
		{name: "line numbers", env: sockEnv("EDITOR="+args, "PSQL_EDITOR_LINENUMBER_ARG=+", tmp), scrub: scrub,
			stdin: setup + "\\ef e2e_edit.f1 2\n\\ev e2e_edit.v1 1\nselect 1 \\e 3\n\\r\n\\e " + file + " 2\n"},
		{name: "line number without arg", env: sockEnv("EDITOR="+args, tmp), stdin: "select 1 \\e 3\n\\p\n\\r\n"},
	}
	for _, tc := range cases {
		tc.args = []string{"-X"}
		t.Run(tc.name, func(t *testing.T) { runDiff(t, tc) })
	}
}
