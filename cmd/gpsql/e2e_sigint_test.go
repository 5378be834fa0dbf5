package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestScriptInterruptDiff: SIGINT while a script's statement runs cancels the statement and
// stops the script with exit code 3 (psql's MainLoop: "you stopped a script with Ctrl-C"),
// with psql's messages; the statements after it do not run.
func TestScriptInterruptDiff(t *testing.T) {
	t.Parallel()
	var got [2]runResult
	for i, bin := range []string{psqlBin, gpsqlBin} {
		app := fmt.Sprintf("sigint-%d-%d", i, time.Now().UnixNano())
		cmd := exec.Command(bin, "-X")
		cmd.Env = append([]string{"HOME=" + homeDir, "PATH=" + os.Getenv("PATH"), "PGAPPNAME=" + app}, sockEnv()...)
		cmd.Stdin = strings.NewReader("select 'first' as a;\nselect pg_sleep(60);\nselect 'not reached' as b;\n")
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitActive(t, app)
		cmd.Process.Signal(os.Interrupt)
		code := 0
		if err := cmd.Wait(); err != nil {
			var exit *exec.ExitError
			if !errors.As(err, &exit) {
				t.Fatal(err)
			}
			code = exit.ExitCode()
		}
		got[i] = normalized(runResult{out.String(), errb.String(), code})
	}
	compareRuns(t, "psql", got[0], got[1])
	if got[1].code != 3 {
		t.Errorf("exit code %d, want 3", got[1].code)
	}
}

// waitActive polls the server until a backend of application name app runs pg_sleep.
func waitActive(t *testing.T, app string) {
	t.Helper()
	q := fmt.Sprintf("select count(*) from pg_stat_activity where application_name = '%s' and query like 'select pg_sleep%%' and state = 'active'", app)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		r := runClient(t, psqlBin, []string{"-X", "-Atc", q}, sockEnv(), "")
		if strings.TrimSpace(r.stdout) == "1" {
			return
		}
	}
	t.Fatalf("%s never ran its statement", app)
}
