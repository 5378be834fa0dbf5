package proto

import "net"

// RemoteAddr returns the address of the server end of the connection: a *net.TCPAddr with
// the IP address the host name resolved to and that answered (what libpq's PQhostaddr
// reports, fe-connect.c), or a *net.UnixAddr for a Unix-domain socket. It returns nil
// for a nil Conn or one that never had a network connection. It only reads a field set
// while connecting, so it may be called from any goroutine.
func (c *Conn) RemoteAddr() net.Addr {
	if c == nil || c.nc == nil {
		return nil
	}
	return c.nc.RemoteAddr()
}
