package proto

import (
	"bytes"
	"fmt"
	"strings"
)

// LookupPassword looks the password file up for one host, as libpq 15's passwordFromFile
// (fe-connect.c; manual: libpq-connect.txt §4 "The Password File") does.
//
// The host field is matched against h.Host, or h.HostAddr when no host name was given;
// "localhost" is searched for instead when that is empty or is the default socket directory
// /var/run/postgresql. The port field is matched against h.PortText ("" is "5432"): the text,
// not the number. Lines are hostname:port:database:username:password; "*" alone matches any
// value, a backslash escapes ':' or '\', lines starting with '#' are comments, the first
// matching line wins and its password is returned de-escaped (up to the next unescaped ':').
//
// A file that cannot be stat'ed or read is silently ignored. A file that is not a regular
// file, or that grants any group or other permission, is ignored after a warning through
// env.Warn with libpq's text. libpq reads the file for every host right after resolving the
// settings (pqConnectOptions2), so each call may warn once.
//
// It returns "", false when nothing matches, or when database or user is empty. It only
// reads through env and is safe for concurrent use if env's functions are.
func LookupPassword(env Env, passfile string, h Host, database, user string) (string, bool) {
	database, user = cfgCString(database), cfgCString(user)
	if database == "" || user == "" {
		return "", false
	}
	hostname := cfgCString(h.Host)
	if hostname == "" {
		hostname = cfgCString(h.HostAddr)
	}
	if hostname == "" || (cfgIsUnixSockPath(hostname) && hostname == cfgDefaultSocketDir) {
		hostname = "localhost"
	}
	port := cfgCString(h.PortText)
	if port == "" {
		port = "5432"
	}
	fi, err := env.stat(passfile)
	if err != nil {
		return "", false
	}
	if !fi.Mode().IsRegular() {
		env.warn(fmt.Sprintf("WARNING: password file \"%s\" is not a plain file", passfile))
		return "", false
	}
	if fi.Mode().Perm()&0o077 != 0 {
		env.warn(fmt.Sprintf("WARNING: password file \"%s\" has group or world access; permissions should be u=rw (0600) or less", passfile))
		return "", false
	}
	data, err := env.readFile(passfile)
	if err != nil {
		return "", false
	}
	return pgpassFind(data, hostname, port, database, user)
}

// pgpassFind scans password file contents for the first line matching the four keys.
func pgpassFind(data []byte, hostname, port, database, user string) (string, bool) {
	for len(data) > 0 {
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i+1], data[i+1:]
		} else {
			line, data = data, nil
		}
		if i := bytes.IndexByte(line, 0); i >= 0 {
			line = line[:i]
		}
		if len(line) > 0 && line[0] == '#' {
			continue
		}
		for len(line) > 0 && (line[len(line)-1] == '\n' || line[len(line)-1] == '\r') {
			line = line[:len(line)-1]
		}
		if len(line) == 0 {
			continue
		}
		rest, ok := string(line), true
		for _, key := range [...]string{hostname, port, database, user} {
			if rest, ok = pgpassMatch(rest, key); !ok {
				break
			}
		}
		if !ok {
			continue
		}
		var pw strings.Builder
		for i := 0; i < len(rest) && rest[i] != ':'; i++ {
			if rest[i] == '\\' && i+1 < len(rest) {
				i++
			}
			pw.WriteByte(rest[i])
		}
		return pw.String(), true
	}
	return "", false
}

// pgpassMatch is libpq's pwdfMatchesString: if the field at the start of line matches token
// ("*" or the token, with backslash escapes), it returns what follows the field's ':'.
func pgpassMatch(line, token string) (string, bool) {
	if strings.HasPrefix(line, "*:") {
		return line[2:], true
	}
	i, j := 0, 0
	for i < len(line) {
		escaped := false
		if line[i] == '\\' {
			i++
			escaped = true
			if i >= len(line) {
				return "", false
			}
		}
		if line[i] == ':' && j == len(token) && !escaped {
			return line[i+1:], true
		}
		if j == len(token) || line[i] != token[j] {
			return "", false
		}
		i++
		j++
	}
	return "", false
}
