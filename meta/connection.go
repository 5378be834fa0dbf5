package meta

import "github.com/gpsql/gpsql/proto"

// Connector is what \connect, \conninfo, \encoding and \password need from the session;
// repl implements it. It is used by one goroutine at a time.
type Connector interface {
	// Conn returns the session's connection, nil when there is none. meta only reads its
	// settings and runs short statements on it while no other command runs.
	Conn() *proto.Conn
	// Params returns the parameters the current connection (or the last one, when it was
	// lost) was opened with, including any password that was used (what psql reads back
	// with PQconninfo); nil when there never was one. The caller may modify the slice.
	Params() []proto.Param
	// Connect opens a connection from params (with client_encoding and
	// fallback_application_name set as at start-up), asking for a password on the terminal
	// when the server wants one and none was given (unless -w), as psql's do_connect does.
	// On success it replaces and closes the old connection and updates DBNAME, USER and the
	// other connection variables. On failure it returns the error and changes nothing.
	Connect(params []proto.Param) error
	// Disconnect closes the session's connection and forgets its parameters (a failed
	// \connect in a script, as psql's do_connect).
	Disconnect()
	// ReadPassword prompts on the terminal and reads a line without echo (psql's
	// simple_prompt). It fails when there is no terminal or the user pressed Ctrl-C.
	ReadPassword(prompt string) (string, error)
}
