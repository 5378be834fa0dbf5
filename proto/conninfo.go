package proto

import "strings"

// Connection strings: keyword/value strings and postgresql:// URIs, parsed as libpq's
// conninfo_parse and conninfo_uri_parse_options (fe-connect.c) parse them, with libpq's error
// texts. The manual: libpq-connect.txt §1 "Connection Strings".

const (
	ciURIDesignator      = "postgresql://"
	ciShortURIDesignator = "postgres://"
)

// ciURIPrefixLen is libpq's uri_prefix_length: the length of a URI scheme prefix, or 0.
func ciURIPrefixLen(s string) int {
	switch {
	case strings.HasPrefix(s, ciURIDesignator):
		return len(ciURIDesignator)
	case strings.HasPrefix(s, ciShortURIDesignator):
		return len(ciShortURIDesignator)
	}
	return 0
}

// ciIsConnString is libpq's recognized_connection_string: a URI, or anything with a '='.
func ciIsConnString(s string) bool {
	return ciURIPrefixLen(s) != 0 || strings.IndexByte(s, '=') >= 0
}

// ciParse parses a connection string (parse_connection_string without defaults). The result
// holds only the options the string sets.
func ciParse(s string) (cfgValues, error) {
	s = cfgCString(s)
	if ciURIPrefixLen(s) != 0 {
		return ciParseURI(s)
	}
	return ciParseKV(s)
}

// ciStore is conninfo_storeval: requiressl=1 becomes sslmode=require and any other
// requiressl value sslmode=prefer. It reports false for an unknown keyword.
func ciStore(vals cfgValues, keyword, value string) bool {
	if keyword == "requiressl" {
		keyword = "sslmode"
		if strings.HasPrefix(value, "1") {
			value = "require"
		} else {
			value = "prefer"
		}
	}
	if !cfgIsKeyword(keyword) {
		return false
	}
	vals[keyword] = value
	return true
}

// ciParseKV parses "keyword = value ..." as conninfo_parse: values may be single-quoted;
// a backslash escapes the next character, quoted or not.
func ciParseKV(s string) (cfgValues, error) {
	vals := cfgValues{}
	i, n := 0, len(s)
	for i < n {
		if cfgIsSpace(s[i]) {
			i++
			continue
		}
		start, end := i, -1
		for i < n && s[i] != '=' {
			if cfgIsSpace(s[i]) {
				end = i
				for i < n && cfgIsSpace(s[i]) {
					i++
				}
				break
			}
			i++
		}
		if end < 0 {
			end = i
		}
		name := s[start:end]
		if i >= n || s[i] != '=' {
			return nil, cfgErrorf("missing \"=\" after \"%s\" in connection info string", name)
		}
		i++
		for i < n && cfgIsSpace(s[i]) {
			i++
		}
		var val []byte
		if i < n && s[i] == '\'' {
			i++
			for {
				if i >= n {
					return nil, cfgErrorf("unterminated quoted string in connection info string")
				}
				if s[i] == '\\' {
					i++
					if i < n {
						val = append(val, s[i])
						i++
					}
					continue
				}
				if s[i] == '\'' {
					i++
					break
				}
				val = append(val, s[i])
				i++
			}
		} else {
			for i < n {
				if cfgIsSpace(s[i]) {
					i++
					break
				}
				if s[i] == '\\' {
					i++
					if i < n {
						val = append(val, s[i])
						i++
					}
					continue
				}
				val = append(val, s[i])
				i++
			}
		}
		if !ciStore(vals, name, string(val)) {
			return nil, cfgErrorf("invalid connection option \"%s\"", name)
		}
	}
	return vals, nil
}

