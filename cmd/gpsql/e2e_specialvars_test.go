package main

import "testing"

// TestSpecialVarsUnsetDiff: \set with no value and \unset of special variables, as psql's
// substitute hooks treat them (a Boolean becomes on or off; others keep or refuse).
func TestSpecialVarsUnsetDiff(t *testing.T) {
	t.Parallel()
	var script string
	for _, v := range []string{"AUTOCOMMIT", "ON_ERROR_STOP", "QUIET", "SINGLELINE", "SINGLESTEP", "ECHO_HIDDEN",
		"ON_ERROR_ROLLBACK", "SHOW_ALL_RESULTS", "HIDE_TABLEAM", "HIDE_TOAST_COMPRESSION", "VERBOSITY", "SHOW_CONTEXT",
		"COMP_KEYWORD_CASE", "HISTCONTROL", "ECHO", "FETCH_COUNT", "HISTSIZE", "IGNOREEOF"} {
		script += "\\set " + v + "\n\\echo " + v + " :" + v + "\n\\unset " + v + "\n\\echo " + v + " :" + v + "\n"
	}
	runDiff(t, diffCase{args: []string{"-X", "-q"}, env: sockEnv(), stdin: script})
}
