package wire

import (
	"bytes"
	"errors"
	"testing"
)

// runsToEnd reports whether a message's last field is Byten to the end of
// the body, so that some truncations and extensions are still valid.
func runsToEnd(m Message) bool {
	switch m.(type) {
	case *AuthenticationGSSContinue, *AuthenticationSASLContinue, *AuthenticationSASLFinal, *AuthenticationUnknown,
		*BackendKeyData, *CancelRequest, *CopyData, *SASLResponse, *GSSResponse:
		return true
	}
	return false
}

// wantMalformed checks that err is a non-fatal KindMalformed *ProtocolError.
func wantMalformed(t *testing.T, err error, typ byte) {
	t.Helper()
	var pe *ProtocolError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want *ProtocolError", err)
	}
	if pe.Kind != KindMalformed || pe.Fatal() || pe.Type != typ {
		t.Errorf("error = %+v, want a non-fatal KindMalformed for type %q", pe, typ)
	}
	if pe.Unwrap() == nil {
		t.Errorf("no reason behind %v", pe)
	}
}

// TestDecodeTruncatedAndOverlong cuts every self-delimiting message of the
// round-trip table at every length and appends a byte to it.
func TestDecodeTruncatedAndOverlong(t *testing.T) {
	t.Parallel()
	for _, tc := range roundTripCases {
		if runsToEnd(tc.msg) {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			enc, err := tc.msg.Encode(nil)
			if err != nil {
				t.Fatal(err)
			}
			typ, body := split(t, enc, isUntyped(tc.msg))
			for i := range len(body) {
				short := bytes.Clone(body[:i])
				if err := fresh(tc.msg).Decode(short); err == nil {
					t.Errorf("decode of the first %d of %d bytes succeeded", i, len(body))
				} else {
					wantMalformed(t, err, typ)
				}
			}
			long := append(bytes.Clone(body), 0)
			if err := fresh(tc.msg).Decode(long); err == nil {
				t.Errorf("decode with a trailing byte succeeded")
			} else {
				wantMalformed(t, err, typ)
			}
		})
	}
}

