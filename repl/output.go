package repl

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/render"
)

// setOutput sends query output to a file or, after '|', to a shell command's standard
// input (psql's setQFout, used by -o and \o). An empty target restores standard output.
func (s *Session) setOutput(target string) error {
	s.out.Flush()
	s.closeOutput()
	var w io.WriteCloser
	switch {
	case target == "":
		s.out = bufio.NewWriterSize(s.opts.Stdout, 64*1024)
		return nil
	case strings.HasPrefix(target, "|"):
		cmd := meta.ShellCommand(target[1:])
		cmd.Stdout, cmd.Stderr = s.opts.Stdout, s.opts.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return fmt.Errorf("%s: %v", target[1:], err)
		}
		if err := cmd.Start(); err != nil {
			return fmt.Errorf("%s: %v", target[1:], err)
		}
		w = &pipeOutput{WriteCloser: in, cmd: cmd}
	default:
		f, err := os.Create(target)
		if err != nil {
			return fmt.Errorf("%s: %s", target, errnoText(err))
		}
		w = f
	}
	s.outFile = w
	s.out = bufio.NewWriterSize(w, 64*1024)
	return nil
}

// closeOutput flushes and closes a redirected output, waiting for a pipe's command.
func (s *Session) closeOutput() {
	if s.outFile == nil {
		return
	}
	s.out.Flush()
	s.outFile.Close()
	s.outFile = nil
	s.out = bufio.NewWriterSize(s.opts.Stdout, 64*1024)
}

// pipeOutput closes a command's standard input and waits for it to finish.
type pipeOutput struct {
	io.WriteCloser
	cmd *exec.Cmd
}

func (p *pipeOutput) Close() error {
	err := p.WriteCloser.Close()
	p.cmd.Wait()
	return err
}

// stdout is standard output for messages that ignore \o (\echo): the session's buffer
// when output is not redirected (keeping the order), else the stream itself.
func (s *Session) stdout() io.Writer {
	if s.outFile == nil {
		return s.out
	}
	return s.opts.Stdout
}

// formatError is a server error as psql prints it at the session's VERBOSITY and
// SHOW_CONTEXT, its LINE excerpt measured with psql's character widths.
func (s *Session) formatError(e *proto.ServerError, query string) string {
	return proto.FormatErrorWidth(e, query, s.verbosity, s.showContext, render.RuneWidth)
}
