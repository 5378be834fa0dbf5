package pager

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// table returns an aligned table as psql prints it with \pset border 1: a header of two
// lines and n rows, "id" right-aligned in a 7-wide column, "name" in a 30-wide one.
func table(n int) []string {
	lines := []string{"   id   |             name              ", "--------+-------------------------------"}
	for i := 1; i <= n; i++ {
		lines = append(lines, fmt.Sprintf("%7d | %-29s", i, fmt.Sprintf("name-%d-%s", i, strings.Repeat("x", 10))))
	}
	return lines
}

func load(t *testing.T, cfg Config, lines []string, w, h int) Model {
	t.Helper()
	var m tea.Model = New(cfg, nil)
	m, _ = m.Update(chunkMsg{Lines: lines, Rows: len(lines) - cfg.Header, Done: true})
	m, _ = m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return m.(Model)
}

func press(m Model, keys ...string) Model {
	var tm tea.Model = m
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "down":
			msg = tea.KeyMsg{Type: tea.KeyDown}
		case "up":
			msg = tea.KeyMsg{Type: tea.KeyUp}
		case "right":
			msg = tea.KeyMsg{Type: tea.KeyRight}
		case "left":
			msg = tea.KeyMsg{Type: tea.KeyLeft}
		case "pgdown":
			msg = tea.KeyMsg{Type: tea.KeyPgDown}
		case "pgup":
			msg = tea.KeyMsg{Type: tea.KeyPgUp}
		case "home":
			msg = tea.KeyMsg{Type: tea.KeyHome}
		case "end":
			msg = tea.KeyMsg{Type: tea.KeyEnd}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "ctrl+c":
			msg = tea.KeyMsg{Type: tea.KeyCtrlC}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		tm, _ = tm.Update(msg)
	}
	return tm.(Model)
}

// screen is the model's view without escape sequences, one string per screen line.
func screen(m Model) []string {
	return strings.Split(ansi.Strip(m.View()), "\n")
}

func TestNavigation(t *testing.T) {
	t.Parallel()
	lines := table(100)
	cases := []struct {
		name  string
		keys  []string
		first string // the first body line on screen (screen line 2)
	}{
		{"start", nil, "      1 | name-1-xxxxxxxxxx"},
		{"page down", []string{"pgdown"}, "      8 | name-8-xxxxxxxxxx"},
		{"space pages", []string{" ", " "}, "     15 | name-15-xxxxxxxxxx"},
		{"page down and up", []string{"pgdown", "pgup"}, "      1 | name-1-xxxxxxxxxx"},
		{"G to the end", []string{"G"}, "     94 | name-94-xxxxxxxxxx"},
		{"end key", []string{"end"}, "     94 | name-94-xxxxxxxxxx"},
		{"G then g", []string{"G", "g"}, "      1 | name-1-xxxxxxxxxx"},
		{"down past the screen", []string{"j", "j", "j", "j", "j", "j", "j", "j"}, "      3 | name-3-xxxxxxxxxx"},
		{"up at the top stays", []string{"up", "k"}, "      1 | name-1-xxxxxxxxxx"},
		{"half page", []string{"d"}, "      4 | name-4-xxxxxxxxxx"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// 10 rows: 2 header lines, 7 body lines, the status line.
			m := press(load(t, Config{Header: 2, FrozenCols: 1}, lines, 40, 10), tc.keys...)
			sc := screen(m)
			if len(sc) != 10 {
				t.Fatalf("screen has %d lines, want 10:\n%s", len(sc), strings.Join(sc, "\n"))
			}
			if sc[0] != strings.TrimRight(lines[0], " ") || sc[1] != lines[1] {
				t.Errorf("header not frozen: %q %q", sc[0], sc[1])
			}
			if got := strings.TrimRight(sc[2], " "); got != tc.first {
				t.Errorf("first body line = %q, want %q", got, tc.first)
			}
		})
	}
}

