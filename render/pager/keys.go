package pager

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the pager's key bindings. The defaults (DefaultKeyMap) follow less, as bubbles'
// viewport does, plus pspg's digits for the number of frozen columns.
type KeyMap struct {
	Up, Down, Left, Right key.Binding
	PageUp, PageDown      key.Binding
	HalfUp, HalfDown      key.Binding
	Top, Bottom           key.Binding
	LineStart, LineEnd    key.Binding
	Search, SearchBack    key.Binding
	Next, Prev            key.Binding
	Record                key.Binding
	Freeze                key.Binding
	Stop                  key.Binding
	Quit                  key.Binding
}

// DefaultKeyMap returns the default bindings: arrows/hjkl, PgUp/PgDn (b/f/space),
// Ctrl-U/Ctrl-D, Home/End and g/G, / ? n N for search,
// ^ and $ for the horizontal ends, Enter for the record view, digits 0-9 for the number of
// frozen columns (0: none), Ctrl-C to stop loading, q and Esc to quit.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:         key.NewBinding(key.WithKeys("up", "k", "ctrl+p"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j", "ctrl+n"), key.WithHelp("↓/j", "down")),
		Left:       key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "left")),
		Right:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "right")),
		PageUp:     key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown", " ", "f"), key.WithHelp("pgdn/f", "page down")),
		HalfUp:     key.NewBinding(key.WithKeys("ctrl+u", "u"), key.WithHelp("u", "half page up")),
		HalfDown:   key.NewBinding(key.WithKeys("ctrl+d", "d"), key.WithHelp("d", "half page down")),
		Top:        key.NewBinding(key.WithKeys("home", "g", "<"), key.WithHelp("g/home", "first row")),
		Bottom:     key.NewBinding(key.WithKeys("end", "G", ">"), key.WithHelp("G/end", "last row")),
		LineStart:  key.NewBinding(key.WithKeys("^"), key.WithHelp("^", "leftmost")),
		LineEnd:    key.NewBinding(key.WithKeys("$"), key.WithHelp("$", "rightmost")),
		Search:     key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "search forward")),
		SearchBack: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "search backward")),
		Next:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		Prev:       key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Record:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "show record")),
		Freeze:     key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("0-9", "frozen columns")),
		Stop:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "stop loading")),
		Quit:       key.NewBinding(key.WithKeys("q", "esc", "Q"), key.WithHelp("q/esc", "quit")),
	}
}
