package repl

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/meta"
	"github.com/mattn/go-runewidth"
)

// promptKind says which prompt is shown (PROMPT1, PROMPT2, PROMPT3).
type promptKind int

const (
	prompt1 promptKind = iota
	prompt2
	prompt3
)

// expandPrompt expands psql's prompt escapes (psql's get_prompt): %M %m %> %n %/ %~ %# %p %R
// %x %l %w %digits %:name: %`cmd` %[ %] and %%. status is the lexer's state for %R.
func (s *Session) expandPrompt(kind promptKind, status PromptStatus) string {
	name := map[promptKind]string{prompt1: "PROMPT1", prompt2: "PROMPT2", prompt3: "PROMPT3"}[kind]
	p, _ := s.vars.Get(name)
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] != '%' || i+1 == len(p) {
			b.WriteByte(p[i])
			continue
		}
		i++
		switch c := p[i]; {
		case c == '/':
			if s.conn != nil {
				b.WriteString(s.conn.Config().Database)
			}
		case c == '~':
			if s.conn != nil {
				b.WriteString(s.tildeDB())
			}
		case c == 'M' || c == 'm':
			if s.conn != nil {
				b.WriteString(s.promptHost(c == 'M'))
			}
		case c == '>':
			if s.conn != nil {
				b.WriteString(strconv.Itoa(int(s.conn.Host().Port)))
			}
		case c == 'n':
			if s.conn != nil {
				b.WriteString(s.sessionUser())
			}
		case c == '#':
			if s.conn != nil && s.conn.ParameterStatus("is_superuser") == "on" {
				b.WriteByte('#')
			} else {
				b.WriteByte('>')
			}
		case c == 'p':
			if s.conn != nil {
				b.WriteString(strconv.Itoa(int(s.conn.PID())))
			}
		case c == 'R':
			b.WriteString(s.promptR(kind, status))
		case c == 'x':
			if s.conn == nil {
				b.WriteByte('?')
				break
			}
			if s.pipelineBusy() { // libpq's PQTRANS_ACTIVE while a pipeline has answers to read
				b.WriteByte('*')
				break
			}
			switch s.conn.TxStatus() {
			case 'T':
				b.WriteByte('*')
			case 'E':
				b.WriteByte('!')
			case 'I':
			default:
				b.WriteByte('?')
			}
		case c == 'P': // psql 18: the pipeline status
			switch {
			case s.pipelineAborted():
				b.WriteString("abort")
			case s.pipelineActive():
				b.WriteString("on")
			default:
				b.WriteString("off")
			}
		case c == 'l':
			b.WriteString(strconv.Itoa(s.stmtLine))
		case c == 'w':
			b.WriteString(strings.Repeat(" ", s.lastPrompt1Width))
		case c >= '0' && c <= '7':
			j := i
			for j < len(p) && j < i+3 && p[j] >= '0' && p[j] <= '7' {
				j++
			}
			n, _ := strconv.ParseUint(p[i:j], 8, 8)
			b.WriteByte(byte(n))
			i = j - 1
		case c == ':':
			end := strings.IndexByte(p[i+1:], ':')
			if end < 0 {
				i = len(p)
				break
			}
			v, _ := s.vars.Get(p[i+1 : i+1+end])
			b.WriteString(v)
			i += end + 1
		case c == '`':
			end := strings.IndexByte(p[i+1:], '`')
			if end < 0 {
				i = len(p)
				break
			}
			out, _ := meta.ShellCommand(p[i+1 : i+1+end]).Output()
			b.WriteString(strings.TrimSuffix(string(out), "\n"))
			i += end + 1
		case c == '[' || c == ']':
			// readline's invisible-text markers; chzyer/readline measures ANSI escapes itself.
		default:
			b.WriteByte(c)
		}
	}
	out := b.String()
	if kind == prompt1 {
		s.lastPrompt1Width = runewidth.StringWidth(stripANSI(out))
	}
	return out
}

// promptR is %R: the input state.
func (s *Session) promptR(kind promptKind, status PromptStatus) string {
	switch {
	case kind == prompt3:
		return ""
	case kind == prompt1:
		switch {
		case !s.cond.active():
			return "@"
		case s.conn == nil || s.conn.Closed():
			return "!"
		case s.special.singleLine:
			return "^"
		}
		return "="
	}
	if !s.cond.active() {
		return "@"
	}
	if status == PromptReady {
		return "-"
	}
	return string(rune(status))
}

// tildeDB is %~: "~" when the database is the default one (PGDATABASE, else the user).
func (s *Session) tildeDB() string {
	db := s.conn.Config().Database
	def, ok := s.opts.Env.LookupEnv("PGDATABASE")
	if !ok || def == "" {
		def = s.sessionUser()
	}
	if db == def {
		return "~"
	}
	return db
}

// sessionUser is the session user as psql's session_username finds it.
func (s *Session) sessionUser() string {
	if u := s.conn.ParameterStatus("session_authorization"); u != "" {
		return u
	}
	return s.conn.Config().User
}

// promptHost is %M (full) or %m (up to the first dot); "[local]" for a Unix socket, with the
// directory for %M when it is not the default one.
func (s *Session) promptHost(full bool) string {
	h := s.conn.Host()
	if h.IsSocket && h.HostAddr == "" {
		if full && !h.Defaulted && h.Host != "/var/run/postgresql" {
			return fmt.Sprintf("[local:%s]", h.Host)
		}
		return "[local]"
	}
	host := h.Host
	if host == "" {
		host = h.HostAddr
	}
	if !full && !isIP(host) {
		if j := strings.IndexByte(host, '.'); j > 0 {
			host = host[:j]
		}
	}
	return host
}

func isIP(h string) bool {
	for _, c := range h {
		if !(c >= '0' && c <= '9' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// stripANSI drops ESC [ ... letter sequences, for measuring a prompt's width.
func stripANSI(s string) string {
	if !strings.Contains(s, "\x1b") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			j := i + 2
			for j < len(s) && !(s[j] >= '@' && s[j] <= '~') {
				j++
			}
			i = j
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
