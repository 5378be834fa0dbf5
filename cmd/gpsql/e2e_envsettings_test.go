package main

import "testing"

// TestEnvSettingsDiff: PGDATESTYLE, PGTZ and PGGEQO become startup parameters as libpq
// sends them ("default" sends nothing; a bad value is the server's FATAL at connect time).
func TestEnvSettingsDiff(t *testing.T) {
	t.Parallel()
	script := "show datestyle;\nshow timezone;\nshow geqo;\nselect '2024-02-29 12:34:56+00'::timestamptz as ts;\n"
	tests := []diffCase{
		{name: "set", env: sockEnv("PGDATESTYLE=Postgres, MDY", "PGTZ=PST8PDT", "PGGEQO=off")},
		{name: "default", env: sockEnv("PGDATESTYLE=DEFAULT", "PGTZ=default")},
		{name: "bad value", env: sockEnv("PGGEQO=bogus")},
	}
	for _, tc := range tests {
		tc.args, tc.stdin = []string{"-X"}, script
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}
