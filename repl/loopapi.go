package repl

import (
	"bufio"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// loopAPI is the session as meta.Loop: what backslash commands may do to the input loop.
type loopAPI struct{ s *Session }

// Include runs a script (\i, \ir). A relative \ir path is taken from the directory of the
// script being read.
func (l loopAPI) Include(path string, relative bool) meta.Result {
	s := l.s
	if relative && !filepath.IsAbs(path) && s.inputName != "" && s.inputName != "<stdin>" {
		path = filepath.Join(filepath.Dir(s.inputName), path)
	}
	if s.processFile(path) == ExitSuccess {
		return meta.OK
	}
	return meta.Error
}

// SetOutput is \o.
func (l loopAPI) SetOutput(target string) error { return l.s.setOutput(target) }

// QueryBuffer returns the buffer being typed and the last query sent; no buffer for a -c
// backslash command.
func (l loopAPI) QueryBuffer() (*strings.Builder, string) {
	if l.s.noQueryBuffer {
		return nil, ""
	}
	if l.s.buf == nil {
		l.s.buf = &strings.Builder{}
	}
	return l.s.buf, l.s.prevQuery
}

// LastError is \errverbose's text: the last error again, at VERBOSITY verbose.
func (l loopAPI) LastError() (string, bool) {
	s := l.s
	if s.lastErr == nil {
		return "", false
	}
	return proto.FormatErrorWidth(s.lastErr, s.lastErrQuery, proto.VerbosityVerbose, proto.ContextAlways, render.RuneWidth), true
}

// Prompt is \prompt's read: standard input while a script file runs (the prompt on stdout),
// else the terminal (standard input and error without one), echoing as psql's
// simple_prompt(echo=true) does.
func (l loopAPI) Prompt(text string) (string, error) {
	s := l.s
	if s.inputName != "" {
		io.WriteString(s.opts.Stdout, text)
		line, err := bufio.NewReader(s.opts.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", err
		}
		return strings.TrimSuffix(line, "\n"), nil
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil {
		io.WriteString(s.errOut, text)
		line, err := bufio.NewReader(s.opts.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return "", err
		}
		return strings.TrimSuffix(line, "\n"), nil
	}
	defer tty.Close()
	io.WriteString(tty, text)
	line, err := bufio.NewReader(tty).ReadString('\n')
	if err != nil && line == "" {
		return "", err
	}
	return strings.TrimSuffix(line, "\n"), nil
}
