package repl

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gpsql/gpsql/history"
)

// historyPath is where history lives: HISTFILE (with a leading ~ expanded), else
// $PSQL_HISTORY, else ~/.gpsql_history. "" means no file.
func (s *Session) historyPath() string {
	home := s.opts.Env.HomeDir
	if v, ok := s.vars.Get("HISTFILE"); ok && v != "" {
		if strings.HasPrefix(v, "~/") && home != "" {
			v = filepath.Join(home, v[2:])
		}
		return v
	}
	if v, ok := s.opts.Env.LookupEnv("PSQL_HISTORY"); ok && v != "" {
		return v
	}
	if home == "" {
		return ""
	}
	return filepath.Join(home, ".gpsql_history")
}

// openHistory loads the history file for an interactive session; a file that cannot be
// read is reported once and history stays in memory.
func (s *Session) openHistory() {
	size := history.DefaultSize
	if v, ok := s.vars.Get("HISTSIZE"); ok {
		if n, err := strconv.Atoi(v); err == nil {
			size = n
		}
	}
	ctl, _ := s.vars.Get("HISTCONTROL")
	h, err := history.Open(s.historyPath(), size, history.ParseControl(ctl))
	if err != nil {
		s.warn(fmt.Sprintf("could not read history file \"%s\": %v", s.historyPath(), err))
	}
	s.hist = h
}

// historyEntries gives \s the history, or nil when the session keeps none (not interactive).
func (s *Session) historyEntries() func() []string {
	if s.hist == nil {
		return nil
	}
	return s.hist.Entries
}

// sendHistory adds the lines typed since the last entry as one history entry (psql's
// pg_send_history): when a statement is complete, and before a backslash command runs, so
// that \s lists itself as psql's does.
func (s *Session) sendHistory() {
	if s.hist != nil && len(s.histLines) > 0 {
		entry := strings.Join(s.histLines, "\n")
		if kept, err := s.hist.Add(entry); err == nil && kept && s.histSink != nil {
			s.histSink(entry)
		}
	}
	s.histLines = s.histLines[:0]
}
