package repl

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chzyer/readline"
)

// readlineSource reads lines from the terminal with readline, showing the prompt for the
// lexer's current state.
type readlineSource struct {
	rl     *readline.Instance
	s      *Session
	prompt func() string
}

func (r *readlineSource) ReadLine() (string, error) {
	for {
		r.rl.SetPrompt(r.prompt())
		stop := r.s.watchWhileIdle(r.rl.Stdout())
		line, err := r.rl.Readline()
		stop()
		if errors.Is(err, readline.ErrInterrupt) {
			// Ctrl-C at the prompt clears the query buffer.
			return "", errInterrupted
		}
		if err != nil {
			return "", io.EOF
		}
		return line, nil
	}
}

var errInterrupted = errors.New("interrupted")

// runInteractive is the terminal session: banner, prompts, history in memory.
func (s *Session) runInteractive() int {
	s.interactive = true
	s.terse = true
	if s.opts.NoReadline {
		return s.runPlainInteractive()
	}
	comp, closeCatalog := s.completer()
	defer closeCatalog()
	rl, err := readline.NewEx(&readline.Config{
		DisableAutoSaveHistory: true,
		Stdin:                  s.readlineStdin(), // shared with the built-in pager (pager.go)
		Stdout:                 s.opts.Stdout,
		Stderr:                 s.opts.Stderr,
		AutoComplete:           comp, // tab completion (complete.go)
		Listener:               comp, // re-spells the completed word per COMP_KEYWORD_CASE (complete.go)
	})
	if err != nil {
		s.fatal(err.Error())
		return ExitFailure
	}
	defer rl.Close()
	s.openHistory()
	s.histSink = func(entry string) { rl.SaveHistory(entry) }
	if s.hist != nil {
		for _, e := range s.hist.Entries() {
			rl.SaveHistory(e)
		}
		defer s.hist.Close()
	}
	s.printBanner()
	lx := s.newLexer()
	var buf strings.Builder
	s.buf = &buf
	status := PromptReady
	src := &readlineSource{rl: rl, s: s, prompt: func() string {
		if s.inCopy {
			return s.expandPrompt(prompt3, status)
		}
		if buf.Len() == 0 && status == PromptReady {
			s.stmtLine = 1
			return s.expandPrompt(prompt1, status)
		}
		s.stmtLine++
		return s.expandPrompt(prompt2, status)
	}}
	s.curSource = src
	eofs := 0 // Ctrl-D presses in a row
	for {
		s.redisplayEdited()
		line, err := src.ReadLine()
		if err == errInterrupted {
			s.histLines = s.histLines[:0]
			buf.Reset()
			lx.Reset()
			status = PromptReady
			continue
		}
		if err != nil {
			// Ctrl-D: IGNOREEOF asks for that many in a row (bash's feature, as psql has it).
			eofs++
			if eofs < s.special.ignoreEOF {
				if !s.quiet {
					fmt.Fprintf(s.opts.Stdout, "Use \"\\q\" to leave %s.\n", s.opts.ProgName)
				}
				continue
			}
			if !s.quiet {
				fmt.Fprintln(s.opts.Stdout, "\\q")
			}
			return ExitSuccess
		}
		eofs = 0
		s.lineNo++
		s.cancelPressed.Store(false) // psql forgets a Ctrl-C at each line typed
		s.histLines = append(s.histLines, line)
		code, stop := s.scanLine(lx, line, &buf)
		if buf.Len() == 0 {
			s.sendHistory() // the statement is complete: one entry for all its lines
		}
		if stop {
			if code == exitTerminate || code == ExitUser {
				return ExitSuccess
			}
			return code
		}
		s.out.Flush()
		status = s.promptStatus
		if buf.Len() == 0 && status == PromptContinue {
			status = PromptReady
		}
	}
}

// redisplayEdited shows what \e left in the query buffer, after PROMPT1, before the next
// prompt asks for more, as psql's MainLoop does (need_redisplay).
func (s *Session) redisplayEdited() {
	if !s.redisplay {
		return
	}
	s.redisplay = false
	if s.buf == nil || s.buf.Len() == 0 {
		return
	}
	s.out.Flush()
	io.WriteString(s.opts.Stdout, s.expandPrompt(prompt1, PromptReady)+s.buf.String())
}

// printBanner prints psql's start-up lines for an interactive session.
func (s *Session) printBanner() {
	if s.quiet {
		return
	}
	fmt.Fprintf(s.out, "%s (%s, server %s)\n", s.opts.ProgName, s.opts.Version, s.conn.ParameterStatus("server_version"))
	if info := s.conn.SSLInfo(); info != "" {
		fmt.Fprintln(s.out, info)
	}
	fmt.Fprintf(s.out, "Type \"help\" for help.\n\n")
	s.out.Flush()
}

// runPlainInteractive is the terminal session without line editing or history (-n): the
// prompt is written to standard output and lines read from standard input.
func (s *Session) runPlainInteractive() int {
	s.printBanner()
	in := newScriptReader(s.opts.Stdin)
	lx := s.newLexer()
	var buf strings.Builder
	s.buf = &buf
	for {
		s.redisplayEdited()
		if buf.Len() == 0 && s.promptStatus == PromptReady {
			s.stmtLine = 1
			io.WriteString(s.out, s.expandPrompt(prompt1, s.promptStatus))
		} else {
			s.stmtLine++
			io.WriteString(s.out, s.expandPrompt(prompt2, s.promptStatus))
		}
		s.out.Flush()
		line, err := in.ReadLine()
		if err != nil {
			if !s.quiet {
				fmt.Fprintln(s.out, "\\q")
			}
			return ExitSuccess
		}
		s.lineNo++
		s.cancelPressed.Store(false) // psql forgets a Ctrl-C at each line typed
		if code, stop := s.scanLine(lx, line, &buf); stop {
			if code == exitTerminate || code == ExitUser {
				return ExitSuccess
			}
			return code
		}
		s.out.Flush()
		if buf.Len() == 0 && s.promptStatus == PromptContinue {
			s.promptStatus = PromptReady
		}
	}
}
