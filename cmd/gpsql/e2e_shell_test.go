package main

import "testing"

// TestShellDiff: backquoted meta-command arguments run through the shell (their standard
// error passes through, their exit status is ignored, one trailing newline is dropped, and
// nothing runs in an inactive \if branch), and the shell's own messages name it "sh", as
// psql's popen and system run it.
func TestShellDiff(t *testing.T) {
	t.Parallel()
	tests := []diffCase{
		{name: "backquotes", stdin: "\\set x `echo hi >&2; echo out`\n\\echo :x\n\\echo `printf 'a\\nb\\n\\n'`|\n" +
			"\\set y `exit 3`\n\\echo [:y]\n\\set v 'it''s'\n\\echo `echo :v` `echo :'v'`\n" +
			"\\if false\n\\echo `echo never >&2`\n\\endif\n\\echo `nosuchcmd_xyz`\n\\echo one \\echo `echo two`\n" +
			"select `echo 1` as not_expanded_in_sql;\n"},
		{name: "shell names", stdin: "\\! nosuchcmd_r\n\\w |nosuchcmd_s\n\\echo after\n"},
	}
	for _, tc := range tests {
		tc.args, tc.env = []string{"-X"}, sockEnv()
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
