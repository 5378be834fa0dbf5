package wire

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func key(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(0xa5 ^ i)
	}
	return k
}

// sqlError is a realistic ErrorResponse, as PostgreSQL 15 sends for
// "select * from nope".
var sqlError = Fields{
	Severity: "ERROR", SeverityUnlocalized: "ERROR", Code: "42P01",
	Message: `relation "nope" does not exist`, Position: 15,
	File: "parse_relation.c", Line: 1392, Routine: "parserOpenTable",
}

// roundTripCases holds realistic values of every message type, with empty
// strings, NULL values and empty lists. Cases of one type are adjacent.
var roundTripCases = []struct {
	name string
	msg  Message
}{
	{"AuthenticationOk", &AuthenticationOk{}},
	{"AuthenticationKerberosV5", &AuthenticationKerberosV5{}},
	{"AuthenticationCleartextPassword", &AuthenticationCleartextPassword{}},
	{"AuthenticationMD5Password", &AuthenticationMD5Password{Salt: [4]byte{0x9a, 0x1b, 0x00, 0xff}}},
	{"AuthenticationGSS", &AuthenticationGSS{}},
	{"AuthenticationGSSContinue", &AuthenticationGSSContinue{Data: []byte{0x60, 0x82, 0x02, 0x00, 0x06}}},
	{"AuthenticationGSSContinue/empty", &AuthenticationGSSContinue{}},
	{"AuthenticationSSPI", &AuthenticationSSPI{}},
	{"AuthenticationSASL", &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"}}},
	{"AuthenticationSASL/none", &AuthenticationSASL{}},
	{"AuthenticationSASLContinue", &AuthenticationSASLContinue{Data: []byte("r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096")}},
	{"AuthenticationSASLFinal", &AuthenticationSASLFinal{Data: []byte("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")}},
	{"AuthenticationUnknown/crypt", &AuthenticationUnknown{Code: AuthCrypt, Data: []byte("ab")}},
	{"AuthenticationUnknown/99", &AuthenticationUnknown{Code: 99}},
	{"BackendKeyData/3.0", &BackendKeyData{ProcessID: 31337, SecretKey: key(4)}},
	{"BackendKeyData/3.2", &BackendKeyData{ProcessID: 1, SecretKey: key(32)}},
	{"BackendKeyData/max", &BackendKeyData{ProcessID: 0xffffffff, SecretKey: key(256)}},
	{"ParameterStatus", &ParameterStatus{Name: "server_version", Value: "15.18 (Debian 15.18-0+deb12u1)"}},
	{"ParameterStatus/empty value", &ParameterStatus{Name: "application_name", Value: ""}},
	{"ReadyForQuery/I", &ReadyForQuery{TxStatus: TxIdle}},
	{"ReadyForQuery/T", &ReadyForQuery{TxStatus: TxInTransaction}},
	{"ReadyForQuery/E", &ReadyForQuery{TxStatus: TxFailed}},
	{"RowDescription", &RowDescription{Fields: []FieldDescription{
		{Name: "id", TableOID: 16384, TableAttributeNumber: 1, DataTypeOID: 23, DataTypeSize: 4, TypeModifier: -1},
		{Name: "name", TableOID: 16384, TableAttributeNumber: 2, DataTypeOID: 1043, DataTypeSize: -1, TypeModifier: 68},
		{Name: "?column?", DataTypeOID: 17, DataTypeSize: -1, TypeModifier: -1, Format: 1},
		{Name: "", DataTypeOID: 25, DataTypeSize: -1, TypeModifier: -1},
	}}},
	{"RowDescription/no fields", &RowDescription{}},
	{"DataRow", &DataRow{Values: [][]byte{[]byte("1"), nil, {}, []byte("héllo\tworld\n")}}},
	{"DataRow/no columns", &DataRow{}},
	{"DataRow/only NULL", &DataRow{Values: [][]byte{nil}}},
	{"CommandComplete/SELECT", &CommandComplete{CommandTag: []byte("SELECT 2")}},
	{"CommandComplete/INSERT", &CommandComplete{CommandTag: []byte("INSERT 0 5")}},
	{"CommandComplete/empty", &CommandComplete{CommandTag: []byte{}}},
	{"EmptyQueryResponse", &EmptyQueryResponse{}},
	{"ErrorResponse", &ErrorResponse{Fields: sqlError}},
	{"ErrorResponse/every field", &ErrorResponse{Fields: Fields{
		Severity: "ERREUR", SeverityUnlocalized: "ERROR", Code: "23505",
		Message: "duplicate key value violates unique constraint \"t_pkey\"", Detail: "Key (id)=(1) already exists.",
		Hint: "multi\nline hint", Position: 7, InternalPosition: 3, InternalQuery: "insert into t values (1)",
		Where:      "SQL statement \"insert into t values (1)\"\nPL/pgSQL function f() line 3 at SQL statement",
		SchemaName: "public", TableName: "t", ColumnName: "id", DataTypeName: "int4", ConstraintName: "t_pkey",
		File: "nbtinsert.c", Line: 664, Routine: "_bt_check_unique",
		UnknownFields: []UnknownField{{Code: 'Z', Value: "future"}, {Code: 'z', Value: ""}},
	}}},
	{"ErrorResponse/empty", &ErrorResponse{}},
	{"NoticeResponse", &NoticeResponse{Fields: Fields{
		Severity: "NOTICE", SeverityUnlocalized: "NOTICE", Code: "00000",
		Message: `table "nope" does not exist, skipping`, File: "tablecmds.c", Line: 1259, Routine: "DropErrorMsgNonExistent",
	}}},
	{"NotificationResponse", &NotificationResponse{PID: 4242, Channel: "jobs", Payload: `{"id": 7}`}},
	{"NotificationResponse/no payload", &NotificationResponse{PID: 1, Channel: "Jobs Ünïcode", Payload: ""}},
	{"ParseComplete", &ParseComplete{}},
	{"BindComplete", &BindComplete{}},
	{"CloseComplete", &CloseComplete{}},
	{"ParameterDescription", &ParameterDescription{ParameterOIDs: []uint32{23, 25, 0xffffffff}}},
	{"ParameterDescription/none", &ParameterDescription{}},
	{"NoData", &NoData{}},
	{"PortalSuspended", &PortalSuspended{}},
	{"CopyInResponse", &CopyInResponse{OverallFormat: 0, ColumnFormats: []uint16{0, 0, 0}}},
	{"CopyInResponse/none", &CopyInResponse{}},
	{"CopyOutResponse", &CopyOutResponse{OverallFormat: 1, ColumnFormats: []uint16{1, 1}}},
	{"CopyBothResponse", &CopyBothResponse{OverallFormat: 0}},
	{"CopyData", &CopyData{Data: []byte("1\tone\n")}},
	{"CopyData/empty", &CopyData{}},
	{"CopyDone", &CopyDone{}},
	{"FunctionCallResponse", &FunctionCallResponse{Result: []byte{0, 0, 0, 1}}},
	{"FunctionCallResponse/NULL", &FunctionCallResponse{}},
	{"FunctionCallResponse/empty", &FunctionCallResponse{Result: []byte{}}},
	{"NegotiateProtocolVersion", &NegotiateProtocolVersion{NewestMinor: 0, UnrecognizedOptions: []string{"_pq_.test_protocol_negotiation", "_pq_.x"}}},
	{"NegotiateProtocolVersion/none", &NegotiateProtocolVersion{NewestMinor: 2}},

	{"StartupMessage", &StartupMessage{ProtocolVersion: ProtocolVersion30, Parameters: []Param{
		{"user", "postgres"}, {"database", "postgres"}, {"application_name", "psql"}, {"client_encoding", "UTF8"}, {"options", ""}}}},
	{"StartupMessage/3.2 no params", &StartupMessage{ProtocolVersion: ProtocolVersion32}},
	{"StartupMessage/grease", &StartupMessage{ProtocolVersion: 3<<16 | 9999, Parameters: []Param{{"user", "u"}, {"_pq_.test_protocol_negotiation", ""}}}},
	{"SSLRequest", &SSLRequest{}},
	{"GSSENCRequest", &GSSENCRequest{}},
	{"CancelRequest/3.0", &CancelRequest{ProcessID: 31337, SecretKey: key(4)}},
	{"CancelRequest/3.2", &CancelRequest{ProcessID: 31337, SecretKey: key(256)}},
	{"PasswordMessage", &PasswordMessage{Password: "md5a3556571e93b0d20722ba62be61e8c2d"}},
	{"PasswordMessage/empty", &PasswordMessage{}},
	{"SASLInitialResponse", &SASLInitialResponse{Mechanism: "SCRAM-SHA-256", Data: []byte("n,,n=,r=rOprNGfwEbeRWgbNEkqO")}},
	{"SASLInitialResponse/none", &SASLInitialResponse{Mechanism: "SCRAM-SHA-256"}},
	{"SASLInitialResponse/empty", &SASLInitialResponse{Mechanism: "OAUTHBEARER", Data: []byte{}}},
	{"SASLResponse", &SASLResponse{Data: []byte("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=")}},
	{"GSSResponse", &GSSResponse{Data: []byte{0x60, 0x81, 0xff}}},
	{"Query", &Query{String: "select 1; select 'two'"}},
	{"Query/empty", &Query{}},
	{"Parse", &Parse{Name: "", Query: "select $1::int", ParameterOIDs: []uint32{23}}},
	{"Parse/named", &Parse{Name: "stmt1", Query: "select 1"}},
	{"Bind", &Bind{Portal: "", Statement: "stmt1", ParameterFormats: []int16{0, 1, 0},
		Parameters: [][]byte{[]byte("42"), nil, {}}, ResultFormats: []int16{1}}},
	{"Bind/empty", &Bind{}},
	{"Describe/S", &Describe{ObjectType: ObjectStatement, Name: "stmt1"}},
	{"Describe/P", &Describe{ObjectType: ObjectPortal, Name: ""}},
	{"Execute", &Execute{Portal: "", MaxRows: 0}},
	{"Execute/limit", &Execute{Portal: "c1", MaxRows: 100}},
	{"Close/S", &Close{ObjectType: ObjectStatement, Name: "stmt1"}},
	{"Close/P", &Close{ObjectType: ObjectPortal}},
	{"Sync", &Sync{}},
	{"Flush", &Flush{}},
	{"Terminate", &Terminate{}},
	{"FunctionCall", &FunctionCall{FunctionOID: 952, ArgFormats: []int16{1},
		Arguments: [][]byte{{0, 0, 0x40, 0}, {0, 4, 0, 0}}, ResultFormat: 1}},
	{"FunctionCall/NULL", &FunctionCall{FunctionOID: 964, Arguments: [][]byte{nil, {}}}},
	{"CopyFail", &CopyFail{Message: "aborted by user"}},
}

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	reused := map[reflect.Type]Message{}
	for _, tc := range roundTripCases {
		enc, err := tc.msg.Encode([]byte("prefix"))
		if err != nil {
			t.Fatalf("%s: encode: %v", tc.name, err)
		}
		if !bytes.HasPrefix(enc, []byte("prefix")) {
			t.Fatalf("%s: Encode did not append to dst", tc.name)
		}
		enc = enc[len("prefix"):]
		typ, body := split(t, enc, isUntyped(tc.msg))

		prev := reused[reflect.TypeOf(tc.msg)]
		if prev == nil {
			prev = fresh(tc.msg)
			reused[reflect.TypeOf(tc.msg)] = prev
		}
		t.Run(tc.name, func(t *testing.T) {
			if !isUntyped(tc.msg) && typ == 0 {
				t.Fatalf("typed message encoded with type byte 0")
			}
			got := fresh(tc.msg)
			if err := got.Decode(body); err != nil {
				t.Fatalf("decode %q: %v", body, err)
			}
			if !reflect.DeepEqual(got, tc.msg) {
				t.Errorf("decode(encode(m)) = %#v\nwant %#v", got, tc.msg)
			}
			// Decoding into storage left over from another value of the same
			// type must not leak stale fields.
			if err := prev.Decode(body); err != nil {
				t.Fatalf("decode into reused value: %v", err)
			}
			want := fresh(tc.msg)
			_ = want.Decode(body)
			normalize(reflect.ValueOf(prev))
			normalize(reflect.ValueOf(want))
			if !reflect.DeepEqual(prev, want) {
				t.Errorf("decode into reused value = %#v\nwant %#v", prev, want)
			}
			// Encoding what was decoded gives the same bytes.
			again, err := got.Encode(nil)
			if err != nil || !bytes.Equal(again, enc) {
				t.Errorf("re-encode = %q, %v; want %q", again, err, enc)
			}
		})
	}
}

