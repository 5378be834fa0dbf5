package main

import "testing"

// TestCommandSlashDiff: a -c argument that starts with a backslash is one backslash command
// run without a query buffer (psql's ACT_SINGLE_SLASH): the rest of the string does not
// run, \g sends nothing, \e and \w have no buffer, and a failure is exit code 1 even under
// ON_ERROR_STOP.
func TestCommandSlashDiff(t *testing.T) {
	t.Parallel()
	cmds := []string{`\watch 1`, `\echo hi \\ select 1`, `\g \\ \echo x`, `\x \\ select 1 as a`, `\echo a \echo b`,
		`\nosuch`, `\if true`, `\set x 1 \\ \echo :x`, `\q`, `\e`, `\e 3`, `\ef`, `\ev`, `\w /dev/null`, `\w`, `\p`, `\r`,
		`\gdesc`, `\gexec`, `\gx`, `\crosstabview`}
	for _, c := range cmds {
		for _, stop := range []bool{false, true} {
			args := []string{"-X", "-c", c, "-c", `\echo next`}
			name := c
			if stop {
				args = append(args, "-v", "ON_ERROR_STOP=1")
				name += " stop"
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				runDiff(t, diffCase{args: args, env: sockEnv("EDITOR=true")})
			})
		}
	}
}