// ciParseURI parses
//
//	postgresql://[user[:password]@][host][:port][,...][/dbname][?param1=value1&...]
//
// as conninfo_uri_parse_options: every part is percent-decoded, hosts may be [IPv6]
// literals, and query parameters must be connection keywords (ssl=true means
// sslmode=require).
func ciParseURI(uri string) (cfgValues, error) {
	vals := cfgValues{}
	n := len(uri)
	at := func(p int) byte {
		if p < n {
			return uri[p]
		}
		return 0
	}
	store := func(keyword, raw string) error {
		v, err := ciURIDecode(raw)
		if err != nil {
			return err
		}
		ciStore(vals, keyword, v)
		return nil
	}

	start := ciURIPrefixLen(uri)
	p := start
	for p < n && uri[p] != '@' && uri[p] != '/' {
		p++
	}
	if at(p) == '@' {
		// user[:password]@ — the user ends at the first ':' or at this '@'.
		q := start
		for uri[q] != ':' && uri[q] != '@' {
			q++
		}
		if q > start {
			if err := store("user", uri[start:q]); err != nil {
				return nil, err
			}
		}
		if uri[q] == ':' {
			r := q + 1
			for uri[r] != '@' {
				r++
			}
			if r > q+1 {
				if _, err := ciURIDecode(uri[q+1 : r]); err != nil {
					// A deliberate difference from libpq: the password is not quoted back.
					return nil, cfgErrorf("invalid percent-encoded token in the password of a URI")
				}
				store("password", uri[q+1:r])
				// Messages below quote the URI; they show the password masked.
				uri = uri[:q+1] + "********" + uri[r:]
				n = len(uri)
				r = q + 1 + len("********")
			}
			q = r
		}
		p = q + 1
	} else {
		p = start
	}

	var hostbuf, portbuf strings.Builder
	var prev byte
	for {
		var host string
		if at(p) == '[' {
			p++
			hs := p
			for p < n && uri[p] != ']' {
				p++
			}
			if p >= n {
				return nil, cfgErrorf("end of string reached when looking for matching \"]\" in IPv6 host address in URI: \"%s\"", uri)
			}
			if p == hs {
				return nil, cfgErrorf("IPv6 host address may not be empty in URI: \"%s\"", uri)
			}
			host = uri[hs:p]
			p++
			if c := at(p); c != 0 && c != ':' && c != '/' && c != '?' && c != ',' {
				return nil, cfgErrorf("unexpected character \"%s\" at position %d in URI (expected \":\" or \"/\"): \"%s\"", string([]byte{c}), p+1, uri)
			}
		} else {
			hs := p
			for p < n && !ciIsHostEnd(uri[p]) {
				p++
			}
			host = uri[hs:p]
		}
		prev = at(p)
		hostbuf.WriteString(host)
		if prev == ':' {
			p++
			ps := p
			for p < n && uri[p] != '/' && uri[p] != '?' && uri[p] != ',' {
				p++
			}
			prev = at(p)
			portbuf.WriteString(uri[ps:p])
		}
		if prev != ',' {
			break
		}
		p++
		hostbuf.WriteByte(',')
		portbuf.WriteByte(',')
	}
	if hostbuf.Len() > 0 {
		if err := store("host", hostbuf.String()); err != nil {
			return nil, err
		}
	}
	if portbuf.Len() > 0 {
		if err := store("port", portbuf.String()); err != nil {
			return nil, err
		}
	}

	if prev != 0 && prev != '?' {
		p++
		ds := p
		for p < n && uri[p] != '?' {
			p++
		}
		prev = at(p)
		if p > ds {
			if err := store("dbname", uri[ds:p]); err != nil {
				return nil, err
			}
		}
	}
	if prev != 0 {
		if err := ciParseURIParams(uri[p+1:], vals); err != nil {
			return nil, err
		}
	}
	return vals, nil
}

func ciIsHostEnd(c byte) bool { return c == ':' || c == '/' || c == '?' || c == ',' }

// ciParseURIParams is conninfo_uri_parse_params: "k=v&k=v", each part percent-decoded.
func ciParseURIParams(params string, vals cfgValues) error {
	for len(params) > 0 {
		i, eq := 0, -1
		var keyword, value string
		for {
			if i < len(params) && params[i] == '=' {
				if eq >= 0 {
					return cfgErrorf("extra key/value separator \"=\" in URI query parameter: \"%s\"", params[:eq])
				}
				eq = i
				i++
				continue
			}
			if i >= len(params) || params[i] == '&' {
				if eq < 0 {
					return cfgErrorf("missing key/value separator \"=\" in URI query parameter: \"%s\"", params[:i])
				}
				keyword, value = params[:eq], params[eq+1:i]
				if i < len(params) {
					i++
				}
				break
			}
			i++
		}
		params = params[i:]
		kw, err := ciURIDecode(keyword)
		if err != nil {
			return err
		}
		val, err := ciURIDecode(value)
		if err != nil {
			if kw == "password" { // not quoted back, unlike libpq
				return cfgErrorf("invalid percent-encoded token in the password of a URI")
			}
			return err
		}
		if kw == "ssl" && val == "true" {
			kw, val = "sslmode", "require"
		}
		if !ciStore(vals, kw, val) {
			return cfgErrorf("invalid URI query parameter: \"%s\"", kw)
		}
	}
	return nil
}

// ciURIDecode is conninfo_uri_decode: %XX sequences become bytes; a bad sequence or %00 is
// an error naming the whole string.
func ciURIDecode(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		hi, ok1 := ciHexDigit(s, i+1)
		lo, ok2 := ciHexDigit(s, i+2)
		if !ok1 || !ok2 {
			return "", cfgErrorf("invalid percent-encoded token: \"%s\"", s)
		}
		c := hi<<4 | lo
		if c == 0 {
			return "", cfgErrorf("forbidden value %%00 in percent-encoded value: \"%s\"", s)
		}
		b = append(b, c)
		i += 2
	}
	return string(b), nil
}

func ciHexDigit(s string, i int) (byte, bool) {
	if i >= len(s) {
		return 0, false
	}
	switch c := s[i]; {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
