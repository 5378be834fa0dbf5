package proto

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
)

const svctFile = `# a comment
  [mydb]
host=somehost
port=5433
user=admin

[other]
  host=otherhost  
dbname = spaced
[ws]
host= lead
[nested]
service=mydb
[unknown]
foo=bar
[noeq]
just text
[twice]
host=first
[twice]
port=12
[req]
requiressl=1
[sf]
servicefile=/x
[ldapbad]
ldapx://foo
[ldapok]
ldap://ldap.example.com/dc=x?attr?one?(cn=x)
host=afterldap
[ldapport]
ldap://h:99999/dn?a?one?(x)
[ldapattrs]
ldap://h/dn?a,b?one?(x)
[ldapscope]
ldap://h/dn?a?bad?(x)
[ldapfilter]
ldap://h/dn?a?one
[ldapnoattr]
ldap://h/dn
[upperldap]
LDAP://h/dn?a?one?(x)
[empty]
host=
[]
host=emptyname
[prefix] trailing text
host=prefixed
[mydbx]
host=wrong
`

func TestServiceFile(t *testing.T) {
	t.Parallel()
	const file = "/etc/svc.conf"
	tests := []struct {
		name    string
		service string
		preset  cfgValues
		want    cfgValues
		found   bool
		wantErr string
	}{
		{name: "section", service: "mydb", want: cfgValues{"host": "somehost", "port": "5433", "user": "admin"}, found: true},
		{name: "explicit settings win", service: "mydb", preset: cfgValues{"port": "5434"}, want: cfgValues{"host": "somehost", "port": "5434", "user": "admin"}, found: true},
		{name: "section stops at the next one", service: "twice", want: cfgValues{"host": "first"}, found: true},
		{name: "value keeps leading space", service: "ws", want: cfgValues{"host": " lead"}, found: true},
		{name: "empty value", service: "empty", want: cfgValues{"host": ""}, found: true},
		{name: "empty service name", service: "", want: cfgValues{"host": "emptyname"}, found: true},
		{name: "text after the bracket is ignored", service: "prefix", want: cfgValues{"host": "prefixed"}, found: true},
		{name: "missing section", service: "nope", want: cfgValues{}, found: false},
		{name: "name is not a prefix match", service: "mydbxx", want: cfgValues{}, found: false},
		{name: "LDAP line skipped", service: "ldapok", want: cfgValues{"host": "afterldap"}, found: true},
		{name: "spaces around equals", service: "other", wantErr: `syntax error in service file "/etc/svc.conf", line 9`},
		{name: "nested service", service: "nested", wantErr: `nested service specifications not supported in service file "/etc/svc.conf", line 13`},
		{name: "unknown keyword", service: "unknown", wantErr: `syntax error in service file "/etc/svc.conf", line 15`},
		{name: "no equals", service: "noeq", wantErr: `syntax error in service file "/etc/svc.conf", line 17`},
		{name: "requiressl is not allowed", service: "req", wantErr: `syntax error in service file "/etc/svc.conf", line 23`},
		{name: "servicefile is not allowed", service: "sf", wantErr: `syntax error in service file "/etc/svc.conf", line 25`},
		{name: "LDAP scheme", service: "ldapbad", wantErr: `invalid LDAP URL "ldapx://foo": scheme must be ldap://`},
		{name: "LDAP port", service: "ldapport", wantErr: `invalid LDAP URL "ldap://h:99999/dn?a?one?(x)": invalid port number`},
		{name: "LDAP two attributes", service: "ldapattrs", wantErr: `invalid LDAP URL "ldap://h/dn?a,b?one?(x)": must have exactly one attribute`},
		{name: "LDAP scope", service: "ldapscope", wantErr: `invalid LDAP URL "ldap://h/dn?a?bad?(x)": must have search scope (base/one/sub)`},
		{name: "LDAP filter", service: "ldapfilter", wantErr: `invalid LDAP URL "ldap://h/dn?a?one": no filter`},
		{name: "LDAP attribute", service: "ldapnoattr", wantErr: `invalid LDAP URL "ldap://h/dn": must have exactly one attribute`},
		{name: "upper-case LDAP is a plain line", service: "upperldap", wantErr: `syntax error in service file "/etc/svc.conf", line 42`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			vals := cfgValues{}
			for k, v := range tc.preset {
				vals[k] = v
			}
			found, err := svcParse([]byte(svctFile), file, tc.service, vals)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("error %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if found != tc.found || !reflect.DeepEqual(vals, tc.want) {
				t.Errorf("found %v, values %v; want %v, %v", found, vals, tc.found, tc.want)
			}
		})
	}
}

func TestServiceFileLongLines(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		data    string
		wantErr string
	}{
		{name: "1022 bytes with newline", data: "[s]\nhost=" + strings.Repeat("x", 1016) + "\n"},
		{name: "1023 bytes with newline", data: "[s]\nhost=" + strings.Repeat("x", 1017) + "\n", wantErr: `line 2 too long in service file "f"`},
		{name: "1022 bytes at end of file", data: "[s]\nhost=" + strings.Repeat("x", 1017)},
		{name: "long line in another section", data: "[t]\nhost=" + strings.Repeat("x", 2000) + "\n[s]\nhost=a\n", wantErr: `line 2 too long in service file "f"`},
		{name: "long line after the section is not read", data: "[s]\nhost=a\n[t]\nhost=" + strings.Repeat("x", 2000) + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := svcParse([]byte(tc.data), "f", "s", cfgValues{})
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.wantErr {
				t.Errorf("error %q, want %q", got, tc.wantErr)
			}
		})
	}
}