func TestDecodeKeepsCapacityClipped(t *testing.T) {
	t.Parallel()
	enc := encodeAll(t, &DataRow{Values: [][]byte{[]byte("ab"), {}, []byte("cde")}})
	_, body := split(t, enc, false)
	var m DataRow
	if err := m.Decode(body); err != nil {
		t.Fatal(err)
	}
	for i, v := range m.Values {
		if cap(v) != len(v) {
			t.Errorf("value %d: cap %d, len %d", i, cap(v), len(v))
		}
	}
	m.Values[0] = append(m.Values[0], 'X')
	if string(m.Values[2]) != "cde" || body[len(body)-3] != 'c' {
		t.Errorf("appending to a value overwrote the body: %q", body)
	}
}

// TestEncodeBytes checks a few encodings against bytes worked out by hand
// from protocol-v3.txt §7.
func TestEncodeBytes(t *testing.T) {
	t.Parallel()
	cat := func(parts ...string) []byte { return []byte(strings.Join(parts, "")) }
	tests := []struct {
		name string
		msg  Message
		want []byte
	}{
		{"StartupMessage", &StartupMessage{ProtocolVersion: ProtocolVersion30, Parameters: []Param{{"user", "postgres"}, {"database", "db"}}},
			// 4 length + 4 version + "user\0postgres\0database\0db\0" (26) + final NUL = 35
			cat("\x00\x00\x00\x23", "\x00\x03\x00\x00", "user\x00postgres\x00database\x00db\x00", "\x00")},
		{"StartupMessage/3.2", &StartupMessage{ProtocolVersion: ProtocolVersion32, Parameters: []Param{{"user", "u"}}},
			cat("\x00\x00\x00\x10", "\x00\x03\x00\x02", "user\x00u\x00", "\x00")},
		{"SSLRequest", &SSLRequest{}, cat("\x00\x00\x00\x08", "\x04\xd2\x16\x2f")},
		{"GSSENCRequest", &GSSENCRequest{}, cat("\x00\x00\x00\x08", "\x04\xd2\x16\x30")},
		{"CancelRequest", &CancelRequest{ProcessID: 0x1234, SecretKey: []byte{0xde, 0xad, 0xbe, 0xef}},
			cat("\x00\x00\x00\x10", "\x04\xd2\x16\x2e", "\x00\x00\x12\x34", "\xde\xad\xbe\xef")},
		{"Query", &Query{String: "select 1"}, cat("Q", "\x00\x00\x00\x0d", "select 1\x00")},
		{"Sync", &Sync{}, cat("S", "\x00\x00\x00\x04")},
		{"Terminate", &Terminate{}, cat("X", "\x00\x00\x00\x04")},
		{"PasswordMessage", &PasswordMessage{Password: "secret"}, cat("p", "\x00\x00\x00\x0b", "secret\x00")},
		{"Bind with NULL", &Bind{Statement: "s1", Parameters: [][]byte{nil, []byte("7")}},
			// "" + "s1" + 0 formats + 2 params (NULL, "7") + 0 result formats: 19 body bytes
			cat("B", "\x00\x00\x00\x17", "\x00", "s1\x00", "\x00\x00", "\x00\x02", "\xff\xff\xff\xff", "\x00\x00\x00\x017", "\x00\x00")},
		{"Execute", &Execute{Portal: "", MaxRows: 0}, cat("E", "\x00\x00\x00\x09", "\x00", "\x00\x00\x00\x00")},
		{"ReadyForQuery", &ReadyForQuery{TxStatus: 'I'}, cat("Z", "\x00\x00\x00\x05", "I")},
		{"DataRow", &DataRow{Values: [][]byte{[]byte("1"), nil}},
			cat("D", "\x00\x00\x00\x0f", "\x00\x02", "\x00\x00\x00\x011", "\xff\xff\xff\xff")},
		{"AuthenticationMD5Password", &AuthenticationMD5Password{Salt: [4]byte{1, 2, 3, 4}},
			cat("R", "\x00\x00\x00\x0c", "\x00\x00\x00\x05", "\x01\x02\x03\x04")},
		{"AuthenticationSASL", &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256"}},
			cat("R", "\x00\x00\x00\x17", "\x00\x00\x00\x0a", "SCRAM-SHA-256\x00", "\x00")},
		{"SASLInitialResponse no data", &SASLInitialResponse{Mechanism: "X"}, cat("p", "\x00\x00\x00\x0a", "X\x00", "\xff\xff\xff\xff")},
		{"ErrorResponse", &ErrorResponse{Fields: Fields{Severity: "ERROR", Code: "42601", Position: 8}},
			cat("E", "\x00\x00\x00\x16", "SERROR\x00", "C42601\x00", "P8\x00", "\x00")},
		{"ErrorResponse/plain text", &ErrorResponse{PlainText: true, Fields: Fields{Message: "FATAL:  sorry"}}, cat("EFATAL:  sorry\n\x00")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := tc.msg.Encode(nil)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, tc.want) {
				t.Errorf("Encode = %q\nwant     %q", got, tc.want)
			}
		})
	}
}

