package proto

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gpsql/gpsql/proto/wire"
)

// Conn is one session with a PostgreSQL server, speaking protocol 3.0 or 3.2, or 2.0 (v2.go).
//
// A Conn is not safe for concurrent use, except CancelRequest, which may be called from any
// goroutine while another one runs a query.
type Conn struct {
	cfg      *Config
	env      Env
	host     Host   // the entry of cfg.Hosts that answered
	network  string // "tcp" or "unix"
	address  string // the address dialed, for CancelRequest
	nc       net.Conn
	fe       *wire.Frontend
	tlsState *tls.ConnectionState

	pid        uint32
	secretKey  []byte
	params     map[string]string
	txStatus   byte
	lastQuery  string       // the text of the last Query or Parse sent (libpq's last_query)
	password   string       // the password used, kept for reconnecting with the same settings
	protoMinor uint32       // the protocol minor version in use: 0 or 2
	fatal      *ServerError // a FATAL error received, which the server's close follows

	notices       func(*Notice)
	notifications func(*Notification)

	busy      bool
	fatalIdle bool // fatal was read while idle (under Watch), not as a statement's error
	closed    bool
	broken    error // non-nil once the connection is unusable
}

// Notification is a NotificationResponse (LISTEN/NOTIFY).
type Notification struct {
	PID     uint32
	Channel string
	Payload string
}

// ConnectOptions carries what Connect needs besides the Config.
type ConnectOptions struct {
	// Env is used for the password file lookup and its permission warning.
	Env Env
	// OnNotice receives every NoticeResponse, during startup too. nil drops notices.
	OnNotice func(*Notice)
	// OnNotification receives every NotificationResponse. nil drops them.
	OnNotification func(*Notification)
}

// ConnectError is a failed Connect: one line per host or address tried, in libpq's wording.
type ConnectError struct {
	// Msgs holds one entry per failed attempt, each without a trailing newline.
	Msgs []string
	// NeedsPassword reports that the server asked for a password and none was available
	// (libpq's PQconnectionNeedsPassword): the caller may prompt and try again.
	NeedsPassword bool
	// Err is the error of the last attempt (a *ServerError, a net error, ...).
	Err error
}

func (e *ConnectError) Error() string { return strings.Join(e.Msgs, "\n") }

func (e *ConnectError) Unwrap() error { return e.Err }

// attemptError is a failure of one connection attempt; retry tells whether libpq would try
// the same address again with the other sslmode choice.
type attemptError struct {
	msg           string
	err           error
	needsPassword bool
	sslRetry      bool // prefer: SSL was in use and the server refused us: retry in plaintext
	noSSLRetry    bool // allow: plaintext was refused: retry with SSL
}

func (e *attemptError) Error() string { return e.msg }

// Connect opens a session as libpq's PQconnectdb does: every host of cfg in order (each
// address of a host name in turn), TLS by sslmode, authentication, then the
// target_session_attrs check. On failure it returns a *ConnectError whose text is libpq's.
func Connect(ctx context.Context, cfg *Config, opts ConnectOptions) (*Conn, error) {
	cerr := &ConnectError{}
	for _, h := range cfg.Hosts {
		if h.PortErr != nil {
			// libpq reports a bad port when it reaches the host; a non-integer ends it all.
			cerr.Msgs = append(cerr.Msgs, h.PortErr.Error())
			cerr.Err = h.PortErr
			if h.PortFatal {
				break
			}
			continue
		}
		c, err := connectHost(ctx, cfg, h, opts, cerr)
		if err == nil {
			return c, nil
		}
		if ctx.Err() != nil {
			break
		}
	}
	if len(cerr.Msgs) == 0 {
		cerr.Msgs = append(cerr.Msgs, "no host to connect to")
	}
	return nil, cerr
}

type dialTarget struct {
	network, address string
	label            string // `at "host" (ip), port N` or `on socket "path"`
}

