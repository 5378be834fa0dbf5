package main

import "testing"

// TestRestrictDiff covers \restrict and \unrestrict (psql 15.14) against psql 15: every other
// backslash command refused with the rest of its line, \if included; the key's argument
// scanning (variables, quotes, extra arguments); the errors of each command; and how a
// refused command counts for ON_ERROR_STOP and the exit status.
func TestRestrictDiff(t *testing.T) {
	t.Parallel()
	cases := []diffCase{
		{name: "refused then lifted", args: []string{"-X"}, env: sockEnv(), stdin: `\restrict abc
\echo hi
select 1 as a;
\unrestrict wrong
\unrestrict abc
\echo hi2
`},
		{name: "rest of line thrown away", args: []string{"-X"}, env: sockEnv(), stdin: `\restrict ab
\echo a \echo b
\foo a b
select 1 as a \g \echo z
select 3 as c \\ \unrestrict ab
\unrestrict ab \echo after
\restrict ab extra
\unrestrict ab
`},
		{name: "keys", args: []string{"-X", "-f", "-"}, env: sockEnv(), stdin: `\set k ab
\restrict :k
\echo x
\unrestrict :k
\unrestrict ab
\restrict a-b
\unrestrict  ab
\restrict "x y"
\unrestrict a-b
\restrict "x y"
\unrestrict x y
\unrestrict "x y"
\restrict ''
\restrict
\unrestrict
\restrict ab \echo same line
\unrestrict ''
\unrestrict ab
\echo end
`},
		{name: "conditionals", args: []string{"-X", "-f", "-"}, env: sockEnv(), stdin: `\if false
\restrict zz
\endif
\echo ok
\restrict ab
\if true
\endif
\unrestrict ab
\echo done
`},
		{name: "on_error_stop", args: []string{"-X", "-v", "ON_ERROR_STOP=1", "-f", "-"}, env: sockEnv(), stdin: `\restrict ab
\echo one
\unrestrict ab
\echo two
`},
		{name: "wrong key stops", args: []string{"-X", "-v", "ON_ERROR_STOP=1"}, env: sockEnv(), stdin: `\restrict ab
\unrestrict ba
\echo never
`},
		{name: "dash c", args: []string{"-X", "-c", `\restrict ab`, "-c", `\echo x`, "-c", "select 1 as a"}, env: sockEnv()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
