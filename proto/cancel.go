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
// CancelRequest with the process ID and secret key (4 bytes under protocol 3.0, up to 256
// under 3.2), and is closed after the server closes it. When the session uses TLS, the cancel
// connection negotiates TLS the same way first (sslmode, sslnegotiation, certificates), as
// libpq 17's PQcancelBlocking does, so the key never crosses the network in clear.
//
// There is no answer; the running query ends with an error or finishes anyway. It never
// closes or disturbs c itself, and is safe to call from another goroutine while a query
// runs.
func (c *Conn) CancelRequest(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var d net.Dialer
	nc, err := d.DialContext(ctx, c.network, c.address)
	if err != nil {
		return err
	}
	defer func() { nc.Close() }()
	if dl, ok := ctx.Deadline(); ok {
		nc.SetDeadline(dl)
	}
	if c.tlsState != nil {
		// Only the fields startTLS reads; c itself is not touched.
		tc := &Conn{cfg: c.cfg, env: c.env, host: c.host, network: c.network, address: c.address, nc: nc}
		if err := tc.startTLS(ctx); err != nil {
			return err
		}
		nc = tc.nc
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
