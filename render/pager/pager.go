// Package pager is gpsql's built-in table pager: a full-screen Bubble Tea program over the
// lines that the current \pset format prints, with the header rows frozen at the top and
// the first columns frozen at the left, less-like keys, search, a record view and
// streaming load. It does not decide whether to page (repl does) and knows nothing of the
// connection: lines arrive as Chunks on a channel.
package pager

import (
	"context"
	"io"

	tea "github.com/charmbracelet/bubbletea"
)

// Run shows the chunks arriving on src full-screen (alternate screen, mouse wheel on) until
// the user quits, then restores the screen. in gives the key presses and out is the
// terminal; putting the terminal in raw mode is the caller's job when in is not the
// terminal's *os.File (Bubble Tea only does it for a terminal file). When in implements
// io.Closer it is closed as the user quits, so that a blocked read returns: that is how a
// caller sharing the terminal with a line editor gets its input back at once.
//
// The producer must keep sending on src, ending with a Done chunk, or close it; after Run
// returns nobody reads src any more, so the producer must also watch for that (for example
// through a channel the caller closes when Run returns). ctx ends the program early.
// Run is not safe for concurrent use with anything else writing to out.
func Run(ctx context.Context, cfg Config, src <-chan Chunk, in io.Reader, out io.Writer) error {
	if c, ok := in.(io.Closer); ok {
		prev := cfg.OnQuit
		cfg.OnQuit = func() {
			if prev != nil {
				prev()
			}
			c.Close()
		}
	}
	p := tea.NewProgram(New(cfg, src),
		tea.WithContext(ctx),
		tea.WithInput(in),
		tea.WithOutput(out),
		tea.WithAltScreen(),
		tea.WithMouseCellMotion(),
		tea.WithoutSignalHandler(),
	)
	_, err := p.Run()
	return err
}
