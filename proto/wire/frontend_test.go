package wire

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
	"time"
)

// timeoutErr is a net.Error timeout that is not os.ErrDeadlineExceeded.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// chunkReader returns data in chunks of size n, and before each chunk, if
// timeouts is set, an error that is a timeout.
type chunkReader struct {
	data     []byte
	n        int
	timeouts bool
	pending  bool // next Read returns a timeout
	count    int
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	if r.timeouts && !r.pending {
		r.pending = true
		r.count++
		if r.count%2 == 0 {
			return 0, timeoutErr{}
		}
		return 0, os.ErrDeadlineExceeded
	}
	r.pending = false
	k := min(r.n, len(p), len(r.data))
	copy(p, r.data[:k])
	r.data = r.data[k:]
	return k, nil
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}

// receiveAll reads messages until io.EOF, retrying after timeouts, and
// returns their re-encodings concatenated.
func receiveAll(t *testing.T, f *Frontend) ([]byte, int) {
	t.Helper()
	var out []byte
	timeouts := 0
	for {
		m, err := f.Receive()
		if err == io.EOF {
			return out, timeouts
		}
		if isTimeout(err) {
			timeouts++
			continue
		}
		if err != nil {
			t.Fatalf("Receive: %v", err)
		}
		if out, err = m.Encode(out); err != nil {
			t.Fatalf("re-encode %T: %v", m, err)
		}
	}
}

// stream is a realistic server answer to "select 1 as one; select NULL::text".
func stream(t *testing.T) []byte {
	return encodeAll(t,
		&RowDescription{Fields: []FieldDescription{{Name: "one", DataTypeOID: 23, DataTypeSize: 4, TypeModifier: -1}}},
		&DataRow{Values: [][]byte{[]byte("1")}},
		&CommandComplete{CommandTag: []byte("SELECT 1")},
		&NoticeResponse{Fields: Fields{Severity: "NOTICE", Code: "00000", Message: "hello"}},
		&RowDescription{Fields: []FieldDescription{{Name: "text", DataTypeOID: 25, DataTypeSize: -1, TypeModifier: -1}}},
		&DataRow{Values: [][]byte{nil}},
		&CommandComplete{CommandTag: []byte("SELECT 1")},
		&ParameterStatus{Name: "TimeZone", Value: "Europe/Paris"},
		&NotificationResponse{PID: 99, Channel: "c", Payload: "p"},
		&ReadyForQuery{TxStatus: 'I'},
	)
}

func TestFrontendReceiveStream(t *testing.T) {
	t.Parallel()
	data := stream(t)
	tests := []struct {
		name         string
		r            io.Reader
		wantTimeouts bool
	}{
		{"one read", bytes.NewReader(data), false},
		{"one byte reads", iotest.OneByteReader(bytes.NewReader(data)), false},
		{"half reads", iotest.HalfReader(bytes.NewReader(data)), false},
		{"data with EOF", iotest.DataErrReader(bytes.NewReader(data)), false},
		{"timeouts between bytes", &chunkReader{data: data, n: 1, timeouts: true}, true},
		{"timeouts between 3-byte chunks", &chunkReader{data: data, n: 3, timeouts: true}, true},
		{"timeouts between 7-byte chunks", &chunkReader{data: data, n: 7, timeouts: true}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, timeouts := receiveAll(t, NewFrontend(tc.r, io.Discard))
			if !bytes.Equal(got, data) {
				t.Errorf("received stream differs:\n got %q\nwant %q", got, data)
			}
			if tc.wantTimeouts && timeouts < len(data)/7 {
				t.Errorf("only %d timeouts seen", timeouts)
			}
		})
	}
}

