package proto

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

func TestLookupPassword(t *testing.T) {
	t.Parallel()
	tcp := Host{Host: "db.example.com", Port: 5432}
	tests := []struct {
		name   string
		file   string
		host   Host
		db     string
		user   string
		want   string
		wantOK bool
	}{
		{name: "exact match", file: "db.example.com:5432:mydb:bob:pw1\n", host: tcp, db: "mydb", user: "bob", want: "pw1", wantOK: true},
		{name: "no match", file: "other:5432:mydb:bob:pw1\n", host: tcp, db: "mydb", user: "bob"},
		{name: "wildcards", file: "*:*:*:*:any\n", host: tcp, db: "mydb", user: "bob", want: "any", wantOK: true},
		{name: "first matching line wins", file: "*:*:*:bob:first\ndb.example.com:5432:mydb:bob:second\n", host: tcp, db: "mydb", user: "bob", want: "first", wantOK: true},
		{name: "more specific line first", file: "db.example.com:5432:mydb:bob:second\n*:*:*:bob:first\n", host: tcp, db: "mydb", user: "bob", want: "second", wantOK: true},
		{name: "comments and blank lines", file: "# *:*:*:*:commented\n\n\r\n*:*:*:*:real\n", host: tcp, db: "d", user: "u", want: "real", wantOK: true},
		{name: "comment only with leading hash", file: " #*:*:*:*:x\n", host: tcp, db: "d", user: "u"},
		{name: "no trailing newline", file: "*:*:*:*:last", host: tcp, db: "d", user: "u", want: "last", wantOK: true},
		{name: "CRLF", file: "*:*:*:*:pw\r\n", host: tcp, db: "d", user: "u", want: "pw", wantOK: true},
		{name: "escaped colon and backslash in fields", file: `h\:x:5432:d\\b:u:pw` + "\n", host: Host{Host: "h:x"}, db: `d\b`, user: "u", want: "pw", wantOK: true},
		{name: "escaped characters in password", file: `*:*:*:*:a\:b\\c\d:ignored` + "\n", host: tcp, db: "d", user: "u", want: `a:b\cd`, wantOK: true},
		{name: "trailing backslash in password", file: `*:*:*:*:ab\`, host: tcp, db: "d", user: "u", want: `ab\`, wantOK: true},
		{name: "empty password", file: "*:*:*:*:\n", host: tcp, db: "d", user: "u", want: "", wantOK: true},
		{name: "star must be the whole field", file: "db*:*:*:*:x\n", host: tcp, db: "d", user: "u"},
		{name: "escaped star is literal", file: `\*:*:*:*:x` + "\n", host: Host{Host: "*"}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "prefix of the host does not match", file: "db:*:*:*:x\n", host: tcp, db: "d", user: "u"},
		{name: "missing password field", file: "*:*:*:u\n", host: tcp, db: "d", user: "u"},
		{name: "port is matched as text", file: "*:05432:*:*:x\n", host: Host{Host: "h", Port: 5432, PortText: "05432"}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "default port text is 5432", file: "*:5432:*:*:x\n", host: Host{Host: "h"}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "port text differs from number", file: "*:5432:*:*:x\n", host: Host{Host: "h", Port: 5432, PortText: " 5432"}, db: "d", user: "u"},
		{name: "default socket directory is localhost", file: "localhost:*:*:*:x\n", host: Host{Host: "/var/run/postgresql", IsSocket: true, Defaulted: true}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "explicit default socket directory is localhost", file: "localhost:*:*:*:x\n", host: Host{Host: "/var/run/postgresql", IsSocket: true}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "other socket directory is not localhost", file: "localhost:*:*:*:x\n", host: Host{Host: "/tmp", IsSocket: true}, db: "d", user: "u"},
		{name: "socket directory matched by path", file: "/tmp:*:*:*:x\n", host: Host{Host: "/tmp", IsSocket: true}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "hostaddr when no host name", file: "10.0.0.1:*:*:*:x\n", host: Host{HostAddr: "10.0.0.1"}, db: "d", user: "u", want: "x", wantOK: true},
		{name: "host name wins over hostaddr", file: "10.0.0.1:*:*:*:x\n", host: Host{Host: "db", HostAddr: "10.0.0.1"}, db: "d", user: "u"},
		{name: "empty database", file: "*:*:*:*:x\n", host: tcp, db: "", user: "u"},
		{name: "empty user", file: "*:*:*:*:x\n", host: tcp, db: "d", user: ""},
		{name: "case matters", file: "DB.example.com:*:*:*:x\n", host: tcp, db: "d", user: "u"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, warns := cfgtEnv(nil, map[string]cfgtFile{"/pp": {data: tc.file}})
			got, ok := LookupPassword(env, "/pp", tc.host, tc.db, tc.user)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("LookupPassword = %q, %v; want %q, %v", got, ok, tc.want, tc.wantOK)
			}
			if len(*warns) != 0 {
				t.Errorf("unexpected warnings %q", *warns)
			}
		})
	}
}

func TestLookupPasswordFileChecks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		file  cfgtFile
		path  string
		want  string
		warns []string
	}{
		{name: "mode 0600", file: cfgtFile{data: "*:*:*:*:pw", mode: 0o600}, path: "/pp", want: "pw"},
		{name: "mode 0400", file: cfgtFile{data: "*:*:*:*:pw", mode: 0o400}, path: "/pp", want: "pw"},
		{
			name: "group readable", file: cfgtFile{data: "*:*:*:*:pw", mode: 0o640}, path: "/pp",
			warns: []string{`WARNING: password file "/pp" has group or world access; permissions should be u=rw (0600) or less`},
		},
		{
			name: "world executable", file: cfgtFile{data: "*:*:*:*:pw", mode: 0o601}, path: "/pp",
			warns: []string{`WARNING: password file "/pp" has group or world access; permissions should be u=rw (0600) or less`},
		},
		{
			name: "directory", file: cfgtFile{mode: fs.ModeDir | 0o700}, path: "/pp",
			warns: []string{`WARNING: password file "/pp" is not a plain file`},
		},
		{name: "missing file is silent", file: cfgtFile{data: "*:*:*:*:pw"}, path: "/other"},
		{name: "empty path is silent", file: cfgtFile{data: "*:*:*:*:pw"}, path: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, warns := cfgtEnv(nil, map[string]cfgtFile{"/pp": tc.file})
			got, _ := LookupPassword(env, tc.path, Host{Host: "h"}, "d", "u")
			if got != tc.want {
				t.Errorf("password %q, want %q", got, tc.want)
			}
			if !reflect.DeepEqual(*warns, tc.warns) {
				t.Errorf("warnings %q, want %q", *warns, tc.warns)
			}
		})
	}
}

// FuzzPassfile checks that no password file contents make the matcher panic, and that a line
// naming the keys with every ':' and '\' escaped, put first, always yields its password.
func FuzzPassfile(f *testing.F) {
	f.Add([]byte("*:*:*:*:pw\n"), "h", "5432", "db", "u", "pw")
	f.Add([]byte("# c\n\\*:5432:d\\:b:u:p\\:w\r\n"), "*", "5432", "d:b", "u", "p:w\\")
	f.Add([]byte("a\x00b:*:*:*:x\nh:1:2:3\n\\"), "a", "", "", "\\", "")
	esc := strings.NewReplacer(`\`, `\\`, `:`, `\:`)
	f.Fuzz(func(t *testing.T, data []byte, host, port, db, user, pw string) {
		_, _ = pgpassFind(data, host, port, db, user)
		for _, s := range []string{host, port, db, user, pw} {
			if strings.ContainsAny(s, "\x00\n\r") {
				return
			}
		}
		if host == "" || port == "" || db == "" || user == "" {
			return
		}
		line := esc.Replace(host) + ":" + esc.Replace(port) + ":" + esc.Replace(db) + ":" + esc.Replace(user) + ":" + esc.Replace(pw)
		if strings.HasPrefix(line, "#") {
			return
		}
		got, ok := pgpassFind(append([]byte(line+"\n"), data...), host, port, db, user)
		if !ok || got != pw {
			t.Fatalf("line %q: got %q, %v; want %q", line, got, ok, pw)
		}
	})
}
