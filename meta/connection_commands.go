package meta

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/gpsql/gpsql/proto"
)

// connectionCommands are \c, \conninfo, \encoding, \password.
func connectionCommands() []Command {
	const sec = "Connection"
	return []Command{
		{Names: []string{"c", "connect"}, Args: "[DBNAME|- USER|- HOST|- PORT|-] | conninfo", Section: sec,
			Help: "connect to new database", Run: runConnect},
		{Names: []string{"conninfo"}, Section: sec, Help: "display information about current connection", Run: runConninfo},
		{Names: []string{"encoding"}, Args: "[ENCODING]", Section: sec, Help: "show or set client encoding", Run: runEncoding},
		{Names: []string{"password"}, Args: "[USERNAME]", Section: sec, Help: "securely change the password for a user", Run: runPassword},
	}
}

// readConnectArg is psql's read_connect_arg: an unquoted "-" or empty argument means
// "not given" (nil), a quoted one is taken as it is.
func readConnectArg(args Args) *string {
	a, ok := args.Next(OptSQLIDHack)
	if !ok {
		return nil
	}
	if a == "" || a == "-" {
		return nil
	}
	// OptSQLIDHack keeps double quotes: a quoted "-" is a real name.
	return &a
}

// runConnect is \c and \connect (psql's exec_command_connect and do_connect).
func runConnect(env *Env, _ string, args Args) Result {
	const prefix = "-reuse-previous="
	reuse := 0 // 0 default, 1 yes, -1 no
	opt1 := readConnectArg(args)
	if opt1 != nil && strings.HasPrefix(*opt1, prefix) {
		v := (*opt1)[len(prefix):]
		b, ok := ParseBool(v)
		if !ok {
			env.Errorf("unrecognized value \"%s\" for \"%s\": Boolean expected", v, "-reuse-previous")
			return Error
		}
		reuse = -1
		if b {
			reuse = 1
		}
		opt1 = readConnectArg(args)
	}
	opt2, opt3, opt4 := readConnectArg(args), readConnectArg(args), readConnectArg(args)
	if env.Connector == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	if doConnect(env, reuse, opt1, opt2, opt3, opt4) {
		return OK
	}
	return Error
}

// isConnString is libpq's recognized_connection_string: a URI prefix or an '='.
func isConnString(s string) bool {
	return strings.HasPrefix(s, "postgresql://") || strings.HasPrefix(s, "postgres://") || strings.Contains(s, "=")
}

// stripIdentQuotes undoes OptSQLIDHack's kept double quotes for a connection value.
func stripIdentQuotes(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	return stripQuotes(s, '"')
}

// setParam replaces kw in params with value (removing it when value is nil). A dbname
// that is a connection string stays, as later parameters override what it sets.
func setParam(params []proto.Param, kw string, value *string) []proto.Param {
	out := params[:0]
	for _, p := range params {
		if p.Keyword != kw || (kw == "dbname" && isConnString(p.Value)) {
			out = append(out, p)
		}
	}
	if value != nil {
		out = append(out, proto.Param{Keyword: kw, Value: *value})
	}
	return out
}

// removeParam removes every kw from params.
func removeParam(params []proto.Param, kw string) []proto.Param {
	out := params[:0]
	for _, p := range params {
		if p.Keyword != kw {
			out = append(out, p)
		}
	}
	return out
}

// firstParam returns the first value of kw.
func firstParam(params []proto.Param, kw string) (string, bool) {
	for _, p := range params {
		if p.Keyword == kw && p.Value != "" {
			return p.Value, true
		}
	}
	return "", false
}

func isURI(s string) bool {
	return strings.HasPrefix(s, "postgresql://") || strings.HasPrefix(s, "postgres://")
}

