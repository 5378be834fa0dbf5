package repl

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// fetchCountHook validates FETCH_COUNT as psql's fetch_count_hook does: unset means "0",
// any other value must be a C long (strtol base 0: decimal, 0x hex, 0 octal, leading
// spaces) that fits an int. The value is read back by fetchCount when a query is sent.
func fetchCountHook() varHook {
	return varHook{
		substitute: func(v *string) *string {
			if v == nil {
				zero := "0"
				return &zero
			}
			return v
		},
		assign: func(v *string) error {
			if _, ok := parseVarNum(*v); !ok {
				return fmt.Errorf("invalid value \"%s\" for \"%s\": integer expected", *v, "FETCH_COUNT")
			}
			return nil
		},
	}
}

// parseVarNum is psql's ParseVariableNum: strtol(value, &end, 0) that consumed the whole
// non-empty string, without overflow, and fits a 32-bit int.
func parseVarNum(value string) (int, bool) {
	s := strings.TrimLeft(value, " \t\n\v\f\r")
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10
	switch {
	case len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && isDigitIn(s[2], 16):
		base, s = 16, s[2:]
	case len(s) > 1 && s[0] == '0':
		base = 8
	}
	if s == "" {
		return 0, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		if !isDigitIn(s[i], base) {
			return 0, false
		}
		n = n*int64(base) + int64(digitValue(s[i]))
		if n > 1<<31 {
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	if n > 1<<31-1 || n < -1<<31 {
		return 0, false
	}
	return int(n), true
}

func digitValue(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

func isDigitIn(c byte, base int) bool { return digitValue(c) < base }

// fetchCount is FETCH_COUNT's value (0 when unset or not positive: fetch all at once).
func (s *Session) fetchCount() int {
	v, _ := s.vars.Get("FETCH_COUNT")
	n, ok := parseVarNum(v)
	if !ok || n < 0 {
		return 0
	}
	return n
}

// isSelectCommand is psql's is_select_command: after white space, comments and left
// parentheses, the query starts with the word SELECT or VALUES (any case). Only those are
// fetched through a cursor when FETCH_COUNT is set.
func isSelectCommand(q string) bool {
	for {
		q = skipWhiteSpace(q)
		if strings.HasPrefix(q, "(") {
			q = q[1:]
			continue
		}
		break
	}
	n := 0
	for n < len(q) && (q[n] >= 'a' && q[n] <= 'z' || q[n] >= 'A' && q[n] <= 'Z') {
		n++
	}
	w := strings.ToLower(q[:n])
	return w == "select" || w == "values"
}

// skipWhiteSpace is psql's skip_white_space: spaces, "--" comments to the end of the line
// and nested /* */ comments.
func skipWhiteSpace(q string) string {
	depth := 0
	for len(q) > 0 {
		switch {
		case depth == 0 && isSpace(q[0]):
			q = q[1:]
		case strings.HasPrefix(q, "/*"):
			depth++
			q = q[2:]
		case depth > 0 && strings.HasPrefix(q, "*/"):
			depth--
			q = q[2:]
		case depth > 0:
			q = q[1:]
		case strings.HasPrefix(q, "--"):
			i := strings.IndexByte(q, '\n')
			if i < 0 {
				return ""
			}
			q = q[i+1:]
		default:
			return q
		}
	}
	return q
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// execSimple runs one internal command of the cursor protocol (BEGIN, CLOSE, COMMIT, ...)
// and reports whether it completed; a failure is reported as psql's AcceptResult does when
// report is set.
func (s *Session) execSimple(ctx context.Context, sql string, report bool) bool {
	rs, err := s.conn.Query(ctx, sql)
	if err != nil {
		if report {
			s.reportConnErr(err)
		}
		return false
	}
	ok := true
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
		}
		if err := r.Err(); err != nil {
			if report {
				s.reportResultErr(r, err, sql)
			}
			ok = false
		} else if r.HasRows() {
			ok = false // psql wants PGRES_COMMAND_OK
		}
	}
	if err := rs.Err(); err != nil {
		if report {
			s.reportConnErr(err)
		}
		ok = false
	}
	return ok
}

// sendQueryCursor is psql's ExecQueryUsingCursor (common.c): with FETCH_COUNT set, a
// SELECT runs as DECLARE _psql_cursor NO SCROLL CURSOR, inside a transaction opened for it
// when none is, and is printed n rows at a time: one header, widths per batch, the footer
// after the last batch. An error keeps the batches already printed. It reports success.
// With QUERY_PROTOCOL=extended, sendQueryPortal prints the same through Execute row limits.
func (s *Session) sendQueryCursor(ctx context.Context, query string, n int) bool {
	if s.useExtended(query) { // QUERY_PROTOCOL=extended: Execute row limits (qproto.go)
		return s.sendQueryPortal(ctx, query, n)
	}
	return s.sendQueryDeclare(ctx, query, n)
}

// sendQueryDeclare is sendQueryCursor's cursor: BEGIN when needed, DECLARE, FETCH n until
// the end, CLOSE, COMMIT when it began the transaction.
func (s *Session) sendQueryDeclare(ctx context.Context, query string, n int) bool {
	started := false
	if s.conn.TxStatus() == 'I' {
		if !s.execSimple(ctx, "BEGIN", true) {
			return false
		}
		started = true
	}
	ok := s.execSimple(ctx, "DECLARE _psql_cursor NO SCROLL CURSOR FOR\n"+query, true)
	if ok {
		ok = s.fetchBatches(ctx, n)
	}
	// The cursor is closed either way; after a failure psql ignores what CLOSE says.
	closed := s.execSimple(ctx, "CLOSE _psql_cursor", ok)
	ok = ok && closed
	if started {
		end := "ROLLBACK"
		if ok {
			end = "COMMIT"
		}
		ok = s.execSimple(ctx, end, true) && ok
	}
	return ok
}

// fetchBatches prints FETCH FORWARD n results until one has fewer than n rows.
func (s *Session) fetchBatches(ctx context.Context, n int) bool {
	fetch := "FETCH FORWARD " + strconv.Itoa(n) + " FROM _psql_cursor"
	popt := s.popt
	popt.TermWidth = s.termWidth()
	batch := render.Batch{Full: n, PagedWidth: s.pagedWidth()}
	out := s.tuplesOut() // the query output, or \g FILE (send.go)
	if out == nil {
		return false
	}
	for {
		rs, err := s.conn.Query(ctx, fetch)
		if err != nil {
			s.reportConnErr(err)
			return false
		}
		ok, rows, printed := true, 0, false
		for rs.NextResult() {
			r := rs.Result()
			if !r.HasRows() || printed {
				for r.NextRow() {
				}
				if err := r.Err(); err != nil {
					s.reportResultErr(r, err, fetch)
					ok = false
				}
				continue
			}
			printed = true
			src := &resultRows{r: r}
			if err := render.PrintQueryBatch(ctx, out, src, &popt, nil, batch); err != nil {
				s.reportResultErr(r, err, fetch)
				ok = false
			}
			rows = int(r.RowsRead())
		}
		if err := rs.Err(); err != nil {
			s.reportConnErr(err)
			return false
		}
		if !ok || !printed {
			return false
		}
		s.out.Flush() // each batch is visible at once, as psql's fflush makes it
		if rows < n || ctx.Err() != nil {
			s.fetchedRows = int64(batch.PriorRows + rows) // ROW_COUNT: every batch (resultvars.go)
			return true
		}
		batch.Continued, batch.Paged = true, true
		batch.PriorRows += rows
	}
}

// termWidth is the output width psql finds for wrapped and \x auto (print.c): $COLUMNS
// when positive, else the TIOCGWINSZ width of standard output, and 0 (none) when standard
// output is not a terminal.
func (s *Session) termWidth() int {
	if !s.opts.StdoutTTY {
		return 0
	}
	return s.pagedWidth()
}

// pagedWidth is the width psql uses when it prints to a pager (print.c with is_pager):
// $COLUMNS when positive, else the TIOCGWINSZ width of standard output if it has one.
func (s *Session) pagedWidth() int {
	if v, ok := s.opts.Env.LookupEnv("COLUMNS"); ok {
		if n := atoiC(v); n > 0 {
			return n
		}
	}
	if f, ok := s.opts.Stdout.(*os.File); ok {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil {
			return w
		}
	}
	return 0
}

// atoiC is C's atoi: leading spaces, a sign, then digits up to the first other byte.
func atoiC(v string) int {
	v = strings.TrimLeft(v, " \t\n\v\f\r")
	i := 0
	if i < len(v) && (v[i] == '+' || v[i] == '-') {
		i++
	}
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
	}
	n, _ := strconv.Atoi(v[:i])
	return n
}

// printCrosstab prints a result as \crosstabview asked (psql's PrintResultInCrosstab): the
// whole result is read, pivoted by meta.Crosstab and printed as a table. It reports
// success; psql's "\crosstabview: ..." errors are reported here.
func (s *Session) printCrosstab(ctx context.Context, r *proto.Result, query string) bool {
	rows := &meta.Rows{Columns: (&resultRows{r: r}).Columns()}
	for r.NextRow() {
		vals := r.Values()
		row := make([]string, len(vals))
		nulls := make([]bool, len(vals))
		for i, v := range vals {
			row[i], nulls[i] = string(v), v == nil
		}
		rows.Data = append(rows.Data, row)
		rows.Null = append(rows.Null, nulls)
	}
	if err := r.Err(); err != nil {
		s.reportResultErr(r, err, query)
		return false
	}
	t, err := meta.Crosstab(rows, s.popt.Crosstab, s.popt.Title, s.popt.Null)
	if err != nil {
		s.fatal(err.Error())
		return false
	}
	popt := s.popt
	popt.TermWidth = s.termWidth()
	if err := render.PrintTable(ctx, s.out, t, &popt); err != nil {
		s.fatal(err.Error())
		return false
	}
	return true
}