// TestFrontendReceiveLongStream reads a stream several times the read buffer's size, of
// rows from 0 to 40 KB long between other messages, in pieces that cut messages anywhere,
// with a timeout before each piece: moving the unconsumed bytes to the front and growing
// the buffer must lose or reorder nothing.
func TestFrontendReceiveLongStream(t *testing.T) {
	t.Parallel()
	var msgs []Message
	for i := range 400 {
		size := (i * 7919) % 3001
		if i%97 == 0 {
			size = 40000 + i
		}
		msgs = append(msgs, &DataRow{Values: [][]byte{[]byte(strconv.Itoa(i)), nil, bytes.Repeat([]byte{byte('a' + i%26)}, size)}})
		if i%50 == 0 {
			msgs = append(msgs, &NoticeResponse{Fields: Fields{Severity: "NOTICE", Code: "00000", Message: strconv.Itoa(i)}})
		}
	}
	msgs = append(msgs, &CommandComplete{CommandTag: []byte("SELECT 400")}, &ReadyForQuery{TxStatus: 'I'})
	data := encodeAll(t, msgs...)
	if len(data) < 4*initialBufSize {
		t.Fatalf("stream of %d bytes is too short for the test", len(data))
	}
	for _, n := range []int{1, 4093, 8192, 30001, 1 << 20} {
		t.Run(fmt.Sprintf("pieces of %d", n), func(t *testing.T) {
			t.Parallel()
			got, timeouts := receiveAll(t, NewFrontend(&chunkReader{data: data, n: n, timeouts: true}, io.Discard))
			if !bytes.Equal(got, data) {
				t.Fatalf("received stream differs (%d bytes, want %d)", len(got), len(data))
			}
			if want := len(data) / n; timeouts < want {
				t.Errorf("%d timeouts, want at least %d", timeouts, want)
			}
		})
	}
}

// TestFrontendResumeOverPipe interrupts Receive with real read deadlines in
// the middle of a message, then finishes it. The writer sends the next chunk
// only after the reader has timed out, so every pause is a timeout.
func TestFrontendResumeOverPipe(t *testing.T) {
	t.Parallel()
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	want := &DataRow{Values: [][]byte{[]byte("first"), []byte("second")}}
	msg := encodeAll(t, want)
	chunks := [][]byte{msg[:3], msg[3:9], msg[9:]} // half a header, then part of the body

	next := make(chan struct{})
	go func() {
		for i, c := range chunks {
			if _, err := server.Write(c); err != nil {
				return
			}
			if i < len(chunks)-1 {
				<-next
			}
		}
	}()
	f := NewFrontend(client, client)
	timeouts := 0
	for {
		client.SetReadDeadline(time.Now().Add(20 * time.Millisecond))
		m, err := f.Receive()
		if err == nil {
			if !reflect.DeepEqual(m, want) {
				t.Errorf("Receive = %#v, want %#v", m, want)
			}
			break
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatalf("Receive = %v, want a deadline error", err)
		}
		timeouts++
		select {
		case next <- struct{}{}:
		default:
		}
	}
	if timeouts < len(chunks)-1 {
		t.Errorf("%d timeouts, want at least %d", timeouts, len(chunks)-1)
	}
}

func TestFrontendHugeDataRow(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<18) // 4 MiB
	data := encodeAll(t, &DataRow{Values: [][]byte{big, nil}}, &CopyData{Data: big[:100000]}, &ReadyForQuery{TxStatus: 'T'})
	f := NewFrontend(iotest.HalfReader(bytes.NewReader(data)), io.Discard)
	m, err := f.Receive()
	if err != nil {
		t.Fatal(err)
	}
	row := m.(*DataRow)
	if len(row.Values) != 2 || !bytes.Equal(row.Values[0], big) || row.Values[1] != nil {
		t.Fatalf("huge row came back wrong (%d values)", len(row.Values))
	}
	grown := cap(f.in.buf)
	if m, err := f.Receive(); err != nil || len(m.(*CopyData).Data) != 100000 {
		t.Fatalf("CopyData: %v", err)
	}
	if m, err := f.Receive(); err != nil || m.(*ReadyForQuery).TxStatus != 'T' {
		t.Fatalf("ReadyForQuery: %v", err)
	}
	if cap(f.in.buf) != grown {
		t.Errorf("buffer went from %d to %d bytes; it must not shrink or regrow", grown, cap(f.in.buf))
	}
}

