package proto_test

import (
	"fmt"
	"net"
	"testing"

	"github.com/gpsql/gpsql/proto"
)

// TestRemoteAddr checks the server address a connection reports: the IP a host name
// resolved to over TCP (with and without TLS), the socket path over a Unix socket.
func TestRemoteAddr(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		conninfo string
		want     string // "tcp ip:port" or "unix path"
	}{
		{"host name, TLS", fmt.Sprintf("host=localhost port=%d user=postgres dbname=postgres sslmode=require", srv.Port),
			fmt.Sprintf("tcp 127.0.0.1:%d", srv.Port)},
		{"host list, plain", fmt.Sprintf("host=nosuch.invalid,localhost port=%d user=postgres dbname=postgres sslmode=disable", srv.Port),
			fmt.Sprintf("tcp 127.0.0.1:%d", srv.Port)},
		{"socket", fmt.Sprintf("host=%s port=%d user=postgres dbname=postgres", srv.SocketDir, srv.Port),
			fmt.Sprintf("unix %s/.s.PGSQL.%d", srv.SocketDir, srv.Port)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := connect(t, tc.conninfo)
			if err != nil {
				t.Fatalf("connect: %v", err)
			}
			defer c.Close()
			a := c.RemoteAddr()
			if a == nil {
				t.Fatal("RemoteAddr() = nil")
			}
			if got := a.Network() + " " + a.String(); got != tc.want {
				t.Errorf("RemoteAddr() = %q, want %q", got, tc.want)
			}
			if ta, ok := a.(*net.TCPAddr); ok && !ta.IP.IsLoopback() {
				t.Errorf("IP %v is not loopback", ta.IP)
			}
		})
	}
	t.Run("nil conn", func(t *testing.T) {
		t.Parallel()
		var c *proto.Conn
		if a := c.RemoteAddr(); a != nil {
			t.Errorf("nil Conn: RemoteAddr() = %v, want nil", a)
		}
	})
}
