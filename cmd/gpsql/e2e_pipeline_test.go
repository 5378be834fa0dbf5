package main

import "testing"

// TestPipelineDepartures checks where gpsql's pipeline mode departs from psql 18 on
// purpose (README, "Differences from psql"); psql 18's own behaviour is in the comments.
func TestPipelineDepartures(t *testing.T) {
	tests := []struct {
		name, stdin, stdout, stderr string
		code                        int
	}{
		// psql 18 queues \copy's COPY, then drops the connection when the pipeline reads it
		// ("COPY in a pipeline is not supported, aborting connection", exit code 2).
		{name: "copy refused, pipeline kept",
			stdin:  "\\startpipeline\n\\copy (select 1) to stdout\nselect 4 as four;\n\\endpipeline\n",
			stdout: " four \n------\n    4\n(1 row)\n\n",
			stderr: "PROG:<stdin>:2: error: \\copy not allowed in pipeline mode\n"},
		// psql 18 sets its savepoint before \startpipeline and then fails to release it, and
		// every later statement fails to set one ("synchronous command execution functions are
		// not allowed in pipeline mode"), so nothing is queued and \endpipeline never ends the
		// pipeline. gpsql adds no savepoint in a pipeline: the error aborts the transaction.
		{name: "no ON_ERROR_ROLLBACK savepoints",
			stdin: "begin;\n\\set ON_ERROR_ROLLBACK on\n\\startpipeline\nselect 1 as one;\nselect 1/0;\n\\syncpipeline\n" +
				"select 3 as three;\n\\endpipeline\ncommit;\n",
			stdout: "BEGIN\n one \n-----\n   1\n(1 row)\n\nROLLBACK\n",
			stderr: "PROG:<stdin>:8: ERROR:  division by zero\n" +
				"PROG:<stdin>:8: ERROR:  current transaction is aborted, commands ignored until end of transaction block\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runClient(t, gpsqlBin, []string{"-X", "-f", "-"}, sockEnv(), tc.stdin)
			if got.stdout != tc.stdout {
				t.Errorf("stdout\n%q\nwant\n%q", got.stdout, tc.stdout)
			}
			if normalize(got.stderr) != tc.stderr {
				t.Errorf("stderr\n%q\nwant\n%q", normalize(got.stderr), tc.stderr)
			}
			if got.code != tc.code {
				t.Errorf("exit code %d, want %d", got.code, tc.code)
			}
		})
	}
}