// wantProtocolError checks the kind, fatality and exact text of an error.
func wantProtocolError(t *testing.T, err error, kind ErrorKind, fatal bool, text string) {
	t.Helper()
	var pe *ProtocolError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want *ProtocolError", err)
	}
	if pe.Kind != kind || pe.Fatal() != fatal || pe.Error() != text {
		t.Errorf("error = kind %d fatal %v %q\nwant kind %d fatal %v %q", pe.Kind, pe.Fatal(), pe.Error(), kind, fatal, text)
	}
}

// TestFrontendFramingErrors checks libpq's limits and texts; the texts were
// checked against psql 15 talking to a fake server.
func TestFrontendFramingErrors(t *testing.T) {
	t.Parallel()
	rfq := raw('Z', []byte("I"))
	tests := []struct {
		name   string
		data   []byte
		max    int
		kind   ErrorKind
		fatal  bool
		text   string
		thenOK bool // a ReadyForQuery follows and must be received
	}{
		{"short type over 30000", append([]byte{'Z'}, be32(40000)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "Z", length 40000`, false},
		{"short type at 30001", append([]byte{'Z'}, be32(30001)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "Z", length 30001`, false},
		{"length 3", append([]byte{'Z'}, be32(3)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "Z", length 3`, false},
		{"negative length", append([]byte{'D'}, be32(-1)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "D", length -1`, false},
		{"over the set maximum", append([]byte{'D'}, be32(2000)...), 1000, KindTooLarge, true,
			`lost synchronization with server: got message type "D", length 1996`, false},
		{"over the default maximum", append([]byte{'D'}, be32(1<<31-1)...), 0, KindTooLarge, true,
			`lost synchronization with server: got message type "D", length 2147483643`, false},
		{"unknown type", append(raw('q', []byte("abc")), rfq...), 0, KindUnexpectedType, false,
			`unexpected response from server; first received character was "q"`, true},
		{"malformed body", append(raw('Z', []byte("X")), rfq...), 0, KindMalformed, false,
			`message contents do not agree with length in message type "Z"`, true},
		{"truncated DataRow", append(raw('D', be16(1), be32(5), []byte("12")), rfq...), 0, KindMalformed, false,
			`message contents do not agree with length in message type "D"`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := NewFrontend(bytes.NewReader(tc.data), io.Discard)
			if tc.max != 0 {
				f.SetMaxMessageLen(tc.max)
			}
			_, err := f.Receive()
			wantProtocolError(t, err, tc.kind, tc.fatal, tc.text)
			if cap(f.in.buf) != initialBufSize {
				t.Errorf("buffer grew to %d bytes", cap(f.in.buf))
			}
			m, err2 := f.Receive()
			if tc.fatal && err2 != err {
				t.Errorf("after a fatal error Receive = %v, %v; want the same error", m, err2)
			}
			if tc.thenOK {
				if err2 != nil || m.(*ReadyForQuery).TxStatus != 'I' {
					t.Errorf("after a skipped message Receive = %#v, %v", m, err2)
				}
			}
		})
	}
}

// TestFrontendBufferedDataRowLimits: a DataRow that arrives in the same read as the one
// before it (Receive's fast path) meets the same limits as one read on its own.
func TestFrontendBufferedDataRowLimits(t *testing.T) {
	t.Parallel()
	first := raw('D', be16(1), be32(2), []byte("ok"))
	tests := []struct {
		name  string
		next  []byte
		max   int
		kind  ErrorKind
		fatal bool
		text  string
	}{
		{"length 3", append([]byte{'D'}, be32(3)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "D", length 3`},
		{"negative length", append([]byte{'D'}, be32(-8)...), 0, KindSyncLost, true,
			`lost synchronization with server: got message type "D", length -8`},
		{"over the set maximum", raw('D', be16(1), be32(1990), make([]byte, 1990)), 1000, KindTooLarge, true,
			`lost synchronization with server: got message type "D", length 1996`},
		{"value past the end", raw('D', be16(2), be32(2), []byte("ab"), be32(9), []byte("c")), 0, KindMalformed, false,
			`message contents do not agree with length in message type "D"`},
		{"bad NULL length", raw('D', be16(1), be32(-2)), 0, KindMalformed, false,
			`message contents do not agree with length in message type "D"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			data := append(append(slices.Clip(first), tc.next...), raw('Z', []byte("I"))...)
			f := NewFrontend(bytes.NewReader(data), io.Discard)
			if tc.max != 0 {
				f.SetMaxMessageLen(tc.max)
			}
			if m, err := f.Receive(); err != nil || string(m.(*DataRow).Values[0]) != "ok" {
				t.Fatalf("first row: %v, %v", m, err)
			}
			_, err := f.Receive()
			wantProtocolError(t, err, tc.kind, tc.fatal, tc.text)
			m, err2 := f.Receive()
			if tc.fatal {
				if err2 != err {
					t.Errorf("after a fatal error Receive = %v, %v; want the same error", m, err2)
				}
			} else if rfq, ok := m.(*ReadyForQuery); err2 != nil || !ok || rfq.TxStatus != 'I' {
				t.Errorf("after a skipped row Receive = %#v, %v", m, err2)
			}
		})
	}
}

func TestFrontendLongTypesOver30000(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 40000)
	msgs := []Message{
		&RowDescription{Fields: []FieldDescription{{Name: long}}},
		&DataRow{Values: [][]byte{[]byte(long)}},
		&CopyData{Data: []byte(long)},
		&FunctionCallResponse{Result: []byte(long)},
		&ErrorResponse{Fields: Fields{Message: long}},
		&NoticeResponse{Fields: Fields{Detail: long}},
		&NotificationResponse{Payload: long},
	}
	data := encodeAll(t, msgs...)
	got, _ := receiveAll(t, NewFrontend(bytes.NewReader(data), io.Discard))
	if !bytes.Equal(got, data) {
		t.Error("long messages of the long types did not come through")
	}
	// A CommandComplete that long is lost sync, as in libpq.
	cc := encodeAll(t, &CommandComplete{CommandTag: []byte(long)})
	_, err := NewFrontend(bytes.NewReader(cc), io.Discard).Receive()
	wantProtocolError(t, err, KindSyncLost, true, `lost synchronization with server: got message type "C", length 40005`)
}

