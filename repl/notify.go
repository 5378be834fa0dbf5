package repl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/gpsql/gpsql/proto"
)

// notifier holds notifications until they can be shown: after the command that was running
// (psql's PrintNotifications), or at once while the user sits at the prompt, through the
// line editor's writer, which redraws the line being typed below the message.
type notifier struct {
	mu      sync.Mutex
	pending []proto.Notification
	live    io.Writer // non-nil while a prompt is shown
}

// formatNotification is psql's line for one notification.
func formatNotification(n proto.Notification) string {
	if n.Payload != "" {
		return fmt.Sprintf("Asynchronous notification \"%s\" with payload \"%s\" received from server process with PID %d.\n", n.Channel, n.Payload, n.PID)
	}
	return fmt.Sprintf("Asynchronous notification \"%s\" received from server process with PID %d.\n", n.Channel, n.PID)
}

// onNotification receives every notification (on the query's goroutine, or the prompt
// watcher's).
func (s *Session) onNotification(n *proto.Notification) {
	s.notes.mu.Lock()
	defer s.notes.mu.Unlock()
	if s.notes.live != nil {
		io.WriteString(s.notes.live, formatNotification(*n))
		return
	}
	s.notes.pending = append(s.notes.pending, *n)
}

// printNotifications prints what arrived during the last command to the query output.
func (s *Session) printNotifications() {
	s.notes.mu.Lock()
	pending := s.notes.pending
	s.notes.pending = nil
	s.notes.mu.Unlock()
	for _, n := range pending {
		io.WriteString(s.out, formatNotification(n))
	}
}

// watchWhileIdle lets the connection deliver notifications while a prompt is shown; they are
// written to live at once. The returned function stops watching and hands the connection
// back; it must be called before the connection is used again.
func (s *Session) watchWhileIdle(live io.Writer) (stop func()) {
	if s.conn == nil || s.conn.Closed() {
		return func() {}
	}
	s.notes.mu.Lock()
	s.notes.live = live
	s.notes.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	conn := s.conn
	go func() { done <- conn.Watch(ctx) }()
	return func() {
		cancel()
		err := <-done
		s.notes.mu.Lock()
		s.notes.live = nil
		s.notes.mu.Unlock()
		var lost *proto.ConnLostError
		if errors.As(err, &lost) {
			s.idleLost = lost // reported when the next command runs, as psql finds out then
		}
	}
}

// reportIdleLoss reports a connection the server closed while the session was idle, the
// way psql does when the next command finds it: the server's FATAL, libpq's text, and a
// reset at the terminal. It reports whether there was such a loss.
func (s *Session) reportIdleLoss() bool {
	lost := s.idleLost
	if lost == nil {
		return false
	}
	s.idleLost = nil
	s.reportConnErr(lost) // with the FATAL the server sent, which nobody has seen yet
	return true
}
