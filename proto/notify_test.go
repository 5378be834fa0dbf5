package proto_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/gpsql/gpsql/proto"
)

// connectWith connects over the socket with the given callbacks.
func connectWith(t testing.TB, opts proto.ConnectOptions) *proto.Conn {
	t.Helper()
	cfg, err := proto.ParseConnString(fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port), testEnv())
	if err != nil {
		t.Fatal(err)
	}
	opts.Env = testEnv()
	c, err := proto.Connect(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func mustExec(t testing.TB, c *proto.Conn, sql string) {
	t.Helper()
	if _, err := c.QueryValue(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestNotificationBurst: 10,000 notifications arriving while the listener is busy are all
// delivered, in order.
func TestNotificationBurst(t *testing.T) {
	t.Parallel()
	var got []*proto.Notification
	l := connectWith(t, proto.ConnectOptions{OnNotification: func(n *proto.Notification) { got = append(got, n) }})
	sender := socketConn(t)
	mustExec(t, l, "listen burst")
	// Inside a transaction block the listener gets nothing until it ends: the whole burst
	// then arrives during its COMMIT.
	mustExec(t, l, "begin")
	mustExec(t, sender, "select pg_notify('burst', g::text) from generate_series(1, 10000) g")
	if len(got) != 0 {
		t.Fatalf("%d notifications inside the transaction block", len(got))
	}
	mustExec(t, l, "commit")
	if len(got) != 10000 {
		t.Fatalf("%d notifications delivered, want 10000", len(got))
	}
	for i, n := range got {
		if n.Channel != "burst" || n.Payload != fmt.Sprint(i+1) || n.PID != sender.PID() {
			t.Fatalf("notification %d = %+v", i, n)
		}
	}
}

// TestWatchIdle: a notification reaches an idle, watched connection at once, and the
// connection is handed back in working order.
func TestWatchIdle(t *testing.T) {
	t.Parallel()
	ch := make(chan time.Time, 10)
	var mu sync.Mutex
	var payloads []string
	l := connectWith(t, proto.ConnectOptions{OnNotification: func(n *proto.Notification) {
		mu.Lock()
		payloads = append(payloads, n.Payload)
		mu.Unlock()
		ch <- time.Now()
	}})
	sender := socketConn(t)
	mustExec(t, l, "listen idle")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.Watch(ctx) }()

	// The delivery time is measured from just before NOTIFY is sent; the best of three
	// tries must be within 50 ms, so that one scheduling hiccup of a busy machine does not
	// fail the test.
	best := time.Hour
	for i := range 3 {
		start := time.Now()
		mustExec(t, sender, fmt.Sprintf("notify idle, '%d'", i))
		select {
		case at := <-ch:
			best = min(best, at.Sub(start))
		case err := <-done:
			t.Fatalf("Watch returned %v", err)
		case <-time.After(10 * time.Second):
			t.Fatal("notification not delivered to the idle connection")
		}
	}
	t.Logf("best delivery time %v", best)
	if best > 50*time.Millisecond {
		t.Errorf("notification delivered after %v, want within 50ms", best)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Watch: %v", err)
	}
	if v, err := l.QueryValue(context.Background(), "select 'handed back'"); err != nil || v != "handed back" {
		t.Fatalf("after Watch: %q %v", v, err)
	}
	// A notification sent between watches is delivered at the next read.
	mustExec(t, sender, "notify idle, 'later'")
	n, err := l.WaitForNotification(context.Background())
	if err != nil || n.Payload != "later" {
		t.Fatalf("WaitForNotification = %+v, %v", n, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if fmt.Sprint(payloads) != "[0 1 2 later]" {
		t.Fatalf("payloads %v", payloads)
	}
}

func TestWaitForNotificationTimeout(t *testing.T) {
	t.Parallel()
	c := socketConn(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if n, err := c.WaitForNotification(ctx); !errors.Is(err, context.DeadlineExceeded) || n != nil {
		t.Fatalf("WaitForNotification = %v, %v; want the deadline", n, err)
	}
	if v, err := c.QueryValue(context.Background(), "select 1"); err != nil || v != "1" {
		t.Fatalf("after the timeout: %q %v", v, err)
	}
}

// TestWatchTerminated: the backend of a watched connection is terminated: Watch reports the
// loss with the server's FATAL.
func TestWatchTerminated(t *testing.T) {
	t.Parallel()
	var notices []string
	l := connectWith(t, proto.ConnectOptions{OnNotice: func(n *proto.Notice) { notices = append(notices, n.Message) }})
	killer := socketConn(t)
	done := make(chan error, 1)
	go func() { done <- l.Watch(context.Background()) }()
	mustExec(t, killer, fmt.Sprintf("select pg_terminate_backend(%d)", l.PID()))
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Watch did not notice the terminated backend")
	}
	var lost *proto.ConnLostError
	if !errors.As(err, &lost) || lost.Fatal == nil || lost.Fatal.Code != "57P01" {
		t.Fatalf("Watch = %#v, want ConnLostError with FATAL 57P01", err)
	}
	if !l.Closed() {
		t.Fatal("connection not marked closed")
	}
}

// TestNoticesInterleaved: notices arrive in order between the results of one query string,
// and an error in the middle of rows comes after the rows already sent.
func TestNoticesInterleaved(t *testing.T) {
	t.Parallel()
	var events []string
	c := connectWith(t, proto.ConnectOptions{OnNotice: func(n *proto.Notice) { events = append(events, n.Severity+" "+n.Message) }})
	rs, err := c.Query(context.Background(), "do $$ begin raise notice 'first'; end $$; select 10/(3 - g) as q from generate_series(1, 5) g; do $$ begin raise warning 'never'; end $$")
	if err != nil {
		t.Fatal(err)
	}
	for rs.NextResult() {
		o := flatten(rs.Result())
		events = append(events, o.String())
	}
	if rs.Err() != nil {
		t.Fatal(rs.Err())
	}
	want := []string{"NOTICE first", `{cols= rows= tag="DO" err=}`, `{cols=q rows=5;10 tag="" err=22012}`}
	if fmt.Sprint(events) != fmt.Sprint(want) {
		t.Fatalf("events %q\nwant %q", events, want)
	}
}
