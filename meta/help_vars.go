package meta

// variablesHelp is the text of \? variables and --help=variables: psql 15's special
// variables, its display settings and its environment variables (help.c
// helpVariables), as psql 15.18 prints it.
const variablesHelp = `List of specially treated variables

psql variables:
Usage:
  psql --set=NAME=VALUE
  or \set NAME VALUE inside psql

  AUTOCOMMIT
    if set, successful SQL commands are automatically committed
  COMP_KEYWORD_CASE
    determines the case used to complete SQL key words
    [lower, upper, preserve-lower, preserve-upper]
  DBNAME
    the currently connected database name
  ECHO
    controls what input is written to standard output
    [all, errors, none, queries]
  ECHO_HIDDEN
    if set, display internal queries executed by backslash commands;
    if set to "noexec", just show them without execution
  ENCODING
    current client character set encoding
  ERROR
    true if last query failed, else false
  FETCH_COUNT
    the number of result rows to fetch and display at a time (0 = unlimited)
  HIDE_TABLEAM
    if set, table access methods are not displayed
  HIDE_TOAST_COMPRESSION
    if set, compression methods are not displayed
  HISTCONTROL
    controls command history [ignorespace, ignoredups, ignoreboth]
  HISTFILE
    file name used to store the command history
  HISTSIZE
    maximum number of commands to store in the command history
  HOST
    the currently connected database server host
  IGNOREEOF
    number of EOFs needed to terminate an interactive session
  LASTOID
    value of the last affected OID
  LAST_ERROR_MESSAGE
  LAST_ERROR_SQLSTATE
    message and SQLSTATE of last error, or empty string and "00000" if none
  ON_ERROR_ROLLBACK
    if set, an error doesn't stop a transaction (uses implicit savepoints)
  ON_ERROR_STOP
    stop batch execution after error
  PORT
    server port of the current connection
  PROMPT1
    specifies the standard psql prompt
  PROMPT2
    specifies the prompt used when a statement continues from a previous line
  PROMPT3
    specifies the prompt used during COPY ... FROM STDIN
  QUIET
    run quietly (same as -q option)
  ROW_COUNT
    number of rows returned or affected by last query, or 0
  SERVER_VERSION_NAME
  SERVER_VERSION_NUM
    server's version (in short string or numeric format)
  SHOW_ALL_RESULTS
    show all results of a combined query (\;) instead of only the last
  SHOW_CONTEXT
    controls display of message context fields [never, errors, always]
  SINGLELINE
    if set, end of line terminates SQL commands (same as -S option)
  SINGLESTEP
    single-step mode (same as -s option)
  SQLSTATE
    SQLSTATE of last query, or "00000" if no error
  USER
    the currently connected database user
  VERBOSITY
    controls verbosity of error reports [default, verbose, terse, sqlstate]
  VERSION
  VERSION_NAME
  VERSION_NUM
    psql's version (in verbose string, short string, or numeric format)

Display settings:
Usage:
  psql --pset=NAME[=VALUE]
  or \pset NAME [VALUE] inside psql

  border
    border style (number)
  columns
    target width for the wrapped format
  csv_fieldsep
    field separator for CSV output format (default ",")
  expanded (or x)
    expanded output [on, off, auto]
  fieldsep
    field separator for unaligned output (default "|")
  fieldsep_zero
    set field separator for unaligned output to a zero byte
  footer
    enable or disable display of the table footer [on, off]
  format
    set output format [unaligned, aligned, wrapped, html, asciidoc, ...]
  linestyle
    set the border line drawing style [ascii, old-ascii, unicode]
  null
    set the string to be printed in place of a null value
  numericlocale
    enable display of a locale-specific character to separate groups of digits
  pager
    control when an external pager is used [yes, no, always]
  recordsep
    record (line) separator for unaligned output
  recordsep_zero
    set record separator for unaligned output to a zero byte
  tableattr (or T)
    specify attributes for table tag in html format, or proportional
    column widths for left-aligned data types in latex-longtable format
  title
    set the table title for subsequently printed tables
  tuples_only
    if set, only actual table data is shown
  unicode_border_linestyle
  unicode_column_linestyle
  unicode_header_linestyle
    set the style of Unicode line drawing [single, double]

Environment variables:
Usage:
  NAME=VALUE [NAME=VALUE] psql ...
  or \setenv NAME [VALUE] inside psql

  COLUMNS
    number of columns for wrapped format
  PGAPPNAME
    same as the application_name connection parameter
  PGDATABASE
    same as the dbname connection parameter
  PGHOST
    same as the host connection parameter
  PGPASSFILE
    password file name
  PGPASSWORD
    connection password (not recommended)
  PGPORT
    same as the port connection parameter
  PGUSER
    same as the user connection parameter
  PSQL_EDITOR, EDITOR, VISUAL
    editor used by the \e, \ef, and \ev commands
  PSQL_EDITOR_LINENUMBER_ARG
    how to specify a line number when invoking the editor
  PSQL_HISTORY
    alternative location for the command history file
  PSQL_PAGER, PAGER
    name of external pager program
  PSQL_WATCH_PAGER
    name of external pager program used for \watch
  PSQLRC
    alternative location for the user's .psqlrc file
  SHELL
    shell used by the \! command
  TMPDIR
    directory for temporary files
`

// copyrightText is what \copyright prints. psql prints PostgreSQL's license notice there;
// gpsql is not PostgreSQL software and contains none of its code, so it says what it is,
// naming PostgreSQL's copyright holder as psql 15's notice does (psql's TAP test
// 001_basic.pl looks for the word "Copyright").
const copyrightText = `gpsql is an independent PostgreSQL client, written in Go; it contains no code of the
PostgreSQL project. PostgreSQL is Copyright (c) 1996-2022, PostgreSQL Global Development
Group, and distributed under the PostgreSQL License.
`
