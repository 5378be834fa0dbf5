package wire

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// backendMessageTypes returns a fresh value of every server message type.
func backendMessageTypes() []BackendMessage {
	return []BackendMessage{
		&AuthenticationOk{}, &AuthenticationKerberosV5{}, &AuthenticationCleartextPassword{},
		&AuthenticationMD5Password{}, &AuthenticationGSS{}, &AuthenticationGSSContinue{}, &AuthenticationSSPI{},
		&AuthenticationSASL{}, &AuthenticationSASLContinue{}, &AuthenticationSASLFinal{}, &AuthenticationUnknown{},
		&BackendKeyData{}, &BindComplete{}, &CloseComplete{}, &CommandComplete{}, &CopyBothResponse{},
		&CopyData{}, &CopyDone{}, &CopyInResponse{}, &CopyOutResponse{}, &DataRow{}, &EmptyQueryResponse{},
		&ErrorResponse{}, &FunctionCallResponse{}, &NegotiateProtocolVersion{}, &NoData{}, &NoticeResponse{},
		&NotificationResponse{}, &ParameterDescription{}, &ParameterStatus{}, &ParseComplete{},
		&PortalSuspended{}, &ReadyForQuery{}, &RowDescription{},
	}
}

// frontendMessageTypes returns a fresh value of every client message type.
func frontendMessageTypes() []FrontendMessage {
	return []FrontendMessage{
		&StartupMessage{}, &SSLRequest{}, &GSSENCRequest{}, &CancelRequest{}, &PasswordMessage{},
		&SASLInitialResponse{}, &SASLResponse{}, &GSSResponse{}, &Query{}, &Parse{}, &Bind{}, &Describe{},
		&Execute{}, &Close{}, &Sync{}, &Flush{}, &Terminate{}, &FunctionCall{}, &CopyData{}, &CopyDone{}, &CopyFail{},
	}
}

// checkReencode encodes a successfully decoded message, decodes the result
// into a fresh value and requires the same value, and returns the encoding.
func checkReencode(t *testing.T, m Message) []byte {
	t.Helper()
	enc, err := m.Encode(nil)
	if err != nil {
		t.Fatalf("%T decoded but does not encode: %v\n%#v", m, err, m)
	}
	if e, ok := m.(*ErrorResponse); ok && e.PlainText {
		return enc
	}
	_, body := split(t, enc, isUntyped(m))
	again := fresh(m)
	if err := again.Decode(body); err != nil {
		t.Fatalf("%T: decode of own encoding %q: %v", m, enc, err)
	}
	a, b := reflect.ValueOf(m), reflect.ValueOf(again)
	normalize(a)
	normalize(b)
	if !reflect.DeepEqual(m, again) {
		t.Fatalf("%T: decode(encode(m)) = %#v\nwant %#v", m, again, m)
	}
	return enc
}

// checkDecodeError requires a non-nil decode error to be a malformed-body
// *ProtocolError.
func checkDecodeError(t *testing.T, m Message, err error) {
	t.Helper()
	var pe *ProtocolError
	if !errors.As(err, &pe) || pe.Kind != KindMalformed || pe.Fatal() {
		t.Fatalf("%T.Decode error %v is not a non-fatal KindMalformed *ProtocolError", m, err)
	}
}

// FuzzBackendMessageDecode feeds a body to every server message decoder and
// to Frontend.Receive under the given type byte. Whatever decodes must
// encode, and decode again to the same value.
func FuzzBackendMessageDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, typ byte, body []byte) {
		for _, m := range backendMessageTypes() {
			if err := m.Decode(body); err != nil {
				checkDecodeError(t, m, err)
				continue
			}
			checkReencode(t, m)
		}
		if len(body) > maxShortMessageLen {
			return
		}
		fe := NewFrontend(bytes.NewReader(raw(typ, body)), io.Discard)
		m, err := fe.Receive()
		if err != nil {
			var pe *ProtocolError
			if !errors.As(err, &pe) || pe.Fatal() {
				t.Fatalf("Receive of a well-framed message: %v", err)
			}
			return
		}
		if enc := checkReencode(t, m); enc[0] != typ {
			t.Fatalf("type %q received as %T, which encodes as %q", typ, m, enc[0])
		}
	})
}