func TestFrontendEOF(t *testing.T) {
	t.Parallel()
	msg := encodeAll(t, &CommandComplete{CommandTag: []byte("SELECT 1")})
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"at boundary", nil, io.EOF},
		{"inside header", msg[:3], io.ErrUnexpectedEOF},
		{"inside body", msg[:len(msg)-1], io.ErrUnexpectedEOF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewFrontend(bytes.NewReader(tc.data), io.Discard).Receive()
			if err != tc.want {
				t.Errorf("Receive = %v, want %v", err, tc.want)
			}
		})
	}
}

// zeroReader returns (0, nil) forever.
type zeroReader struct{}

func (zeroReader) Read([]byte) (int, error) { return 0, nil }

func TestFrontendNoProgress(t *testing.T) {
	t.Parallel()
	if _, err := NewFrontend(zeroReader{}, io.Discard).Receive(); err != io.ErrNoProgress {
		t.Errorf("Receive = %v, want io.ErrNoProgress", err)
	}
}

func TestFrontendReceiveStartup(t *testing.T) {
	t.Parallel()
	sasl := encodeAll(t, &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256"}})
	tests := []struct {
		name  string
		data  []byte
		want  Message // nil when an error is expected
		kind  ErrorKind
		text  string
		other error
	}{
		{"plain text with newline", []byte("EFATAL:  sorry, too many clients already\n\x00"),
			&ErrorResponse{Fields: Fields{Severity: "FATAL", Message: "FATAL:  sorry, too many clients already"}, PlainText: true}, 0, "", nil},
		{"plain text without newline", []byte("EFATAL:  no newline here\x00"),
			&ErrorResponse{Fields: Fields{Severity: "FATAL", Message: "FATAL:  no newline here"}, PlainText: true}, 0, "", nil},
		// The length word 7 is below 8, so this is plain text, which ends at
		// the first NUL (the length word's own first byte), as in libpq.
		{"plain text, length word below 8", []byte("E\x00\x00\x00\x07"),
			&ErrorResponse{Fields: Fields{Severity: "FATAL"}, PlainText: true}, 0, "", nil},
		{"3.0 error", encodeAll(t, &ErrorResponse{Fields: Fields{Severity: "FATAL", Code: "28P01", Message: `password authentication failed for user "u"`}}),
			&ErrorResponse{Fields: Fields{Severity: "FATAL", Code: "28P01", Message: `password authentication failed for user "u"`}}, 0, "", nil},
		{"SASL request", sasl, &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256"}}, 0, "", nil},
		{"NegotiateProtocolVersion", encodeAll(t, &NegotiateProtocolVersion{UnrecognizedOptions: []string{"_pq_.x"}}),
			&NegotiateProtocolVersion{UnrecognizedOptions: []string{"_pq_.x"}}, 0, "", nil},
		{"plain text too long", append([]byte("E"), bytes.Repeat([]byte("x"), 30001)...), nil,
			KindInvalidErrorMessage, "received invalid error message", nil},
		{"plain text cut short", []byte("Ehi\x00"), nil, 0, "", io.ErrUnexpectedEOF},
		{"notice", encodeAll(t, &NoticeResponse{}), nil, KindUnexpectedStartup,
			"expected authentication request from server, but received N", nil},
		{"ReadyForQuery", encodeAll(t, &ReadyForQuery{TxStatus: 'I'}), nil, KindUnexpectedStartup,
			"expected authentication request from server, but received Z", nil},
		{"long auth request", append(append([]byte{'R'}, be32(3000)...), make([]byte, 2996)...), nil, KindUnexpectedStartup,
			"expected authentication request from server, but received R", nil},
		{"short auth request", raw('R', []byte{0, 0, 0}), nil, KindUnexpectedStartup,
			"expected authentication request from server, but received R", nil},
	}
	for _, tc := range tests {
		for _, oneByte := range []bool{false, true} {
			name := tc.name
			var r io.Reader = bytes.NewReader(tc.data)
			if oneByte {
				name += "/one byte reads with timeouts"
				r = &chunkReader{data: tc.data, n: 1, timeouts: true}
			}
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				f := NewFrontend(r, io.Discard)
				var m BackendMessage
				var err error
				for {
					m, err = f.ReceiveStartup()
					if !isTimeout(err) {
						break
					}
				}
				switch {
				case tc.want != nil:
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(m, tc.want) {
						t.Errorf("ReceiveStartup = %#v\nwant %#v", m, tc.want)
					}
					if rest := len(tc.data) - f.in.start; tc.name != "plain text, length word below 8" && rest != 0 {
						t.Errorf("%d bytes left unconsumed", rest)
					}
				case tc.other != nil:
					if err != tc.other {
						t.Errorf("ReceiveStartup = %v, want %v", err, tc.other)
					}
				default:
					wantProtocolError(t, err, tc.kind, true, tc.text)
				}
			})
		}
	}
}