// targets lists the addresses of one host entry, or returns libpq's resolution error.
func targets(ctx context.Context, h Host) ([]dialTarget, error) {
	port := strconv.Itoa(int(h.Port))
	if h.HostAddr == "" && h.IsSocket {
		path := socketPath(h.Host, h.Port)
		if h.Defaulted {
			// Debian's default directory first, then upstream's; a failure names the first.
			for _, d := range defaultSocketDirs {
				if _, err := os.Stat(socketPath(d, h.Port)); err == nil {
					path = socketPath(d, h.Port)
					break
				}
			}
		}
		return []dialTarget{{"unix", path, fmt.Sprintf("on socket %q", path)}}, nil
	}
	if h.HostAddr != "" {
		// libpq names a hostaddr connection by the address alone.
		return []dialTarget{{"tcp", net.JoinHostPort(h.HostAddr, port), fmt.Sprintf("at %q, port %s", h.HostAddr, port)}}, nil
	}
	if ip := net.ParseIP(h.Host); ip != nil {
		return []dialTarget{{"tcp", net.JoinHostPort(h.Host, port), fmt.Sprintf("at %q, port %s", h.Host, port)}}, nil
	}
	addrs, err := net.DefaultResolver.LookupHost(ctx, h.Host)
	if err != nil {
		reason := "Temporary failure in name resolution"
		var dnsErr *net.DNSError
		if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
			reason = "Name or service not known"
		}
		return nil, fmt.Errorf("could not translate host name %q to address: %s", h.Host, reason)
	}
	var ts []dialTarget
	for _, a := range addrs {
		ts = append(ts, dialTarget{"tcp", net.JoinHostPort(a, port), fmt.Sprintf("at %q (%s), port %s", h.Host, a, port)})
	}
	return ts, nil
}

// defaultSocketDirs are tried in order when no host was given: Debian's libpq default, then
// the upstream default.
var defaultSocketDirs = []string{"/var/run/postgresql", "/tmp"}

func socketPath(dir string, port uint16) string {
	return strings.TrimSuffix(dir, "/") + "/.s.PGSQL." + strconv.Itoa(int(port))
}

func connectHost(ctx context.Context, cfg *Config, h Host, opts ConnectOptions, cerr *ConnectError) (*Conn, error) {
	ts, err := targets(ctx, h)
	if err != nil {
		cerr.Msgs = append(cerr.Msgs, err.Error())
		cerr.Err = err
		return nil, err
	}
	password := cfg.Password
	fromFile := false
	if password == "" {
		if pw, ok := LookupPassword(opts.Env, cfg.PassFile, h, cfg.Database, cfg.User); ok {
			password, fromFile = pw, true
		}
	}
	var last error
	for _, t := range ts {
		if cfg.ConnectTimeoutErr != nil {
			cerr.Msgs = append(cerr.Msgs, fmt.Sprintf("connection to server %s failed: %s", t.label, cfg.ConnectTimeoutErr))
			cerr.Err = cfg.ConnectTimeoutErr
			return nil, cfg.ConnectTimeoutErr
		}
		for _, useSSL := range sslPlan(cfg.SSLMode, t.network) {
			c, err := connectOnce(ctx, cfg, h, t, useSSL, password, opts)
			if err == nil {
				if aerr := checkSessionAttrs(ctx, c, cfg.TargetSessionAttrs); aerr != nil {
					c.Close()
					cerr.Msgs = append(cerr.Msgs, fmt.Sprintf("connection to server %s failed: %s", t.label, aerr.Error()))
					cerr.Err = aerr
					last = aerr
					break
				}
				return c, nil
			}
			var ae *attemptError
			if !errors.As(err, &ae) {
				ae = &attemptError{msg: err.Error(), err: err}
			}
			msg := ae.msg
			if fromFile {
				var se *ServerError
				if errors.As(ae.err, &se) && se.Code == "28P01" {
					msg += fmt.Sprintf("\npassword retrieved from file %q", cfg.PassFile)
				}
			}
			cerr.Msgs = append(cerr.Msgs, fmt.Sprintf("connection to server %s failed: %s", t.label, msg))
			cerr.Err = ae.err
			cerr.NeedsPassword = ae.needsPassword
			last = err
			if ctx.Err() != nil {
				return nil, err
			}
			if useSSL && ae.sslRetry && cfg.SSLMode == "prefer" {
				continue
			}
			if !useSSL && ae.noSSLRetry && cfg.SSLMode == "allow" {
				continue
			}
			break
		}
	}
	if last == nil {
		last = errors.New("no address")
	}
	return nil, last
}

// sslPlan lists the TLS choices to try, in order, for one address (libpq's sslmode table;
// Unix-domain sockets never use TLS).
func sslPlan(mode, network string) []bool {
	if network == "unix" {
		return []bool{false}
	}
	switch mode {
	case "disable":
		return []bool{false}
	case "allow":
		return []bool{false, true}
	case "prefer", "":
		return []bool{true, false}
	default:
		return []bool{true}
	}
}

