package proto

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseURI(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    cfgValues // exactly what the URI sets
		wantErr string
	}{
		{name: "bare scheme", in: "postgresql://", want: cfgValues{}},
		{name: "short scheme", in: "postgres://h", want: cfgValues{"host": "h"}},
		{name: "empty user info", in: "postgres://@", want: cfgValues{}},
		{name: "host and port", in: "postgresql://localhost:5433", want: cfgValues{"host": "localhost", "port": "5433"}},
		{name: "database", in: "postgresql://localhost/mydb", want: cfgValues{"host": "localhost", "dbname": "mydb"}},
		{name: "user", in: "postgresql://user@localhost", want: cfgValues{"user": "user", "host": "localhost"}},
		{name: "user and password", in: "postgresql://user:secret@localhost", want: cfgValues{"user": "user", "password": "secret", "host": "localhost"}},
		{name: "empty password", in: "postgresql://user:@h", want: cfgValues{"user": "user", "host": "h"}},
		{name: "password only", in: "postgresql://:pw@h", want: cfgValues{"password": "pw", "host": "h"}},
		{name: "colon in password", in: "postgresql://u:a:b@h", want: cfgValues{"user": "u", "password": "a:b", "host": "h"}},
		{
			name: "parameters",
			in:   "postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp",
			want: cfgValues{"user": "other", "host": "localhost", "dbname": "otherdb", "connect_timeout": "10", "application_name": "myapp"},
		},
		{
			name: "several hosts",
			in:   "postgresql://host1:123,host2:456/somedb?target_session_attrs=any",
			want: cfgValues{"host": "host1,host2", "port": "123,456", "dbname": "somedb", "target_session_attrs": "any"},
		},
		{name: "several hosts, one port", in: "postgresql://a,b:7/", want: cfgValues{"host": "a,b", "port": ",7"}},
		{name: "empty hosts", in: "postgresql://a,,b/db", want: cfgValues{"host": "a,,b", "port": ",,", "dbname": "db"}},
		{name: "ports without hosts", in: "postgresql://:1,:2/db", want: cfgValues{"host": ",", "port": "1,2", "dbname": "db"}},
		{name: "IPv6", in: "postgresql://[2001:db8::1234]/database", want: cfgValues{"host": "2001:db8::1234", "dbname": "database"}},
		{name: "IPv6 with port and second host", in: "postgresql://[::1]:1,[::2]:2", want: cfgValues{"host": "::1,::2", "port": "1,2"}},
		{name: "IPv6 then query", in: "postgresql://[::1]?port=3", want: cfgValues{"host": "::1", "port": "3"}},
		{name: "percent-encoded socket directory", in: "postgresql://%2Fvar%2Flib%2Fpostgresql/dbname", want: cfgValues{"host": "/var/lib/postgresql", "dbname": "dbname"}},
		{name: "encoded comma makes two hosts", in: "postgresql://%2Fa%2C%2Fb:1/db", want: cfgValues{"host": "/a,/b", "port": "1", "dbname": "db"}},
		{name: "host as parameter", in: "postgresql:///dbname?host=/var/lib/postgresql", want: cfgValues{"dbname": "dbname", "host": "/var/lib/postgresql"}},
		{name: "encoded value", in: "postgresql://user@localhost:5433/mydb?options=-c%20synchronous_commit%3Doff", want: cfgValues{"user": "user", "host": "localhost", "port": "5433", "dbname": "mydb", "options": "-c synchronous_commit=off"}},
		{name: "encoded user and password", in: "postgresql://us%40er:p%3Aw%2f@h", want: cfgValues{"user": "us@er", "password": "p:w/", "host": "h"}},
		{name: "empty dbname is not set", in: "postgresql://h/", want: cfgValues{"host": "h"}},
		{name: "slash in dbname", in: "postgresql://h/a/b", want: cfgValues{"host": "h", "dbname": "a/b"}},
		{name: "ssl=true", in: "postgresql://h?ssl=true", want: cfgValues{"host": "h", "sslmode": "require"}},
		{name: "requiressl", in: "postgresql://h?requiressl=1", want: cfgValues{"host": "h", "sslmode": "require"}},
		{name: "trailing ampersand", in: "postgresql://h?port=1&", want: cfgValues{"host": "h", "port": "1"}},
		{name: "later parameter wins", in: "postgresql://h/db?dbname=other&dbname=x%2Fy", want: cfgValues{"host": "h", "dbname": "x/y"}},
		{name: "empty query", in: "postgresql://h?", want: cfgValues{"host": "h"}},
		{name: "at sign after question mark still starts user info", in: "postgresql://host?user=a@b/db", want: cfgValues{"user": "host?user=a", "host": "b", "dbname": "db"}},
		{name: "upper case scheme is not a URI", in: "POSTGRESQL://h/db", wantErr: `missing "=" after "POSTGRESQL://h/db" in connection info string`},
		{name: "unclosed IPv6", in: "postgresql://[::1", wantErr: `end of string reached when looking for matching "]" in IPv6 host address in URI: "postgresql://[::1"`},
		{name: "empty IPv6", in: "postgresql://[]", wantErr: `IPv6 host address may not be empty in URI: "postgresql://[]"`},
		{name: "junk after IPv6", in: "postgresql://[::1]x", wantErr: `unexpected character "x" at position 19 in URI (expected ":" or "/"): "postgresql://[::1]x"`},
		{name: "junk after IPv6 with user info", in: "postgresql://u:pw@[::1]x/db", wantErr: `unexpected character "x" at position 30 in URI (expected ":" or "/"): "postgresql://u:********@[::1]x/db"`},
		{name: "unknown parameter", in: "postgresql://host/db?foo=bar", wantErr: `invalid URI query parameter: "foo"`},
		{name: "ssl=false is unknown", in: "postgresql://host/db?ssl=false", wantErr: `invalid URI query parameter: "ssl"`},
		{name: "parameter without equals", in: "postgresql://host/db?foo", wantErr: `missing key/value separator "=" in URI query parameter: "foo"`},
		{name: "empty parameter", in: "postgresql://h?&port=1", wantErr: `missing key/value separator "=" in URI query parameter: ""`},
		{name: "extra equals", in: "postgresql://host/db?foo=1=2", wantErr: `extra key/value separator "=" in URI query parameter: "foo"`},
		{name: "empty keyword", in: "postgresql://h?=1", wantErr: `invalid URI query parameter: ""`},
		{name: "bad escape", in: "postgresql://host/db?port=%zz", wantErr: `invalid percent-encoded token: "%zz"`},
		{name: "truncated escape", in: "postgresql://host/db?port=%4", wantErr: `invalid percent-encoded token: "%4"`},
		{name: "escaped NUL", in: "postgresql://host/db?port=%00", wantErr: `forbidden value %00 in percent-encoded value: "%00"`},
		{name: "bad escape in host list", in: "postgresql://a,h%zzost/db", wantErr: `invalid percent-encoded token: "a,h%zzost"`},
		{name: "bad escape in password", in: "postgresql://u:p%zz@h/db", wantErr: "invalid percent-encoded token in the password of a URI"},
		{name: "bad escape in password parameter", in: "postgresql://h/db?password=p%zz", wantErr: "invalid percent-encoded token in the password of a URI"},
		{name: "bad escape in keyword", in: "postgresql://h?x%zz=1", wantErr: `invalid percent-encoded token: "x%zz"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := ciParse(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}
}

func TestIsConnString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"mydb", false}, {"a=b", true}, {"postgresql://", true}, {"postgres://x", true},
		{"postgresql:/x", false}, {"Postgres://x", false}, {"", false}, {"=", true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			t.Parallel()
			if got := ciIsConnString(tc.in); got != tc.want {
				t.Errorf("ciIsConnString(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzParseConnString checks that no connection string makes the parsers panic, that every
// failure is a *ConfigError, and that a parsed keyword/value string quoted back with cfgQuote
// parses to the same settings.
func FuzzParseConnString(f *testing.F) {
	for _, s := range []string{
		"host=a port=5 dbname='x y' user=\\'q", "postgresql://u:p@[::1]:5,h/db?sslmode=require&ssl=true",
		"postgres://%2Fs%2C%2Ft:1,:2/d%00?x=%zz", "host='unterminated", "a b", "=", "requiressl=1",
		"postgresql://h?a=b=c&&", "host=/a,,/b port=1,x hostaddr=,1.2.3.4 connect_timeout=-1 keepalives=0",
	} {
		f.Add(s)
	}
	env := cfgtNoEnv()
	f.Fuzz(func(t *testing.T, s string) {
		vals, err := ciParse(s)
		c, cerr := ParseConnString(s, env)
		if (err == nil) != (cerr == nil) && err != nil {
			t.Fatalf("ciParse failed (%v) but ParseConnString did not", err)
		}
		for _, e := range []error{err, cerr} {
			if e != nil {
				if _, ok := e.(*ConfigError); !ok || e.Error() == "" {
					t.Fatalf("error %T %q", e, e)
				}
			}
		}
		if cerr == nil && len(c.Hosts) == 0 {
			t.Fatal("no hosts")
		}
		if cerr == nil {
			_ = c.String()
			_ = c.Copy()
			_ = c.AuthPolicy()
		}
		if err != nil {
			return
		}
		var b strings.Builder
		for k, v := range vals {
			b.WriteString(k + "=" + cfgQuote(v) + " ")
		}
		again, err := ciParseKV(b.String())
		if err != nil {
			t.Fatalf("re-quoted %q: %v", b.String(), err)
		}
		if !reflect.DeepEqual(again, vals) {
			t.Fatalf("re-quoted %q parses to %v, want %v", b.String(), again, vals)
		}
	})
}
