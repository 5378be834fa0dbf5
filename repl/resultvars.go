package repl

import (
	"errors"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/proto"
)

// setResultVariables sets ERROR, SQLSTATE, ROW_COUNT and, after a failure,
// LAST_ERROR_MESSAGE and LAST_ERROR_SQLSTATE, from the last result of a query, as psql's
// SetResultVariables does.
func (s *Session) setResultVariables(ok bool) {
	r := s.lastResult
	if !ok {
		code, msg := "", ""
		var se *proto.ServerError
		if r != nil && errors.As(r.Err(), &se) {
			code, msg = se.Code, se.Message
		} else if s.lastErr != nil {
			code, msg = s.lastErr.Code, s.lastErr.Message
		}
		if code == "" {
			code = "XX000" // psql's choice when the error carries no SQLSTATE
		}
		s.setFailureVars(code, msg)
		return
	}
	s.vars.Set("ERROR", "false")
	s.vars.Set("SQLSTATE", "00000")
	rows := ""
	switch {
	case s.fetchedRows >= 0: // FETCH_COUNT: the rows of every batch, as psql counts them
		rows = strconv.FormatInt(s.fetchedRows, 10)
	case r != nil:
		rows = cmdTuples(r.CommandTag())
	}
	if rows == "" {
		rows = "0"
	}
	s.vars.Set("ROW_COUNT", rows)
}

// setFailureVars sets the variables of a failed query: ERROR, SQLSTATE, ROW_COUNT and the
// LAST_ERROR_* pair (psql's SetResultVariables; a pipeline's skipped statement passes
// empty ones, as psql does with a NULL SQLSTATE and message).
func (s *Session) setFailureVars(code, msg string) {
	s.vars.Set("ERROR", "true")
	s.vars.Set("SQLSTATE", code)
	s.vars.Set("ROW_COUNT", "0")
	s.vars.Set("LAST_ERROR_MESSAGE", msg)
	s.vars.Set("LAST_ERROR_SQLSTATE", code)
}

// cmdTuples is libpq's PQcmdTuples: the row count of a command tag, "" when it has none.
func cmdTuples(tag string) string {
	f := strings.Fields(tag)
	if len(f) < 2 {
		return ""
	}
	switch f[0] {
	case "INSERT":
		if len(f) == 3 {
			return f[2]
		}
	case "SELECT", "UPDATE", "DELETE", "MERGE", "FETCH", "MOVE", "COPY":
		return f[len(f)-1]
	}
	return ""
}

// lastOID is libpq's PQoidValue as text: the OID of "INSERT oid rows", else 0.
func lastOID(tag string) string {
	f := strings.Fields(tag)
	if len(f) == 3 && f[0] == "INSERT" {
		return f[1]
	}
	return "0"
}
