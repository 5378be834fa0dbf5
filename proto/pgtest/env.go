package pgtest

import (
	"fmt"
	"os"
	"testing"
)

// StartFromEnv starts a server from the bin directory named by the environment variable
// envVar (another PostgreSQL major, installed by .ci/test) and stops it when the test ends.
// Without the variable the test fails when CI is set and is skipped elsewhere; a server
// whose major version is not in versions (when given) fails the test.
func StartFromEnv(tb testing.TB, envVar string, versions ...int) *Server {
	tb.Helper()
	bin := os.Getenv(envVar)
	if bin == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("%s is not set: .ci/test installs that PostgreSQL for this test", envVar)
		}
		tb.Skipf("%s not set (run .ci/test to install that PostgreSQL)", envVar)
	}
	s, err := StartWith(bin)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	if len(versions) > 0 {
		ok := false
		for _, v := range versions {
			ok = ok || s.Version == v
		}
		if !ok {
			tb.Fatalf("%s runs PostgreSQL %d, need one of %v", envVar, s.Version, versions)
		}
	}
	return s
}

// Main is a TestMain body for a package whose tests share one server: it starts the server
// into *srv, runs the tests, stops the server and returns the exit code (a failure to start
// is printed and fails the run, never skips it).
func Main(m *testing.M, srv **Server) int {
	s, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	*srv = s
	defer s.Stop()
	return m.Run()
}