// dialError turns a dial failure into libpq's text with its hint line.
func dialError(err error, network string) string {
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, os.ErrDeadlineExceeded) {
		return "timeout expired"
	}
	var errno syscall.Errno
	reason := err.Error()
	if errors.As(err, &errno) {
		reason = capitalize(errno.Error())
	}
	if network == "unix" {
		return reason + "\n\tIs the server running locally and accepting connections on that socket?"
	}
	return reason + "\n\tIs the server running on that host and accepting TCP/IP connections?"
}

// capitalize turns Go's errno strings into glibc's strerror texts ("connection refused" →
// "Connection refused").
func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

const serverClosedMsg = "server closed the connection unexpectedly\n" +
	"\tThis probably means the server terminated abnormally\n" +
	"\tbefore or while processing the request."

func connectOnce(ctx context.Context, cfg *Config, h Host, t dialTarget, useSSL bool, password string, opts ConnectOptions) (*Conn, error) {
	return connectNegotiating(ctx, cfg, h, t, useSSL, password, opts) // v2.go
}

func connectProto(ctx context.Context, cfg *Config, h Host, t dialTarget, useSSL bool, password string, opts ConnectOptions, v2 bool) (*Conn, error) {
	if cfg.ConnectTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, cfg.ConnectTimeout)
		defer cancel()
	}
	var d net.Dialer
	if t.network == "tcp" {
		if cfg.KeepAliveErr != nil {
			return nil, &attemptError{msg: cfg.KeepAliveErr.Error(), err: cfg.KeepAliveErr}
		}
		d.KeepAliveConfig = keepAliveConfig(cfg.KeepAlive)
		if !cfg.KeepAlive.Enabled {
			d.KeepAlive = -1
		}
	}
	nc, err := d.DialContext(ctx, t.network, t.address)
	if err != nil {
		return nil, &attemptError{msg: dialError(err, t.network), err: err}
	}
	if dl, ok := ctx.Deadline(); ok {
		nc.SetDeadline(dl)
	}
	c := &Conn{
		cfg: cfg, env: opts.Env, host: h, network: t.network, address: t.address, nc: nc,
		params: map[string]string{}, notices: opts.OnNotice, notifications: opts.OnNotification,
	}
	// Closing the socket when ctx ends unblocks any read or write below.
	stop := context.AfterFunc(ctx, func() { nc.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	if useSSL {
		if err := c.startTLS(ctx); err != nil {
			nc.Close()
			return nil, err
		}
	}
	if c.fe == nil {
		c.fe = wire.NewFrontend(c.nc, c.nc)
	}
	if v2 {
		c.fe.UseProtocol2()
	}
	if err := c.startup(password); err != nil {
		c.nc.Close()
		if ctx.Err() != nil && !isAttempt(err) {
			return nil, &attemptError{msg: "timeout expired", err: ctx.Err()}
		}
		return nil, err
	}
	c.password = password
	if v2 {
		if err := c.setupV2(ctx); err != nil {
			c.nc.Close()
			return nil, &attemptError{msg: err.Error(), err: err}
		}
	}
	c.nc.SetDeadline(time.Time{})
	return c, nil
}

// keepAliveConfig maps libpq's keepalive settings (negative = not given: the system's
// default) onto the dialer's.
func keepAliveConfig(k KeepAliveSettings) net.KeepAliveConfig {
	or := func(d time.Duration) time.Duration {
		if d < 0 {
			return -1
		}
		return d
	}
	count := k.Count
	if count < 0 {
		count = -1
	}
	return net.KeepAliveConfig{Enable: k.Enabled, Idle: or(k.Idle), Interval: or(k.Interval), Count: count}
}

func isAttempt(err error) bool {
	var ae *attemptError
	return errors.As(err, &ae)
}

// startup sends the StartupMessage and runs authentication up to ReadyForQuery.
func (c *Conn) startup(password string) error {
	cfg := c.cfg
	sm := &wire.StartupMessage{ProtocolVersion: wire.ProtocolVersion30}
	if cfg.MaxProtocolVersion == "3.2" {
		sm.ProtocolVersion = wire.ProtocolVersion32
	}
	c.protoMinor = sm.ProtocolVersion & 0xffff
	add := func(k, v string) {
		if v != "" {
			sm.Parameters = append(sm.Parameters, wire.Param{Name: k, Value: v})
		}
	}
	add("user", cfg.User)
	add("database", cfg.Database)
	add("replication", cfg.Replication) // libpq's build_startup_packet: a walsender connection
	add("options", cfg.Options)
	app := cfg.ApplicationName
	if app == "" {
		app = cfg.FallbackApplicationName
	}
	add("application_name", app)
	add("client_encoding", cfg.ClientEncoding)
	for _, p := range cfg.EnvSettings { // PGDATESTYLE, PGTZ, PGGEQO, as libpq sends them
		add(p.Keyword, p.Value)
	}
	for _, p := range cfg.RuntimeParams {
		add(p.Keyword, p.Value)
	}
	if err := c.fe.Send(sm); err != nil {
		return &attemptError{msg: err.Error(), err: err}
	}
	if err := c.fe.Flush(); err != nil {
		return c.ioAttemptError(err)
	}
	auth := &authState{c: c, password: password}
	for {
		// Until AuthenticationOk the server may answer with only authentication requests
		// or an error, possibly the pre-3.0 plain-text one (libpq's AWAITING_RESPONSE state).
		receive := c.fe.Receive
		if !auth.done {
			receive = c.fe.ReceiveStartup
		}
		msg, err := receive()
		if err != nil {
			return c.ioAttemptError(err)
		}
		switch m := msg.(type) {
		case *wire.ErrorResponse:
			se := serverErrorFrom(&m.Fields)
			se.PlainText = m.PlainText
			// libpq retries with the other sslmode choice only for an error that answers
			// the startup or authentication, not one from the backend's start after it.
			return &attemptError{
				msg:        strings.TrimSuffix(FormatError(se, "", VerbosityDefault, ContextErrors), "\n"),
				err:        se,
				sslRetry:   c.tlsState != nil && !auth.done,
				noSSLRetry: c.tlsState == nil && !auth.done,
			}
		case *wire.NoticeResponse:
			c.notice(&m.Fields)
		case *wire.ParameterStatus:
			c.params[m.Name] = m.Value
		case *wire.BackendKeyData:
			// Protocol 3.0 keys are 4 bytes; 3.2 allows 4 to 256, which the decoder checks.
			if c.protoMinor == 0 && len(m.SecretKey) != 4 {
				err := errors.New(`message contents do not agree with length in message type "K"`)
				return &attemptError{msg: err.Error(), err: err}
			}
			c.pid = m.ProcessID
			c.secretKey = append([]byte(nil), m.SecretKey...)
		case *wire.ReadyForQuery:
			if !auth.done {
				return &attemptError{msg: "unexpected message from server during startup", err: errors.New("ReadyForQuery before authentication")}
			}
			c.txStatus = m.TxStatus
			return nil
		case *wire.NegotiateProtocolVersion:
			if err := c.negotiate(m); err != nil {
				return &attemptError{msg: err.Error(), err: err}
			}
		default:
			if err := auth.handle(msg); err != nil {
				return err
			}
		}
	}
}

// negotiate applies a NegotiateProtocolVersion: the server supports an older minor version
// than requested, or rejects "_pq_." options (protocol-v3.txt §1.4, §2.1). The checks and
// their texts are libpq 18's pqGetNegotiateProtocolVersion3 (fe-protocol3.c).
func (c *Conn) negotiate(m *wire.NegotiateProtocolVersion) error {
	const invalid = "received invalid protocol negotiation message: "
	// The spec calls the field the newest minor version, but servers send the whole
	// version word, 3 << 16 | minor (PostgreSQL 15 sends 196608 when asked for 3.2), and
	// libpq compares it as such. A bare minor number is accepted too.
	their := m.NewestMinor
	if their < 1<<16 {
		their |= 3 << 16
	}
	minor := their & 0xffff
	switch {
	case their > 3<<16|c.protoMinor:
		return errors.New(invalid + "server requested downgrade to a higher-numbered version")
	case their < 3<<16:
		return errors.New(invalid + "server requested downgrade to pre-3.0 protocol version")
	case minor == 1:
		return errors.New(invalid + "server requested downgrade to non-existent 3.1 protocol version")
	case minor == c.protoMinor && len(m.UnrecognizedOptions) == 0:
		return errors.New(invalid + "server negotiated but asks for no changes")
	}
	minMinor := uint32(0)
	if c.cfg.MinProtocolVersion == "3.2" {
		minMinor = 2
	}
	if minor < minMinor {
		return fmt.Errorf("server only supports protocol version 3.%d, but \"%s\" was set to 3.%d", minor, "min_protocol_version", minMinor)
	}
	c.protoMinor = minor
	// We request no protocol extensions, so none can be rejected.
	for _, o := range m.UnrecognizedOptions {
		if !strings.HasPrefix(o, "_pq_.") {
			return fmt.Errorf(invalid+"server reported unsupported parameter name without a _pq_. prefix (\"%s\")", o)
		}
		return fmt.Errorf(invalid+"server reported an unsupported parameter that was not requested (\"%s\")", o)
	}
	return nil
}

// ProtocolVersion returns the protocol version in use as libpq's PQfullProtocolVersion does:
// 20000 for 2.0, 30000 for 3.0, 30002 for 3.2.
func (c *Conn) ProtocolVersion() int {
	if c.fe != nil && c.fe.Protocol2() {
		return 20000
	}
	return 30000 + int(c.protoMinor)
}

// ioAttemptError describes a read or write failure during connection start-up.
func (c *Conn) ioAttemptError(err error) error {
	var ae *attemptError
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) {
		return &attemptError{msg: serverClosedMsg, err: err, sslRetry: c.tlsState != nil}
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		return &attemptError{msg: "timeout expired", err: err}
	}
	var pe *wire.ProtocolError
	if errors.As(err, &pe) {
		return &attemptError{msg: pe.Error(), err: err}
	}
	return &attemptError{msg: err.Error(), err: err}
}

