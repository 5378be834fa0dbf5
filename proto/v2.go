package proto

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/proto/wire"
)

// Protocol 2.0 (/work/shared/reference/protocol-v2.txt), for servers before 7.4 and for
// proxies that speak nothing newer; PostgreSQL 13 is the last server that accepts it. The
// Frontend translates messages (wire/v2.go), so the query, COPY, notification, function
// call and cancel code is the one of protocol 3.0. What 2.0 differs in:
//
//   - Negotiation as libpq 13 (fe-connect.c, CONNECTION_AWAITING_RESPONSE): 3.0 is tried
//     first; a pre-3.0 plain-text error answering the StartupMessage makes Connect drop the
//     connection and start again with the 2.0 StartupPacket, unless min_protocol_version
//     was set above 3.0 (an explicit 3.0 cannot be told from the default, config.go). max_protocol_version=2.0 uses 2.0 from the start.
//   - No ParameterStatus: after start-up one query sets client_encoding and
//     application_name and reads the settings psql needs (setupV2), as libpq 13's
//     pqSetenvPoll did.
//   - ReadyForQuery has no status byte: the transaction status follows command tags.
//   - Errors and notices are a text: Severity, Message and Position only (PostgreSQL 13
//     elog.c, send_message_to_frontend's old-style branch). So psql's output differs from
//     a 3.0 session's: no SQLSTATE or LOCATION under VERBOSITY verbose, no DETAIL, HINT or
//     CONTEXT lines (cmd/gpsql/e2e_proto2_test.go, TestProto2Differences, checks exactly
//     these; everything else is byte for byte, TestProto2SameOutput).
//   - The extended query protocol, CopyFail, SASL (SCRAM) and NOTIFY payloads do not exist:
//     the first three fail with errors wrapping wire.ErrProtocol2, payloads arrive empty
//     (psql shows the notification as one with an empty payload).
//   - Aborting COPY FROM STDIN (read error, ctx) closes the connection: 2.0 has no CopyFail,
//     and ending the data would commit it.

// ErrProtocol2 is wrapped by the errors of what protocol 2.0 cannot do.
var ErrProtocol2 = wire.ErrProtocol2

// connectNegotiating connects with protocol 3.0 (or 2.0 when max_protocol_version is
// 2.0), falling back to 2.0 as libpq before 14 did.
func connectNegotiating(ctx context.Context, cfg *Config, h Host, t dialTarget, useSSL bool, password string, opts ConnectOptions) (*Conn, error) {
	if cfg.MaxProtocolVersion == "2.0" {
		return connectProto(ctx, cfg, h, t, useSSL, password, opts, true)
	}
	c, err := connectProto(ctx, cfg, h, t, useSSL, password, opts, false)
	if err != nil && rejectsV3(err) && (!cfg.minProtocolGiven || cfg.MinProtocolVersion == "2.0") {
		return connectProto(ctx, cfg, h, t, useSSL, password, opts, true)
	}
	return c, err
}

// rejectsV3 reports the answer of a server that does not speak 3.0: the plain-text error
// of the 2.0 protocol at startup (libpq 13 fell back on any such error), or a 3.0 error
// saying the frontend protocol is unsupported.
func rejectsV3(err error) bool {
	var ae *attemptError // connectProto's errors carry the server's in err, not by Unwrap
	if errors.As(err, &ae) {
		err = ae.err
	}
	var se *ServerError
	if !errors.As(err, &se) {
		return false
	}
	return se.PlainText || (se.Code == "0A000" && strings.Contains(se.Message, "unsupported frontend protocol"))
}

// setupV2 gives a 2.0 connection what a 3.0 server reports in ParameterStatus messages.
func (c *Conn) setupV2(ctx context.Context) error {
	var sql strings.Builder
	if c.cfg.ClientEncoding != "" {
		fmt.Fprintf(&sql, "SET client_encoding TO %s;", quoteLiteral(c.cfg.ClientEncoding))
	}
	app := c.cfg.ApplicationName
	if app == "" {
		app = c.cfg.FallbackApplicationName
	}
	if app != "" {
		fmt.Fprintf(&sql, "SET application_name TO %s;", quoteLiteral(app))
	}
	names := []string{"server_version", "client_encoding", "server_encoding", "standard_conforming_strings",
		"integer_datetimes", "DateStyle", "IntervalStyle", "TimeZone", "is_superuser", "application_name"}
	sql.WriteString("SELECT ")
	for _, n := range names {
		fmt.Fprintf(&sql, "pg_catalog.current_setting('%s'), ", n)
	}
	sql.WriteString("session_user")
	rs, err := c.Query(ctx, sql.String())
	if err != nil {
		return err
	}
	var firstErr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			v := r.Values()
			for i, n := range names {
				if i < len(v) && v[i] != nil {
					c.params[n] = string(v[i])
				}
			}
			if len(v) > len(names) && v[len(names)] != nil {
				c.params["session_authorization"] = string(v[len(names)])
			}
		}
		if err := r.Err(); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if err := rs.Err(); err != nil {
		return err
	}
	return firstErr
}

// quoteLiteral quotes s as an escape string literal (E and quotes), which every server since 8.1 reads the
// same whatever standard_conforming_strings is.
func quoteLiteral(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "E'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// extendedV2 refuses the extended query protocol on a 2.0 connection.
func (c *Conn) extendedV2() error {
	if c.fe != nil && c.fe.Protocol2() {
		return fmt.Errorf("the extended query protocol (Parse/Bind/Execute, as \\bind and \\gdesc use) is %w", ErrProtocol2)
	}
	return nil
}
