package proto

import (
	"bytes"
	"strings"
)

// The connection service file (libpq-connect.txt §5), read as libpq 15's parseServiceInfo
// and parseServiceFile (fe-connect.c) read it.

// svcApply fills unset options from the service named by the service option or PGSERVICE.
// The per-user file is servicefile (libpq 18), else PGSERVICEFILE (which must exist), else
// ~/.pg_service.conf if it exists; if the service is not there, the system file
// $PGSYSCONFDIR/pg_service.conf (default /etc/postgresql-common) is tried.
func svcApply(vals cfgValues, env Env) error {
	service, ok := vals["service"]
	if !ok {
		service, ok = env.lookup("PGSERVICE")
	}
	if !ok {
		return nil
	}
	file, haveFile := vals["servicefile"]
	if !haveFile {
		file, haveFile = env.lookup("PGSERVICEFILE")
	}
	if !haveFile && env.HomeDir != "" {
		f := strings.TrimSuffix(env.HomeDir, "/") + "/.pg_service.conf"
		if _, err := env.stat(f); err == nil {
			file, haveFile = f, true
		}
	}
	found := false
	if haveFile {
		var err error
		found, err = svcParseFile(env, file, service, vals)
		if err != nil || found {
			return err
		}
	}
	dir, ok := env.lookup("PGSYSCONFDIR")
	if !ok {
		dir = cfgDefaultSysConf
	}
	sysFile := dir + "/pg_service.conf"
	if _, err := env.stat(sysFile); err == nil {
		var err error
		found, err = svcParseFile(env, sysFile, service, vals)
		if err != nil {
			return err
		}
	}
	if !found {
		return cfgErrorf("definition of service \"%s\" not found", service)
	}
	return nil
}

// svcParseFile reads one service file and sets, from the [service] section, the options not
// set yet. It reports whether the section was found.
func svcParseFile(env Env, file, service string, vals cfgValues) (bool, error) {
	data, err := env.readFile(file)
	if err != nil {
		// fopen succeeds on a directory, and reading it then yields no lines.
		if fi, serr := env.stat(file); serr != nil || !fi.IsDir() {
			return false, cfgErrorf("service file \"%s\" not found", file)
		}
		data = nil
	}
	return svcParse(data, file, service, vals)
}

// svcLineMax is the size of parseServiceFile's fgets buffer; a line (with its newline) of
// svcLineMax-1 bytes or more is an error.
const svcLineMax = 1024

// svcParse parses service file contents; file is only used in messages.
func svcParse(data []byte, file, service string, vals cfgValues) (bool, error) {
	found := false
	linenr := 0
	for len(data) > 0 {
		// One fgets call: up to and including '\n', at most svcLineMax-1 bytes.
		n := 0
		for n < len(data) && n < svcLineMax-1 {
			n++
			if data[n-1] == '\n' {
				break
			}
		}
		chunk := data[:n]
		data = data[n:]
		linenr++
		if i := bytes.IndexByte(chunk, 0); i >= 0 {
			chunk = chunk[:i]
		}
		if len(chunk) >= svcLineMax-1 {
			return found, cfgErrorf("line %d too long in service file \"%s\"", linenr, file)
		}
		line := string(chunk)
		for len(line) > 0 && cfgIsSpace(line[len(line)-1]) {
			line = line[:len(line)-1]
		}
		for len(line) > 0 && cfgIsSpace(line[0]) {
			line = line[1:]
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			if found {
				return true, nil
			}
			found = strings.HasPrefix(line[1:], service) && len(line) > len(service)+1 && line[len(service)+1] == ']'
			continue
		}
		if !found {
			continue
		}
		if strings.HasPrefix(line, "ldap") {
			if err := svcCheckLDAPURL(line); err != nil {
				return found, err
			}
			// libpq would query the LDAP server here; we behave as when it cannot be
			// reached: go on with the next line.
			continue
		}
		eq := strings.IndexByte(line, '=')
		if eq < 0 {
			return found, cfgErrorf("syntax error in service file \"%s\", line %d", file, linenr)
		}
		key, val := line[:eq], line[eq+1:]
		if key == "service" {
			return found, cfgErrorf("nested service specifications not supported in service file \"%s\", line %d", file, linenr)
		}
		// libpq 15 does not know servicefile: it is a syntax error there.
		if key == "servicefile" || !cfgIsKeyword(key) {
			return found, cfgErrorf("syntax error in service file \"%s\", line %d", file, linenr)
		}
		if _, set := vals[key]; !set {
			vals[key] = val
		}
	}
	return found, nil
}

// svcCheckLDAPURL applies ldapServiceLookup's syntax checks to an "ldap..." service line:
// ldap://host[:port]/dn?attribute?scope?filter with exactly one attribute and a scope of
// base, one or sub.
func svcCheckLDAPURL(url string) error {
	const scheme = "ldap://"
	if len(url) < len(scheme) || !strings.EqualFold(url[:len(scheme)], scheme) {
		return cfgErrorf("invalid LDAP URL \"%s\": scheme must be ldap://", url)
	}
	rest := url[len(scheme):]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 || slash+1 == len(rest) || rest[slash+1] == '?' {
		return cfgErrorf("invalid LDAP URL \"%s\": missing distinguished name", url)
	}
	hostname, dn := rest[:slash], rest[slash+1:]
	q := strings.IndexByte(dn, '?')
	if q < 0 || q+1 == len(dn) || dn[q+1] == '?' {
		return cfgErrorf("invalid LDAP URL \"%s\": must have exactly one attribute", url)
	}
	attrs := dn[q+1:]
	q = strings.IndexByte(attrs, '?')
	if q < 0 || q+1 == len(attrs) || attrs[q+1] == '?' {
		return cfgErrorf("invalid LDAP URL \"%s\": must have search scope (base/one/sub)", url)
	}
	attr, scope := attrs[:q], attrs[q+1:]
	q = strings.IndexByte(scope, '?')
	if q < 0 || q+1 == len(scope) || scope[q+1] == '?' {
		return cfgErrorf("invalid LDAP URL \"%s\": no filter", url)
	}
	scope = scope[:q]
	if c := strings.IndexByte(hostname, ':'); c >= 0 {
		portstr := hostname[c+1:]
		v, n, overflow := cfgStrtol(portstr)
		if portstr == "" || n != len(portstr) || overflow || v < 0 || v > 65535 {
			return cfgErrorf("invalid LDAP URL \"%s\": invalid port number", url)
		}
	}
	if strings.IndexByte(attr, ',') >= 0 {
		return cfgErrorf("invalid LDAP URL \"%s\": must have exactly one attribute", url)
	}
	if !strings.EqualFold(scope, "base") && !strings.EqualFold(scope, "one") && !strings.EqualFold(scope, "sub") {
		return cfgErrorf("invalid LDAP URL \"%s\": must have search scope (base/one/sub)", url)
	}
	return nil
}
