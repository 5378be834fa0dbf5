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
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// TestRegressionScriptsDiff runs PostgreSQL's own regression scripts (src/test/regress of the
// server's release: the whole parallel_schedule, one script at a time; then the scripts of
// every contrib module that pg_regress runs against an installed server) through psql and
// through gpsql, the way pg_regress runs psql, each client against a fresh server of its own,
// and compares what they print, standard output and error as one stream, and their exit
// codes, script by script. .ci/test fetches the scripts and builds regress.so
// (GPSQL_REGRESS_DIR, GPSQL_REGRESS_LIB); without them the test is skipped.
func TestRegressionScriptsDiff(t *testing.T) {
	dir, lib := os.Getenv("GPSQL_REGRESS_DIR"), os.Getenv("GPSQL_REGRESS_LIB")
	if dir == "" || lib == "" {
		t.Skip("GPSQL_REGRESS_DIR and GPSQL_REGRESS_LIB not set (.ci/test sets them)")
	}
	jobs, err := regressJobs(dir)
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
			r.outs, r.codes, r.err = regressRun(s, client, dir, lib, jobs)
		}()
	}
	wg.Wait()
	for i, r := range runs {
		if r.err != nil {
			t.Fatalf("run %d: %v", i, r.err)
		}
	}
	differ := 0
	for _, j := range jobs {
		want, got := runs[0].outs[j.name], runs[1].outs[j.name]
		if got == want && runs[0].codes[j.name] == runs[1].codes[j.name] {
			continue
		}
		differ++
		if differ <= 5 {
			t.Errorf("%s: exit %d, psql's %d; first difference:\n%s", j.name, runs[1].codes[j.name], runs[0].codes[j.name],
				firstDifference(want, got))
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d scripts differ", differ, len(jobs))
	}
	t.Logf("%d scripts compared", len(jobs))
}

// regressJob is one script: its name in the report, its file, its database, and for the
// first script of a contrib module, the fresh database it needs (with the extensions
// pg_regress's --load-extension creates).
type regressJob struct {
	name, script, db string
	fresh            bool
	extensions       []string
}

// regressJobs lists the core schedule, then the contrib modules' scripts (their Makefile's
// REGRESS, less the modules marked NO_INSTALLCHECK or needing a server configuration of
// their own).
func regressJobs(dir string) ([]regressJob, error) {
	core, err := regressSchedule(filepath.Join(dir, "parallel_schedule"))
	if err != nil {
		return nil, err
	}
	var jobs []regressJob
	for _, name := range core {
		jobs = append(jobs, regressJob{name: name, script: filepath.Join(dir, "sql", name+".sql"), db: "regression"})
	}
	modules, err := filepath.Glob(filepath.Join(dir, "..", "..", "..", "contrib", "*", "Makefile"))
	if err != nil {
		return nil, err
	}
	for _, mk := range modules {
		vars, err := makeVars(mk)
		if err != nil {
			return nil, err
		}
		if vars["NO_INSTALLCHECK"] != "" || strings.Contains(vars["REGRESS_OPTS"], "--temp-config") {
			continue
		}
		var exts []string
		for _, opt := range strings.Fields(vars["REGRESS_OPTS"]) {
			if e, ok := strings.CutPrefix(opt, "--load-extension="); ok {
				exts = append(exts, e)
			}
		}
		mod := filepath.Dir(mk)
		fresh := true
		for _, name := range strings.Fields(vars["REGRESS"]) {
			script := filepath.Join(mod, "sql", name+".sql")
			if _, err := os.Stat(script); err != nil {
				continue // a make variable ($(CF_PGP_TESTS)), or a script made by the build
			}
			jobs = append(jobs, regressJob{name: "contrib/" + filepath.Base(mod) + "/" + name,
				script: script, db: "contrib_regression", fresh: fresh, extensions: exts})
			fresh = false
		}
	}
	return jobs, nil
}

// makeVars reads the simple assignments of a Makefile (NAME = value, NAME += value, with
// backslash continuations); nothing is expanded.
func makeVars(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	vars := map[string]string{}
	text := strings.ReplaceAll(string(data), "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		name, value, ok := strings.Cut(line, "=")
		if !ok || strings.ContainsAny(name, ":$#") {
			continue
		}
		add := strings.HasSuffix(name, "+")
		name = strings.TrimSpace(strings.TrimSuffix(name, "+"))
		if add {
			vars[name] += " " + strings.TrimSpace(value)
		} else {
			vars[name] = strings.TrimSpace(value)
		}
	}
	return vars, nil
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

// regressRun runs every job with client against s as pg_regress does (pg_regress.c: the
// databases made from template0 with C message and number settings; psql -X -a -q with the
// script on standard input and both output streams on one file; PGTZ, PGDATESTYLE and the
// interval style; the PG_ABS_* variables the scripts read). The outputs name the program
// PROG and the run's own port and directory PORT and BUILDDIR.
func regressRun(s *pgtest.Server, client, dir, lib string, jobs []regressJob) (map[string]string, map[string]int, error) {
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
	if err := regressDB(env, "regression", nil); err != nil {
		return nil, nil, err
	}
	port := regexp.MustCompile(`\b` + strconv.Itoa(s.Port) + `\b`)
	outs, codes := map[string]string{}, map[string]int{}
	for _, j := range jobs {
		if j.fresh {
			if err := regressDB(env, j.db, j.extensions); err != nil {
				return nil, nil, err
			}
		}
		out, code, err := regressOne(client, env, build, j)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", j.name, err)
		}
		out = strings.ReplaceAll(out, build, "BUILDDIR")
		outs[j.name], codes[j.name] = normalize(port.ReplaceAllString(out, "PORT")), code
	}
	return outs, codes, nil
}

// regressDB makes a fresh database as pg_regress does, with the extensions asked for.
func regressDB(env []string, db string, extensions []string) error {
	q := quoteIdent(db)
	args := []string{"-X", "-q", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "DROP DATABASE IF EXISTS " + q,
		"-c", "CREATE DATABASE " + q + " TEMPLATE=template0"}
	for _, set := range []string{"lc_messages TO 'C'", "lc_monetary TO 'C'", "lc_numeric TO 'C'", "lc_time TO 'C'",
		"bytea_output TO 'hex'", "timezone_abbreviations TO 'Default'"} {
		args = append(args, "-c", "ALTER DATABASE "+q+" SET "+set)
	}
	cmd := exec.Command(psqlBin, args...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("making database %s: %v\n%s", db, err, out)
	}
	for _, e := range extensions {
		cmd := exec.Command(psqlBin, "-X", "-q", "-d", db, "-c", "CREATE EXTENSION IF NOT EXISTS "+quoteIdent(e))
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("creating extension %s: %v\n%s", e, err, out)
		}
	}
	return nil
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// regressOne runs one script; standard output and error share one file, as with 2>&1.
func regressOne(client string, env []string, build string, j regressJob) (string, int, error) {
	in, err := os.Open(j.script)
	if err != nil {
		return "", 0, err
	}
	defer in.Close()
	outPath := filepath.Join(build, strings.ReplaceAll(j.name, "/", "_")+".out")
	out, err := os.Create(outPath)
	if err != nil {
		return "", 0, err
	}
	defer out.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, client, "-X", "-a", "-q", "-d", j.db,
		"-v", "HIDE_TABLEAM=on", "-v", "HIDE_TOAST_COMPRESSION=on")
	cmd.Env = append(env, "PGAPPNAME=pg_regress/"+filepath.Base(j.name))
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
