package proto

import "context"

// Reset opens a new session with the same settings and password as c (libpq's PQreset),
// for a client that lost its connection. c itself is closed and stays unusable.
func (c *Conn) Reset(ctx context.Context) (*Conn, error) {
	c.Close()
	cfg := c.cfg.Copy()
	if c.password != "" {
		cfg.Password = c.password
	}
	return Connect(ctx, cfg, ConnectOptions{Env: c.env, OnNotice: c.notices, OnNotification: c.notifications})
}