func TestFrontendSendFlush(t *testing.T) {
	t.Parallel()
	var w bytes.Buffer
	f := NewFrontend(bytes.NewReader(nil), &w)
	if err := f.Send(&Query{String: "select 1"}); err != nil {
		t.Fatal(err)
	}
	if err := f.Send(&Query{String: "bad\x00"}); err == nil {
		t.Fatal("Send of an unencodable message succeeded")
	}
	if err := f.Send(&Sync{}); err != nil {
		t.Fatal(err)
	}
	if w.Len() != 0 {
		t.Fatalf("Send wrote %d bytes before Flush", w.Len())
	}
	if err := f.Flush(); err != nil {
		t.Fatal(err)
	}
	want := "Q\x00\x00\x00\x0dselect 1\x00S\x00\x00\x00\x04"
	if w.String() != want {
		t.Errorf("wrote %q, want %q", w.String(), want)
	}
	if err := f.Flush(); err != nil || w.Len() != len(want) {
		t.Errorf("second Flush: %v, %d bytes", err, w.Len())
	}
}

// stallWriter accepts n bytes per Write, then fails with a timeout.
type stallWriter struct {
	bytes.Buffer
	n int
}

func (w *stallWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		return w.Buffer.Write(p)
	}
	w.Buffer.Write(p[:w.n])
	return w.n, os.ErrDeadlineExceeded
}

