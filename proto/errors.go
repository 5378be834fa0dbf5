package proto

import (
	"errors"
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/proto/wire"
	"github.com/mattn/go-runewidth"
)

// ServerError is an ErrorResponse (or a NoticeResponse, see Notice) with every field the server
// sent. Field meanings: protocol-v3.txt "Error and Notice Message Fields".
type ServerError struct {
	Severity            string // localized severity (S)
	SeverityUnlocalized string // V, 9.6+
	Code                string // SQLSTATE (C)
	Message             string
	Detail              string
	Hint                string
	Position            int32 // 1-based character position in the query, 0 if absent (P)
	InternalPosition    int32
	InternalQuery       string
	Where               string
	SchemaName          string
	TableName           string
	ColumnName          string
	DataTypeName        string
	ConstraintName      string
	File                string
	Line                int32
	Routine             string

	// PlainText is set for the pre-3.0 text error a server may answer a startup packet with.
	PlainText bool
}

// Notice is a NoticeResponse; it has the same fields as an error.
type Notice = ServerError

// Error returns "SEVERITY:  message", libpq's terse form.
func (e *ServerError) Error() string {
	if e.PlainText {
		return e.Message
	}
	return e.Severity + ":  " + e.Message
}

// SQLState returns the SQLSTATE code.
func (e *ServerError) SQLState() string { return e.Code }

// Fatal reports whether the server ends the session after this error.
func (e *ServerError) Fatal() bool {
	s := e.SeverityUnlocalized
	if s == "" {
		s = e.Severity
	}
	return s == "FATAL" || s == "PANIC"
}

func serverErrorFrom(f *wire.Fields) *ServerError {
	return &ServerError{
		Severity: f.Severity, SeverityUnlocalized: f.SeverityUnlocalized, Code: f.Code,
		Message: f.Message, Detail: f.Detail, Hint: f.Hint, Position: f.Position,
		InternalPosition: f.InternalPosition, InternalQuery: f.InternalQuery, Where: f.Where,
		SchemaName: f.SchemaName, TableName: f.TableName, ColumnName: f.ColumnName,
		DataTypeName: f.DataTypeName, ConstraintName: f.ConstraintName, File: f.File,
		Line: f.Line, Routine: f.Routine,
	}
}

// Verbosity selects how much of an error FormatError shows (psql's VERBOSITY, libpq's
// PGVerbosity).
type Verbosity int

// The verbosities, as libpq's PQERRORS_* values.
const (
	VerbosityDefault Verbosity = iota
	VerbosityTerse
	VerbositySqlstate
	VerbosityVerbose
)

// ContextVisibility is psql's SHOW_CONTEXT (libpq's PGContextVisibility).
type ContextVisibility int

// The SHOW_CONTEXT values.
const (
	ContextErrors ContextVisibility = iota // the default: CONTEXT for errors only
	ContextNever
	ContextAlways
)

// FormatError renders e as libpq's pqBuildErrorMessage3 does (fe-protocol3.c), with a
// trailing newline: severity, optional SQLSTATE, message (with " at character N" when the
// position cannot be shown), the LINE/caret excerpt of query, DETAIL, HINT, QUERY and CONTEXT
// lines, and in verbose mode the object names and LOCATION. query is the statement that was sent
// ("" if unknown). Character widths in the excerpt are go-runewidth's; see FormatErrorWidth.
func FormatError(e *ServerError, query string, v Verbosity, ctxVis ContextVisibility) string {
	return FormatErrorWidth(e, query, v, ctxVis, runewidth.RuneWidth)
}