// withDefaultDB makes db the database of connection string cs unless cs names one: first
// in a keyword/value string (a later dbname wins), or as the path of a URI without one.
func withDefaultDB(cs, db string) string {
	if !isURI(cs) {
		return "dbname='" + strings.ReplaceAll(strings.ReplaceAll(db, `\`, `\\`), "'", `\'`) + "' " + cs
	}
	base, query, hasQuery := strings.Cut(cs, "?")
	rest := base[strings.Index(base, "://")+3:]
	if i := strings.IndexByte(rest, '/'); i >= 0 && i+1 < len(rest) {
		return cs
	}
	base = strings.TrimSuffix(base, "/") + "/" + url.PathEscape(db)
	if hasQuery {
		return base + "?" + query
	}
	return base
}

// doConnect is psql 15's do_connect: it builds the new parameters from the old
// connection's (unless told not to reuse them, or given a connection string), drops the
// old password when the user, host or port change, connects, and prints psql's messages.
// Interactively a failure keeps the old connection; in a script it closes it.
func doConnect(env *Env, reuse int, dbname, user, host, port *string) bool {
	hasConnString := dbname != nil && isConnString(*dbname)
	if hasConnString && (user != nil || host != nil || port != nil) {
		env.Errorf("Do not give user, host, or port separately when using a connection string")
		return false
	}
	reusePrevious := !hasConnString
	if reuse != 0 {
		reusePrevious = reuse > 0
	}
	c := env.Connector
	old := c.Conn()
	var params []proto.Param
	if reusePrevious {
		params = c.Params()
		if params == nil {
			env.Errorf("No database connection exists to re-use parameters from")
			return false
		}
	}
	keepPassword := true
	var oldCfg *proto.Config
	if old != nil {
		oldCfg = old.Config()
	}
	if hasConnString {
		cs := *dbname
		if reusePrevious {
			// Only the first dbname is expanded as a connection string (libpq's
			// expand_dbname), so the old database, or the old connection string, is
			// merged into the new one, which wins where both set something.
			oldDB, _ := firstParam(params, "dbname")
			params = removeParam(params, "dbname")
			switch {
			case oldDB == "":
			case !isConnString(oldDB):
				cs = withDefaultDB(cs, oldDB)
			case !isURI(oldDB) && !isURI(cs):
				cs = oldDB + " " + cs
			}
		}
		params = append(params, proto.Param{Keyword: "dbname", Value: cs})
		if newCfg, err := proto.ParseConfig([]proto.Param{{Keyword: "dbname", Value: cs}}, proto.OSEnv()); err != nil {
			env.Errorf("%s", err.Error())
			return false
		} else if strings.Contains(cs, "password") && newCfg.Password != "" {
			keepPassword = true
		} else if oldCfg != nil && reusePrevious {
			keepPassword = connStringKeeps(cs, oldCfg)
		}
	} else {
		var oldUser, oldHost, oldPort string
		if oldCfg != nil {
			oldUser = oldCfg.User
			if len(oldCfg.Hosts) > 0 {
				oldHost = oldCfg.Hosts[0].Host
				oldPort = oldCfg.Hosts[0].PortText
				if oldPort == "" && oldCfg.Hosts[0].Port != 0 {
					oldPort = fmt.Sprint(oldCfg.Hosts[0].Port)
				}
			}
		}
		sameHost := false
		if user != nil && stripIdentQuotes(*user) != oldUser {
			keepPassword = false
		}
		if host != nil {
			if stripIdentQuotes(*host) == oldHost {
				sameHost = true
			} else {
				keepPassword = false
			}
		}
		if port != nil && stripIdentQuotes(*port) != oldPort {
			keepPassword = false
		}
		for _, kv := range []struct {
			kw string
			v  *string
		}{{"dbname", dbname}, {"user", user}, {"host", host}, {"port", port}} {
			if kv.v != nil {
				v := stripIdentQuotes(*kv.v)
				params = setParam(params, kv.kw, &v)
			}
		}
		if host != nil && !sameHost {
			params = setParam(params, "hostaddr", nil)
		}
	}
	if !keepPassword {
		params = setParam(params, "password", nil)
	}
	_, interactive := env.Copier.CommandSource(false)
	if err := c.Connect(params); err != nil {
		if interactive {
			env.Flush()
			fmt.Fprintf(env.Stderr, "%s\n", strings.TrimSuffix(err.Error(), "\n"))
			if old != nil {
				fmt.Fprintf(env.Stderr, "Previous connection kept\n")
			}
			return false
		}
		env.Errorf("\\connect: %s", strings.TrimSuffix(err.Error(), "\n"))
		c.Disconnect()
		return false
	}
	if env.Quiet {
		return true
	}
	n := c.Conn()
	cfg := n.Config()
	if old == nil || old.Host().Host != n.Host().Host || old.Host().Port != n.Host().Port ||
		old.Host().HostAddr != n.Host().HostAddr {
		fmt.Fprintf(env.Stdout, "You are now connected to database \"%s\" as user \"%s\"%s.\n",
			cfg.Database, cfg.User, whereConnected(n))
	} else {
		fmt.Fprintf(env.Stdout, "You are now connected to database \"%s\" as user \"%s\".\n", cfg.Database, cfg.User)
	}
	return true
}

// connStringKeeps reports whether a connection string leaves user, host, hostaddr and
// port as the old connection had them (psql keeps the old password only then).
func connStringKeeps(cs string, old *proto.Config) bool {
	n, err := proto.ParseConfig([]proto.Param{{Keyword: "dbname", Value: cs}, {Keyword: "user", Value: old.User}}, proto.OSEnv())
	if err != nil {
		return false
	}
	for _, kw := range []string{"user=", "host=", "hostaddr=", "port=", "://"} {
		if !strings.Contains(cs, kw) {
			continue
		}
		if n.User != old.User || len(n.Hosts) != len(old.Hosts) {
			return false
		}
		for i := range n.Hosts {
			if n.Hosts[i].Host != old.Hosts[i].Host || n.Hosts[i].HostAddr != old.Hosts[i].HostAddr || n.Hosts[i].Port != old.Hosts[i].Port {
				return false
			}
		}
	}
	return true
}

// connHost returns what libpq's PQhost, PQhostaddr and PQport give for c: the host as
// given (the hostaddr when there is no host name), the address connected to, and the port.
func connHost(c *proto.Conn) (host, addr, port string) {
	h := c.Host()
	host = h.Host
	port = h.PortText
	if port == "" || strings.Contains(port, ",") {
		port = fmt.Sprint(h.Port)
	}
	switch {
	case h.HostAddr != "":
		addr = h.HostAddr
	case isSocketPath(host):
	case net.ParseIP(host) != nil:
		addr = host
	default:
		// libpq's PQhostaddr: the address the name resolved to that answered.
		if ta, ok := c.RemoteAddr().(*net.TCPAddr); ok {
			addr = ta.IP.String()
		}
	}
	return host, addr, port
}

func isSocketPath(h string) bool { return h == "" || h[0] == '/' || h[0] == '@' }

// whereConnected is the " via socket in ... at port ..." part of psql's connection
// messages (\conninfo and \connect).
func whereConnected(c *proto.Conn) string {
	host, addr, port := connHost(c)
	if isSocketPath(host) {
		if addr != "" {
			return fmt.Sprintf(" on address \"%s\" at port \"%s\"", addr, port)
		}
		return fmt.Sprintf(" via socket in \"%s\" at port \"%s\"", host, port)
	}
	if addr != "" && addr != host {
		return fmt.Sprintf(" on host \"%s\" (address \"%s\") at port \"%s\"", host, addr, port)
	}
	return fmt.Sprintf(" on host \"%s\" at port \"%s\"", host, port)
}

// runConninfo is \conninfo (psql's exec_command_conninfo, printSSLInfo).
func runConninfo(env *Env, _ string, _ Args) Result {
	var c *proto.Conn
	if env.Connector != nil {
		c = env.Connector.Conn()
	}
	if c == nil || c.Closed() {
		fmt.Fprintf(env.Stdout, "You are currently not connected to a database.\n")
		return OK
	}
	cfg := c.Config()
	fmt.Fprintf(env.Stdout, "You are connected to database \"%s\" as user \"%s\"%s.\n", cfg.Database, cfg.User, whereConnected(c))
	if info := c.SSLInfo(); info != "" {
		fmt.Fprintln(env.Stdout, info)
	}
	return OK
}

// runEncoding is \encoding (psql's exec_command_encoding): show the client encoding, or set
// it as PQsetClientEncoding does and update ENCODING.
func runEncoding(env *Env, _ string, args Args) Result {
	enc, ok := args.Next(OptNormal)
	var c *proto.Conn
	if env.Connector != nil {
		c = env.Connector.Conn()
	}
	if !ok {
		name := "SQL_ASCII"
		if c != nil {
			name = c.ParameterStatus("client_encoding")
		} else if v, ok := env.Vars.Get("ENCODING"); ok {
			name = v
		}
		fmt.Fprintf(env.Stdout, "%s\n", name)
		return OK
	}
	if c == nil || c.Closed() || !setClientEncoding(c, enc) {
		env.Errorf("%s: invalid encoding name or conversion procedure not found", enc)
		return Error
	}
	env.Vars.Set("ENCODING", c.ParameterStatus("client_encoding"))
	return OK
}

// setClientEncoding runs libpq's PQsetClientEncoding query and reports success.
func setClientEncoding(c *proto.Conn, enc string) bool {
	if enc == "" {
		return false
	}
	rs, err := c.Query(context.Background(), "set client_encoding to "+literal(enc))
	if err != nil {
		return false
	}
	ok := true
	for rs.NextResult() {
		if rs.Result().Err() != nil {
			ok = false
		}
	}
	return rs.Err() == nil && ok
}
