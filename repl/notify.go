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
// written to live at once. Meanwhile tab completion may borrow the connection (see
// idleWatcher.borrow). The returned function stops watching and hands the connection
// back; it must be called before the connection is used again. A prompt for a new
// statement (an empty query buffer) also starts a new completion epoch (complete.go).
func (s *Session) watchWhileIdle(live io.Writer) (stop func()) {
	s.idle.newPrompt(s.buf == nil || s.buf.Len() == 0)
	if s.conn == nil || s.conn.Closed() || s.pipelineActive() {
		return func() {}
	}
	s.notes.mu.Lock()
	s.notes.live = live
	s.notes.mu.Unlock()
	s.idle.start(s.conn)
	return func() {
		lost := s.idle.stop()
		s.notes.mu.Lock()
		s.notes.live = nil
		s.notes.mu.Unlock()
		if lost != nil {
			s.idleLost = lost // reported when the next command runs, as psql finds out then
		}
	}
}

// idleWatcher runs the prompt's notification watcher (proto.Conn.Watch on the session's
// connection while the line editor reads) and lends the connection to tab completion
// between two watches, so that completion sees what the session sees: objects created in
// its open transaction, its search_path, its temporary tables, as psql's completion does
// on its own connection. start and stop run on the session's goroutine, borrow on the line
// editor's while the session waits in Readline; the mutex orders them, and whoever holds
// it owns the connection.
type idleWatcher struct {
	mu     sync.Mutex
	conn   *proto.Conn          // the watched connection; nil when none is watched
	cancel context.CancelFunc   // ends the running Watch
	done   chan error           // the running Watch's outcome
	lost   *proto.ConnLostError // the connection died while watched or lent
	epoch  uint64               // prompts that began a new statement (complete.go)
}

// newPrompt counts a prompt; one for a new statement starts a new epoch.
func (w *idleWatcher) newPrompt(newStatement bool) {
	w.mu.Lock()
	if newStatement {
		w.epoch++
	}
	w.mu.Unlock()
}

// currentEpoch is the number of prompts so far that began a new statement: whatever ran
// before such a prompt may have changed the catalog.
func (w *idleWatcher) currentEpoch() uint64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.epoch
}

// start watches conn until stop.
func (w *idleWatcher) start(conn *proto.Conn) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.lost = nil
	w.run(conn)
}

// run starts Watch on conn; mu is held.
func (w *idleWatcher) run(conn *proto.Conn) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	w.conn, w.cancel, w.done = conn, cancel, done
	go func() { done <- conn.Watch(ctx) }()
}

// halt ends the running Watch and waits for it to hand the connection back; mu is held. It
// reports whether the connection is usable; when it is not, nothing is watched any more.
func (w *idleWatcher) halt() bool {
	w.cancel()
	err := <-w.done
	w.cancel, w.done = nil, nil
	if err != nil {
		w.noteLost(err)
		w.conn = nil
		return false
	}
	return true
}

// noteLost keeps the first connection loss for the session to report. The server's FATAL,
// if any, has not been shown to anyone, even when it came in answer to a lookup.
func (w *idleWatcher) noteLost(err error) {
	var lost *proto.ConnLostError
	if w.lost != nil || !errors.As(err, &lost) {
		return
	}
	l := *lost
	l.FatalShown = false
	w.lost = &l
}

// stop ends watching and returns the connection loss seen while watching or lending, if
// any. The connection is then the session's again.
func (w *idleWatcher) stop() *proto.ConnLostError {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn != nil {
		w.halt()
	}
	w.conn = nil
	lost := w.lost
	w.lost = nil
	return lost
}

// borrow pauses the watcher, calls use with the idle connection, and resumes watching
// with the same live writer (notifications that arrive during use reach onNotification as
// usual). It returns false without calling use when nothing is watched (no prompt is
// shown, pipeline mode, a closed or lost connection), and otherwise use's ok: false means
// that use declined the connection without sending anything. use must leave the
// connection idle; when it finds the connection lost, it returns the *proto.ConnLostError,
// which is kept for stop, and watching ends.
func (w *idleWatcher) borrow(use func(conn *proto.Conn) (ok bool, err error)) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.conn == nil {
		return false
	}
	conn := w.conn
	if !w.halt() {
		return false
	}
	ok, err := use(conn)
	if conn.Closed() {
		w.noteLost(err)
		w.conn = nil
		return ok
	}
	w.run(conn)
	return ok
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
