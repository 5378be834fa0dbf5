package repl

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/gpsql/gpsql/proto"
	"golang.org/x/term"
)

// connector is the session as meta.Connector: \connect, \conninfo, \encoding, \password.
type connector struct{ s *Session }

// Conn implements meta.Connector.
func (c connector) Conn() *proto.Conn {
	if c.s.connDropped {
		return nil
	}
	return c.s.conn
}

// Params implements meta.Connector: the parameters of the last successful \connect, else
// the command line's with the password the first connection used (psql's PQconninfo).
func (c connector) Params() []proto.Param {
	s := c.s
	if s.connDropped || s.conn == nil {
		return nil
	}
	if s.connParams != nil {
		return append([]proto.Param(nil), s.connParams...)
	}
	params := append([]proto.Param{}, s.opts.ConnParams...)
	if pw := s.conn.Config().Password; pw != "" && !hasKeyword(params, "password") {
		params = append(params, proto.Param{Keyword: "password", Value: pw})
	}
	return params
}

// Connect implements meta.Connector, as psql's do_connect connects: client_encoding "auto"
// at a terminal, fallback_application_name, and a password prompt when the server asks
// for one and none was given.
func (c connector) Connect(params []proto.Param) error {
	s := c.s
	full := append([]proto.Param(nil), params...)
	if s.opts.StdinTTY && s.opts.StdoutTTY {
		if _, ok := s.opts.Env.LookupEnv("PGCLIENTENCODING"); !ok {
			full = append(full, proto.Param{Keyword: "client_encoding", Value: localeEncoding(s.opts.Env)})
		}
	}
	full = append(full, proto.Param{Keyword: "fallback_application_name", Value: "psql"})
	password := ""
	for {
		cfg, err := proto.ParseConfig(withPassword(full, password), s.opts.Env)
		if err != nil {
			return err
		}
		conn, err := proto.Connect(s.ctx, cfg, proto.ConnectOptions{
			Env:            s.opts.Env,
			OnNotice:       s.onNotice,
			OnNotification: s.onNotification,
		})
		if err == nil {
			old := s.conn
			s.conn, s.connDropped = conn, false
			s.connParams = withPassword(params, password)
			s.syncConnVars()
			if old != nil {
				old.Close()
			}
			return nil
		}
		var cerr *proto.ConnectError
		if errors.As(err, &cerr) && cerr.NeedsPassword && password == "" && s.opts.PromptPassword != TriNo {
			pw, perr := s.readPassword(fmt.Sprintf("Password for user %s: ", cfg.User))
			if perr == nil && pw != "" {
				password = pw
				continue
			}
		}
		return err
	}
}

// Disconnect implements meta.Connector: the connection is closed and its parameters
// forgotten, and the connection variables are unset (psql's UnsyncVariables).
func (c connector) Disconnect() {
	s := c.s
	if s.conn != nil {
		s.conn.Close()
	}
	s.connDropped = true
	s.connParams = nil
	for _, v := range []string{"DBNAME", "USER", "HOST", "PORT", "ENCODING", "SERVER_VERSION_NAME", "SERVER_VERSION_NUM"} {
		s.vars.Unset(v)
	}
}

// ReadPassword implements meta.Connector. At the interactive prompt readline's goroutine
// reads the terminal all the time, so the keys are claimed from the session's keyMux and
// read without echo here; elsewhere the start-up password reader is used.
func (c connector) ReadPassword(prompt string) (string, error) {
	s := c.s
	f, isFile := s.opts.Stdin.(*os.File)
	if s.keys == nil || !s.interactive || !isFile || !term.IsTerminal(int(f.Fd())) {
		return s.readPassword(prompt)
	}
	s.out.Flush()
	io.WriteString(s.errOut, prompt)
	old, err := term.MakeRaw(int(f.Fd()))
	if err != nil {
		return "", err
	}
	in := s.keys.claim()
	defer func() {
		in.Close()
		term.Restore(int(f.Fd()), old)
		io.WriteString(s.errOut, "\n")
	}()
	var pw []byte
	b := make([]byte, 1)
	for {
		n, err := in.Read(b)
		if err != nil {
			return "", err
		}
		if n == 0 {
			continue
		}
		switch b[0] {
		case '\r', '\n':
			return string(pw), nil
		case 3: // Ctrl-C: psql's simple_prompt gives up
			return "", errors.New("canceled")
		case 4: // Ctrl-D
			if len(pw) == 0 {
				return "", io.EOF
			}
		case 0x7f, 8:
			if len(pw) > 0 {
				pw = pw[:len(pw)-1]
			}
		default:
			pw = append(pw, b[0])
		}
	}
}
