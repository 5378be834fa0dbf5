package wire

import (
	"bytes"
	"testing"
)

// FuzzReceiveV2 feeds arbitrary bytes to a protocol 2.0 Frontend: Receive must never panic
// and must end with an error (EOF at the latest), and every DataRow must have as many values
// as the last RowDescription has fields.
func FuzzReceiveV2(f *testing.F) {
	f.Add([]byte("R\x00\x00\x00\x00K\x00\x00\x00\x01\x00\x00\x00\x02Z"))
	f.Add([]byte("Pblank\x00T\x00\x02a\x00\x00\x00\x00\x17\x00\x04\xff\xff\xff\xffb\x00\x00\x00\x00\x19\xff\xff\xff\xff\xff\xffD\x80\x00\x00\x00\x051CSELECT 1\x00Z"))
	f.Add([]byte("EERROR:  boom at character 3\n\x00NNOTICE:  hi\n\x00A\x00\x00\x00\x07ch\x00"))
	f.Add([]byte("H1\tone\n\\.\nCCOPY 1\x00GV0VG\x00\x00\x00\x02ab0I\x00"))
	f.Add([]byte("R\x00\x00\x00\x05saltR\x00\x00\x00\x04xy"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fe := NewFrontend(bytes.NewReader(data), &bytes.Buffer{})
		fe.UseProtocol2()
		fe.SetMaxMessageLen(1 << 16)
		fields := 0
		for range 10000 {
			m, err := fe.Receive()
			if err != nil {
				return
			}
			switch m := m.(type) {
			case *RowDescription:
				fields = len(m.Fields)
			case *DataRow:
				if len(m.Values) != fields {
					t.Fatalf("%d values, %d fields", len(m.Values), fields)
				}
			}
		}
		t.Fatal("no end after 10000 messages")
	})
}

// TestSendV2CopyData checks the \. rules of COPY FROM STDIN data over 2.0 for every way of
// cutting the data into chunks.
func TestSendV2CopyData(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"plain", "a\nb\n", "a\nb\n\\.\n"},
		{"no final newline", "a\nb", "a\nb\n\\.\n"},
		{"marker cuts", "a\n\\.\nb\n", "a\n\\.\n"},
		{"crlf marker", "a\n\\.\r\nb\n", "a\n\\.\n"},
		{"final bare marker", "a\n\\.", "a\n\\.\n"},
		{"not a marker", "a\n\\.x\n\\\n", "a\n\\.x\n\\\n\\.\n"},
		{"empty", "", "\\.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for cut := 0; cut <= len(tc.in); cut++ {
				var out bytes.Buffer
				fe := NewFrontend(bytes.NewReader(nil), &out)
				fe.UseProtocol2()
				for _, chunk := range []string{tc.in[:cut], tc.in[cut:]} {
					if err := fe.Send(&CopyData{Data: []byte(chunk)}); err != nil {
						t.Fatal(err)
					}
				}
				if err := fe.Send(&CopyDone{}); err != nil {
					t.Fatal(err)
				}
				fe.Flush()
				if out.String() != tc.want {
					t.Fatalf("cut %d: %q, want %q", cut, out.String(), tc.want)
				}
			}
		})
	}
}

// TestParseV2Error splits the texts PostgreSQL 13 sends to a 2.0 client.
func TestParseV2Error(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, sev, msg string
		pos                int32
	}{
		{"error", "ERROR:  division by zero\n", "ERROR", "division by zero", 0},
		{"position", "ERROR:  relation \"x\" does not exist at character 15\n", "ERROR", "relation \"x\" does not exist", 15},
		{"fatal", "FATAL:  password authentication failed for user \"u\"\n", "FATAL", "password authentication failed for user \"u\"", 0},
		{"no severity", "something odd\n", "ERROR", "something odd", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := ParseV2Error(tc.in)
			if f.Severity != tc.sev || f.Message != tc.msg || f.Position != tc.pos {
				t.Fatalf("%+v", f)
			}
		})
	}
}