func TestFrontendFlushResumes(t *testing.T) {
	t.Parallel()
	w := &stallWriter{n: 3}
	f := NewFrontend(bytes.NewReader(nil), w)
	want := encodeAll(t, &Query{String: "select 1"}, &Terminate{})
	f.Send(&Query{String: "select 1"})
	f.Send(&Terminate{})
	flushes := 0
	for {
		err := f.Flush()
		flushes++
		if err == nil {
			break
		}
		if !errors.Is(err, os.ErrDeadlineExceeded) {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(w.Bytes(), want) || flushes < 2 {
		t.Errorf("after %d flushes wrote %q, want %q", flushes, w.Bytes(), want)
	}
}

// TestFrontendBackendConcurrent runs a Frontend and a Backend against each
// other over net.Pipe, with the client sending and receiving from two
// goroutines (run with -race).
func TestFrontendBackendConcurrent(t *testing.T) {
	t.Parallel()
	client, server := net.Pipe()
	defer client.Close()
	defer server.Close()
	const n = 200

	go func() {
		b := NewBackend(server, server)
		for {
			m, err := b.Receive()
			if err != nil {
				return
			}
			q, ok := m.(*Query)
			if !ok {
				return
			}
			b.Send(&CommandComplete{CommandTag: []byte(q.String)})
			b.Send(&ReadyForQuery{TxStatus: 'I'})
			if b.Flush() != nil {
				return
			}
		}
	}()

	f := NewFrontend(client, client)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range n {
			f.Send(&Query{String: strings.Repeat("x", i)})
			if err := f.Flush(); err != nil {
				t.Errorf("Flush: %v", err)
				return
			}
		}
	})
	for i := range n {
		m, err := f.Receive()
		if err != nil {
			t.Fatal(err)
		}
		if cc, ok := m.(*CommandComplete); !ok || len(cc.CommandTag) != i {
			t.Fatalf("message %d = %#v", i, m)
		}
		if m, err := f.Receive(); err != nil || m.(*ReadyForQuery).TxStatus != 'I' {
			t.Fatalf("ReadyForQuery %d: %#v, %v", i, m, err)
		}
	}
	wg.Wait()
}

// repeatReader yields data over and over without allocating.
type repeatReader struct {
	data []byte
	pos  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.data[r.pos:])
		n += k
		r.pos = (r.pos + k) % len(r.data)
	}
	return n, nil
}

func TestFrontendReceiveDataRowAllocs(t *testing.T) {
	row := encodeAll(t, &DataRow{Values: [][]byte{[]byte("42"), nil, []byte("some text value"), {}, []byte("2024-01-01 00:00:00+00")}})
	f := NewFrontend(&repeatReader{data: row}, io.Discard)
	for range 10 {
		if _, err := f.Receive(); err != nil {
			t.Fatal(err)
		}
	}
	allocs := testing.AllocsPerRun(1000, func() {
		m, err := f.Receive()
		if err != nil || len(m.(*DataRow).Values) != 5 {
			t.Fatalf("Receive = %v, %v", m, err)
		}
	})
	if allocs != 0 {
		t.Errorf("Receive of a DataRow allocates %v times", allocs)
	}
}

