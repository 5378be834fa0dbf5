package proto_test

import (
	"fmt"
	"testing"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// newerServer starts a PostgreSQL 17+ server from $GPSQL_PG18_BIN (installed by .ci/test
// from the npm registry).
func newerServer(t *testing.T) *pgtest.Server {
	return pgtest.StartFromEnv(t, "GPSQL_PG18_BIN", 17, 18, 19, 20)
}

// TestDirectTLS connects with sslnegotiation=direct (TLS at once, ALPN "postgresql") to a
// PostgreSQL 18 server, with SCRAM-SHA-256-PLUS over it. (The refusal of a weak sslmode is
// a configuration error, tested with the parser.)
func TestDirectTLS(t *testing.T) {
	s := newerServer(t)
	base := fmt.Sprintf("host=localhost hostaddr=127.0.0.1 port=%d dbname=postgres sslnegotiation=direct sslrootcert=%s ", s.Port, s.CACert)
	tests := []struct {
		name, conninfo, wantUser string
	}{
		{"trust verify-full", base + "user=postgres sslmode=verify-full", "postgres"},
		{"scram plus", base + "user=scram_user password=scram_pw sslmode=require channel_binding=require", "scram_user"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := connect(t, tc.conninfo)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if c.TLS() == nil || c.TLS().NegotiatedProtocol != "postgresql" {
				t.Fatalf("no TLS with ALPN postgresql: %+v", c.TLS())
			}
			if u, err := c.QueryValue(t.Context(), "select current_user"); err != nil || u != tc.wantUser {
				t.Fatalf("current_user = %q, %v", u, err)
			}
		})
	}
}
