// Package render prints query results the way psql 15 does, byte for byte.
//
// The behaviour follows PostgreSQL 15's src/fe_utils/print.c (printQuery,
// printTable and one print_* function pair per format: aligned and wrapped,
// unaligned, csv, html, asciidoc, latex, latex-longtable, troff-ms, each in
// normal and expanded form) and src/fe_utils/mbprint.c (mbvalidate,
// pg_wcssize, pg_wcsformat). The oracle is psql itself: every golden file
// under testdata/golden was written by /usr/bin/psql, never by this package.
//
// As in print.h, a table's content (title, columns, cells, footers) is kept
// apart from the options that say how to print it ([Options], psql's \pset).
// Each output format lives in its own file and measures the whole table before
// it writes anything. Formatters only write to an io.Writer: they never choose
// a pager, never ask the terminal for its size and keep no global state.
//
// Text is handled as psql handles it when the client encoding is UTF8: values
// are C strings (a NUL byte ends a value), byte sequences psql's mbvalidate
// rejects are dropped, and display widths come from psql 15's Unicode tables
// (see widthtable.go). Other client encodings are not supported.
package render