func TestEncodeErrors(t *testing.T) {
	t.Parallel()
	many := make([][]byte, 65536)
	tests := []struct {
		name string
		msg  Message
	}{
		{"Query NUL", &Query{String: "select 1\x00; drop table t"}},
		{"Parse NUL in name", &Parse{Name: "a\x00b"}},
		{"Parse too many OIDs", &Parse{ParameterOIDs: make([]uint32, 65536)}},
		{"Bind too many parameters", &Bind{Parameters: many}},
		{"Bind too many formats", &Bind{ParameterFormats: make([]int16, 65536)}},
		{"Bind too many result formats", &Bind{ResultFormats: make([]int16, 65536)}},
		{"Bind NUL in portal", &Bind{Portal: "\x00"}},
		{"FunctionCall too many arguments", &FunctionCall{Arguments: many}},
		{"DataRow too many values", &DataRow{Values: many}},
		{"RowDescription too many fields", &RowDescription{Fields: make([]FieldDescription, 65536)}},
		{"RowDescription NUL in name", &RowDescription{Fields: []FieldDescription{{Name: "a\x00"}}}},
		{"ParameterDescription too many", &ParameterDescription{ParameterOIDs: make([]uint32, 65536)}},
		{"CopyInResponse too many", &CopyInResponse{ColumnFormats: make([]uint16, 65536)}},
		{"StartupMessage empty name", &StartupMessage{ProtocolVersion: ProtocolVersion30, Parameters: []Param{{"", "x"}}}},
		{"StartupMessage NUL in value", &StartupMessage{ProtocolVersion: ProtocolVersion30, Parameters: []Param{{"user", "a\x00"}}}},
		{"StartupMessage version 2.0", &StartupMessage{ProtocolVersion: 2 << 16}},
		{"StartupMessage request code", &StartupMessage{ProtocolVersion: SSLRequestCode}},
		{"CancelRequest short key", &CancelRequest{SecretKey: key(3)}},
		{"CancelRequest long key", &CancelRequest{SecretKey: key(257)}},
		{"BackendKeyData no key", &BackendKeyData{}},
		{"ReadyForQuery bad status", &ReadyForQuery{TxStatus: 'X'}},
		{"Describe bad type", &Describe{ObjectType: 'X'}},
		{"Close bad type", &Close{ObjectType: 0}},
		{"AuthenticationSASL empty mechanism", &AuthenticationSASL{Mechanisms: []string{"SCRAM-SHA-256", ""}}},
		{"AuthenticationUnknown known code", &AuthenticationUnknown{Code: AuthSASL}},
		{"ErrorResponse NUL", &ErrorResponse{Fields: Fields{Message: "a\x00b"}}},
		{"ErrorResponse unknown field code 0", &ErrorResponse{Fields: Fields{UnknownFields: []UnknownField{{0, "x"}}}}},
		{"ErrorResponse unknown field known code", &NoticeResponse{Fields: Fields{UnknownFields: []UnknownField{{'M', "x"}}}}},
		{"ErrorResponse plain text NUL", &ErrorResponse{PlainText: true, Fields: Fields{Message: "\x00"}}},
		{"CommandComplete NUL", &CommandComplete{CommandTag: []byte("SELECT\x001")}},
		{"CopyFail NUL", &CopyFail{Message: "\x00"}},
		{"PasswordMessage NUL", &PasswordMessage{Password: "pw\x00"}},
		{"NotificationResponse NUL", &NotificationResponse{Payload: "\x00"}},
		{"NegotiateProtocolVersion NUL", &NegotiateProtocolVersion{UnrecognizedOptions: []string{"\x00"}}},
		{"ParameterStatus NUL", &ParameterStatus{Name: "\x00"}},
		{"SASLInitialResponse NUL", &SASLInitialResponse{Mechanism: "\x00"}},
		{"Execute NUL", &Execute{Portal: "\x00"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dst := []byte("keep")
			got, err := tc.msg.Encode(dst)
			var ee *EncodeError
			if !errors.As(err, &ee) {
				t.Fatalf("Encode error = %v, want *EncodeError", err)
			}
			if string(got) != "keep" {
				t.Errorf("Encode changed dst to %q", got)
			}
		})
	}
}