// FuzzFrontendMessageDecode does the same for the client message decoders.
func FuzzFrontendMessageDecode(f *testing.F) {
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, m := range frontendMessageTypes() {
			if err := m.Decode(body); err != nil {
				checkDecodeError(t, m, err)
				continue
			}
			checkReencode(t, m)
		}
	})
}

// receiveLog runs a receive loop and records each outcome as text: the
// re-encoding of a message or the error. Timeouts are retried and not
// recorded, so a chunked reader must give the same log as a whole one.
func receiveLog(t *testing.T, data []byte, recv func() (Message, error)) []string {
	var log []string
	for len(log) <= len(data)+2 {
		m, err := recv()
		if isTimeout(err) {
			continue
		}
		if err != nil {
			log = append(log, "error: "+err.Error())
			var pe *ProtocolError
			if errors.As(err, &pe) && !pe.Fatal() {
				continue
			}
			return log
		}
		if dr, ok := m.(*DataRow); ok {
			for _, v := range dr.Values {
				if cap(v) != len(v) {
					t.Fatalf("DataRow value with cap %d > len %d", cap(v), len(v))
				}
			}
		}
		log = append(log, fmt.Sprintf("%T %q", m, checkReencode(t, m)))
	}
	t.Fatalf("no progress after %d results for %d bytes", len(log), len(data))
	return nil
}

// FuzzFrontendReceive runs Frontend.Receive over an arbitrary byte stream,
// once in one piece and once byte by byte with timeouts in between; the
// outcomes must agree. The first byte selects options: bit 0 uses
// ReceiveStartup for the first message, bit 1 sets a 64-byte maximum.
func FuzzFrontendReceive(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		mode, stream := data[0], data[1:]
		run := func(r io.Reader) []string {
			fe := NewFrontend(r, io.Discard)
			if mode&2 != 0 {
				fe.SetMaxMessageLen(64)
			}
			startup := mode&1 != 0
			return receiveLog(t, stream, func() (Message, error) {
				if startup {
					m, err := fe.ReceiveStartup()
					if !isTimeout(err) {
						startup = false
					}
					return m, err
				}
				return fe.Receive()
			})
		}
		whole := run(bytes.NewReader(stream))
		chunked := run(&chunkReader{data: stream, n: 1, timeouts: true})
		if !reflect.DeepEqual(whole, chunked) {
			t.Fatalf("outcomes differ:\nwhole:   %q\nchunked: %q", whole, chunked)
		}
	})
}

// FuzzBackendReceive runs Backend.ReceiveStartup then Backend.Receive over
// an arbitrary byte stream, in one piece and byte by byte with timeouts. The
// first byte selects options: bit 0 skips ReceiveStartup, the high nibble
// (if not 0) is passed to SetAuthType.
func FuzzBackendReceive(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		mode, stream := data[0], data[1:]
		run := func(r io.Reader) []string {
			b := NewBackend(r, io.Discard)
			if mode>>4 != 0 {
				b.SetAuthType(uint32(mode >> 4))
			}
			startup := mode&1 == 0
			return receiveLog(t, stream, func() (Message, error) {
				if startup {
					m, err := b.ReceiveStartup()
					if !isTimeout(err) {
						startup = false
					}
					return m, err
				}
				return b.Receive()
			})
		}
		whole := run(bytes.NewReader(stream))
		chunked := run(&chunkReader{data: stream, n: 1, timeouts: true})
		if !reflect.DeepEqual(whole, chunked) {
			t.Fatalf("outcomes differ:\nwhole:   %q\nchunked: %q", whole, chunked)
		}
	})
}
