// Package history keeps gpsql's persistent command history: a file of entries (a
// multi-line statement is one entry), HISTCONTROL and HISTSIZE as psql honours them, and safe
// concurrent use of one file by several sessions.
//
// File format: one entry per line; a backslash is written as "\\" and a newline inside an
// entry as "\n", so a multi-line statement stays one entry. Each Add appends one line with a
// single write under an exclusive lock, so sessions writing at once neither lose nor
// interleave entries; Close trims the file to HISTSIZE entries.
package history

import (
	"bufio"
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Control is psql's HISTCONTROL.
type Control int

// The HISTCONTROL values.
const (
	ControlNone        Control = iota
	ControlIgnoreSpace         // entries starting with a space are not saved
	ControlIgnoreDups          // an entry equal to the previous one is not saved
	ControlIgnoreBoth
)

// ParseControl maps a HISTCONTROL value; unknown values mean none, as in psql.
func ParseControl(v string) Control {
	switch strings.ToLower(v) {
	case "ignorespace":
		return ControlIgnoreSpace
	case "ignoredups":
		return ControlIgnoreDups
	case "ignoreboth":
		return ControlIgnoreBoth
	}
	return ControlNone
}

// History is one session's view of a history file. It is not safe for concurrent use by
// goroutines; separate processes may share the file.
type History struct {
	path    string
	size    int // HISTSIZE: entries kept; < 0 means unlimited
	control Control
	entries []string
	last    string
}

// DefaultSize is psql's HISTSIZE default.
const DefaultSize = 500

// Open reads the history file at path (a missing file is an empty history). size and
// control are HISTSIZE and HISTCONTROL.
func Open(path string, size int, control Control) (*History, error) {
	h := &History{path: path, size: size, control: control}
	b, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return h, err
	}
	h.entries = decodeFile(b)
	if n := len(h.entries); n > 0 {
		h.last = h.entries[n-1]
	}
	return h, nil
}

// SetSize and SetControl follow changes of HISTSIZE and HISTCONTROL.
func (h *History) SetSize(n int)             { h.size = n }
func (h *History) SetControl(c Control)      { h.control = c }
func (h *History) Entries() []string         { return h.entries }
func (h *History) Path() string              { return h.path }
func (h *History) SetPath(path string)       { h.path = path }
func (h *History) Control() Control          { return h.control }
func (h *History) Size() int                 { return h.size }
func (h *History) lastEntry() (string, bool) { return h.last, h.last != "" }

// Add records an entry, unless HISTCONTROL says to skip it, and appends it to the file at
// once. It reports whether the entry was kept.
func (h *History) Add(entry string) (bool, error) {
	entry = strings.TrimRight(entry, "\n")
	if strings.TrimSpace(entry) == "" {
		return false, nil
	}
	if (h.control == ControlIgnoreSpace || h.control == ControlIgnoreBoth) && strings.HasPrefix(entry, " ") {
		return false, nil
	}
	if (h.control == ControlIgnoreDups || h.control == ControlIgnoreBoth) && entry == h.last {
		return false, nil
	}
	h.entries = append(h.entries, entry)
	h.last = entry
	if h.path == "" {
		return true, nil
	}
	return true, h.appendLine(encode(entry) + "\n")
}

// appendLine writes one line with a single write under an exclusive lock, creating the file
// with mode 0600.
func (h *History) appendLine(line string) error {
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	unlock, err := lockFile(f)
	if err != nil {
		return err
	}
	defer unlock()
	_, err = f.WriteString(line)
	return err
}

// Close trims the file to the newest HISTSIZE entries (all sessions' entries count), under
// the lock, by writing a new file and renaming it into place.
func (h *History) Close() error {
	if h.path == "" || h.size < 0 {
		return nil
	}
	f, err := os.OpenFile(h.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	unlock, err := lockFile(f)
	if err != nil {
		return err
	}
	defer unlock()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(f); err != nil {
		return err
	}
	all := decodeFile(buf.Bytes())
	if len(all) <= h.size {
		return nil
	}
	keep := all[len(all)-h.size:]
	tmp := h.path + ".tmp"
	var out strings.Builder
	for _, e := range keep {
		out.WriteString(encode(e))
		out.WriteByte('\n')
	}
	if err := os.WriteFile(tmp, []byte(out.String()), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, h.path)
}

// encode escapes an entry onto one line.
func encode(e string) string {
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(e)
}

// decode reverses encode; an unknown escape is kept as it is.
func decode(line string) string {
	if !strings.Contains(line, `\`) {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' && i+1 < len(line) {
			switch line[i+1] {
			case '\\':
				b.WriteByte('\\')
				i++
				continue
			case 'n':
				b.WriteByte('\n')
				i++
				continue
			}
		}
		b.WriteByte(line[i])
	}
	return b.String()
}

// decodeFile splits a history file into entries, skipping empty lines and a final line
// without its newline (a write that was cut off).
func decodeFile(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			out = append(out, decode(line))
		}
	}
	return out
}