func TestEncodeErrorKeepsNoPassword(t *testing.T) {
	t.Parallel()
	_, err := (&PasswordMessage{Password: "hunter2\x00"}).Encode(nil)
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Errorf("error %v must exist and not contain the password", err)
	}
}

func TestFieldsNumbers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value string
		want  int32
	}{
		{"plain", "42", 42},
		{"leading blanks and sign", " \t+7", 7},
		{"negative", "-3", -3},
		{"trailing junk", "12abc", 12},
		{"junk", "abc", 0},
		{"empty", "", 0},
		{"saturates high", "99999999999", 1<<31 - 1},
		{"saturates low", "-99999999999", -1 << 31},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			body := bytes.Join([][]byte{{'P'}, cstr(tc.value), {'L'}, cstr(tc.value), {'p'}, cstr(tc.value), {0}}, nil)
			var m ErrorResponse
			if err := m.Decode(body); err != nil {
				t.Fatal(err)
			}
			if m.Position != tc.want || m.Line != tc.want || m.InternalPosition != tc.want {
				t.Errorf("Position, Line, InternalPosition = %d, %d, %d; want %d", m.Position, m.Line, m.InternalPosition, tc.want)
			}
		})
	}
}

func TestFieldsLaterDuplicateWins(t *testing.T) {
	t.Parallel()
	body := bytes.Join([][]byte{{'M'}, cstr("first"), {'M'}, cstr("second"), {'?'}, cstr("odd"), {0}}, nil)
	var m NoticeResponse
	if err := m.Decode(body); err != nil {
		t.Fatal(err)
	}
	if m.Message != "second" {
		t.Errorf("Message = %q, want the later value", m.Message)
	}
	if want := []UnknownField{{'?', "odd"}}; !reflect.DeepEqual(m.UnknownFields, want) {
		t.Errorf("UnknownFields = %v, want %v", m.UnknownFields, want)
	}
}
