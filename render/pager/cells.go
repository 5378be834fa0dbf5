package pager

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// The lines are plain text as render prints them (no escape sequences), measured with
// go-runewidth as render measures them. (charmbracelet/x/ansi v0.10.1's CutWc truncates
// on the right for both ends, hence these.)

// width is the display width of s in cells.
func width(s string) int { return runewidth.StringWidth(s) }

// cut returns the cells [left, right) of s; a double-width character cut in half becomes a
// space.
func cut(s string, left, right int) string {
	if right <= left {
		return ""
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if col >= right {
			break
		}
		w := runewidth.RuneWidth(r)
		switch {
		case col >= left && col+w <= right:
			b.WriteRune(r)
		case col < left && col+w > left, col >= left && col+w > right:
			// Straddles an edge: pad the cells inside.
			in := min(col+w, right) - max(col, left)
			b.WriteString(strings.Repeat(" ", in))
		}
		col += w
	}
	return b.String()
}
