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
		line, err := r.rl.Readline()
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
	rl, err := readline.NewEx(&readline.Config{
		DisableAutoSaveHistory: true,
		Stdout:                 s.opts.Stdout,
		Stderr:                 s.opts.Stderr,
	})
	if err != nil {
		s.fatal(err.Error())
		return ExitFailure
	}
	defer rl.Close()
	s.openHistory()
	if s.hist != nil {
		for _, e := range s.hist.Entries() {
			rl.SaveHistory(e)
		}
		defer s.hist.Close()
	}
	s.printBanner()
	lx := s.newLexer()
	var buf strings.Builder
	status := PromptReady
	src := &readlineSource{rl: rl, s: s, prompt: func() string {
		if buf.Len() == 0 && status == PromptReady {
			v, _ := s.vars.Get("PROMPT1")
			return s.expandPrompt(v, '=')
		}
		v, _ := s.vars.Get("PROMPT2")
		return s.expandPrompt(v, byte(status))
	}}
	for {
		line, err := src.ReadLine()
		if err == errInterrupted {
			s.histLines = s.histLines[:0]
			buf.Reset()
			lx.Reset()
			status = PromptReady
			continue
		}
		if err != nil {
			if !s.quiet {
				fmt.Fprintln(s.opts.Stdout, "\\q")
			}
			return ExitSuccess
		}
		s.lineNo++
		s.histLines = append(s.histLines, line)
		code, stop := s.scanLine(lx, line, &buf)
		if buf.Len() == 0 {
			// The statement (or command line) is complete: one history entry for all its lines.
			if entry := strings.Join(s.histLines, "\n"); s.hist != nil {
				if kept, err := s.hist.Add(entry); err == nil && kept {
					rl.SaveHistory(entry)
				}
			}
			s.histLines = s.histLines[:0]
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

// printBanner prints psql's start-up lines for an interactive session.
func (s *Session) printBanner() {
	if s.quiet {
		return
	}
	fmt.Fprintf(s.out, "%s (%s, server %s)\n", s.opts.ProgName, s.opts.Version, s.conn.ParameterStatus("server_version"))
	if st := s.conn.TLS(); st != nil {
		fmt.Fprintf(s.out, "SSL connection (protocol: %s, cipher: %s, compression: off)\n", tlsVersionName(st.Version), cipherName(st.CipherSuite))
	}
	fmt.Fprintf(s.out, "Type \"help\" for help.\n\n")
	s.out.Flush()
}

// expandPrompt expands psql's prompt escapes that do not need the rest of issue 4's
// machinery: %/ %~ %n %m %M %> %# %R %x %%.
func (s *Session) expandPrompt(p string, status byte) string {
	var b strings.Builder
	cfg := s.conn.Config()
	for i := 0; i < len(p); i++ {
		if p[i] != '%' || i+1 == len(p) {
			b.WriteByte(p[i])
			continue
		}
		i++
		switch p[i] {
		case '/':
			b.WriteString(cfg.Database)
		case '~':
			if cfg.Database == cfg.User {
				b.WriteByte('~')
			} else {
				b.WriteString(cfg.Database)
			}
		case 'n':
			b.WriteString(cfg.User)
		case 'm', 'M':
			h := s.conn.Host()
			if h.IsSocket {
				if p[i] == 'M' {
					b.WriteString("[local:" + h.Host + "]")
				} else {
					b.WriteString("[local]")
				}
			} else if h.Host != "" {
				host := h.Host
				if p[i] == 'm' {
					if j := strings.IndexByte(host, '.'); j > 0 && !isIP(host) {
						host = host[:j]
					}
				}
				b.WriteString(host)
			} else {
				b.WriteString(h.HostAddr)
			}
		case '>':
			fmt.Fprintf(&b, "%d", s.conn.Host().Port)
		case '#':
			if s.conn.ParameterStatus("is_superuser") == "on" {
				b.WriteByte('#')
			} else {
				b.WriteByte('>')
			}
		case 'R':
			b.WriteByte(status)
		case 'x':
			switch s.conn.TxStatus() {
			case 'T':
				b.WriteByte('*')
			case 'E':
				b.WriteByte('!')
			}
		case '%':
			b.WriteByte('%')
		default:
			b.WriteByte('%')
			b.WriteByte(p[i])
		}
	}
	return b.String()
}

func isIP(h string) bool {
	for _, c := range h {
		if !(c >= '0' && c <= '9' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}
