package proto_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/gpsql/gpsql/proto"
	"github.com/gpsql/gpsql/proto/pgtest"
	"github.com/gpsql/gpsql/proto/wire"
)

// v2Server is a scripted server from before protocol 3.0 (a 7.3 server, or a proxy that
// speaks only 2.0): it answers a 3.0 StartupMessage with the pre-3.0 plain-text error, as
// 7.3's postmaster did, and speaks 2.0 (protocol-v2.txt) to a 2.0 StartupPacket. It records
// the protocol version of every startup packet it reads.
type v2Server struct {
	auth uint32 // authentication request code sent after the 2.0 StartupPacket: 0 ok, 4 crypt

	mu       sync.Mutex
	versions []uint32
	users    []string
}

func (s *v2Server) script(b *wire.Backend, nc net.Conn) {
	r := bufio.NewReader(nc)
	var hdr [8]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return
	}
	n, version := binary.BigEndian.Uint32(hdr[:4]), binary.BigEndian.Uint32(hdr[4:])
	if n < 8 || n > 10000 {
		return
	}
	body := make([]byte, n-8)
	if _, err := io.ReadFull(r, body); err != nil {
		return
	}
	s.mu.Lock()
	s.versions = append(s.versions, version)
	s.mu.Unlock()
	if version != 0x00020000 {
		// 7.3's postmaster, ProcessStartupPacket: a pre-3.0 error, a bare text.
		nc.Write([]byte("EFATAL:  unsupported frontend protocol 3.0: server supports 1.0 to 2.0\n\x00"))
		return
	}
	// The 2.0 StartupPacket: 296 bytes, database[64] user[32] options[64] unused[64] tty[64].
	if n != 296 {
		nc.Write([]byte(fmt.Sprintf("EFATAL:  invalid length of startup packet %d\n\x00", n)))
		return
	}
	s.mu.Lock()
	s.users = append(s.users, string(bytes.TrimRight(body[64:96], "\x00")))
	s.mu.Unlock()
	w := bufio.NewWriter(nc)
	w.Write([]byte{'R'})
	binary.Write(w, binary.BigEndian, s.auth)
	if s.auth != 0 {
		if s.auth == 4 {
			w.WriteString("ab") // AuthenticationCryptPassword's salt
		}
		w.Flush()
		io.Copy(io.Discard, r)
		return
	}
	w.Write([]byte{'K', 0, 0, 0x10, 0x92, 1, 2, 3, 4}) // BackendKeyData, PID 4242
	w.Write([]byte{'Z'})
	w.Flush()
	for {
		typ, err := r.ReadByte()
		if err != nil || typ != 'Q' {
			return // 'X' (Terminate) or gone
		}
		q, err := r.ReadString(0)
		if err != nil {
			return
		}
		for _, stmt := range strings.Split(strings.TrimSuffix(q, "\x00"), ";") {
			stmt = strings.TrimSpace(stmt)
			switch {
			case strings.HasPrefix(stmt, "SET "):
				w.WriteString("CSET\x00")
			case strings.HasPrefix(stmt, "SELECT "):
				// The settings query of setupV2 (or any SELECT): one row, one column
				// per item, the first NULL.
				cols := strings.Count(stmt, ", ") + 1
				values := []string{"7.3.21", "SQL_ASCII", "SQL_ASCII", "off", "on", "ISO, MDY", "postgres", "UTC", "on", "", "u"}
				w.WriteString("Pblank\x00T")
				binary.Write(w, binary.BigEndian, uint16(cols))
				for i := range cols {
					fmt.Fprintf(w, "c%d\x00", i)
					binary.Write(w, binary.BigEndian, uint32(25)) // text
					binary.Write(w, binary.BigEndian, int16(-1))
					binary.Write(w, binary.BigEndian, int32(-1))
				}
				bitmap := make([]byte, (cols+7)/8)
				for i := 1; i < cols; i++ {
					bitmap[i/8] |= 0x80 >> (i % 8)
				}
				w.WriteByte('D')
				w.Write(bitmap)
				for i := 1; i < cols; i++ {
					v := "v"
					if i < len(values) {
						v = values[i]
					}
					binary.Write(w, binary.BigEndian, uint32(4+len(v)))
					w.WriteString(v)
				}
				w.WriteString("CSELECT\x00")
			case stmt == "":
			default:
				w.WriteString("EERROR:  parser: parse error at or near \"" + strings.Fields(stmt)[0] + "\"\n\x00")
			}
		}
		w.WriteByte('Z')
		if w.Flush() != nil {
			return
		}
	}
}

