package proto

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// cfgtFile is a file of the fake file system used by cfgtEnv.
type cfgtFile struct {
	data string
	mode fs.FileMode // 0 means a regular 0600 file
}

type cfgtInfo struct {
	name string
	mode fs.FileMode
	size int64
}

func (i cfgtInfo) Name() string       { return filepath.Base(i.name) }
func (i cfgtInfo) Size() int64        { return i.size }
func (i cfgtInfo) Mode() fs.FileMode  { return i.mode }
func (i cfgtInfo) ModTime() time.Time { return time.Time{} }
func (i cfgtInfo) IsDir() bool        { return i.mode.IsDir() }
func (i cfgtInfo) Sys() any           { return nil }

// cfgtEnv builds a pure Env: vars are the environment, files the file system (absolute
// names), home is /home/u and the OS user is "osuser". Warnings are collected in *warns.
func cfgtEnv(vars map[string]string, files map[string]cfgtFile) (Env, *[]string) {
	var warns []string
	env := Env{
		LookupEnv: func(k string) (string, bool) { v, ok := vars[k]; return v, ok },
		ReadFile: func(name string) ([]byte, error) {
			f, ok := files[name]
			if !ok || f.mode.IsDir() {
				return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
			}
			return []byte(f.data), nil
		},
		Stat: func(name string) (fs.FileInfo, error) {
			f, ok := files[name]
			if !ok {
				return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
			}
			mode := f.mode
			if mode == 0 {
				mode = 0o600
			}
			return cfgtInfo{name: name, mode: mode, size: int64(len(f.data))}, nil
		},
		HomeDir: "/home/u",
		OSUser:  "osuser",
		Warn:    func(msg string) { warns = append(warns, msg) },
	}
	return env, &warns
}

func cfgtNoEnv() Env {
	env, _ := cfgtEnv(nil, nil)
	return env
}

// cfgtHost is the compact form of a Host used in expectations.
type cfgtHost struct {
	host, addr string
	port       uint16
	socket     bool
	def        bool
}

func cfgtHosts(c *Config) []cfgtHost {
	var hs []cfgtHost
	for _, h := range c.Hosts {
		hs = append(hs, cfgtHost{h.Host, h.HostAddr, h.Port, h.IsSocket, h.Defaulted})
	}
	return hs
}

var cfgtDefaultHost = []cfgtHost{{host: "/var/run/postgresql", port: 5432, socket: true, def: true}}

func TestParseConnStringKeywordValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		check   func(*Config) map[string]string // field → got; compared with want
		want    map[string]string
		wantErr string
	}{
		{
			name: "plain pairs",
			in:   "host=db.example.com port=6543 dbname=mydb user=bob",
			want: map[string]string{"host": "db.example.com", "port": "6543", "dbname": "mydb", "user": "bob"},
		},
		{
			name: "spaces around equals and between pairs",
			in:   "  host = db   user=\tbob\n dbname =x ",
			want: map[string]string{"host": "db", "user": "bob", "dbname": "x"},
		},
		{
			name: "quoted value with spaces and escapes",
			in:   `application_name='my \'app\' \\ x' options = '-c a=b'`,
			want: map[string]string{"application_name": `my 'app' \ x`, "options": "-c a=b"},
		},
		{
			name: "empty quoted value keeps user empty so the OS user applies",
			in:   "user='' dbname=d",
			want: map[string]string{"user": "osuser", "dbname": "d"},
		},
		{
			name: "backslash escapes in unquoted value",
			in:   `application_name=a\ b\\c\`,
			want: map[string]string{"application_name": `a b\c`},
		},
		{
			name: "later keyword overrides earlier",
			in:   "user=a user=b",
			want: map[string]string{"user": "b", "dbname": "b"},
		},
		{
			name: "requiressl=1 means sslmode=require",
			in:   "requiressl=1",
			want: map[string]string{"sslmode": "require"},
		},
		{
			name: "requiressl=0 means sslmode=prefer",
			in:   "sslmode=disable requiressl=0",
			want: map[string]string{"sslmode": "prefer"},
		},
		{
			name: "quoted value directly followed by a keyword",
			in:   "user='a'dbname=b",
			want: map[string]string{"user": "a", "dbname": "b"},
		},
		{name: "unknown keyword", in: "host=a foo=b", wantErr: `invalid connection option "foo"`},
		{name: "empty keyword", in: "=b", wantErr: `invalid connection option ""`},
		{name: "missing equals at end", in: "host=a port", wantErr: `missing "=" after "port" in connection info string`},
		{name: "missing equals before other text", in: "host x=1", wantErr: `missing "=" after "host" in connection info string`},
		{name: "keyword is not unescaped", in: `host=/x \'a`, wantErr: `missing "=" after "\'a" in connection info string`},
		{name: "unterminated quote", in: "host='abc", wantErr: "unterminated quoted string in connection info string"},
		{name: "unterminated quote after escape", in: `host='abc\`, wantErr: "unterminated quoted string in connection info string"},
		{name: "requiressl is not a keyword in its own right", in: "requiressl=1 sslmode=x", wantErr: `invalid sslmode value: "x"`},
		{name: "text after NUL is ignored", in: "user=a\x00 junk", want: map[string]string{"user": "a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			cfgtCheck(t, c, err, tc.want, tc.wantErr)
		})
	}
}

// cfgtField reads the keyword-named setting from a Config, for expectations.
func cfgtField(c *Config, kw string) string {
	switch kw {
	case "host":
		var s []string
		for _, h := range c.Hosts {
			s = append(s, h.Host)
		}
		return strings.Join(s, ",")
	case "hostaddr":
		var s []string
		for _, h := range c.Hosts {
			s = append(s, h.HostAddr)
		}
		return strings.Join(s, ",")
	case "port":
		var s []string
		for _, h := range c.Hosts {
			s = append(s, strconv.Itoa(int(h.Port)))
		}
		return strings.Join(s, ",")
	case "user":
		return c.User
	case "dbname":
		return c.Database
	case "password":
		return c.Password
	case "passfile":
		return c.PassFile
	case "options":
		return c.Options
	case "application_name":
		return c.ApplicationName
	case "fallback_application_name":
		return c.FallbackApplicationName
	case "client_encoding":
		return c.ClientEncoding
	case "connect_timeout":
		return c.ConnectTimeout.String()
	case "sslmode":
		return c.SSLMode
	case "sslnegotiation":
		return c.SSLNegotiation
	case "sslrootcert":
		return c.SSLRootCert
	case "sslcert":
		return c.SSLCert
	case "sslsni":
		return strconv.FormatBool(c.SSLSNI)
	case "ssl_min_protocol_version":
		return c.SSLMinProtocolVersion
	case "ssl_max_protocol_version":
		return c.SSLMaxProtocolVersion
	case "channel_binding":
		return c.ChannelBinding
	case "gssencmode":
		return c.GSSEncMode
	case "target_session_attrs":
		return c.TargetSessionAttrs
	case "min_protocol_version":
		return c.MinProtocolVersion
	case "max_protocol_version":
		return c.MaxProtocolVersion
	case "service":
		return c.Service
	case "replication":
		return c.Replication
	case "require_auth":
		return c.RequireAuth
	case "sslcertmode":
		return c.SSLCertMode
	case "load_balance_hosts":
		return c.LoadBalanceHosts
	case "krbsrvname":
		return c.KrbSrvName
	}
	panic("cfgtField: unknown keyword " + kw)
}

func cfgtCheck(t *testing.T, c *Config, err error, want map[string]string, wantErr string) {
	t.Helper()
	if wantErr != "" {
		if err == nil {
			t.Fatalf("got no error, want %q", wantErr)
		}
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Fatalf("error %T is not a *ConfigError", err)
		}
		if err.Error() != wantErr {
			t.Fatalf("error %q, want %q", err.Error(), wantErr)
		}
		return
	}
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
	for kw, w := range want {
		if got := cfgtField(c, kw); got != w {
			t.Errorf("%s = %q, want %q", kw, got, w)
		}
	}
}

func TestParseConnStringDefaults(t *testing.T) {
	t.Parallel()
	c, err := ParseConnString("", cfgtNoEnv())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"user": "osuser", "dbname": "osuser", "password": "", "passfile": "/home/u/.pgpass",
		"sslmode": "prefer", "sslnegotiation": "postgres", "channel_binding": "prefer",
		"target_session_attrs": "any", "gssencmode": "prefer", "sslsni": "true",
		"ssl_min_protocol_version": "TLSv1.2", "ssl_max_protocol_version": "", "connect_timeout": "0s",
		"min_protocol_version": "3.0", "max_protocol_version": "3.0", "sslcertmode": "allow",
		"load_balance_hosts": "disable", "krbsrvname": "postgres", "client_encoding": "",
	}
	for kw, w := range want {
		if got := cfgtField(c, kw); got != w {
			t.Errorf("%s = %q, want %q", kw, got, w)
		}
	}
	if got := cfgtHosts(c); !reflect.DeepEqual(got, cfgtDefaultHost) {
		t.Errorf("hosts = %+v, want %+v", got, cfgtDefaultHost)
	}
	if !c.KeepAlive.Enabled || c.KeepAlive.Idle != -1 || c.KeepAlive.Count != -1 || c.KeepAliveErr != nil {
		t.Errorf("keepalive = %+v, %v; want enabled and unset", c.KeepAlive, c.KeepAliveErr)
	}
}

func TestHostsAndPorts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    []cfgtHost
		wantErr string
	}{
		{name: "no host", in: "", want: cfgtDefaultHost},
		{name: "empty host", in: "host=''", want: cfgtDefaultHost},
		{name: "one TCP host", in: "host=db port=7", want: []cfgtHost{{host: "db", port: 7}}},
		{name: "socket directory", in: "host=/tmp/s", want: []cfgtHost{{host: "/tmp/s", port: 5432, socket: true}}},
		{name: "abstract socket", in: "host=@pg", want: []cfgtHost{{host: "@pg", port: 5432, socket: true}}},
		{name: "relative path is a host name", in: "host=tmp/s", want: []cfgtHost{{host: "tmp/s", port: 5432}}},
		{
			name: "one port for every host",
			in:   "host=a,b,/s port=7",
			want: []cfgtHost{{host: "a", port: 7}, {host: "b", port: 7}, {host: "/s", port: 7, socket: true}},
		},
		{
			name: "ports paired and empty items default",
			in:   "host=a,,b port=1,,3",
			want: []cfgtHost{{host: "a", port: 1}, {host: "/var/run/postgresql", port: 5432, socket: true, def: true}, {host: "b", port: 3}},
		},
		{
			name: "hostaddr without host",
			in:   "hostaddr=127.0.0.1,::1",
			want: []cfgtHost{{addr: "127.0.0.1", port: 5432}, {addr: "::1", port: 5432}},
		},
		{
			name: "hostaddr with host names and empty items",
			in:   "hostaddr=,10.0.0.1 host=/s,db",
			want: []cfgtHost{{host: "/s", port: 5432, socket: true}, {host: "db", addr: "10.0.0.1", port: 5432}},
		},
		{name: "port with white space", in: "host=h port=' 12 '", want: []cfgtHost{{host: "h", port: 12}}},
		{name: "too many ports", in: "host=/a,/b port=1,2,3", wantErr: "could not match 3 port numbers to 2 hosts"},
		{name: "too few ports", in: "host=/a,/b,/c port=,", wantErr: "could not match 2 port numbers to 3 hosts"},
		{name: "ports without hosts", in: "port=1,2", wantErr: "could not match 2 port numbers to 1 hosts"},
		{name: "more host names than hostaddrs", in: "host=/a,/b hostaddr=1.2.3.4", wantErr: "could not match 2 host names to 1 hostaddr values"},
		{name: "fewer host names than hostaddrs", in: "hostaddr=1.1.1.1,2.2.2.2 host=a", wantErr: "could not match 1 host names to 2 hostaddr values"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := cfgtHosts(c); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("hosts = %+v\nwant    %+v", got, tc.want)
			}
		})
	}
}

func TestPortErrorsAreDeferred(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		errs  []string // per host; "" = none
		fatal []bool
	}{
		{name: "not an integer", in: "host=/a port=abc", errs: []string{`invalid integer value "abc" for connection option "port"`}, fatal: []bool{true}},
		{name: "out of range", in: "host=/a port=70000", errs: []string{`invalid port number: "70000"`}, fatal: []bool{false}},
		{name: "zero", in: "host=/a port=0", errs: []string{`invalid port number: "0"`}, fatal: []bool{false}},
		{name: "negative", in: "host=/a port=-1", errs: []string{`invalid port number: "-1"`}, fatal: []bool{false}},
		{name: "overflowing int", in: "host=/a port=99999999999", errs: []string{`invalid integer value "99999999999" for connection option "port"`}, fatal: []bool{true}},
		{
			name:  "second host only",
			in:    "host=/a,/b port=5,x",
			errs:  []string{"", `invalid integer value "x" for connection option "port"`},
			fatal: []bool{false, true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			if err != nil {
				t.Fatalf("ParseConnString: %v (port errors must wait for the dialer)", err)
			}
			if len(c.Hosts) != len(tc.errs) {
				t.Fatalf("%d hosts, want %d", len(c.Hosts), len(tc.errs))
			}
			for i, h := range c.Hosts {
				got := ""
				if h.PortErr != nil {
					got = h.PortErr.Error()
				}
				if got != tc.errs[i] || h.PortFatal != tc.fatal[i] {
					t.Errorf("host %d: PortErr %q fatal %v, want %q %v", i, got, h.PortFatal, tc.errs[i], tc.fatal[i])
				}
			}
		})
	}
}

func TestValidation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		wantErr string
		want    map[string]string
	}{
		{name: "sslmode", in: "sslmode=x", wantErr: `invalid sslmode value: "x"`},
		{name: "empty sslmode", in: "sslmode=''", wantErr: `invalid sslmode value: ""`},
		{name: "gssencmode", in: "gssencmode=x", wantErr: `invalid gssencmode value: "x"`},
		{name: "gssencmode require is stored", in: "gssencmode=require", want: map[string]string{"gssencmode": "require"}},
		{name: "channel_binding", in: "channel_binding=x", wantErr: `invalid channel_binding value: "x"`},
		{name: "target_session_attrs", in: "target_session_attrs=x", wantErr: `invalid target_session_attrs value: "x"`},
		{name: "target_session_attrs ok", in: "target_session_attrs=prefer-standby", want: map[string]string{"target_session_attrs": "prefer-standby"}},
		{name: "ssl_min_protocol_version", in: "ssl_min_protocol_version=x", wantErr: `invalid ssl_min_protocol_version value: "x"`},
		{name: "ssl_max_protocol_version", in: "ssl_max_protocol_version=TLSv2", wantErr: `invalid ssl_max_protocol_version value: "TLSv2"`},
		{name: "tls range", in: "ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=TLSv1.2", wantErr: "invalid SSL protocol version range"},
		{name: "tls max TLSv1 above min", in: "ssl_max_protocol_version=tlsv1", wantErr: "invalid SSL protocol version range"},
		{name: "tls min TLSv1 allows any max", in: "ssl_min_protocol_version=TLSv1 ssl_max_protocol_version=TLSv1", want: map[string]string{"ssl_min_protocol_version": "TLSv1"}},
		{name: "tls versions are case-insensitive", in: "ssl_min_protocol_version=tlsv1.3", want: map[string]string{"ssl_min_protocol_version": "TLSv1.3"}},
		{name: "empty tls min means no minimum", in: "ssl_min_protocol_version=''", want: map[string]string{"ssl_min_protocol_version": ""}},
		{name: "sslnegotiation", in: "sslnegotiation=x", wantErr: `invalid sslnegotiation value: "x"`},
		{name: "direct needs strong sslmode", in: "sslnegotiation=direct", wantErr: `weak sslmode "prefer" may not be used with sslnegotiation=direct (use "require", "verify-ca", or "verify-full")`},
		{name: "direct with require", in: "sslnegotiation=direct sslmode=require", want: map[string]string{"sslnegotiation": "direct"}},
		{name: "sslrootcert=system defaults to verify-full", in: "sslrootcert=system", want: map[string]string{"sslmode": "verify-full"}},
		{name: "sslrootcert=system with weak sslmode", in: "sslrootcert=system sslmode=require", wantErr: `weak sslmode "require" may not be used with sslrootcert=system (use "verify-full")`},
		{name: "sslcertmode", in: "sslcertmode=x", wantErr: `invalid sslcertmode value: "x"`},
		{name: "load_balance_hosts", in: "load_balance_hosts=x", wantErr: `invalid load_balance_hosts value: "x"`},
		{name: "min_protocol_version", in: "min_protocol_version=3.1", wantErr: `invalid min_protocol_version value: "3.1"`},
		{name: "max_protocol_version", in: "max_protocol_version=4", wantErr: `invalid max_protocol_version value: "4"`},
		{name: "min above max", in: "min_protocol_version=latest max_protocol_version=3.0", wantErr: `"min_protocol_version" is greater than "max_protocol_version"`},
		{name: "min latest raises max", in: "min_protocol_version=latest", want: map[string]string{"min_protocol_version": "3.2", "max_protocol_version": "3.2"}},
		{name: "protocol 2.0", in: "min_protocol_version=2.0 max_protocol_version=latest", want: map[string]string{"min_protocol_version": "2.0", "max_protocol_version": "3.2"}},
		{name: "require_auth unknown", in: "require_auth=foo", wantErr: `invalid require_auth value: "foo"`},
		{name: "require_auth negated unknown", in: "require_auth=!foo", wantErr: `invalid require_auth value: "foo"`},
		{name: "require_auth mixed", in: "require_auth=md5,!password", wantErr: `negative require_auth method "!password" cannot be mixed with non-negative methods`},
		{name: "require_auth mixed other way", in: "require_auth=!md5,password", wantErr: `require_auth method "password" cannot be mixed with negative methods`},
		{name: "require_auth duplicate", in: "require_auth=md5,md5", wantErr: `require_auth method "md5" is specified more than once`},
		{name: "require_auth duplicate negated", in: "require_auth=!scram-sha-256,!scram-sha-256", wantErr: `require_auth method "!scram-sha-256" is specified more than once`},
		{name: "require_auth duplicate none", in: "require_auth=none,none", wantErr: `require_auth method "none" is specified more than once`},
		{name: "require_auth gss and sspi", in: "require_auth=gss,sspi", want: map[string]string{"require_auth": "gss,sspi"}},
		{name: "require_auth empty item", in: "require_auth=md5,", wantErr: `invalid require_auth value: ""`},
		{name: "scram key not base64", in: "scram_client_key=***", wantErr: "invalid SCRAM client key"},
		{name: "scram key wrong length", in: "scram_server_key=AAAA", wantErr: "invalid SCRAM server key length: 3"},
		{name: "replication is not checked", in: "replication=x", want: map[string]string{"replication": "x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			cfgtCheck(t, c, err, tc.want, tc.wantErr)
		})
	}
}

func TestAuthPolicy(t *testing.T) {
	t.Parallel()
	all := []string{"password", "md5", "gss", "sspi", "scram-sha-256", "oauth"}
	tests := []struct {
		name      string
		in        string
		allowed   []string
		allowNone bool
	}{
		{name: "unset", in: "", allowed: all, allowNone: true},
		{name: "list", in: "md5,scram-sha-256", allowed: []string{"md5", "scram-sha-256"}},
		{name: "list with none", in: "password,none", allowed: []string{"password"}, allowNone: true},
		{name: "negated", in: "!password,!md5", allowed: []string{"gss", "sspi", "scram-sha-256", "oauth"}, allowNone: true},
		{name: "negated none", in: "!none", allowed: all},
		{name: "negated sasl", in: "!scram-sha-256,!oauth", allowed: []string{"password", "md5", "gss", "sspi"}, allowNone: true},
		{name: "gss leaves sspi off", in: "gss", allowed: []string{"gss"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := &Config{RequireAuth: tc.in}
			p := c.AuthPolicy()
			want := map[string]bool{}
			for _, m := range all {
				want[m] = false
			}
			for _, m := range tc.allowed {
				want[m] = true
			}
			if !reflect.DeepEqual(p.Allowed, want) || p.AllowNone != tc.allowNone {
				t.Errorf("AuthPolicy(%q) = %v none=%v, want %v none=%v", tc.in, p.Allowed, p.AllowNone, want, tc.allowNone)
			}
		})
	}
}

func TestConnectTimeoutAndKeepAlive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		in         string
		timeout    time.Duration
		timeoutErr string
		ka         KeepAliveSettings
		kaErr      string
	}{
		{name: "unset", in: "", ka: KeepAliveSettings{Enabled: true, Idle: -1, Interval: -1, Count: -1, UserTimeout: -1}},
		{name: "timeout 10", in: "connect_timeout=10", timeout: 10 * time.Second},
		{name: "timeout 1 is 2", in: "connect_timeout=1", timeout: 2 * time.Second},
		{name: "timeout negative is none", in: "connect_timeout=-5", timeout: 0},
		{name: "timeout with spaces", in: "connect_timeout=' 3 '", timeout: 3 * time.Second},
		{name: "timeout garbage", in: "connect_timeout=x", timeoutErr: `invalid integer value "x" for connection option "connect_timeout"`},
		{name: "timeout empty", in: "connect_timeout=''", timeoutErr: `invalid integer value "" for connection option "connect_timeout"`},
		{
			name: "keepalive values",
			in:   "keepalives_idle=30 keepalives_interval=5 keepalives_count=3 tcp_user_timeout=1500",
			ka:   KeepAliveSettings{Enabled: true, Idle: 30 * time.Second, Interval: 5 * time.Second, Count: 3, UserTimeout: 1500 * time.Millisecond},
		},
		{name: "negative is zero", in: "keepalives_idle=-5", ka: KeepAliveSettings{Enabled: true, Idle: 0, Interval: -1, Count: -1, UserTimeout: -1}},
		{name: "keepalives off skips the rest", in: "keepalives=0 keepalives_idle=x tcp_user_timeout=y", ka: KeepAliveSettings{Enabled: false, Idle: -1, Interval: -1, Count: -1, UserTimeout: -1}},
		{name: "keepalives garbage", in: "keepalives=x", kaErr: `invalid integer value "x" for connection option "keepalives"`},
		{name: "idle checked before count", in: "keepalives_count=x keepalives_idle=y", kaErr: `invalid integer value "y" for connection option "keepalives_idle"`},
		{name: "count checked before user timeout", in: "keepalives_count=x tcp_user_timeout=y", kaErr: `invalid integer value "x" for connection option "keepalives_count"`},
		{name: "count overflow", in: "keepalives_count=9999999999", kaErr: `invalid integer value "9999999999" for connection option "keepalives_count"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			if err != nil {
				t.Fatal(err)
			}
			if tc.timeoutErr != "" {
				if c.ConnectTimeoutErr == nil || c.ConnectTimeoutErr.Error() != tc.timeoutErr {
					t.Errorf("ConnectTimeoutErr = %v, want %q", c.ConnectTimeoutErr, tc.timeoutErr)
				}
			} else if c.ConnectTimeoutErr != nil || c.ConnectTimeout != tc.timeout {
				t.Errorf("ConnectTimeout = %v, %v; want %v", c.ConnectTimeout, c.ConnectTimeoutErr, tc.timeout)
			}
			if tc.kaErr != "" {
				if c.KeepAliveErr == nil || c.KeepAliveErr.Error() != tc.kaErr {
					t.Errorf("KeepAliveErr = %v, want %q", c.KeepAliveErr, tc.kaErr)
				}
			} else if tc.ka != (KeepAliveSettings{}) && (c.KeepAliveErr != nil || c.KeepAlive != tc.ka) {
				t.Errorf("KeepAlive = %+v, %v; want %+v", c.KeepAlive, c.KeepAliveErr, tc.ka)
			}
		})
	}
}