func TestServiceLookup(t *testing.T) {
	t.Parallel()
	user := cfgtFile{data: "[s]\nhost=/user\n"}
	sys := cfgtFile{data: "[s]\nhost=/sys\nport=7\n[t]\nhost=/syst\n"}
	tests := []struct {
		name    string
		vars    map[string]string
		files   map[string]cfgtFile
		in      string
		want    map[string]string
		wantErr string
	}{
		{name: "PGSERVICEFILE", vars: map[string]string{"PGSERVICEFILE": "/f"}, files: map[string]cfgtFile{"/f": user}, in: "service=s", want: map[string]string{"host": "/user", "service": "s"}},
		{name: "PGSERVICE", vars: map[string]string{"PGSERVICEFILE": "/f", "PGSERVICE": "s"}, files: map[string]cfgtFile{"/f": user}, want: map[string]string{"host": "/user", "service": "s"}},
		{name: "servicefile keyword beats PGSERVICEFILE", vars: map[string]string{"PGSERVICEFILE": "/f"}, files: map[string]cfgtFile{"/g": sys}, in: "service=s servicefile=/g", want: map[string]string{"host": "/sys"}},
		{name: "home file", files: map[string]cfgtFile{"/home/u/.pg_service.conf": user}, in: "service=s", want: map[string]string{"host": "/user"}},
		{name: "user file hides the system file", files: map[string]cfgtFile{"/home/u/.pg_service.conf": user, "/etc/postgresql-common/pg_service.conf": sys}, in: "service=s", want: map[string]string{"host": "/user", "port": "5432"}},
		{name: "system file when not in the user file", files: map[string]cfgtFile{"/home/u/.pg_service.conf": user, "/etc/postgresql-common/pg_service.conf": sys}, in: "service=t", want: map[string]string{"host": "/syst"}},
		{name: "PGSYSCONFDIR", vars: map[string]string{"PGSYSCONFDIR": "/conf"}, files: map[string]cfgtFile{"/conf/pg_service.conf": sys}, in: "service=s", want: map[string]string{"host": "/sys", "port": "7"}},
		{name: "service beats environment", vars: map[string]string{"PGSYSCONFDIR": "/conf", "PGPORT": "9"}, files: map[string]cfgtFile{"/conf/pg_service.conf": sys}, in: "service=s", want: map[string]string{"port": "7"}},
		{name: "keyword beats service", vars: map[string]string{"PGSYSCONFDIR": "/conf"}, files: map[string]cfgtFile{"/conf/pg_service.conf": sys}, in: "service=s port=8", want: map[string]string{"port": "8"}},
		{name: "environment fills the rest", vars: map[string]string{"PGSYSCONFDIR": "/conf", "PGUSER": "envu"}, files: map[string]cfgtFile{"/conf/pg_service.conf": sys}, in: "service=s", want: map[string]string{"user": "envu"}},
		{name: "directory as PGSERVICEFILE reads as empty", vars: map[string]string{"PGSERVICEFILE": "/d"}, files: map[string]cfgtFile{"/d": {mode: fs.ModeDir | 0o755}}, in: "service=s", wantErr: `definition of service "s" not found`},
		{name: "missing PGSERVICEFILE", vars: map[string]string{"PGSERVICEFILE": "/nofile"}, in: "service=s", wantErr: `service file "/nofile" not found`},
		{name: "not found anywhere", in: "service=s", wantErr: `definition of service "s" not found`},
		{name: "empty service name", in: "service=''", wantErr: `definition of service "" not found`},
		{name: "error in the file", vars: map[string]string{"PGSERVICEFILE": "/f"}, files: map[string]cfgtFile{"/f": {data: "[s]\nbad\n"}}, in: "service=s", wantErr: `syntax error in service file "/f", line 2`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			env, _ := cfgtEnv(tc.vars, tc.files)
			c, err := ParseConnString(tc.in, env)
			cfgtCheck(t, c, err, tc.want, tc.wantErr)
		})
	}
}

// FuzzServiceFile checks that no service file contents make the parser panic, that every
// failure is a *ConfigError, and that settings given beforehand are never overwritten.
func FuzzServiceFile(f *testing.F) {
	f.Add([]byte(svctFile), "mydb")
	f.Add([]byte("[s]\r\nhost=x\x00y\n\n[s\n]\nldap://h:1/d?a?sub?f\n"), "s")
	f.Add([]byte("[s]\nhost="+strings.Repeat("y", 1100)), "s")
	f.Add([]byte("["), "")
	f.Fuzz(func(t *testing.T, data []byte, service string) {
		vals := cfgValues{"host": "preset", "port": "1"}
		_, err := svcParse(data, "f", service, vals)
		if err != nil {
			if _, ok := err.(*ConfigError); !ok || err.Error() == "" {
				t.Fatalf("error %T %q", err, err)
			}
		}
		if vals["host"] != "preset" || vals["port"] != "1" {
			t.Fatalf("preset values overwritten: %v", vals)
		}
		for k := range vals {
			if !cfgIsKeyword(k) {
				t.Fatalf("unknown keyword %q stored", k)
			}
		}
	})
}