func TestFrozenColumn(t *testing.T) {
	t.Parallel()
	lines := table(20)
	cases := []struct {
		name   string
		keys   []string
		row1   string
		header string
	}{
		// 20 columns: the frozen "   id   |" (9 cells) and 11 of the rest.
		{"no scroll", nil, "      1 | name-1-xxx", "   id   |          "},
		// A step is a third of the 11 scrolled cells.
		{"right once", []string{"right"}, "      1 |me-1-xxxxxx", "   id   |          n"},
		{"unfrozen scrolls all", []string{"0", "right"}, "1 | name-1-xxxxxxxxx", "  |             name"},
		{"right and back", []string{"right", "left"}, "      1 | name-1-xxx", "   id   |          "},
		// The widest line (the header, 40 cells) ends at the right edge.
		{"to the right end", []string{"$"}, "      1 |", "   id   |"},
		{"unfrozen and frozen again", []string{"0", "1", "right"}, "      1 |me-1-xxxxxx", "   id   |          n"},
		{"more than there are", []string{"9", "right"}, "      1 |me-1-xxxxxx", "   id   |          n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := press(load(t, Config{Header: 2, FrozenCols: 1}, lines, 20, 10), tc.keys...)
			sc := screen(m)
			if got := strings.TrimRight(sc[2], " "); got != strings.TrimRight(tc.row1, " ") {
				t.Errorf("row 1 = %q, want %q", got, tc.row1)
			}
			if got := strings.TrimRight(sc[0], " "); got != strings.TrimRight(tc.header, " ") {
				t.Errorf("header = %q, want %q", got, tc.header)
			}
		})
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	lines := table(100)
	cases := []struct {
		name     string
		keys     []string
		cursor   int // body index of the cursor
		notFound bool
	}{
		{"forward", []string{"/", "n", "a", "m", "e", "-", "5", "0", "enter"}, 49, false},
		{"next", []string{"/", "-", "5", "enter", "n"}, 49, false},
		{"previous", []string{"/", "-", "5", "enter", "n", "N"}, 4, false},
		{"backward from the end", []string{"G", "?", "-", "1", "2", "enter"}, 11, false},
		{"smart case misses", []string{"/", "N", "A", "M", "E", "enter"}, 0, true},
		{"ignore case", []string{"/", "x", "x", "enter", "n"}, 1, false},
		{"not found", []string{"/", "z", "z", "z", "enter"}, 0, true},
		{"esc abandons", []string{"/", "5", "0", "esc"}, 0, false},
		{"backspace edits", []string{"/", "-", "9", "x", "backspace", "enter"}, 8, false},
		{"one burst of runes", []string{"/-50", "enter"}, 49, false},
		{"burst with n", []string{"/-5", "enter", "nN"}, 4, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var keys []string
			for _, k := range tc.keys {
				keys = append(keys, k)
			}
			m := load(t, Config{Header: 2, FrozenCols: 1}, lines, 40, 10)
			for _, k := range keys {
				if k == "backspace" {
					tm, _ := m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
					m = tm.(Model)
					continue
				}
				m = press(m, k)
			}
			if m.cursor != tc.cursor {
				t.Errorf("cursor = %d (%q), want %d", m.cursor, m.body()[m.cursor], tc.cursor)
			}
			if m.notFound != tc.notFound {
				t.Errorf("notFound = %v, want %v", m.notFound, tc.notFound)
			}
			if m.cursor < m.top || m.cursor >= m.top+m.pageRows() {
				t.Errorf("cursor %d off screen (top %d)", m.cursor, m.top)
			}
		})
	}
}

func TestHighlight(t *testing.T) {
	t.Parallel()
	m := press(load(t, Config{Header: 2, FrozenCols: 1, NoColor: true}, table(30), 40, 10), "/", "x", "x", "x", "enter", "j")
	v := m.View()
	if !strings.Contains(v, "\x1b[7mxxx\x1b[0m") {
		t.Errorf("no highlighted match in %q", v)
	}
	if strings.Contains(v, "\x1b[38") || strings.Contains(v, "\x1b[48") {
		t.Errorf("colours with NoColor: %q", v)
	}
}

func TestStreaming(t *testing.T) {
	t.Parallel()
	ch := make(chan Chunk, 3)
	stopped := 0
	var tm tea.Model = New(Config{Header: 2, FrozenCols: 1, StopLoad: func() { stopped++ }}, ch)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 40, Height: 10})
	all := table(30)
	ch <- Chunk{Lines: all[:12], Rows: 10}
	ch <- Chunk{Lines: all[12:], Rows: 30}
	close(ch)
	cmd := tm.(Model).Init()
	for cmd != nil {
		tm, cmd = tm.Update(cmd())
		if tm.(Model).Loading() && len(tm.(Model).Lines()) == 12 {
			m := press(tm.(Model), "G")
			if got := strings.TrimSpace(screen(m)[8]); !strings.HasPrefix(got, "10 |") {
				t.Errorf("G while loading: last line %q, want row 10", got)
			}
			if st := screen(m)[9]; !strings.Contains(st, "10 rows (loading…)") {
				t.Errorf("status while loading: %q", st)
			}
			tm = press(m, "ctrl+c", "ctrl+c")
		}
	}
	m := tm.(Model)
	if len(m.Lines()) != 32 || m.Loading() {
		t.Errorf("after the chunks: %d lines, loading %v", len(m.Lines()), m.Loading())
	}
	if stopped != 1 {
		t.Errorf("StopLoad called %d times, want 1", stopped)
	}
}

