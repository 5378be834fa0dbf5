package main

import "testing"

// TestNoticePositionDiff: a warning or notice that carries a position shows the LINE excerpt
// and caret of the statement it came from, as errors do (libpq formats notices with its
// last_query).
func TestNoticePositionDiff(t *testing.T) {
	t.Parallel()
	runDiff(t, diffCase{args: []string{"-X"}, env: sockEnv(), stdin: "set standard_conforming_strings = off;\n" +
		"select 'a\\\\b' as x;\nselect 1 as y,\n  'c\\\\d' as z;\n" +
		"do $$ begin raise notice 'plain'; end $$;\n"})
}
