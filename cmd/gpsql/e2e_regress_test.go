package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// TestRegressionScriptsDiff runs PostgreSQL's own regression scripts (src/test/regress of the
// server's release: the whole parallel_schedule, one script at a time) through psql and
// through gpsql, the way pg_regress runs psql, each client against a fresh server of its own,
// and compares what they print, standard output and error as one stream, and their exit
// codes, script by script. .ci/test fetches the scripts and builds regress.so
// (GPSQL_REGRESS_DIR, GPSQL_REGRESS_LIB); without them the test is skipped.
func TestRegressionScriptsDiff(t *testing.T) {
	dir, lib := os.Getenv("GPSQL_REGRESS_DIR"), os.Getenv("GPSQL_REGRESS_LIB")
	if dir == "" || lib == "" {
		t.Skip("GPSQL_REGRESS_DIR and GPSQL_REGRESS_LIB not set (.ci/test sets them)")
	}
	tests, err := regressSchedule(filepath.Join(dir, "parallel_schedule"))
	if err != nil {
		t.Fatal(err)
	}
	type run struct {
		outs  map[string]string
		codes map[string]int
		err   error
	}
	var runs [2]run
	var wg sync.WaitGroup
	for i, client := range []string{psqlBin, gpsqlBin} {
		s, err := pgtest.Start()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(s.Stop)
		if s.Version != 15 {
			t.Skipf("the scripts are psql 15's; the test server is PostgreSQL %d", s.Version)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := &runs[i]
			r.outs, r.codes, r.err = regressRun(s, client, dir, lib, tests)
		}()
	}
	wg.Wait()
	for i, r := range runs {
		if r.err != nil {
			t.Fatalf("run %d: %v", i, r.err)
		}
	}
	differ := 0
	for _, name := range tests {
		want, got := runs[0].outs[name], normalizeRegress(runs[1].outs[name])
		want = normalizeRegress(want)
		if got == want && runs[0].codes[name] == runs[1].codes[name] {
			continue
		}
		differ++
		if differ <= 5 {
			t.Errorf("%s: exit %d, psql's %d; first difference:\n%s", name, runs[1].codes[name], runs[0].codes[name],
				firstDifference(want, got))
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d scripts differ", differ, len(tests))
	}
}

// regressSchedule returns the test names of a pg_regress schedule, in order.
func regressSchedule(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "test:"); ok {
			names = append(names, strings.Fields(rest)...)
		}
	}
	return names, sc.Err()
}

// regressRun runs every script with client against s as pg_regress does (pg_regress.c:
// the "regression" database made from template0 with C message and number settings; psql
// -X -a -q with the script on standard input and both output streams on one file; PGTZ,
// PGDATESTYLE and the interval style; the PG_ABS_* variables the scripts read).
func regressRun(s *pgtest.Server, client, dir, lib string, tests []string) (map[string]string, map[string]int, error) {
	// The server writes into results/ (COPY TO a file), so the build directory must be
	// reachable by its OS user: made under the system temp directory, open to all.
	build, err := os.MkdirTemp("", "gpsql-regress-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(build)
	home := filepath.Join(build, "home")
	for _, d := range []string{build, filepath.Join(build, "results"), home} {
		if err := os.MkdirAll(d, 0o777); err != nil {
			return nil, nil, err
		}
		if err := os.Chmod(d, 0o777); err != nil {
			return nil, nil, err
		}
	}
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "LC_MESSAGES=C",
		"PGHOST=" + s.SocketDir, fmt.Sprintf("PGPORT=%d", s.Port), "PGUSER=postgres",
		"PGTZ=America/Los_Angeles", "PGDATESTYLE=Postgres, MDY", "PGOPTIONS= -c intervalstyle=postgres_verbose",
		"PG_ABS_SRCDIR=" + dir, "PG_ABS_BUILDDIR=" + build, "PG_LIBDIR=" + lib, "PG_DLSUFFIX=.so"}
	setup := exec.Command(psqlBin, "-X", "-q", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
		"-c", `CREATE DATABASE "regression" TEMPLATE=template0`,
		"-c", `ALTER DATABASE "regression" SET lc_messages TO 'C'; ALTER DATABASE "regression" SET lc_monetary TO 'C';
ALTER DATABASE "regression" SET lc_numeric TO 'C'; ALTER DATABASE "regression" SET lc_time TO 'C';
ALTER DATABASE "regression" SET bytea_output TO 'hex'; ALTER DATABASE "regression" SET timezone_abbreviations TO 'Default'`)
	setup.Env = env
	if out, err := setup.CombinedOutput(); err != nil {
		return nil, nil, fmt.Errorf("creating the regression database: %v\n%s", err, out)
	}
	outs, codes := map[string]string{}, map[string]int{}
	for _, name := range tests {
		out, code, err := regressOne(client, env, dir, build, name)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", name, err)
		}
		outs[name], codes[name] = out, code
	}
	return outs, codes, nil
}

// regressOne runs one script; standard output and error share one file, as with 2>&1.
func regressOne(client string, env []string, dir, build, name string) (string, int, error) {
	in, err := os.Open(filepath.Join(dir, "sql", name+".sql"))
	if err != nil {
		return "", 0, err
	}
	defer in.Close()
	outPath := filepath.Join(build, name+".out")
	out, err := os.Create(outPath)
	if err != nil {
		return "", 0, err
	}
	defer out.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, client, "-X", "-a", "-q", "-d", "regression",
		"-v", "HIDE_TABLEAM=on", "-v", "HIDE_TOAST_COMPRESSION=on")
	cmd.Env = append(env, "PGAPPNAME=pg_regress/"+name)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = in, out, out
	code := 0
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return "", 0, err
		}
		code = exit.ExitCode()
	}
	text, err := os.ReadFile(outPath)
	return string(text), code, err
}

// regressBuildDir matches a run's build directory (os.MkdirTemp's gpsql-regress-NNN).
var regressBuildDir = regexp.MustCompile(`/[^ '"]*/gpsql-regress-[0-9]+`)

// normalizeRegress names both programs PROG and blanks the build directory, which is each
// run's own.
func normalizeRegress(s string) string {
	return normalize(regressBuildDir.ReplaceAllString(s, "BUILDDIR"))
}

// firstDifference shows a few lines around the first line where two outputs differ.
func firstDifference(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	lo := max(i-3, 0)
	return fmt.Sprintf("--- psql (from line %d)\n%s\n--- gpsql\n%s", lo+1,
		strings.Join(w[lo:min(i+4, len(w))], "\n"), strings.Join(g[lo:min(i+4, len(g))], "\n"))
}