func TestEnvironment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		vars    map[string]string
		in      string
		want    map[string]string
		wantErr string
	}{
		{
			name: "variables fill unset keywords",
			vars: map[string]string{"PGHOST": "envhost", "PGPORT": "6000", "PGUSER": "envuser", "PGDATABASE": "envdb",
				"PGAPPNAME": "envapp", "PGOPTIONS": "-c x=y", "PGSSLMODE": "require", "PGCONNECT_TIMEOUT": "7",
				"PGTARGETSESSIONATTRS": "read-write", "PGPASSWORD": "envpw", "PGPASSFILE": "/pf", "PGCLIENTENCODING": "LATIN1"},
			want: map[string]string{"host": "envhost", "port": "6000", "user": "envuser", "dbname": "envdb",
				"application_name": "envapp", "options": "-c x=y", "sslmode": "require", "connect_timeout": "7s",
				"target_session_attrs": "read-write", "password": "envpw", "passfile": "/pf", "client_encoding": "LATIN1"},
		},
		{
			name: "keywords win over variables",
			vars: map[string]string{"PGHOST": "envhost", "PGPORT": "6000", "PGUSER": "envuser"},
			in:   "host=kwhost user=kwuser",
			want: map[string]string{"host": "kwhost", "port": "6000", "user": "kwuser", "dbname": "kwuser"},
		},
		{
			name: "an empty keyword value still hides the variable",
			vars: map[string]string{"PGHOST": "/envhost", "PGUSER": "envuser"},
			in:   "host='' user=''",
			want: map[string]string{"host": "/var/run/postgresql", "user": "osuser"},
		},
		{
			name: "empty variable counts as set",
			vars: map[string]string{"PGPORT": "", "PGHOST": ""},
			want: map[string]string{"host": "/var/run/postgresql", "port": "5432"},
		},
		{name: "empty PGSSLMODE is invalid", vars: map[string]string{"PGSSLMODE": ""}, wantErr: `invalid sslmode value: ""`},
		{name: "PGREQUIRESSL=1", vars: map[string]string{"PGREQUIRESSL": "1"}, want: map[string]string{"sslmode": "require"}},
		{name: "PGREQUIRESSL=0 is ignored", vars: map[string]string{"PGREQUIRESSL": "0"}, want: map[string]string{"sslmode": "prefer"}},
		{name: "PGSSLMODE beats PGREQUIRESSL", vars: map[string]string{"PGREQUIRESSL": "1", "PGSSLMODE": "y"}, wantErr: `invalid sslmode value: "y"`},
		{name: "keyword beats PGREQUIRESSL", vars: map[string]string{"PGREQUIRESSL": "1"}, in: "sslmode=disable", want: map[string]string{"sslmode": "disable"}},
		{name: "PGSSLROOTCERT=system", vars: map[string]string{"PGSSLROOTCERT": "system"}, want: map[string]string{"sslmode": "verify-full"}},
		{name: "PGSSLSNI=0", vars: map[string]string{"PGSSLSNI": "0"}, want: map[string]string{"sslsni": "false"}},
		{name: "sslsni only looks at the first character", in: "sslsni=true", want: map[string]string{"sslsni": "false"}},
		{name: "PGGSSENCMODE", vars: map[string]string{"PGGSSENCMODE": "bad"}, wantErr: `invalid gssencmode value: "bad"`},
		{name: "PGMAXPROTOCOLVERSION", vars: map[string]string{"PGMAXPROTOCOLVERSION": "3.2"}, want: map[string]string{"max_protocol_version": "3.2"}},
		{name: "PGHOSTADDR", vars: map[string]string{"PGHOSTADDR": "10.1.1.1"}, want: map[string]string{"hostaddr": "10.1.1.1", "host": ""}},
		{name: "client_encoding auto from LC_ALL", vars: map[string]string{"LC_ALL": "en_US.UTF-8", "LANG": "C"}, in: "client_encoding=auto", want: map[string]string{"client_encoding": "UTF8"}},
		{name: "client_encoding auto from LC_CTYPE", vars: map[string]string{"LC_CTYPE": "de_DE.iso88591"}, in: "client_encoding=auto", want: map[string]string{"client_encoding": "LATIN1"}},
		{name: "client_encoding auto from LANG C", vars: map[string]string{"LANG": "C"}, in: "client_encoding=auto", want: map[string]string{"client_encoding": "SQL_ASCII"}},
		{name: "client_encoding auto C.UTF-8", vars: map[string]string{"LANG": "C.UTF-8"}, in: "client_encoding=auto", want: map[string]string{"client_encoding": "UTF8"}},
		{name: "client_encoding auto without locale", in: "client_encoding=auto", want: map[string]string{"client_encoding": "SQL_ASCII"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, _ := cfgtEnv(tc.vars, nil)
			c, err := ParseConnString(tc.in, env)
			cfgtCheck(t, c, err, tc.want, tc.wantErr)
		})
	}
}