// FormatErrorWidth is FormatError with the display width of a character given by width,
// as libpq takes it from its encoding's pg_encoding_dsplen (PostgreSQL's own wcwidth table
// for UTF-8): a client that renders results with that table passes it here, so that the
// caret lines up under the same column psql puts it in. A width below 1 counts as 1.
func FormatErrorWidth(e *ServerError, query string, v Verbosity, ctxVis ContextVisibility, width func(rune) int) string {
	if e.PlainText {
		return strings.TrimRight(e.Message, "\n") + "\n"
	}
	var b strings.Builder
	b.WriteString(e.Severity)
	b.WriteString(":  ")
	if v == VerbositySqlstate && e.Code != "" {
		b.WriteString(e.Code)
		b.WriteByte('\n')
		return b.String()
	}
	if v == VerbosityVerbose && e.Code != "" {
		b.WriteString(e.Code)
		b.WriteString(": ")
	}
	b.WriteString(e.Message)
	var excerptQuery string
	var excerptPos int
	switch {
	case e.Position > 0:
		if v != VerbosityTerse && query != "" {
			excerptQuery, excerptPos = query, int(e.Position)
		} else {
			fmt.Fprintf(&b, " at character %d", e.Position)
		}
	case e.InternalPosition > 0:
		if v != VerbosityTerse && e.InternalQuery != "" {
			excerptQuery, excerptPos = e.InternalQuery, int(e.InternalPosition)
		} else {
			fmt.Fprintf(&b, " at character %d", e.InternalPosition)
		}
	}
	b.WriteByte('\n')
	if v != VerbosityTerse {
		if excerptQuery != "" {
			writeErrorPosition(&b, excerptQuery, excerptPos, width)
		}
		if e.Detail != "" {
			b.WriteString("DETAIL:  " + e.Detail + "\n")
		}
		if e.Hint != "" {
			b.WriteString("HINT:  " + e.Hint + "\n")
		}
		if e.InternalQuery != "" {
			b.WriteString("QUERY:  " + e.InternalQuery + "\n")
		}
		if e.Where != "" && (ctxVis == ContextAlways || (ctxVis == ContextErrors && e.isError())) {
			b.WriteString("CONTEXT:  " + e.Where + "\n")
		}
	}
	if v == VerbosityVerbose {
		for _, f := range []struct{ label, val string }{
			{"SCHEMA NAME", e.SchemaName}, {"TABLE NAME", e.TableName}, {"COLUMN NAME", e.ColumnName},
			{"DATATYPE NAME", e.DataTypeName}, {"CONSTRAINT NAME", e.ConstraintName},
		} {
			if f.val != "" {
				b.WriteString(f.label + ":  " + f.val + "\n")
			}
		}
		if e.File != "" {
			b.WriteString("LOCATION:  ")
			if e.Routine != "" {
				b.WriteString(e.Routine + ", ")
			}
			fmt.Fprintf(&b, "%s:%d\n", e.File, e.Line)
		}
	}
	return b.String()
}

func (e *ServerError) isError() bool {
	sev := e.SeverityUnlocalized
	if sev == "" {
		sev = e.Severity
	}
	return sev == "ERROR" || sev == "FATAL" || sev == "PANIC"
}

// Display limits of libpq's reportErrorPosition.
const (
	excerptDisplaySize = 60 // screen columns of the excerpt
	excerptMinRightCut = 10 // keep this many columns right of the caret when cutting
)

// writeErrorPosition writes the "LINE n: ..." excerpt of query and the caret line under
// character pos (1-based), as libpq's reportErrorPosition does: tabs shown as spaces, every
// character at least one column wide, lines longer than 60 columns cut with "...".
func writeErrorPosition(b *strings.Builder, query string, pos int, width func(rune) int) {
	loc := pos - 1
	runes := []rune(query)
	if loc < 0 || loc > len(runes) {
		return
	}
	scr := make([]int, len(runes)+1) // screen offset of each character
	line, ibeg, iend := 1, 0, -1
	off, cno := 0, 0
	for ; cno < len(runes); cno++ {
		scr[cno] = off
		ch := runes[cno]
		if ch == '\t' {
			runes[cno] = ' '
		} else if ch == '\r' || ch == '\n' {
			if cno < loc {
				if ch == '\r' || cno == 0 || runes[cno-1] != '\r' {
					line++
				}
				ibeg = cno + 1
			} else {
				iend = cno
				break
			}
		}
		off += max(width(runes[cno]), 1) // pg_encoding_dsplen's 0 and -1 count as 1
	}
	if iend < 0 {
		iend = cno
		scr[cno] = off
	}
	if loc > cno {
		return
	}
	begTrunc, endTrunc := false, false
	if scr[iend]-scr[ibeg] > excerptDisplaySize {
		if scr[ibeg]+excerptDisplaySize >= scr[loc]+excerptMinRightCut {
			for scr[iend]-scr[ibeg] > excerptDisplaySize {
				iend--
			}
			endTrunc = true
		} else {
			for scr[loc]+excerptMinRightCut < scr[iend] {
				iend--
				endTrunc = true
			}
			for scr[iend]-scr[ibeg] > excerptDisplaySize {
				ibeg++
				begTrunc = true
			}
		}
	}
	prefix := fmt.Sprintf("LINE %d: ", line)
	if begTrunc {
		prefix += "..."
	}
	b.WriteString(prefix)
	b.WriteString(string(runes[ibeg:iend]))
	if endTrunc {
		b.WriteString("...")
	}
	b.WriteByte('\n')
	b.WriteString(strings.Repeat(" ", len(prefix)+scr[loc]-scr[ibeg]))
	b.WriteString("^\n")
}

// ErrClosed is returned by operations on a closed or broken connection.
var ErrClosed = errors.New("connection is closed")

// ErrBusy is returned when a second operation is started while one is under way.
var ErrBusy = errors.New("another command is already in progress")
