package wire

import (
	"bytes"
	"errors"
	"io"
	"reflect"
	"testing"
	"testing/iotest"
)

func TestBackendReceiveStartup(t *testing.T) {
	t.Parallel()
	startup := &StartupMessage{ProtocolVersion: ProtocolVersion30, Parameters: []Param{{"user", "postgres"}, {"database", "postgres"}}}
	tests := []struct {
		name string
		data []byte
		want Message
	}{
		{"StartupMessage", encodeAll(t, startup), startup},
		{"SSLRequest", encodeAll(t, &SSLRequest{}), &SSLRequest{}},
		{"GSSENCRequest", encodeAll(t, &GSSENCRequest{}), &GSSENCRequest{}},
		{"CancelRequest", encodeAll(t, &CancelRequest{ProcessID: 7, SecretKey: key(32)}), &CancelRequest{ProcessID: 7, SecretKey: key(32)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := NewBackend(iotest.OneByteReader(bytes.NewReader(tc.data)), io.Discard)
			m, err := b.ReceiveStartup()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m, tc.want) {
				t.Errorf("ReceiveStartup = %#v, want %#v", m, tc.want)
			}
			if _, err := b.Receive(); err != io.EOF {
				t.Errorf("then Receive = %v, want io.EOF", err)
			}
		})
	}
}

func TestBackendStartupErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		data  []byte
		kind  ErrorKind
		fatal bool
		text  string
	}{
		{"length 7", append(be32(7), be32(0)...), KindSyncLost, true, "invalid length of startup packet"},
		{"length 10001", be32(10001), KindSyncLost, true, "invalid length of startup packet"},
		{"version 2.0", append(be32(9), append(be32(2<<16), 0)...), KindMalformed, false, "invalid startup packet layout"},
		{"no terminator", append(be32(13), append(be32(3<<16), cstr("user")...)...), KindMalformed, false, "invalid startup packet layout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewBackend(bytes.NewReader(tc.data), io.Discard).ReceiveStartup()
			wantProtocolError(t, err, tc.kind, tc.fatal, tc.text)
		})
	}
}

func TestBackendPasswordMessageKinds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		request BackendMessage // sent first; nil uses setType
		setType uint32
		reply   Message
	}{
		{"cleartext", &AuthenticationCleartextPassword{}, 0, &PasswordMessage{Password: "pw_pw"}},
		{"md5", &AuthenticationMD5Password{Salt: [4]byte{1, 2, 3, 4}}, 0, &PasswordMessage{Password: "md5a3556571e93b0d20722ba62be61e8c2d"}},
		{"SASL", &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256"}}, 0, &SASLInitialResponse{Mechanism: "SCRAM-SHA-256", Data: []byte("n,,n=,r=x")}},
		{"SASL continue", &AuthenticationSASLContinue{Data: []byte("r=xy,s=c2FsdA==,i=4096")}, 0, &SASLResponse{Data: []byte("c=biws,r=xy,p=cHJvb2Y=")}},
		{"GSS", &AuthenticationGSS{}, 0, &GSSResponse{Data: []byte{0x60, 1}}},
		{"SSPI", &AuthenticationSSPI{}, 0, &GSSResponse{Data: []byte{0x60, 2}}},
		{"GSS continue", &AuthenticationGSSContinue{Data: []byte{9}}, 0, &GSSResponse{Data: []byte{0x60, 3}}},
		{"SetAuthType SASL", nil, AuthSASL, &SASLInitialResponse{Mechanism: "SCRAM-SHA-256"}},
		{"SetAuthType MD5", nil, AuthMD5Password, &PasswordMessage{Password: "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var out bytes.Buffer
			b := NewBackend(bytes.NewReader(encodeAll(t, tc.reply)), &out)
			if tc.request != nil {
				if err := b.Send(tc.request); err != nil {
					t.Fatal(err)
				}
				if err := b.Flush(); err != nil {
					t.Fatal(err)
				}
				if want := encodeAll(t, tc.request); !bytes.Equal(out.Bytes(), want) {
					t.Errorf("wrote %q, want %q", out.Bytes(), want)
				}
			} else {
				b.SetAuthType(tc.setType)
			}
			m, err := b.Receive()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(m, tc.reply) {
				t.Errorf("Receive = %#v, want %#v", m, tc.reply)
			}
		})
	}
}

func TestBackendPasswordWithoutRequest(t *testing.T) {
	t.Parallel()
	b := NewBackend(bytes.NewReader(encodeAll(t, &PasswordMessage{Password: "x"}, &Sync{})), io.Discard)
	_, err := b.Receive()
	wantProtocolError(t, err, KindMalformed, false, `message contents do not agree with length in message type "p"`)
	if m, err := b.Receive(); err != nil || !reflect.DeepEqual(m, &Sync{}) {
		t.Errorf("then Receive = %#v, %v; want Sync", m, err)
	}
}

func TestBackendReceiveAll(t *testing.T) {
	t.Parallel()
	var msgs []Message
	for _, tc := range roundTripCases {
		if _, ok := tc.msg.(FrontendMessage); ok && !isUntyped(tc.msg) {
			switch tc.msg.(type) {
			case *PasswordMessage, *SASLInitialResponse, *SASLResponse, *GSSResponse:
				continue // need an authentication type; tested above
			}
			msgs = append(msgs, tc.msg)
		}
	}
	data := encodeAll(t, msgs...)
	b := NewBackend(&chunkReader{data: data, n: 2, timeouts: true}, io.Discard)
	for i := 0; i < len(msgs); {
		m, err := b.Receive()
		if isTimeout(err) {
			continue
		}
		if err != nil {
			t.Fatalf("message %d (%T): %v", i, msgs[i], err)
		}
		normalize(reflect.ValueOf(m)) // reused storage: empty lists may be non-nil
		if !reflect.DeepEqual(m, msgs[i]) {
			t.Errorf("message %d = %#v, want %#v", i, m, msgs[i])
		}
		i++
	}
}

func TestBackendFramingErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		data []byte
		max  int
		kind ErrorKind
		text string
	}{
		{"unknown type", raw('q'), 0, KindUnexpectedType, "invalid frontend message type 113"},
		{"short length", append([]byte{'Q'}, be32(2)...), 0, KindSyncLost, "invalid message length"},
		{"Sync over the small limit", append([]byte{'S'}, be32(10005)...), 0, KindTooLarge, "invalid message length"},
		{"password over 65535", append([]byte{'p'}, be32(65540)...), 0, KindTooLarge, "invalid message length"},
		{"Query over the set maximum", append([]byte{'Q'}, be32(105)...), 100, KindTooLarge, "invalid message length"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			b := NewBackend(bytes.NewReader(tc.data), io.Discard)
			if tc.max != 0 {
				b.SetMaxMessageLen(tc.max)
			}
			_, err := b.Receive()
			wantProtocolError(t, err, tc.kind, true, tc.text)
			if _, err2 := b.Receive(); !errors.Is(err2, err) {
				t.Errorf("after a fatal error Receive = %v", err2)
			}
		})
	}
}
