package meta

import (
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/proto"
)

// Usage is the text of --help and \? options: psql 15's options (help.c usage) with their
// defaults taken from env as psql computes them, under gpsql's own heading; prog is the
// program name shown. Safe for concurrent use.
func Usage(env proto.Env, prog string) string {
	get := func(k string) string { v, _ := env.LookupEnv(k); return v }
	osUser := env.OSUser
	db := get("PGDATABASE")
	if db == "" {
		db = get("PGUSER")
	}
	if db == "" {
		db = osUser
	}
	host := get("PGHOST")
	if host == "" {
		host = "/var/run/postgresql"
	}
	port := get("PGPORT")
	if port == "" {
		port = "5432"
	}
	user := get("PGUSER")
	if user == "" {
		user = osUser
	}
	var b strings.Builder
	p := func(format string, a ...any) { fmt.Fprintf(&b, format, a...) }
	p("%s is a PostgreSQL interactive terminal that behaves like psql.\n\n", prog)
	p("Usage:\n  %s [OPTION]... [DBNAME [USERNAME]]\n\n", prog)
	p("General options:\n")
	p("  -c, --command=COMMAND    run only single command (SQL or internal) and exit\n")
	p("  -d, --dbname=DBNAME      database name to connect to (default: \"%s\")\n", db)
	p("  -f, --file=FILENAME      execute commands from file, then exit\n")
	p("  -l, --list               list available databases, then exit\n")
	p("  -v, --set=, --variable=NAME=VALUE\n")
	p("                           set psql variable NAME to VALUE\n")
	p("                           (e.g., -v ON_ERROR_STOP=1)\n")
	p("  -V, --version            output version information, then exit\n")
	p("  -X, --no-psqlrc          do not read startup file (~/.psqlrc)\n")
	p("  -1 (\"one\"), --single-transaction\n")
	p("                           execute as a single transaction (if non-interactive)\n")
	p("  -?, --help[=options]     show this help, then exit\n")
	p("      --help=commands      list backslash commands, then exit\n")
	p("      --help=variables     list special variables, then exit\n\n")
	p("Input and output options:\n")
	p("  -a, --echo-all           echo all input from script\n")
	p("  -b, --echo-errors        echo failed commands\n")
	p("  -e, --echo-queries       echo commands sent to server\n")
	p("  -E, --echo-hidden        display queries that internal commands generate\n")
	p("  -L, --log-file=FILENAME  send session log to file\n")
	p("  -n, --no-readline        disable enhanced command line editing (readline)\n")
	p("  -o, --output=FILENAME    send query results to file (or |pipe)\n")
	p("  -q, --quiet              run quietly (no messages, only query output)\n")
	p("  -s, --single-step        single-step mode (confirm each query)\n")
	p("  -S, --single-line        single-line mode (end of line terminates SQL command)\n\n")
	p("Output format options:\n")
	p("  -A, --no-align           unaligned table output mode\n")
	p("      --csv                CSV (Comma-Separated Values) table output mode\n")
	p("  -F, --field-separator=STRING\n")
	p("                           field separator for unaligned output (default: \"|\")\n")
	p("  -H, --html               HTML table output mode\n")
	p("  -P, --pset=VAR[=ARG]     set printing option VAR to ARG (see \\pset command)\n")
	p("  -R, --record-separator=STRING\n")
	p("                           record separator for unaligned output (default: newline)\n")
	p("  -t, --tuples-only        print rows only\n")
	p("  -T, --table-attr=TEXT    set HTML table tag attributes (e.g., width, border)\n")
	p("  -x, --expanded           turn on expanded table output\n")
	p("  -z, --field-separator-zero\n")
	p("                           set field separator for unaligned output to zero byte\n")
	p("  -0, --record-separator-zero\n")
	p("                           set record separator for unaligned output to zero byte\n\n")
	p("Connection options:\n")
	p("  -h, --host=HOSTNAME      database server host or socket directory (default: \"%s\")\n", host)
	p("  -p, --port=PORT          database server port (default: \"%s\")\n", port)
	p("  -U, --username=USERNAME  database user name (default: \"%s\")\n", user)
	p("  -w, --no-password        never prompt for password\n")
	p("  -W, --password           force password prompt (should happen automatically)\n\n")
	p("For more information, type \"\\?\" (for internal commands) or \"\\help\" (for SQL\n")
	p("commands) from within %s, or consult the psql section in the PostgreSQL\n", prog)
	p("documentation.\n")
	return b.String()
}