func TestDecodeMalformed(t *testing.T) {
	t.Parallel()
	j := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	auth := func(code int32, rest ...[]byte) []byte { return j(append([][]byte{be32(code)}, rest...)...) }
	field := func(name string) []byte {
		return j(cstr(name), be32(0), be16(0), be32(25), be16(-1), be32(-1), be16(0))
	}
	tests := []struct {
		name string
		msg  Message
		typ  byte
		body []byte
	}{
		{"AuthenticationOk wrong code", &AuthenticationOk{}, 'R', auth(3)},
		{"AuthenticationOk extra", &AuthenticationOk{}, 'R', auth(0, []byte{0})},
		{"AuthenticationKerberosV5 wrong code", &AuthenticationKerberosV5{}, 'R', auth(0)},
		{"AuthenticationCleartextPassword wrong code", &AuthenticationCleartextPassword{}, 'R', auth(5)},
		{"AuthenticationMD5Password short salt", &AuthenticationMD5Password{}, 'R', auth(5, []byte{1, 2, 3})},
		{"AuthenticationMD5Password long salt", &AuthenticationMD5Password{}, 'R', auth(5, []byte{1, 2, 3, 4, 5})},
		{"AuthenticationGSS wrong code", &AuthenticationGSS{}, 'R', auth(9)},
		{"AuthenticationGSSContinue wrong code", &AuthenticationGSSContinue{}, 'R', auth(7, []byte("tok"))},
		{"AuthenticationGSSContinue truncated code", &AuthenticationGSSContinue{}, 'R', []byte{0, 0, 0}},
		{"AuthenticationSSPI wrong code", &AuthenticationSSPI{}, 'R', auth(7)},
		{"AuthenticationSASL no terminator", &AuthenticationSASL{}, 'R', auth(10, cstr("SCRAM-SHA-256"))},
		{"AuthenticationSASL unterminated name", &AuthenticationSASL{}, 'R', auth(10, []byte("SCRAM"))},
		{"AuthenticationSASL after terminator", &AuthenticationSASL{}, 'R', auth(10, cstr("A"), []byte{0}, cstr("B"))},
		{"AuthenticationSASLContinue wrong code", &AuthenticationSASLContinue{}, 'R', auth(12, []byte("r=x"))},
		{"AuthenticationSASLFinal wrong code", &AuthenticationSASLFinal{}, 'R', auth(11, []byte("v=x"))},
		{"AuthenticationUnknown known code", &AuthenticationUnknown{}, 'R', auth(0)},
		{"AuthenticationUnknown no code", &AuthenticationUnknown{}, 'R', []byte{0, 4}},
		{"BackendKeyData no key", &BackendKeyData{}, 'K', be32(1)},
		{"BackendKeyData short key", &BackendKeyData{}, 'K', j(be32(1), []byte{1, 2, 3})},
		{"BackendKeyData long key", &BackendKeyData{}, 'K', j(be32(1), key(257))},
		{"BackendKeyData truncated pid", &BackendKeyData{}, 'K', []byte{1, 2}},
		{"ParameterStatus missing value NUL", &ParameterStatus{}, 'S', j(cstr("TimeZone"), []byte("UTC"))},
		{"ParameterStatus missing value", &ParameterStatus{}, 'S', cstr("TimeZone")},
		{"ParameterStatus extra string", &ParameterStatus{}, 'S', j(cstr("a"), cstr("b"), cstr("c"))},
		{"ReadyForQuery bad status", &ReadyForQuery{}, 'Z', []byte("X")},
		{"ReadyForQuery empty", &ReadyForQuery{}, 'Z', nil},
		{"ReadyForQuery two bytes", &ReadyForQuery{}, 'Z', []byte("II")},
		{"RowDescription count above data", &RowDescription{}, 'T', j(be16(2), field("a"))},
		{"RowDescription huge count", &RowDescription{}, 'T', be16(-1)},
		{"RowDescription unterminated name", &RowDescription{}, 'T', j(be16(1), []byte("abc"))},
		{"RowDescription truncated numbers", &RowDescription{}, 'T', j(be16(1), cstr("a"), be32(0))},
		{"RowDescription extra", &RowDescription{}, 'T', j(be16(1), field("a"), []byte{0})},
		{"DataRow negative length", &DataRow{}, 'D', j(be16(1), be32(-2))},
		{"DataRow most negative length", &DataRow{}, 'D', j(be16(1), be32(-1<<31))},
		{"DataRow length past end", &DataRow{}, 'D', j(be16(1), be32(5), []byte("12"))},
		{"DataRow count above data", &DataRow{}, 'D', j(be16(3), be32(-1), be32(-1))},
		{"DataRow huge count", &DataRow{}, 'D', be16(-1)},
		{"DataRow extra", &DataRow{}, 'D', j(be16(1), be32(1), []byte("12"))},
		{"DataRow empty", &DataRow{}, 'D', nil},
		{"CommandComplete no NUL", &CommandComplete{}, 'C', []byte("SELECT 1")},
		{"CommandComplete extra", &CommandComplete{}, 'C', j(cstr("SELECT 1"), []byte("x"))},
		{"EmptyQueryResponse body", &EmptyQueryResponse{}, 'I', []byte{0}},
		{"ErrorResponse no terminator", &ErrorResponse{}, 'E', j([]byte{'S'}, cstr("ERROR"))},
		{"ErrorResponse unterminated value", &ErrorResponse{}, 'E', j([]byte{'M'}, []byte("oops"))},
		{"ErrorResponse empty", &ErrorResponse{}, 'E', nil},
		{"ErrorResponse after terminator", &ErrorResponse{}, 'E', j([]byte{'S'}, cstr("ERROR"), []byte{0}, []byte{'M'})},
		{"NoticeResponse no terminator", &NoticeResponse{}, 'N', j([]byte{'S'}, cstr("NOTICE"))},
		{"NotificationResponse no payload", &NotificationResponse{}, 'A', j(be32(7), cstr("ch"))},
		{"NotificationResponse truncated pid", &NotificationResponse{}, 'A', []byte{0, 0, 7}},
		{"NotificationResponse extra", &NotificationResponse{}, 'A', j(be32(7), cstr("ch"), cstr(""), []byte{1})},
		{"ParseComplete body", &ParseComplete{}, '1', []byte{1}},
		{"BindComplete body", &BindComplete{}, '2', []byte{1, 2, 3, 4}},
		{"CloseComplete body", &CloseComplete{}, '3', []byte{0}},
		{"ParameterDescription count above data", &ParameterDescription{}, 't', j(be16(2), be32(23))},
		{"ParameterDescription huge count", &ParameterDescription{}, 't', be16(-1)},
		{"ParameterDescription extra", &ParameterDescription{}, 't', j(be16(1), be32(23), []byte{0})},
		{"NoData body", &NoData{}, 'n', []byte{0}},
		{"PortalSuspended body", &PortalSuspended{}, 's', []byte{0}},
		{"CopyInResponse truncated formats", &CopyInResponse{}, 'G', j([]byte{0}, be16(2), be16(0))},
		{"CopyInResponse no count", &CopyInResponse{}, 'G', []byte{0}},
		{"CopyOutResponse huge count", &CopyOutResponse{}, 'H', j([]byte{0}, be16(-1))},
		{"CopyBothResponse extra", &CopyBothResponse{}, 'W', j([]byte{0}, be16(0), []byte{9})},
		{"CopyDone body", &CopyDone{}, 'c', []byte{0}},
		{"FunctionCallResponse negative length", &FunctionCallResponse{}, 'V', be32(-5)},
		{"FunctionCallResponse past end", &FunctionCallResponse{}, 'V', j(be32(4), []byte{1})},
		{"FunctionCallResponse extra", &FunctionCallResponse{}, 'V', j(be32(-1), []byte{1})},
		{"FunctionCallResponse empty", &FunctionCallResponse{}, 'V', nil},
		{"NegotiateProtocolVersion negative count", &NegotiateProtocolVersion{}, 'v', j(be32(0), be32(-1))},
		{"NegotiateProtocolVersion count above data", &NegotiateProtocolVersion{}, 'v', j(be32(0), be32(2), cstr("_pq_.a"))},
		{"NegotiateProtocolVersion huge count", &NegotiateProtocolVersion{}, 'v', j(be32(0), be32(1<<31-1))},
		{"NegotiateProtocolVersion unterminated", &NegotiateProtocolVersion{}, 'v', j(be32(0), be32(1), []byte("_pq_"))},

		{"StartupMessage version 2.0", &StartupMessage{}, 0, j(be32(2<<16), cstr("user"), cstr("u"), []byte{0})},
		{"StartupMessage no terminator", &StartupMessage{}, 0, j(be32(3<<16), cstr("user"), cstr("u"))},
		{"StartupMessage missing value", &StartupMessage{}, 0, j(be32(3<<16), cstr("user"), []byte{0})},
		{"SSLRequest wrong code", &SSLRequest{}, 0, be32(int32(GSSENCRequestCode))},
		{"GSSENCRequest extra", &GSSENCRequest{}, 0, j(be32(int32(GSSENCRequestCode)), []byte{0})},
		{"CancelRequest short key", &CancelRequest{}, 0, j(be32(int32(CancelRequestCode)), be32(1), []byte{1})},
		{"CancelRequest wrong code", &CancelRequest{}, 0, j(be32(int32(SSLRequestCode)), be32(1), key(4))},
		{"Bind negative length", &Bind{}, 'B', j(cstr(""), cstr(""), be16(0), be16(1), be32(-3), be16(0))},
		{"Bind no result formats", &Bind{}, 'B', j(cstr(""), cstr(""), be16(0), be16(0))},
		{"Parse count above data", &Parse{}, 'P', j(cstr(""), cstr("select 1"), be16(1))},
		{"SASLInitialResponse negative length", &SASLInitialResponse{}, 'p', j(cstr("SCRAM-SHA-256"), be32(-2))},
		{"SASLInitialResponse past end", &SASLInitialResponse{}, 'p', j(cstr("SCRAM-SHA-256"), be32(9), []byte("n,,"))},
		{"Describe bad type", &Describe{}, 'D', j([]byte{'X'}, cstr("s"))},
		{"Close no name", &Close{}, 'C', []byte{'S'}},
		{"Execute truncated limit", &Execute{}, 'E', j(cstr(""), []byte{0, 0})},
		{"FunctionCall no result format", &FunctionCall{}, 'F', j(be32(952), be16(0), be16(0))},
		{"Query no NUL", &Query{}, 'Q', []byte("select 1")},
		{"PasswordMessage extra", &PasswordMessage{}, 'p', j(cstr("pw"), []byte("x"))},
		{"CopyFail no NUL", &CopyFail{}, 'f', []byte("boom")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.msg.Decode(tc.body)
			if err == nil {
				t.Fatalf("Decode(%q) succeeded: %+v", tc.body, tc.msg)
			}
			wantMalformed(t, err, tc.typ)
		})
	}
}
