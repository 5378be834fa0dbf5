package proto

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/gpsql/gpsql/proto/wire"
)

// Watch reads the idle connection until ctx ends, delivering what the server sends
// unprompted (protocol-v3.txt §2.7) as soon as it arrives: NotificationResponse to
// ConnectOptions.OnNotification, NoticeResponse to OnNotice, ParameterStatus to
// ParameterStatus. It lets a REPL show notifications while the user types.
//
// The connection is busy while Watch runs. When ctx ends, Watch interrupts its read with a
// past read deadline, clears the deadline and returns nil: the connection is then idle and
// ready for the next query, with any half-read message kept for it. If the server closes the
// connection (after a FATAL error such as 57P01 from pg_terminate_backend, which is kept in
// ConnLostError.Fatal) or sends anything a server may not send to an idle client, Watch
// returns a *ConnLostError.
//
// Watch must not run at the same time as any other method of c but CancelRequest: the
// caller hands the connection over by cancelling ctx and waiting for Watch to return.
// The callbacks run on Watch's goroutine.
func (c *Conn) Watch(ctx context.Context) error {
	if c.busy {
		return ErrBusy
	}
	if c.broken != nil {
		return c.broken
	}
	if c.closed {
		return ErrClosed
	}
	c.busy = true
	defer func() { c.busy = false }()
	interrupted := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		c.nc.SetReadDeadline(time.Unix(1, 0))
		close(interrupted)
	})
	handBack := func() {
		if !stop() {
			<-interrupted // the deadline is set: wait, then clear it
		}
		c.nc.SetReadDeadline(time.Time{})
	}
	for {
		msg, err := c.receive()
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) && ctx.Err() != nil {
				handBack()
				return nil
			}
			var pe *ProtocolError
			if errors.As(err, &pe) {
				continue // a malformed notice was skipped
			}
			handBack()
			return err
		}
		if _, ok := msg.(*wire.ErrorResponse); ok && c.fatal != nil {
			c.fatalIdle = true
			continue // the close follows
		}
		err = c.unexpected(msg)
		handBack()
		return err
	}
}

// WaitForNotification watches the idle connection (see Watch) until a notification arrives
// and returns it; it is also delivered to ConnectOptions.OnNotification as usual. It returns
// ctx's error if ctx ends first. The returned Notification is the caller's.
func (c *Conn) WaitForNotification(ctx context.Context) (*Notification, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var got *Notification
	prev := c.notifications
	c.notifications = func(n *Notification) {
		if prev != nil {
			prev(n)
		}
		if got == nil {
			got = n
			cancel()
		}
	}
	defer func() { c.notifications = prev }()
	err := c.Watch(ctx)
	if got != nil {
		return got, nil
	}
	if err == nil {
		err = context.Cause(ctx)
	}
	return nil, err
}