func TestQuitAndLayout(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		key  string
		quit bool
	}{
		{"q", "q", true},
		{"esc", "esc", true},
		{"x is nothing", "x", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			quits := 0
			m := New(Config{Header: 2, OnQuit: func() { quits++ }}, nil)
			if v := m.View(); v != "" {
				t.Errorf("view before the window size: %q", v)
			}
			m = load(t, Config{Header: 2, OnQuit: func() { quits++ }}, table(3), 40, 10)
			msg := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(tc.key)}
			if tc.key == "esc" {
				msg = tea.KeyMsg{Type: tea.KeyEsc}
			}
			_, cmd := m.Update(msg)
			gotQuit := cmd != nil && fmt.Sprint(cmd()) == fmt.Sprint(tea.Quit())
			if gotQuit != tc.quit || (quits == 1) != tc.quit {
				t.Errorf("quit = %v (OnQuit %d), want %v", gotQuit, quits, tc.quit)
			}
		})
	}
}

func TestResize(t *testing.T) {
	t.Parallel()
	m := load(t, Config{Header: 2, FrozenCols: 1}, table(100), 40, 10)
	m = press(m, "G")
	tm, _ := m.Update(tea.WindowSizeMsg{Width: 20, Height: 30})
	sc := screen(tm.(Model))
	if len(sc) != 30 {
		t.Fatalf("%d screen lines after resize, want 30", len(sc))
	}
	for i, l := range sc {
		if w := ansi.StringWidth(l); w > 20 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	if got := strings.TrimSpace(sc[28]); !strings.HasPrefix(got, "100 |") {
		t.Errorf("last row line = %q, want row 100", got)
	}
}

func TestRecord(t *testing.T) {
	t.Parallel()
	lines := []string{
		" id |          doc           ",
		"----+------------------------",
		"  1 | {\"a\": 1, \"b\": [2, 3]}",
		"  2 | plain",
	}
	cases := []struct {
		name string
		keys []string
		want []string
	}{
		{"json", []string{"enter"}, []string{"id:", "  1", "doc:", "  {", "    \"a\": 1,", "    \"b\": [", "      2,", "      3", "    ]", "  }"}},
		{"plain", []string{"j", "enter"}, []string{"id:", "  2", "doc:", "  plain"}},
		{"closed again", []string{"enter", "q"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := press(load(t, Config{Header: 2, FrozenCols: 1}, lines, 40, 20), tc.keys...)
			if strings.Join(m.record, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("record =\n%s\nwant\n%s", strings.Join(m.record, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestColumnStops(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		rule string
		want []int
	}{
		{"border 1", "----+-----+--", []int{4, 10}},
		{"border 2", "+----+-----+", []int{5}},
		{"unicode", "────┼─────", []int{4}},
		{"one column", "--------", nil},
		{"data line", "  1 | a", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := columnStops(tc.rule); fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("columnStops(%q) = %v, want %v", tc.rule, got, tc.want)
			}
		})
	}
}

// TestPartsWithOwnWidths: a chunk with its own header (a later part, wider) keeps its
// first column frozen at its own boundary, and its header lines are not shown.
func TestPartsWithOwnWidths(t *testing.T) {
	t.Parallel()
	ch := make(chan Chunk, 2)
	ch <- Chunk{Lines: []string{" n | v", "---+---", " 1 | a", " 2 | b"}, Rows: 2}
	ch <- Chunk{Lines: []string{"   n   | v", "-------+-----", " 12345 | ccccc"}, Rows: 3, Header: true, Done: true}
	close(ch)
	var tm tea.Model = New(Config{Header: 2, FrozenCols: 1}, ch)
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 11, Height: 6})
	for cmd := tm.(Model).Init(); cmd != nil; {
		tm, cmd = tm.Update(cmd())
	}
	m := press(tm.(Model), "right")
	sc := screen(m)
	want := []string{" n |", "---+-", " 1 |", " 2 |", " 12345 |ccc"}
	for i, w := range want {
		if strings.TrimRight(sc[i], " ") != w {
			t.Errorf("line %d = %q, want %q", i, sc[i], w)
		}
	}
	if got := len(m.Lines()); got != 5 {
		t.Errorf("%d lines kept, want 5 (the second header dropped)", got)
	}
}