func (c *Conn) notice(f *wire.Fields) {
	if c.notices != nil {
		c.notices(serverErrorFrom(f))
	}
}

// ParameterStatus returns the value the server last reported for a run-time parameter
// (server_version, client_encoding, ...), or "".
func (c *Conn) ParameterStatus(name string) string { return c.params[name] }

// TxStatus returns the transaction status of the last ReadyForQuery: 'I' idle, 'T' in a
// transaction block, 'E' in a failed transaction block.
func (c *Conn) TxStatus() byte { return c.txStatus }

// PID returns the server process ID (BackendKeyData).
func (c *Conn) PID() uint32 { return c.pid }

// Config returns the settings the connection was made with; the caller must not change it.
func (c *Conn) Config() *Config { return c.cfg }

// Host returns the host entry that answered.
func (c *Conn) Host() Host { return c.host }

// TLS returns the TLS state, or nil for a plaintext connection.
func (c *Conn) TLS() *tls.ConnectionState { return c.tlsState }

// ServerVersionNum returns server_version as a number (150004 for "15.4"), as libpq's
// PQserverVersion does, or 0 if unknown.
func (c *Conn) ServerVersionNum() int {
	v := c.params["server_version"]
	var major, minor int
	n, _ := fmt.Sscanf(v, "%d.%d", &major, &minor)
	switch {
	case n == 0:
		return 0
	case major >= 10:
		return major*10000 + minor
	default:
		var patch int
		fmt.Sscanf(v, "%d.%d.%d", &major, &minor, &patch)
		return (major*100+minor)*100 + patch
	}
}

