package repl

import (
	"errors"
	"io"
)

// copyLines feeds COPY ... FROM STDIN with the lines that follow the statement in the
// current input (the script, the terminal, or standard input for -c), up to a line "\." or
// the end of the input, as psql's handleCopyIn does. The "\." line is not sent.
type copyLines struct {
	s       *Session
	pending []byte
	started bool // the COPY's first line was asked for
	begun   bool // the server started a COPY FROM STDIN (StartCopy)
	done    bool
	// before, when set, runs at the start of each COPY's data, before its first line is
	// read (the loop prints the result that came before the COPY: sendQuery).
	before func()
}

// StartCopy implements proto.CopyStarter: every COPY FROM STDIN of a query string reads its
// own lines, up to its own "\.".
func (c *copyLines) StartCopy() {
	c.pending, c.started, c.begun, c.done = c.pending[:0], false, true, false
}

func (c *copyLines) Read(p []byte) (int, error) {
	s := c.s
	for len(c.pending) == 0 {
		if c.done {
			return 0, io.EOF
		}
		if !c.started {
			c.started = true
			if c.before != nil {
				c.before()
			}
			if s.interactive && !s.quiet {
				s.out.Flush()
				io.WriteString(s.opts.Stdout, "Enter data to be copied followed by a newline.\nEnd with a backslash and a period on a line by itself, or an EOF signal.\n")
			}
		}
		s.inCopy = true
		line, err := s.source().ReadLine()
		s.inCopy = false
		if err == errInterrupted {
			// Ctrl-C while typing COPY data: abort it with psql's CopyFail reason.
			c.done = true
			return 0, errors.New("canceled by user")
		}
		if err != nil {
			c.done = true
			return 0, io.EOF
		}
		s.lineNo++
		if line == `\.` {
			c.done = true
			return 0, io.EOF
		}
		c.pending = append(append(c.pending[:0], line...), '\n')
	}
	n := copy(p, c.pending)
	c.pending = c.pending[n:]
	return n, nil
}

// source is where input lines come from now: the loop's source, else standard input (for -c).
func (s *Session) source() lineSource {
	if s.curSource == nil {
		s.curSource = newScriptReader(s.opts.Stdin)
	}
	return s.curSource
}

// drain reads what is left of the COPY data (up to \. or the end of the input) after the
// server stopped taking it, so that it is not read as commands; as psql's handleCopyIn, which
// sends the data before it looks at the server's answer, it reads all of it even when the
// server refused the COPY before the first line.
func (c *copyLines) drain() {
	if !c.begun || c.done {
		return // no COPY FROM STDIN began, or its data was read to the end
	}
	buf := make([]byte, 4096)
	for {
		if _, err := c.Read(buf); err != nil {
			return
		}
	}
}