// BenchmarkFrontendReceiveDataRow receives rows of three shapes from a reader that never
// waits. The same shapes, benchmarked side by side with pgx v5's pgproto3 Frontend in a
// scratch module, gave these medians of 10 runs (ns/op, gpsql vs pgproto3): 4 columns
// 22.5 vs 24.1, 16 columns 54.8 vs 69.3, 1 KB 26.7 vs 29.1.
func BenchmarkFrontendReceiveDataRow(b *testing.B) {
	benchmarks := []struct {
		name string
		row  [][]byte
	}{
		{"4 columns", [][]byte{[]byte("42"), nil, []byte("some text value"), []byte("2024-01-01 00:00:00+00")}},
		{"16 columns", slices.Repeat([][]byte{[]byte("value-of-col")}, 16)},
		{"1 KB", [][]byte{make([]byte, 1000)}},
	}
	for _, bm := range benchmarks {
		b.Run(bm.name, func(b *testing.B) {
			row := encodeAll(b, &DataRow{Values: bm.row})
			f := NewFrontend(&repeatReader{data: row}, io.Discard)
			b.ReportAllocs()
			b.SetBytes(int64(len(row)))
			for b.Loop() {
				m, err := f.Receive()
				if err != nil {
					b.Fatal(err)
				}
				if len(m.(*DataRow).Values) != len(bm.row) {
					b.Fatal("wrong column count")
				}
			}
		})
	}
}

// sendReader serves data as a server's sends reach a client that keeps up with them:
// each Read returns at most the rest of the current size-byte chunk.
type sendReader struct {
	data  []byte
	size  int
	taken int // bytes served so far
	reads int // Read calls
}

func (r *sendReader) Read(p []byte) (int, error) {
	r.reads++
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := min(len(p), len(r.data), r.size-r.taken%r.size)
	copy(p, r.data[:n])
	r.data = r.data[n:]
	r.taken += n
	return n, nil
}

// TestFrontendReceiveReadsWholeChunks: a stream of rows arriving in the server's 8 KiB
// sends costs one Read per send, not a second short one for each row that straddles
// the end of the buffer.
func TestFrontendReceiveReadsWholeChunks(t *testing.T) {
	t.Parallel()
	value := func(n int) []byte { return bytes.Repeat([]byte("v"), n) }
	tests := []struct {
		name string
		row  [][]byte
	}{
		{"4 columns", [][]byte{[]byte("42"), nil, []byte("some text value"), []byte("2024-01-01 00:00:00+00")}},
		{"16 columns", slices.Repeat([][]byte{[]byte("value-of-col")}, 16)},
		{"1 KB", [][]byte{value(1000)}},
		{"3 KB", [][]byte{value(3000)}},
		{"20 KB", [][]byte{value(20000)}},
	}
	const chunk, rows = 8192, 5000
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			row := encodeAll(t, &DataRow{Values: tc.row})
			r := &sendReader{data: bytes.Repeat(row, rows), size: chunk}
			chunks := (len(r.data) + chunk - 1) / chunk
			f := NewFrontend(r, io.Discard)
			for i := range rows {
				m, err := f.Receive()
				if err != nil {
					t.Fatalf("row %d: %v", i, err)
				}
				if got := m.(*DataRow).Values; len(got) != len(tc.row) || !bytes.Equal(got[len(got)-1], tc.row[len(got)-1]) {
					t.Fatalf("row %d: %q", i, got)
				}
			}
			if _, err := f.Receive(); err != io.EOF {
				t.Fatalf("after the rows: %v, want EOF", err)
			}
			// One Read per chunk, plus the one that meets EOF; a row longer than
			// a chunk needs its chunks anyway.
			if r.reads > chunks+1 {
				t.Errorf("%d reads for %d chunks", r.reads, chunks)
			}
		})
	}
}
