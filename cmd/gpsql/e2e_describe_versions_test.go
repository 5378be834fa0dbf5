package main

import (
	"fmt"
	"os"
	"testing"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// The describe commands against every PostgreSQL major psql 15 supports and gpsql promises
// (issue 7: 12 through 18). psql 15 stays the oracle: it branches on the server's version
// in describe.c, and gpsql must send equivalent queries and print the same bytes. Each
// server comes from $GPSQL_PGnn_BIN (.ci/test installs them from npm); the machine's own
// server (15) is covered by TestDescribeDiff.

// versionEnv is sockEnv for another server s.
func versionEnv(s *pgtest.Server, extra ...string) []string {
	return append([]string{"PGHOST=" + s.SocketDir, fmt.Sprintf("PGPORT=%d", s.Port), "PGUSER=postgres", "PGDATABASE=postgres"}, extra...)
}

// loadDescribeFixture creates describe_db on s and loads the fixture into it with psql.
func loadDescribeFixture(t *testing.T, s *pgtest.Server) {
	t.Helper()
	fixture, err := os.ReadFile("testdata/describe_fixture.sql")
	if err != nil {
		t.Fatal(err)
	}
	r := runClient(t, psqlBin, []string{"-X", "-q", "-c", "create database describe_db"}, versionEnv(s), "")
	if r.code != 0 {
		t.Fatalf("create database on PostgreSQL %d: %s", s.Version, r.stderr)
	}
	r = runClient(t, psqlBin, []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "describe_db"}, versionEnv(s), string(fixture))
	if r.code != 0 {
		t.Fatalf("loading the describe fixture into PostgreSQL %d: %s", s.Version, r.stderr)
	}
}

// TestDescribeVersionsDiff runs every command of TestDescribeDiff and every script of
// TestDescribeScriptDiff against each other major, one server at a time (the commands of
// one server run in parallel).
func TestDescribeVersionsDiff(t *testing.T) {
	for _, v := range []int{12, 13, 14, 16, 17, 18} { // the test server's 15 is TestDescribeDiff's
		t.Run(fmt.Sprintf("pg%d", v), func(t *testing.T) {
			s := pgtest.StartFromEnv(t, fmt.Sprintf("GPSQL_PG%d_BIN", v), v)
			loadDescribeFixture(t, s)
			// Besides the common list: listings whose columns change most between majors.
			extra := []string{`\dRs+`, `\dRs d7*`, `\dPi+ d7.*`, `\dPt+ d7.*`, `\l+ template*`, `\dx+ citext`, `\dT+ ext.*`}
			for _, c := range append(describeCommands(), extra...) {
				tc := diffCase{name: c, args: []string{"-X", "-c", c}, env: versionEnv(s, "PGDATABASE=describe_db")}
				t.Run(c, func(t *testing.T) {
					t.Parallel()
					runDiff(t, tc)
				})
			}
			for _, tc := range describeScriptCases() {
				tc.env = versionEnv(s, "PGDATABASE=describe_db")
				t.Run("script "+tc.name, func(t *testing.T) {
					t.Parallel()
					runDiff(t, tc)
				})
			}
		})
	}
}