// TestProtocol2FallbackFake: a server that answers the 3.0 StartupMessage with the
// plain-text "unsupported frontend protocol" error makes Connect reconnect with 2.0, as
// libpq before 14 did; a min_protocol_version above 2.0 forbids it; max_protocol_version=2.0
// starts with 2.0.
func TestProtocol2FallbackFake(t *testing.T) {
	tests := []struct {
		name         string
		params       string
		auth         uint32
		wantVersions []uint32
		wantErr      string
	}{
		{name: "falls back", wantVersions: []uint32{0x00030000, 0x00020000}},
		{name: "min 2.0 falls back", params: "min_protocol_version=2.0", wantVersions: []uint32{0x00030000, 0x00020000}},
		{name: "forced 2.0", params: "max_protocol_version=2.0", wantVersions: []uint32{0x00020000}},
		{name: "min 3.0 does not fall back", params: "min_protocol_version=3.0", wantVersions: []uint32{0x00030000},
			wantErr: "FATAL:  unsupported frontend protocol 3.0: server supports 1.0 to 2.0"},
		{name: "min 3.2 does not fall back", params: "min_protocol_version=3.2", wantVersions: []uint32{0x00030002},
			wantErr: "FATAL:  unsupported frontend protocol 3.0: server supports 1.0 to 2.0"},
		{name: "crypt is refused", auth: 4, wantVersions: []uint32{0x00030000, 0x00020000},
			wantErr: "Crypt authentication not supported"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := &v2Server{auth: tc.auth}
			f, err := pgtest.StartFake(srv.script)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(f.Close)
			c, err := connect(t, fmt.Sprintf("host=127.0.0.1 port=%d user=u dbname=d sslmode=disable connect_timeout=5 %s", f.Port, tc.params))
			if tc.wantErr != "" {
				if err == nil {
					c.Close()
					t.Fatal("connected")
				}
				if !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if v := c.ProtocolVersion(); v != 20000 {
					t.Errorf("ProtocolVersion = %d, want 20000", v)
				}
				if c.PID() != 4242 {
					t.Errorf("PID = %d, want 4242", c.PID())
				}
				if v := c.ParameterStatus("server_encoding"); v != "SQL_ASCII" {
					t.Errorf("server_encoding %q from the settings query, want SQL_ASCII", v)
				}
				if got := rows(t, c, "SELECT 1, 2"); got != "[c0,c1]\n<null>|SQL_ASCII\nSELECT\n" {
					t.Errorf("query over 2.0: %q", got)
				}
				if got := rows(t, c, "bogus"); got != "ERROR: parser: parse error at or near \"bogus\" @0\n" {
					t.Errorf("error over 2.0: %q", got)
				}
				c.Close()
			}
			f.Close()
			srv.mu.Lock()
			defer srv.mu.Unlock()
			if fmt.Sprint(srv.versions) != fmt.Sprint(tc.wantVersions) {
				t.Errorf("startup versions %x, want %x", srv.versions, tc.wantVersions)
			}
			for _, u := range srv.users {
				if u != "u" {
					t.Errorf("2.0 StartupPacket user %q, want u", u)
				}
			}
		})
	}
}

// TestProtocol2LargeObjects: FunctionCall, and so the large-object calls, over 2.0 on
// PostgreSQL 13, checked with SQL.
func TestProtocol2LargeObjects(t *testing.T) {
	s := pg13Server(t)
	c, err := connect(t, fmt.Sprintf("host=%s port=%d dbname=postgres user=postgres max_protocol_version=2.0", s.SocketDir, s.Port))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if v := c.ProtocolVersion(); v != 20000 {
		t.Fatalf("ProtocolVersion = %d", v)
	}
	ctx := context.Background()
	lo, err := c.LargeObjects(ctx)
	if err != nil {
		t.Fatal(err)
	}
	data := bytes.Repeat([]byte("two\x00point\x00zero "), 5000)
	oid := largeObjectRoundTrip(t, c, lo, data)
	want := fmt.Sprintf("[length,encode]\n%d|two\\000point\\000zero \nSELECT 1\n", len(data))
	if got := rows(t, c, fmt.Sprintf("select length(lo_get(%d)), encode(substr(lo_get(%d), 1, 15), 'escape')", oid, oid)); got != want {
		t.Errorf("lo_get: %q, want %q", got, want)
	}
	t.Run("server error", func(t *testing.T) {
		_, err := lo.Open(ctx, 1, proto.LORead) // no such large object
		if err == nil || !strings.Contains(err.Error(), "large object 1 does not exist") {
			t.Fatalf("err = %v", err)
		}
	})
	rows(t, c, "rollback")
	if got := rows(t, c, "select 'alive'"); got != "[?column?]\nalive\nSELECT 1\n" {
		t.Errorf("after: %q", got)
	}
}
