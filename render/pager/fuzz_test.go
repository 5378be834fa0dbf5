package pager

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// FuzzModel feeds arbitrary lines (split at '\n', any bytes) and key runes to the model
// and draws it after each key: the pager never panics on what a result prints, and the
// screen never has more lines than the terminal.
func FuzzModel(f *testing.F) {
	f.Add(" a | b\n---+---\n 1 | x\n 2 | y", "jjG/x\rnN$0l\r", uint8(2), uint8(20), uint8(5))
	f.Fuzz(func(t *testing.T, text, keys string, header, w, h uint8) {
		var tm tea.Model = New(Config{Header: int(header % 8), FrozenCols: 1, NoColor: true}, nil)
		tm, _ = tm.Update(chunkMsg{Lines: strings.Split(text, "\n"), Rows: 1, Done: true})
		tm, _ = tm.Update(chunkMsg{Lines: strings.Split(text, "\n"), Header: true})
		tm, _ = tm.Update(tea.WindowSizeMsg{Width: int(w), Height: int(h)})
		for _, r := range keys {
			var msg tea.KeyMsg
			switch r {
			case '\r':
				msg = tea.KeyMsg{Type: tea.KeyEnter}
			case '\x1b':
				msg = tea.KeyMsg{Type: tea.KeyEsc}
			case '\x7f':
				msg = tea.KeyMsg{Type: tea.KeyBackspace}
			case '\x01':
				msg = tea.KeyMsg{Type: tea.KeyRight}
			case '\x02':
				msg = tea.KeyMsg{Type: tea.KeyPgDown}
			default:
				msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
			}
			tm, _ = tm.Update(msg)
			v := tm.View()
			if h > 0 && w > 0 && !tm.(Model).quitting {
				if n := strings.Count(v, "\n") + 1; n > int(h) {
					t.Fatalf("view has %d lines for a %d-line terminal", n, h)
				}
			}
		}
	})
}
