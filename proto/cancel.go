package proto

import (
	"context"
	"io"
	"net"
	"time"

	"github.com/gpsql/gpsql/proto/wire"
)

// CancelRequest asks the server to cancel the query running on c (protocol-v3.txt §2.8 and
// "Canceling Requests in Progress"): a new connection to the same address carries
// CancelRequest with the process ID and secret key, and is closed after the server closes it.
// There is no answer; the running query ends with an error or finishes anyway. It never closes
// or disturbs c itself, and is safe to call from another goroutine.
func (c *Conn) CancelRequest(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, c.network, c.address)
	if err != nil {
		return err
	}
	defer nc.Close()
	if dl, ok := ctx.Deadline(); ok {
		nc.SetDeadline(dl)
	}
	pkt, err := (&wire.CancelRequest{ProcessID: c.pid, SecretKey: c.secretKey}).Encode(nil)
	if err != nil {
		return err
	}
	if _, err := nc.Write(pkt); err != nil {
		return err
	}
	// Wait for the server to close its end, so that the cancel has been processed.
	io.Copy(io.Discard, nc)
	return nil
}
