package pager

import (
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles are built once per model (not per cell).
type styles struct {
	cursor, match, status func(string) string
}

func newStyles(noColor bool) styles {
	if noColor {
		// Attributes only, no colours (https://no-color.org).
		sgr := func(on string) func(string) string {
			return func(s string) string {
				if s == "" {
					return s
				}
				return "\x1b[" + on + "m" + s + "\x1b[0m"
			}
		}
		return styles{cursor: sgr("1"), match: sgr("7"), status: sgr("7")}
	}
	// The caller decided that colours are wanted: no detection on a writer here.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.ANSI256)
	cur := r.NewStyle().Background(lipgloss.Color("237")).Foreground(lipgloss.Color("255")).Bold(true)
	match := r.NewStyle().Background(lipgloss.Color("220")).Foreground(lipgloss.Color("0"))
	status := r.NewStyle().Background(lipgloss.Color("238")).Foreground(lipgloss.Color("255"))
	render := func(st lipgloss.Style) func(string) string { return func(s string) string { return st.Render(s) } }
	return styles{cursor: render(cur), match: render(match), status: render(status)}
}

// View draws the header, the visible body lines cut at the horizontal position with the
// frozen columns kept, and the status line. It draws nothing before the first
// WindowSizeMsg.
func (m Model) View() string {
	if m.width <= 0 || m.height <= 0 || m.quitting {
		return ""
	}
	var b strings.Builder
	rows := m.height - 1
	if m.record != nil {
		end := min(m.recordTop+rows, len(m.record))
		n := 0
		for _, l := range m.record[m.recordTop:end] {
			b.WriteString(cut(l, 0, m.width))
			b.WriteByte('\n')
			n++
		}
		for ; n < rows; n++ {
			b.WriteByte('\n')
		}
		b.WriteString(m.sty.status(pad(fmt.Sprintf(" record of line %d (q/Enter: back)", m.cursor+1), m.width)))
		return b.String()
	}
	n := 0
	for _, l := range m.lines[:m.header()] {
		if n >= rows {
			break
		}
		b.WriteString(m.cut(l, m.frozenWidth(), false))
		b.WriteByte('\n')
		n++
	}
	body := m.body()
	h := m.header()
	for i := m.top; i < len(body) && n < rows; i++ {
		b.WriteString(m.cut(body[i], m.frozenWidthOf(m.stopsAt(h+i)), i == m.cursor))
		b.WriteByte('\n')
		n++
	}
	for ; n < rows; n++ {
		b.WriteString("~\n")
	}
	b.WriteString(m.statusLine())
	return b.String()
}

// cut returns the visible part of line: the frozen columns, then the cells from the
// horizontal offset, with search matches and the cursor line highlighted.
func (m Model) cut(line string, fw int, isCursor bool) string {
	var vis string
	if fw > 0 {
		// The scrolled part starts where the header's frozen part ends, so that the
		// columns of parts with other widths stay under their names.
		hw := max(m.frozenWidth(), fw)
		vis = cut(line, 0, fw) + cut(line, fw+m.left, fw+m.left+m.width-hw)
	} else {
		vis = cut(line, m.left, m.left+m.width)
	}
	vis = strings.TrimRight(vis, " ")
	if isCursor {
		return m.sty.cursor(pad(vis, m.width))
	}
	return m.highlight(vis)
}

// highlight marks every occurrence of the search pattern in the visible text.
func (m Model) highlight(vis string) string {
	if m.pattern == "" {
		return vis
	}
	var b strings.Builder
	rest := vis
	for {
		s, e := matchIndex(rest, m.pattern)
		if s < 0 || e <= s {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(rest[:s])
		b.WriteString(m.sty.match(rest[s:e]))
		rest = rest[e:]
	}
}

func pad(s string, w int) string {
	if n := width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// statusLine shows the search being typed, or rows loaded, the position and the query.
func (m Model) statusLine() string {
	if m.searching {
		c := "/"
		if m.backward {
			c = "?"
		}
		return cut(c+string(m.input), 0, m.width)
	}
	body := len(m.body())
	var s strings.Builder
	fmt.Fprintf(&s, " %d rows", m.rows)
	switch {
	case m.loading && m.stopped:
		s.WriteString(" (stopping…)")
	case m.loading:
		s.WriteString(" (loading…)")
	case m.stopped:
		s.WriteString(" (stopped)")
	}
	if m.loadErr != nil {
		fmt.Fprintf(&s, " (error: %v)", m.loadErr)
	}
	last := min(m.top+m.pageRows(), body)
	fmt.Fprintf(&s, "  lines %d-%d/%d", min(m.top+1, body), last, body)
	if m.left > 0 {
		fmt.Fprintf(&s, "  col +%d", m.left)
	}
	if m.notFound {
		fmt.Fprintf(&s, "  pattern not found: %s", m.pattern)
	}
	if q := strings.Join(strings.Fields(m.cfg.Query), " "); q != "" {
		s.WriteString("  " + q)
	}
	return m.sty.status(pad(cut(s.String(), 0, m.width), m.width))
}
