package meta

import "strings"

// Loop is what the input loop offers the commands that act on it; repl implements it.
type Loop interface {
	// Include runs a script file (\i); relative resolves path against the directory of the
	// script being read (\ir).
	Include(path string, relative bool) Result
	// SetOutput redirects query output to a file or "|command"; "" restores stdout (\o).
	SetOutput(target string) error
	// QueryBuffer returns the query being typed and the last query sent (for \p, \r, \w, \g);
	// current is nil when there is no query buffer (psql's -c backslash command).
	QueryBuffer() (current *strings.Builder, previous string)
	// LastError returns the last server error shown in verbose form, or false (\errverbose).
	LastError() (string, bool)
	// Prompt shows text and reads one line from the user (\prompt): the terminal, or standard
	// input while a script file runs.
	Prompt(text string) (string, error)
}