func TestParseConfigExpansion(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		params  []Param
		vars    map[string]string
		want    map[string]string
		wantErr string
	}{
		{
			name:   "psql order: dbname string overrides -h and -U",
			params: []Param{{"host", "/h1"}, {"port", ""}, {"user", "u1"}, {"password", ""}, {"dbname", "host=/h2 user=u2"}, {"fallback_application_name", "psql"}},
			want:   map[string]string{"host": "/h2", "user": "u2", "dbname": "u2", "fallback_application_name": "psql"},
		},
		{
			name:   "earlier params survive when the string does not set them",
			params: []Param{{"host", "/h1"}, {"port", "7"}, {"dbname", "user=u2"}},
			want:   map[string]string{"host": "/h1", "port": "7", "user": "u2"},
		},
		{
			name:   "later params override the string",
			params: []Param{{"dbname", "host=/h2 fallback_application_name=fb"}, {"fallback_application_name", "psql"}, {"host", "/h3"}},
			want:   map[string]string{"host": "/h3", "fallback_application_name": "psql"},
		},
		{
			name:   "URI in dbname",
			params: []Param{{"port", "8"}, {"dbname", "postgresql:///db?port=7&host=/s"}},
			want:   map[string]string{"host": "/s", "port": "7", "dbname": "db"},
		},
		{
			name:   "plain dbname",
			params: []Param{{"dbname", "mydb"}},
			want:   map[string]string{"dbname": "mydb"},
		},
		{
			name:   "only the first dbname is expanded",
			params: []Param{{"dbname", "d1"}, {"dbname", "host=/x"}},
			want:   map[string]string{"dbname": "host=/x", "host": "/var/run/postgresql"},
		},
		{
			name:   "empty dbname is skipped for expansion",
			params: []Param{{"dbname", ""}, {"dbname", "host=/x"}},
			want:   map[string]string{"host": "/x"},
		},
		{
			name:   "the string does not leave dbname set to itself",
			params: []Param{{"dbname", "user=u9"}},
			vars:   map[string]string{"PGDATABASE": "envdb"},
			want:   map[string]string{"dbname": "envdb", "user": "u9"},
		},
		{
			name:   "empty values are ignored",
			params: []Param{{"host", ""}, {"user", ""}},
			vars:   map[string]string{"PGHOST": "/envhost"},
			want:   map[string]string{"host": "/envhost", "user": "osuser"},
		},
		{name: "unknown keyword", params: []Param{{"foo", "1"}}, wantErr: `invalid connection option "foo"`},
		{name: "unknown keyword with empty value is ignored", params: []Param{{"foo", ""}}, want: map[string]string{"user": "osuser"}},
		{name: "requiressl is not a parameter keyword", params: []Param{{"requiressl", "1"}}, wantErr: `invalid connection option "requiressl"`},
		{name: "bad expanded string", params: []Param{{"host", "/h"}, {"dbname", "host='x"}}, wantErr: "unterminated quoted string in connection info string"},
		{name: "expanded string error wins over earlier bad keyword", params: []Param{{"foo", "1"}, {"dbname", "bar=2"}}, wantErr: `invalid connection option "bar"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, _ := cfgtEnv(tc.vars, nil)
			c, err := ParseConfig(tc.params, env)
			cfgtCheck(t, c, err, tc.want, tc.wantErr)
		})
	}
}

func TestStringRedactsSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		secrets []string
		shows   []string
	}{
		{name: "password", in: "password=hunter2 user=bob", secrets: []string{"hunter2"}, shows: []string{"password=********", "user=bob"}},
		{name: "URI password", in: "postgresql://bob:s3cr%65t@h/db", secrets: []string{"s3cret", "s3cr%65t"}, shows: []string{"password=********", "host=h"}},
		{name: "sslpassword and oauth secret", in: "sslpassword=keypass oauth_client_secret=zq9secret", secrets: []string{"keypass", "zq9secret"}, shows: []string{"sslpassword=********", "oauth_client_secret=********"}},
		{name: "scram keys", in: "scram_client_key=" + strings.Repeat("QUFB", 10) + "QUE=", secrets: []string{"QUFB"}, shows: []string{"scram_client_key=********"}},
		{name: "no password", in: "user=bob", secrets: []string{"********"}, shows: []string{"user=bob"}},
		{name: "quoting", in: "application_name='a b'", shows: []string{`application_name='a b'`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := ParseConnString(tc.in, cfgtNoEnv())
			if err != nil {
				t.Fatal(err)
			}
			s := c.String()
			for _, sec := range tc.secrets {
				if strings.Contains(s, sec) {
					t.Errorf("String() = %q contains %q", s, sec)
				}
			}
			for _, w := range tc.shows {
				if !strings.Contains(s, w) {
					t.Errorf("String() = %q lacks %q", s, w)
				}
			}
		})
	}
}

func TestStringParsesBack(t *testing.T) {
	t.Parallel()
	for _, in := range []string{
		`host=/s,db port=5,6 user='b o' dbname=x application_name='it\'s' sslmode=require connect_timeout=9 keepalives_idle=4`,
		`host=/s min_protocol_version=3.0`, // explicit, unlike the default 3.0: no fallback to 2.0
		`host=/s max_protocol_version=2.0`,
	} {
		stringParsesBack(t, in)
	}
}

func stringParsesBack(t *testing.T, in string) {
	t.Helper()
	c, err := ParseConnString(in, cfgtNoEnv())
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseConnString(c.String(), cfgtNoEnv())
	if err != nil {
		t.Fatalf("String() %q does not parse: %v", c.String(), err)
	}
	if !reflect.DeepEqual(c, d) {
		t.Errorf("round trip differs:\n%+v\n%+v", c, d)
	}
}

func TestCopyIsDeep(t *testing.T) {
	t.Parallel()
	c, err := ParseConnString("host=a,b scram_client_key="+strings.Repeat("QUFB", 10)+"QUE=", cfgtNoEnv())
	if err != nil {
		t.Fatal(err)
	}
	c.RuntimeParams = []Param{{"search_path", "x"}}
	d := c.Copy()
	if !reflect.DeepEqual(c, d) {
		t.Fatal("copy differs from original")
	}
	d.Hosts[0].Host = "changed"
	d.RuntimeParams[0].Value = "changed"
	d.SCRAMClientKey[0] = 'Z'
	if c.Hosts[0].Host != "a" || c.RuntimeParams[0].Value != "x" || c.SCRAMClientKey[0] != 'A' {
		t.Error("changing the copy changed the original")
	}
}

func TestParseIntLikeLibpq(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"12", 12, true}, {" 12 ", 12, true}, {"+3", 3, true}, {"-3", -3, true}, {"\t7\n", 7, true},
		{"", 0, false}, {" ", 0, false}, {"-", 0, false}, {"1x", 0, false}, {"0x10", 0, false}, {"1 2", 0, false},
		{"2147483647", 2147483647, true}, {"2147483648", 0, false}, {"-2147483648", -2147483648, true},
		{"-2147483649", 0, false}, {"99999999999999999999", 0, false},
	}
	for _, tc := range tests {
		t.Run(strconv.Quote(tc.in), func(t *testing.T) {
			t.Parallel()
			got, ok := cfgParseInt(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("cfgParseInt(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

// --- Differential test against psql 15 (libpq 15) -------------------------------------

// cfgtPsqlCase runs psql with args and the connection string conninfo, and our ParseConfig
// with the parameters psql builds from them (startup.c: host, port, user, password, dbname,
// fallback_application_name), in the same environment.
type cfgtPsqlCase struct {
	name     string
	args     []string // -h X, -p X, -U X
	conninfo string
	vars     map[string]string
	files    map[string]cfgtFile // relative to the case's temp dir; "$D" in vars and conninfo is that dir
	// kind: "error" = psql's error must equal our ParseConfig error; "port" = equal to the
	// first host's PortErr; "socket" = psql tried the socket our first host names;
	// "warn" = psql printed our LookupPassword warnings; "masked" = psql quotes the password
	// back, we deliberately do not: ours must equal masked and psql's must show the password.
	kind   string
	masked string
}

func cfgtPsqlCases() []cfgtPsqlCase {
	svc := "# comment\n  [s1]\nhost=$D/s1\nport=9\n[bad]\nport = 9\n[nested]\nservice=s1\n[unknown]\nfoo=bar\n" +
		"[noeq]\nhost\n[twice]\nhost=$D/first\n[twice]\nport=12\n[ldapbad]\nldapx://foo\n[ldapnodn]\nldap://h/\n" +
		"[ldapok]\nldap://127.0.0.1:1/dc=x?attr?one?(cn=x)\nhost=$D/after_ldap\n[ldapport]\nldap://h:99999/dn?a?one?(x)\n" +
		"[req]\nrequiressl=1\n[crlf]\r\nhost=$D/crlf\r\n"
	long := "[long]\nhost=/" + strings.Repeat("x", 1016) + "\n"
	files := map[string]cfgtFile{"svc.conf": {data: svc}}
	return []cfgtPsqlCase{
		{name: "unknown keyword", conninfo: "host=a foo=b", kind: "error"},
		{name: "empty keyword", conninfo: "=b", kind: "error"},
		{name: "missing equals", conninfo: "host=a port", kind: "error"},
		{name: "unterminated quote", conninfo: "host='abc", kind: "error"},
		{name: "escaped keyword", conninfo: `host=/x \'a`, kind: "error"},
		{name: "bad sslmode", conninfo: "host=/x sslmode=x", kind: "error"},
		{name: "empty sslmode", conninfo: "sslmode=''", kind: "error"},
		{name: "bad gssencmode", conninfo: "gssencmode=x", kind: "error"},
		{name: "bad channel_binding", conninfo: "channel_binding=x", kind: "error"},
		{name: "bad target_session_attrs", conninfo: "target_session_attrs=x", kind: "error"},
		{name: "bad ssl_min_protocol_version", conninfo: "ssl_min_protocol_version=x", kind: "error"},
		{name: "bad ssl_max_protocol_version", conninfo: "ssl_max_protocol_version=x", kind: "error"},
		{name: "bad TLS range", conninfo: "ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=tlsv1.2", kind: "error"},
		{name: "too many ports", conninfo: "host=/a,/b port=1,2,3", kind: "error"},
		{name: "too few ports", conninfo: "host=/a,/b,/c port=,", kind: "error"},
		{name: "host names vs hostaddrs", conninfo: "host=/a,/b hostaddr=1.2.3.4", kind: "error"},
		{name: "hostaddrs vs PGHOST", conninfo: "hostaddr=127.0.0.1,127.0.0.2", kind: "error"},
		{name: "port not a number", conninfo: "port=abc", kind: "port"},
		{name: "port out of range", conninfo: "port=70000", kind: "port"},
		{name: "port zero", conninfo: "port=0", kind: "port"},
		{name: "PGPORT not a number", vars: map[string]string{"PGPORT": "abc"}, kind: "port"},
		{name: "PGSSLMODE invalid", vars: map[string]string{"PGSSLMODE": "y"}, kind: "error"},
		{name: "PGSSLMODE empty", vars: map[string]string{"PGSSLMODE": ""}, kind: "error"},
		{name: "PGSSLMODE beats PGREQUIRESSL", vars: map[string]string{"PGSSLMODE": "y", "PGREQUIRESSL": "1"}, kind: "error"},
		{name: "keyword sslmode beats PGREQUIRESSL", vars: map[string]string{"PGREQUIRESSL": "1"}, conninfo: "sslmode=x", kind: "error"},
		{name: "requiressl then sslmode", conninfo: "requiressl=1 sslmode=x", kind: "error"},
		{name: "URI unclosed IPv6", conninfo: "postgresql://[::1", kind: "error"},
		{name: "URI empty IPv6", conninfo: "postgresql://[]", kind: "error"},
		{name: "URI junk after IPv6", conninfo: "postgresql://u:pw@[::1]x/db", kind: "masked",
			masked: `unexpected character "x" at position 30 in URI (expected ":" or "/"): "postgresql://u:********@[::1]x/db"`},
		{name: "URI second host unclosed", conninfo: "postgresql://h,[::1/db", kind: "error"},
		{name: "URI unknown parameter", conninfo: "postgresql://h/db?foo=bar", kind: "error"},
		{name: "URI ssl=false", conninfo: "postgresql://h/db?ssl=false", kind: "error"},
		{name: "URI ssl=true", conninfo: "postgresql://h/db?ssl=true&sslmode=x", kind: "error"},
		{name: "URI parameter without equals", conninfo: "postgresql://h/db?foo", kind: "error"},
		{name: "URI empty parameter", conninfo: "postgresql://h?&port=1", kind: "error"},
		{name: "URI empty keyword", conninfo: "postgresql://h?=1", kind: "error"},
		{name: "URI extra equals", conninfo: "postgresql://h/db?foo=1=2", kind: "error"},
		{name: "URI bad escape in value", conninfo: "postgresql://h/db?port=%zz", kind: "error"},
		{name: "URI escaped NUL", conninfo: "postgresql://h/db?port=%00", kind: "error"},
		{name: "URI bad escape in host", conninfo: "postgresql://h%zzost/db", kind: "error"},
		{name: "URI bad escape in password", conninfo: "postgresql://u:p%zz@h/db", kind: "masked",
			masked: "invalid percent-encoded token in the password of a URI"},
		{name: "URI bad escape in user", conninfo: "postgresql://u%zz:p@h/db", kind: "error"},
		{name: "URI bad escape in dbname", conninfo: "postgresql://h/d%zzb", kind: "error"},
		{name: "URI bad escape in port", conninfo: "postgresql://h:1%zz/db", kind: "error"},
		{name: "URI bad escape in keyword", conninfo: "postgresql://h?x%zz=1", kind: "error"},
		{name: "URI ports vs hosts", conninfo: "postgresql://:1,:2/db?host=$D/x", kind: "error"},
		{name: "URI socket host", conninfo: "postgresql://%2Fnonexist:99/db", kind: "socket"},
		{name: "URI query host and port", conninfo: "postgresql://u:pw@/db?host=$D/q&port=77", kind: "socket"},
		{name: "URI empty", conninfo: "postgres://", kind: "socket"},
		{name: "keyword/value socket", conninfo: "host = $D/kv   port = 5", kind: "socket"},
		{name: "port with white space", conninfo: "host=$D port=' 12 '", kind: "socket"},
		{name: "dbname string beats -h", args: []string{"-h", "$D/h1"}, conninfo: "host=$D/h2", kind: "socket"},
		{name: "-h kept when string has no host", args: []string{"-h", "$D/h1"}, conninfo: "port=7", kind: "socket"},
		{name: "URI query beats -p", args: []string{"-p", "8"}, conninfo: "postgresql:///db?port=7&host=$D/u", kind: "socket"},
		{name: "PGHOST hidden by empty host", vars: map[string]string{"PGHOST": "$D/env"}, conninfo: "host='' port=3", kind: "socket"},
		{name: "PGPORT empty", vars: map[string]string{"PGPORT": ""}, conninfo: "host=$D", kind: "socket"},
		{name: "service", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=s1", files: files, kind: "socket"},
		{name: "service overridden by keyword", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=s1 host=$D/kw", files: files, kind: "socket"},
		{name: "service beats environment", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf", "PGPORT": "44"}, conninfo: "service=s1", files: files, kind: "socket"},
		{name: "PGSERVICE", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf", "PGSERVICE": "s1"}, conninfo: "dbname=x", files: files, kind: "socket"},
		{name: "service section twice", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=twice", files: files, kind: "socket"},
		{name: "service CRLF", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=crlf", files: files, kind: "socket"},
		{name: "service LDAP unreachable", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=ldapok", files: files, kind: "socket"},
		{name: "service syntax error", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=bad", files: files, kind: "error"},
		{name: "service nested", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=nested", files: files, kind: "error"},
		{name: "service unknown keyword", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=unknown", files: files, kind: "error"},
		{name: "service line without equals", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=noeq", files: files, kind: "error"},
		{name: "service requiressl", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=req", files: files, kind: "error"},
		{name: "service LDAP bad scheme", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=ldapbad", files: files, kind: "error"},
		{name: "service LDAP no dn", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=ldapnodn", files: files, kind: "error"},
		{name: "service LDAP bad port", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=ldapport", files: files, kind: "error"},
		{name: "service not found", vars: map[string]string{"PGSERVICEFILE": "$D/svc.conf"}, conninfo: "service=nope", files: files, kind: "error"},
		{name: "service file missing", vars: map[string]string{"PGSERVICEFILE": "$D/none.conf"}, conninfo: "service=s1", kind: "error"},
		{name: "system service file", vars: map[string]string{"PGSYSCONFDIR": "$D/etc"}, conninfo: "service=s1", files: map[string]cfgtFile{"etc/pg_service.conf": {data: svc}}, kind: "socket"},
		{name: "user service file first", vars: map[string]string{"PGSYSCONFDIR": "$D/etc"}, conninfo: "service=s1",
			files: map[string]cfgtFile{"etc/pg_service.conf": {data: svc}, "home/.pg_service.conf": {data: "[s1]\nhost=$D/user\n"}}, kind: "socket"},
		{name: "service line too long", vars: map[string]string{"PGSERVICEFILE": "$D/long.conf"}, conninfo: "service=long", files: map[string]cfgtFile{"long.conf": {data: long}}, kind: "error"},
		{name: "passfile with group access", vars: map[string]string{"PGPASSFILE": "$D/pp"}, conninfo: "host=$D/a,$D/b",
			files: map[string]cfgtFile{"pp": {data: "*:*:*:*:x\n", mode: 0o640}}, kind: "warn"},
		{name: "passfile not a file", vars: map[string]string{"PGPASSFILE": "$D/ppdir"}, files: map[string]cfgtFile{"ppdir/x": {data: ""}}, kind: "warn"},
	}
}

func TestPsqlDifferential(t *testing.T) {
	psql := "/usr/bin/psql"
	if _, err := os.Stat(psql); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("psql (the oracle) is missing: %v", err)
		}
		t.Skipf("psql not installed: %v", err)
	}
	socketRE := regexp.MustCompile(`^connection to server on socket "(.*)/\.s\.PGSQL\.(\d+)" failed`)
	for _, tc := range cfgtPsqlCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			sub := func(s string) string { return strings.ReplaceAll(s, "$D", dir) }
			if err := os.Mkdir(filepath.Join(dir, "home"), 0o700); err != nil {
				t.Fatal(err)
			}
			for name, f := range tc.files {
				p := filepath.Join(dir, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
					t.Fatal(err)
				}
				mode := f.mode
				if mode == 0 {
					mode = 0o600
				}
				if err := os.WriteFile(p, []byte(sub(f.data)), mode); err != nil {
					t.Fatal(err)
				}
				if err := os.Chmod(p, mode); err != nil {
					t.Fatal(err)
				}
			}
			// psql sees: no home files, a PGHOST that keeps Debian's pg_wrapper from picking a
			// cluster, and no server anywhere.
			vars := map[string]string{
				"HOME": filepath.Join(dir, "home"), "PGHOST": filepath.Join(dir, "nosock"),
				"PGSYSCONFDIR": filepath.Join(dir, "nosysconf"), "LC_ALL": "C", "PATH": os.Getenv("PATH"),
			}
			for k, v := range tc.vars {
				vars[k] = sub(v)
			}
			var environ []string
			for k, v := range vars {
				environ = append(environ, k+"="+v)
			}
			args := []string{"-X", "-w"}
			var params []Param
			for i := 0; i+1 < len(tc.args); i += 2 {
				v := sub(tc.args[i+1])
				args = append(args, tc.args[i], v)
				kw := map[string]string{"-h": "host", "-p": "port", "-U": "user"}[tc.args[i]]
				params = append(params, Param{kw, v})
			}
			conninfo := sub(tc.conninfo)
			args = append(args, "-d", conninfo, "-c", "select 1")
			params = append(params, Param{"dbname", conninfo}, Param{"fallback_application_name", "psql"})

			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, psql, args...)
			cmd.Env = environ
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Run(); err == nil {
				t.Fatalf("psql succeeded; stderr %q", stderr.String())
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			var warnings []string
			for len(lines) > 0 && strings.HasPrefix(lines[0], "WARNING: ") {
				warnings, lines = append(warnings, lines[0]), lines[1:]
			}
			if len(lines) == 0 || !strings.HasPrefix(lines[0], "psql: error: ") {
				t.Fatalf("unexpected psql stderr %q", stderr.String())
			}
			psqlErr := strings.TrimPrefix(strings.Join(lines, "\n"), "psql: error: ")

			env := OSEnv()
			env.LookupEnv = func(k string) (string, bool) { v, ok := vars[k]; return v, ok }
			env.HomeDir = vars["HOME"]
			var ourWarnings []string
			env.Warn = func(msg string) { ourWarnings = append(ourWarnings, msg) }
			cfg, err := ParseConfig(params, env)

			switch tc.kind {
			case "masked":
				if err == nil || err.Error() != tc.masked {
					t.Fatalf("error = %v, want %q", err, tc.masked)
				}
				if !strings.Contains(psqlErr, "pw@") && !strings.Contains(psqlErr, "p%zz") {
					t.Fatalf("psql no longer shows the password (%q): drop the masking", psqlErr)
				}
			case "error":
				if err == nil {
					t.Fatalf("ParseConfig succeeded; psql says %q", psqlErr)
				}
				if err.Error() != psqlErr {
					t.Fatalf("error differs\n ours: %q\n psql: %q", err.Error(), psqlErr)
				}
			case "port":
				if err != nil {
					t.Fatalf("ParseConfig: %v; psql says %q", err, psqlErr)
				}
				if pe := cfg.Hosts[0].PortErr; pe == nil || pe.Error() != psqlErr {
					t.Fatalf("PortErr %v, psql says %q", pe, psqlErr)
				}
			case "socket":
				if err != nil {
					t.Fatalf("ParseConfig: %v; psql says %q", err, psqlErr)
				}
				m := socketRE.FindStringSubmatch(psqlErr)
				if m == nil {
					t.Fatalf("psql did not try a socket: %q", psqlErr)
				}
				h := cfg.Hosts[0]
				if !h.IsSocket || h.Host != m[1] || strconv.Itoa(int(h.Port)) != m[2] {
					t.Fatalf("first host %+v, psql tried %s port %s", h, m[1], m[2])
				}
			case "warn":
				if err != nil {
					t.Fatalf("ParseConfig: %v", err)
				}
				for _, h := range cfg.Hosts {
					LookupPassword(env, cfg.PassFile, h, cfg.Database, cfg.User)
				}
				if len(warnings) == 0 || !reflect.DeepEqual(ourWarnings, warnings) {
					t.Fatalf("warnings differ\n ours: %q\n psql: %q", ourWarnings, warnings)
				}
			default:
				t.Fatalf("bad kind %q", tc.kind)
			}
		})
	}
}