// Close sends Terminate and closes the socket. It is safe to call twice.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	if c.broken == nil && c.fe != nil {
		c.nc.SetWriteDeadline(time.Now().Add(time.Second))
		if c.fe.Send(&wire.Terminate{}) == nil {
			c.fe.Flush()
		}
	}
	return c.nc.Close()
}

// Closed reports whether the connection is closed or broken.
func (c *Conn) Closed() bool { return c.closed || c.broken != nil }

// checkSessionAttrs applies target_session_attrs (libpq 14+): read-write, read-only,
// primary, standby, prefer-standby (treated as any here, as the second pass would be), any.
func checkSessionAttrs(ctx context.Context, c *Conn, attrs string) error {
	switch attrs {
	case "", "any", "prefer-standby":
		return nil
	}
	readOnly, err := c.boolSetting(ctx, "default_transaction_read_only", "SHOW transaction_read_only")
	if err != nil {
		return err
	}
	standby, err := c.boolSetting(ctx, "in_hot_standby", "SELECT pg_catalog.pg_is_in_recovery()")
	if err != nil {
		return err
	}
	switch attrs {
	case "read-write":
		if readOnly {
			return errors.New("session is read-only")
		}
	case "read-only":
		if !readOnly {
			return errors.New("session is not read-only")
		}
	case "primary":
		if standby {
			return errors.New("server is in hot standby mode")
		}
	case "standby":
		if !standby {
			return errors.New("server is not in hot standby mode")
		}
	}
	return nil
}

// boolSetting reads an on/off setting from ParameterStatus, or asks the server when it is
// not reported (servers before 14).
func (c *Conn) boolSetting(ctx context.Context, param, query string) (bool, error) {
	if v, ok := c.params[param]; ok {
		return v == "on", nil
	}
	v, err := c.QueryValue(ctx, query)
	if err != nil {
		return false, err
	}
	return v == "on" || v == "t", nil
}
