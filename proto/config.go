package proto

import (
	"encoding/base64"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"strings"
	"time"
)

// Connection settings, resolved the way libpq resolves them.
//
// Sources, all from PostgreSQL's src/interfaces/libpq/fe-connect.c (libpq 15 for the texts,
// the PostgreSQL 18 keyword list): conninfo_array_parse (PQconnectdbParams with
// expand_dbname=1), conninfo_parse and conninfo_uri_parse (keyword/value strings and URIs),
// conninfo_add_defaults (service file, then PG* environment, then built-in defaults) and
// pqConnectOptions2 (host/port lists, validation of enumerated settings). The manual's
// chapter is /work/shared/reference/libpq-connect.txt.
//
// Deliberate differences from libpq (Debian's libpq 15, built with SSL, GSSAPI and LDAP):
//
//   - Keywords that only libpq 16–18 know (require_auth, sslcertmode, load_balance_hosts,
//     gssdelegation, sslnegotiation, servicefile, min/max_protocol_version, sslkeylogfile,
//     scram_client_key, scram_server_key, oauth_*) are accepted and validated with the newer
//     libpq's texts; libpq 15 rejects them as `invalid connection option`.
//   - min_protocol_version and max_protocol_version also accept "2.0".
//   - LDAP lookups in service files are not performed: a well-formed ldap:// line is skipped
//     as libpq skips one whose server cannot be reached; malformed ones give libpq's errors.
//   - client_encoding=auto is resolved from the names in LC_ALL, LC_CTYPE or LANG (libpq asks
//     setlocale and nl_langinfo); a locale that is not installed is not detected, and an
//     unrecognised codeset gives "" (no client_encoding sent) without libpq's warning.
//   - The password file is not read here: libpq reads it for every host inside
//     pqConnectOptions2, the dialer calls LookupPassword when it reaches a host.
//   - load_balance_hosts=random is stored, not applied: shuffling Hosts is the dialer's job.
//   - Settings that libpq checks only while connecting keep that timing: an invalid port,
//     connect_timeout or TCP keepalive value is not a ParseConfig error but is stored in
//     Host.PortErr, Config.ConnectTimeoutErr or Config.KeepAliveErr for the dialer to report
//     where libpq does. hostaddr is not checked here either (libpq's `could not parse network
//     address` comes from the dialer).
//   - gssencmode=require is accepted (Debian's libpq has GSSAPI); the dialer fails it with
//     libpq's "GSSAPI encryption required but was impossible" message.
//   - Strings are cut at the first NUL byte, as C would see them.
//   - Error texts are exactly libpq's, and like libpq's they quote what the user wrote: a
//     malformed URI or percent-encoded password therefore appears in the message.

// Env is everything outside the arguments that connection settings depend on. Tests pass
// fakes, so that parsing is pure and may run in parallel. A nil function behaves as an empty
// environment / a missing file / a discarded warning.
type Env struct {
	// LookupEnv reads an environment variable (os.LookupEnv).
	LookupEnv func(string) (string, bool)
	// ReadFile reads a whole file (os.ReadFile): service files and the password file.
	ReadFile func(name string) ([]byte, error)
	// Stat reports a file's type and permissions (os.Stat, following symlinks): the
	// existence checks of the service files and the password file permission check.
	Stat func(name string) (fs.FileInfo, error)
	// HomeDir is the user's home directory as libpq's pqGetHomeDirectory finds it ($HOME,
	// else the passwd entry); "" means unknown.
	HomeDir string
	// OSUser is the operating system user name, the default user name (pg_fe_getauthname).
	OSUser string
	// Warn prints one of libpq's warnings (to stderr in psql), given without the trailing
	// newline.
	Warn func(msg string)
}

// OSEnv returns the real process environment: os.LookupEnv, os.ReadFile, os.Stat, the home
// directory from $HOME or else the passwd entry (as libpq's pqGetHomeDirectory), the current
// user's name, and warnings written to os.Stderr with a newline.
func OSEnv() Env {
	e := Env{
		LookupEnv: os.LookupEnv,
		ReadFile:  os.ReadFile,
		Stat:      os.Stat,
		Warn:      func(msg string) { fmt.Fprintln(os.Stderr, msg) },
	}
	u, uerr := user.Current()
	if uerr == nil {
		e.OSUser = u.Username
	}
	if h := os.Getenv("HOME"); h != "" {
		e.HomeDir = h
	} else if uerr == nil {
		e.HomeDir = u.HomeDir
	}
	return e
}

func (e Env) lookup(name string) (string, bool) {
	if e.LookupEnv == nil {
		return "", false
	}
	v, ok := e.LookupEnv(name)
	return cfgCString(v), ok
}

func (e Env) stat(name string) (fs.FileInfo, error) {
	if e.Stat == nil {
		return nil, fs.ErrNotExist
	}
	return e.Stat(name)
}

func (e Env) readFile(name string) ([]byte, error) {
	if e.ReadFile == nil {
		return nil, fs.ErrNotExist
	}
	return e.ReadFile(name)
}

func (e Env) warn(msg string) {
	if e.Warn != nil {
		e.Warn(msg)
	}
}

// Param is one keyword/value pair, as in the two arrays of PQconnectdbParams.
type Param struct{ Keyword, Value string }

// ConfigError is a connection setting libpq refuses. Error returns exactly libpq's message
// (psql prints it after "psql: error: "), without a trailing newline.
type ConfigError struct {
	Msg string
}

// Error returns libpq's message text.
func (e *ConfigError) Error() string { return e.Msg }

func cfgErrorf(format string, args ...any) *ConfigError {
	return &ConfigError{Msg: fmt.Sprintf(format, args...)}
}

// Host is one entry of the host/hostaddr/port lists, paired as pqConnectOptions2 pairs them.
type Host struct {
	// Host is a host name, an IP literal, or a Unix-domain socket directory ("/..." or
	// "@abstract"). It is "" only when HostAddr is set and no host name was given.
	Host string
	// HostAddr is the numeric address given with hostaddr, or "". When set, TCP is used and
	// Host only names the server (password file, TLS host name check).
	HostAddr string
	// Port is the TCP port or the socket file suffix; 0 when PortErr is set.
	Port uint16
	// PortText is the port as written ("" = the default 5432); libpq matches the password
	// file against this text.
	PortText string
	// PortErr is libpq's complaint about PortText (`invalid integer value "x" for connection
	// option "port"` or `invalid port number: "0"`). libpq reports it only when it reaches
	// this host: if PortFatal it then gives up on all hosts, else it goes on with the next.
	PortErr   error
	PortFatal bool
	// IsSocket is true for a Unix-domain socket (Host is a directory or "@name").
	IsSocket bool
	// Defaulted is true when no host was given for this entry and Host is the built-in
	// socket directory /var/run/postgresql.
	Defaulted bool
}

// KeepAliveSettings are the TCP keepalive settings libpq applies to each TCP socket.
// A negative duration or count means "not given": leave the system's value alone.
type KeepAliveSettings struct {
	Enabled     bool          // keepalives (default on)
	Idle        time.Duration // keepalives_idle: TCP_KEEPIDLE
	Interval    time.Duration // keepalives_interval: TCP_KEEPINTVL
	Count       int           // keepalives_count: TCP_KEEPCNT
	UserTimeout time.Duration // tcp_user_timeout (milliseconds): TCP_USER_TIMEOUT
}

// Config is a resolved connection: every libpq keyword after the service file, the
// environment and the defaults were applied, and after libpq's validation. It is a plain
// value: not safe for concurrent mutation; Copy it before changing a shared one.
type Config struct {
	// Hosts has one entry per element of the host/hostaddr lists; never empty.
	Hosts []Host

	User     string // user, else PGUSER, else the OS user
	Database string // dbname, else PGDATABASE, else User
	// Password is the password keyword or PGPASSWORD; "" if none. The password file is
	// looked up per host with LookupPassword. String never shows it.
	Password string
	// PassFile is passfile, PGPASSFILE or ~/.pgpass ("" when the home directory is unknown).
	PassFile string

	Options                 string // options / PGOPTIONS: command-line options for the server
	ApplicationName         string // application_name / PGAPPNAME
	FallbackApplicationName string // fallback_application_name
	ClientEncoding          string // client_encoding / PGCLIENTENCODING, "auto" resolved

	// ConnectTimeout is connect_timeout: 0 = none, values below 2s are raised to 2s as
	// libpq's pqConnectDBComplete does. ConnectTimeoutErr is set instead when the value is
	// not an integer; libpq reports it once a first connection attempt is under way.
	ConnectTimeout    time.Duration
	ConnectTimeoutErr error

	// KeepAlive is keepalives, keepalives_idle, keepalives_interval, keepalives_count and
	// tcp_user_timeout. KeepAliveErr is libpq's message for the first invalid one (in libpq's
	// order; none are checked when keepalives=0); libpq reports it when it sets up a TCP
	// socket, never for Unix-domain sockets.
	KeepAlive    KeepAliveSettings
	KeepAliveErr error

	SSLMode               string // disable, allow, prefer (default), require, verify-ca, verify-full
	SSLNegotiation        string // postgres (default), direct
	SSLCompression        bool   // sslcompression starts with '1'
	SSLCert               string
	SSLKey                string
	SSLCertMode           string // disable, allow (default), require
	SSLPassword           string // never shown by String
	SSLRootCert           string
	SSLCRL                string
	SSLCRLDir             string
	SSLSNI                bool   // sslsni starts with '1' (default "1")
	SSLMinProtocolVersion string // TLSv1, TLSv1.1, TLSv1.2 (default), TLSv1.3, spelled so
	SSLMaxProtocolVersion string // as above, or "" for no limit
	SSLKeyLogFile         string

	RequirePeer        string
	RequireAuth        string // as given; see AuthPolicy
	ChannelBinding     string // disable, prefer (default), require
	GSSEncMode         string // disable, prefer (default), require
	KrbSrvName         string // default "postgres"
	GSSLib             string
	GSSDelegation      bool   // gssdelegation starts with '1'
	Replication        string // as given (the server checks it)
	TargetSessionAttrs string // any (default), read-write, read-only, primary, standby, prefer-standby
	LoadBalanceHosts   string // disable (default), random

	// MinProtocolVersion and MaxProtocolVersion are "2.0", "3.0" or "3.2" ("latest" is 3.2).
	// Defaults as libpq 18: min 3.0; max 3.0, or 3.2 when min is above 3.0.
	MinProtocolVersion string
	MaxProtocolVersion string
	minProtocolGiven   bool // min_protocol_version was set: no fallback to 2.0 below it (v2.go)

	// SCRAMClientKey and SCRAMServerKey are scram_client_key and scram_server_key, decoded
	// (32 bytes each) or nil. Never shown by String.
	SCRAMClientKey []byte
	SCRAMServerKey []byte

	OAuthIssuer       string
	OAuthClientID     string
	OAuthClientSecret string // never shown by String
	OAuthScope        string
	OAuthCAFile       string

	Service     string // service / PGSERVICE
	ServiceFile string // servicefile / PGSERVICEFILE as given

	// RuntimeParams are extra startup-packet parameters set by API users. Connection strings
	// never fill it (libpq rejects unknown keywords).
	RuntimeParams []Param

	// EnvSettings are the settings libpq sends from PGDATESTYLE, PGTZ and PGGEQO (datestyle,
	// timezone, geqo; EnvironmentOptions in fe-connect.c), unless one says "default". They come
	// from the environment only, so String leaves them out.
	EnvSettings []Param
}

// cfgEnvSettings reads the environment variables libpq turns into startup parameters
// (build_startup_packet in fe-protocol3.c), in libpq's order.
func cfgEnvSettings(env Env) []Param {
	var out []Param
	for _, o := range [...]struct{ envvar, setting string }{
		{"PGDATESTYLE", "datestyle"}, {"PGTZ", "timezone"}, {"PGGEQO", "geqo"},
	} {
		if v, ok := env.lookup(o.envvar); ok && !strings.EqualFold(v, "default") {
			out = append(out, Param{Keyword: o.setting, Value: v})
		}
	}
	return out
}

// cfgKeyword describes one libpq connection keyword: its environment variable and its
// built-in default (PQconninfoOptions[] in fe-connect.c, PostgreSQL 18).
type cfgKeyword struct {
	name   string
	envvar string
	def    string
	hasDef bool
	secret bool
}

// cfgKeywords lists the keywords in libpq's order. It is read-only.
var cfgKeywords = [...]cfgKeyword{
	{name: "service", envvar: "PGSERVICE"},
	{name: "servicefile", envvar: "PGSERVICEFILE"},
	{name: "user", envvar: "PGUSER"},
	{name: "password", envvar: "PGPASSWORD", secret: true},
	{name: "passfile", envvar: "PGPASSFILE"},
	{name: "channel_binding", envvar: "PGCHANNELBINDING", def: "prefer", hasDef: true},
	{name: "connect_timeout", envvar: "PGCONNECT_TIMEOUT"},
	{name: "dbname", envvar: "PGDATABASE"},
	{name: "host", envvar: "PGHOST"},
	{name: "hostaddr", envvar: "PGHOSTADDR"},
	{name: "port", envvar: "PGPORT", def: "5432", hasDef: true},
	{name: "client_encoding", envvar: "PGCLIENTENCODING"},
	{name: "options", envvar: "PGOPTIONS", def: "", hasDef: true},
	{name: "application_name", envvar: "PGAPPNAME"},
	{name: "fallback_application_name"},
	{name: "keepalives"},
	{name: "keepalives_idle"},
	{name: "keepalives_interval"},
	{name: "keepalives_count"},
	{name: "tcp_user_timeout"},
	{name: "sslmode", envvar: "PGSSLMODE", def: "prefer", hasDef: true},
	{name: "sslnegotiation", envvar: "PGSSLNEGOTIATION", def: "postgres", hasDef: true},
	{name: "sslcompression", envvar: "PGSSLCOMPRESSION", def: "0", hasDef: true},
	{name: "sslcert", envvar: "PGSSLCERT"},
	{name: "sslkey", envvar: "PGSSLKEY"},
	{name: "sslcertmode", envvar: "PGSSLCERTMODE"},
	{name: "sslpassword", secret: true},
	{name: "sslrootcert", envvar: "PGSSLROOTCERT"},
	{name: "sslcrl", envvar: "PGSSLCRL"},
	{name: "sslcrldir", envvar: "PGSSLCRLDIR"},
	{name: "sslsni", envvar: "PGSSLSNI", def: "1", hasDef: true},
	{name: "requirepeer", envvar: "PGREQUIREPEER"},
	{name: "require_auth", envvar: "PGREQUIREAUTH"},
	{name: "min_protocol_version", envvar: "PGMINPROTOCOLVERSION"},
	{name: "max_protocol_version", envvar: "PGMAXPROTOCOLVERSION"},
	{name: "ssl_min_protocol_version", envvar: "PGSSLMINPROTOCOLVERSION", def: "TLSv1.2", hasDef: true},
	{name: "ssl_max_protocol_version", envvar: "PGSSLMAXPROTOCOLVERSION"},
	{name: "gssencmode", envvar: "PGGSSENCMODE", def: "prefer", hasDef: true},
	{name: "krbsrvname", envvar: "PGKRBSRVNAME", def: "postgres", hasDef: true},
	{name: "gsslib", envvar: "PGGSSLIB"},
	{name: "gssdelegation", envvar: "PGGSSDELEGATION", def: "0", hasDef: true},
	{name: "replication"},
	{name: "target_session_attrs", envvar: "PGTARGETSESSIONATTRS", def: "any", hasDef: true},
	{name: "load_balance_hosts", envvar: "PGLOADBALANCEHOSTS", def: "disable", hasDef: true},
	{name: "scram_client_key", secret: true},
	{name: "scram_server_key", secret: true},
	{name: "oauth_issuer"},
	{name: "oauth_client_id"},
	{name: "oauth_client_secret", secret: true},
	{name: "oauth_scope"},
	{name: "oauth_ca_file", envvar: "PGOAUTHCAFILE"},
	{name: "sslkeylogfile"},
}

// cfgDefaultSocketDir is Debian's DEFAULT_PGSOCKET_DIR; cfgDefaultPort is DEF_PGPORT.
const (
	cfgDefaultSocketDir = "/var/run/postgresql"
	cfgDefaultPort      = 5432
	cfgDefaultSysConf   = "/etc/postgresql-common" // Debian's SYSCONFDIR
)

func cfgIsKeyword(name string) bool {
	for i := range cfgKeywords {
		if cfgKeywords[i].name == name {
			return true
		}
	}
	return false
}

// cfgValues maps keywords to values; a present key is a set option (libpq's non-NULL val),
// even when its value is empty.
type cfgValues map[string]string

// cfgCString cuts s at its first NUL byte, as a C string would end there.
func cfgCString(s string) string {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return s[:i]
	}
	return s
}

// ParseConfig resolves a connection as PQconnectdbParams(keywords, values, expand_dbname=1)
// does (conninfo_array_parse, conninfo_add_defaults, pqConnectOptions2 in fe-connect.c).
//
// params are taken in order and later ones override earlier ones; empty values are skipped
// as libpq skips NULL and "" values. The first non-empty "dbname" whose value is a connection
// string (it contains '=' or starts with postgresql:// or postgres://) is parsed and its
// settings replace, at that position, whatever earlier params set; later params still
// override them. Then the service file, the PG* environment variables and the defaults fill
// in what is still unset. An unknown keyword is `invalid connection option "x"`.
//
// The returned *Config is new and owned by the caller. Errors are *ConfigError. ParseConfig
// only reads params and env, and is safe for concurrent use when env's functions are.
func ParseConfig(params []Param, env Env) (*Config, error) {
	var expanded cfgValues
	for _, p := range params {
		kw, val := cfgCString(p.Keyword), cfgCString(p.Value)
		if kw == "dbname" && val != "" {
			if ciIsConnString(val) {
				v, err := ciParse(val)
				if err != nil {
					return nil, err
				}
				expanded = v
			}
			break
		}
	}
	vals := cfgValues{}
	for _, p := range params {
		kw, val := cfgCString(p.Keyword), cfgCString(p.Value)
		if val == "" {
			continue
		}
		if !cfgIsKeyword(kw) {
			return nil, cfgErrorf("invalid connection option \"%s\"", kw)
		}
		if kw == "dbname" && expanded != nil {
			for k, v := range expanded {
				vals[k] = v
			}
			expanded = nil
			continue
		}
		vals[kw] = val
	}
	return cfgResolve(vals, env)
}

// ParseConnString parses one keyword/value connection string or postgresql:// URI and
// resolves it as PQconnectdb does (service file, environment, defaults, validation).
// Errors are *ConfigError with libpq's texts. Like ParseConfig it returns a new *Config and
// is safe for concurrent use when env's functions are.
func ParseConnString(s string, env Env) (*Config, error) {
	vals, err := ciParse(s)
	if err != nil {
		return nil, err
	}
	return cfgResolve(vals, env)
}

func cfgResolve(vals cfgValues, env Env) (*Config, error) {
	if err := cfgAddDefaults(vals, env); err != nil {
		return nil, err
	}
	return cfgBuild(vals, env)
}

// cfgAddDefaults is conninfo_add_defaults: the service file first, then for every option
// still unset its environment variable, PGREQUIRESSL for sslmode, the built-in default, and
// the OS user for user; finally sslrootcert=system strengthens a defaulted sslmode.
func cfgAddDefaults(vals cfgValues, env Env) error {
	if err := svcApply(vals, env); err != nil {
		return err
	}
	sslmodeDefaulted := false
	for i := range cfgKeywords {
		kw := &cfgKeywords[i]
		if _, ok := vals[kw.name]; ok {
			continue
		}
		if kw.envvar != "" {
			if v, ok := env.lookup(kw.envvar); ok {
				vals[kw.name] = v
				continue
			}
		}
		if kw.name == "sslmode" {
			if v, ok := env.lookup("PGREQUIRESSL"); ok && strings.HasPrefix(v, "1") {
				vals[kw.name] = "require"
				continue
			}
			sslmodeDefaulted = true
		}
		if kw.hasDef {
			vals[kw.name] = kw.def
			continue
		}
		if kw.name == "user" && env.OSUser != "" {
			vals[kw.name] = env.OSUser
		}
	}
	if sslmodeDefaulted && vals["sslrootcert"] == "system" {
		vals["sslmode"] = "verify-full"
	}
	return nil
}

func cfgCountElems(s string) int { return strings.Count(s, ",") + 1 }

// cfgIsUnixSockPath is libpq's is_unixsock_path: an absolute path or an abstract socket.
func cfgIsUnixSockPath(s string) bool {
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "@")
}

// cfgBuild is pqConnectOptions2: pair the host lists, default user and database, and
// validate the enumerated settings in libpq's order.
func cfgBuild(vals cfgValues, env Env) (*Config, error) {
	c := &Config{}
	if err := cfgBuildHosts(c, vals); err != nil {
		return nil, err
	}

	c.User = vals["user"]
	if c.User == "" {
		c.User = env.OSUser
		if c.User == "" {
			return nil, cfgErrorf("could not look up local user name")
		}
	}
	c.Database = vals["dbname"]
	if c.Database == "" {
		c.Database = c.User
	}
	c.Password = vals["password"]
	c.PassFile = vals["passfile"]
	if c.PassFile == "" && env.HomeDir != "" {
		c.PassFile = strings.TrimSuffix(env.HomeDir, "/") + "/.pgpass"
	}

	if err := cfgCheckRequireAuth(vals["require_auth"]); err != nil {
		return nil, err
	}
	c.RequireAuth = vals["require_auth"]

	c.ChannelBinding = vals["channel_binding"]
	if err := cfgCheckEnum("channel_binding", c.ChannelBinding, "disable", "prefer", "require"); err != nil {
		return nil, err
	}

	c.SSLMode = vals["sslmode"]
	if err := cfgCheckEnum("sslmode", c.SSLMode, "disable", "allow", "prefer", "require", "verify-ca", "verify-full"); err != nil {
		return nil, err
	}
	c.SSLNegotiation = vals["sslnegotiation"]
	if err := cfgCheckEnum("sslnegotiation", c.SSLNegotiation, "postgres", "direct"); err != nil {
		return nil, err
	}
	if c.SSLNegotiation == "direct" && !strings.HasPrefix(c.SSLMode, "r") && !strings.HasPrefix(c.SSLMode, "v") {
		return nil, cfgErrorf("weak sslmode \"%s\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")", c.SSLMode)
	}
	c.SSLRootCert = vals["sslrootcert"]
	if c.SSLRootCert == "system" && c.SSLMode != "verify-full" {
		return nil, cfgErrorf("weak sslmode \"%s\" may not be used with sslrootcert=system (use \"verify-full\")", c.SSLMode)
	}
	var ok bool
	if c.SSLMinProtocolVersion, ok = cfgTLSVersion(vals["ssl_min_protocol_version"]); !ok {
		return nil, cfgErrorf("invalid %s value: \"%s\"", "ssl_min_protocol_version", vals["ssl_min_protocol_version"])
	}
	if c.SSLMaxProtocolVersion, ok = cfgTLSVersion(vals["ssl_max_protocol_version"]); !ok {
		return nil, cfgErrorf("invalid %s value: \"%s\"", "ssl_max_protocol_version", vals["ssl_max_protocol_version"])
	}
	if !cfgTLSRangeOK(c.SSLMinProtocolVersion, c.SSLMaxProtocolVersion) {
		return nil, cfgErrorf("invalid SSL protocol version range")
	}
	c.SSLCertMode = "allow"
	if v, ok := vals["sslcertmode"]; ok {
		if err := cfgCheckEnum("sslcertmode", v, "disable", "allow", "require"); err != nil {
			return nil, err
		}
		c.SSLCertMode = v
	}
	c.GSSEncMode = vals["gssencmode"]
	if err := cfgCheckEnum("gssencmode", c.GSSEncMode, "disable", "prefer", "require"); err != nil {
		return nil, err
	}
	c.TargetSessionAttrs = vals["target_session_attrs"]
	if err := cfgCheckEnum("target_session_attrs", c.TargetSessionAttrs, "any", "read-write", "read-only", "primary", "standby", "prefer-standby"); err != nil {
		return nil, err
	}
	var err error
	if c.SCRAMClientKey, err = cfgSCRAMKey(vals, "scram_client_key", "client"); err != nil {
		return nil, err
	}
	if c.SCRAMServerKey, err = cfgSCRAMKey(vals, "scram_server_key", "server"); err != nil {
		return nil, err
	}
	c.LoadBalanceHosts = vals["load_balance_hosts"]
	if err := cfgCheckEnum("load_balance_hosts", c.LoadBalanceHosts, "disable", "random"); err != nil {
		return nil, err
	}
	if err := cfgProtocolVersions(c, vals); err != nil {
		return nil, err
	}
	c.ClientEncoding = vals["client_encoding"]
	if c.ClientEncoding == "auto" {
		c.ClientEncoding = cfgEncodingFromLocale(env)
	}
	c.EnvSettings = cfgEnvSettings(env)

	c.ConnectTimeout, c.ConnectTimeoutErr = cfgConnectTimeout(vals)
	c.KeepAlive, c.KeepAliveErr = cfgKeepAlive(vals)

	c.Options = vals["options"]
	c.ApplicationName = vals["application_name"]
	c.FallbackApplicationName = vals["fallback_application_name"]
	c.SSLCompression = strings.HasPrefix(vals["sslcompression"], "1")
	c.SSLCert = vals["sslcert"]
	c.SSLKey = vals["sslkey"]
	c.SSLPassword = vals["sslpassword"]
	c.SSLCRL = vals["sslcrl"]
	c.SSLCRLDir = vals["sslcrldir"]
	c.SSLSNI = strings.HasPrefix(vals["sslsni"], "1")
	c.SSLKeyLogFile = vals["sslkeylogfile"]
	c.RequirePeer = vals["requirepeer"]
	c.KrbSrvName = vals["krbsrvname"]
	c.GSSLib = vals["gsslib"]
	c.GSSDelegation = strings.HasPrefix(vals["gssdelegation"], "1")
	c.Replication = vals["replication"]
	c.OAuthIssuer = vals["oauth_issuer"]
	c.OAuthClientID = vals["oauth_client_id"]
	c.OAuthClientSecret = vals["oauth_client_secret"]
	c.OAuthScope = vals["oauth_scope"]
	c.OAuthCAFile = vals["oauth_ca_file"]
	c.Service = vals["service"]
	c.ServiceFile = vals["servicefile"]
	return c, nil
}

// cfgBuildHosts pairs host, hostaddr and port as pqConnectOptions2 does.
func cfgBuildHosts(c *Config, vals cfgValues) error {
	host, hostaddr, port := vals["host"], vals["hostaddr"], vals["port"]
	n := 1
	if hostaddr != "" {
		n = cfgCountElems(hostaddr)
	} else if host != "" {
		n = cfgCountElems(host)
	}
	hosts := make([]Host, n)
	if hostaddr != "" {
		for i, a := range strings.Split(hostaddr, ",") {
			hosts[i].HostAddr = a
		}
	}
	if host != "" {
		names := strings.Split(host, ",")
		if len(names) != n {
			return cfgErrorf("could not match %d host names to %d hostaddr values", len(names), n)
		}
		for i, h := range names {
			hosts[i].Host = h
		}
	}
	for i := range hosts {
		h := &hosts[i]
		switch {
		case h.HostAddr != "":
		case h.Host != "":
			h.IsSocket = cfgIsUnixSockPath(h.Host)
		default:
			h.Host = cfgDefaultSocketDir
			h.IsSocket = true
			h.Defaulted = true
		}
	}
	if port != "" {
		ports := strings.Split(port, ",")
		switch {
		case len(ports) == 1:
			for i := range hosts {
				hosts[i].PortText = ports[0]
			}
		case len(ports) != n:
			return cfgErrorf("could not match %d port numbers to %d hosts", len(ports), n)
		default:
			for i := range hosts {
				hosts[i].PortText = ports[i]
			}
		}
	}
	for i := range hosts {
		h := &hosts[i]
		h.Port, h.PortFatal, h.PortErr = cfgParsePort(h.PortText)
	}
	c.Hosts = hosts
	return nil
}

// cfgParsePort reads one port as PQconnectPoll does: "" is 5432, a non-integer stops the
// whole connection attempt, a number outside 1..65535 skips this host.
func cfgParsePort(s string) (port uint16, fatal bool, err error) {
	if s == "" {
		return cfgDefaultPort, false, nil
	}
	v, ok := cfgParseInt(s)
	if !ok {
		return 0, true, cfgErrorf("invalid integer value \"%s\" for connection option \"%s\"", s, "port")
	}
	if v < 1 || v > 65535 {
		return 0, false, cfgErrorf("invalid port number: \"%s\"", s)
	}
	return uint16(v), false, nil
}

// cfgIsSpace is C's isspace in the C locale.
func cfgIsSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// cfgStrtol is C's strtol(s, &end, 10) for a 64-bit long: it skips leading white space and
// an optional sign, and reads decimal digits. n is the number of bytes consumed (0 when there
// are no digits); overflow reports ERANGE.
func cfgStrtol(s string) (v int64, n int, overflow bool) {
	i := 0
	for i < len(s) && cfgIsSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var acc uint64
	const limit = uint64(1) << 63
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		d := uint64(s[i] - '0')
		if !overflow {
			if acc > (limit-d)/10 {
				overflow = true
			} else {
				acc = acc*10 + d
			}
		}
		i++
	}
	if i == start {
		return 0, 0, false
	}
	switch {
	case overflow:
	case neg:
		v = -int64(acc-1) - 1 // acc may be 1<<63
	case acc > limit-1:
		overflow = true
	default:
		v = int64(acc)
	}
	return v, i, overflow
}

// cfgParseInt is libpq's pqParseIntParam: an int (32-bit) with optional white space around.
func cfgParseInt(s string) (int, bool) {
	v, n, overflow := cfgStrtol(s)
	if n == 0 || overflow || v < -1<<31 || v > 1<<31-1 {
		return 0, false
	}
	for _, c := range []byte(s[n:]) {
		if !cfgIsSpace(c) {
			return 0, false
		}
	}
	return int(v), true
}

func cfgCheckEnum(keyword, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return cfgErrorf("invalid %s value: \"%s\"", keyword, value)
}

// cfgTLSVersion validates ssl_min/max_protocol_version case-insensitively
// (sslVerifyProtocolVersion) and returns the canonical spelling; "" stays "".
func cfgTLSVersion(v string) (string, bool) {
	if v == "" {
		return "", true
	}
	for _, s := range []string{"TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"} {
		if strings.EqualFold(v, s) {
			return s, true
		}
	}
	return "", false
}

// cfgTLSRangeOK is sslVerifyProtocolRange on canonical spellings.
func cfgTLSRangeOK(min, max string) bool {
	if min == "" || max == "" || min == "TLSv1" {
		return true
	}
	if max == "TLSv1" {
		return false
	}
	return min <= max
}

// libpq's AUTH_REQ_* codes, used as bits as in pqConnectOptions2's require_auth parsing.
const (
	cfgAuthPassword = 1 << 3
	cfgAuthMD5      = 1 << 5
	cfgAuthGSS      = 1 << 7
	cfgAuthGSSCont  = 1 << 8
	cfgAuthSSPI     = 1 << 9
	cfgAuthSASL     = 1 << 10 // SASL, SASL_CONT and SASL_FIN together
)

// cfgAuthRules is require_auth parsed: the methods allowed and whether the server may skip
// authentication.
type cfgAuthRules struct {
	allowed      uint32
	mechs        map[string]bool // SASL mechanisms allowed: scram-sha-256, oauth
	authRequired bool
}

// cfgParseRequireAuth parses require_auth exactly as pqConnectOptions2 (PostgreSQL 18).
func cfgParseRequireAuth(s string) (cfgAuthRules, error) {
	r := cfgAuthRules{allowed: ^uint32(0), mechs: map[string]bool{"scram-sha-256": true, "oauth": true}}
	if s == "" {
		return r, nil
	}
	r = cfgAuthRules{authRequired: true, mechs: map[string]bool{}}
	negated := false
	for i, part := range strings.Split(s, ",") {
		method := part
		if strings.HasPrefix(method, "!") {
			if i == 0 {
				r = cfgAuthRules{allowed: ^uint32(0), mechs: map[string]bool{"scram-sha-256": true, "oauth": true}}
			} else if !negated {
				return r, cfgErrorf("negative require_auth method \"%s\" cannot be mixed with non-negative methods", method)
			}
			negated = true
			method = method[1:]
		} else if negated {
			return r, cfgErrorf("require_auth method \"%s\" cannot be mixed with negative methods", method)
		}
		var bits uint32
		mech := ""
		switch method {
		case "password":
			bits = cfgAuthPassword
		case "md5":
			bits = cfgAuthMD5
		case "gss":
			bits = cfgAuthGSS | cfgAuthGSSCont
		case "sspi":
			bits = cfgAuthSSPI | cfgAuthGSSCont
		case "scram-sha-256", "oauth":
			mech = method
		case "none":
			if negated == r.authRequired {
				return r, cfgErrorf("require_auth method \"%s\" is specified more than once", part)
			}
			r.authRequired = negated
			continue
		default:
			return r, cfgErrorf("invalid %s value: \"%s\"", "require_auth", method)
		}
		dup := false
		switch {
		case mech != "" && negated:
			dup = !r.mechs[mech]
			delete(r.mechs, mech)
		case mech != "":
			dup = r.mechs[mech]
			r.mechs[mech] = true
		case negated:
			dup = r.allowed&bits == 0
			r.allowed &^= bits
		default:
			dup = r.allowed&bits == bits
			r.allowed |= bits
		}
		if dup {
			return r, cfgErrorf("require_auth method \"%s\" is specified more than once", part)
		}
	}
	if len(r.mechs) > 0 {
		r.allowed |= cfgAuthSASL
	} else {
		r.allowed &^= cfgAuthSASL
	}
	return r, nil
}

func cfgCheckRequireAuth(s string) error {
	_, err := cfgParseRequireAuth(s)
	return err
}

// AuthPolicy is require_auth as libpq applies it: which authentication requests the client
// accepts from the server.
type AuthPolicy struct {
	// Allowed reports, for "password", "md5", "gss", "sspi", "scram-sha-256" and "oauth",
	// whether the server may use that method.
	Allowed map[string]bool
	// AllowNone reports whether the server may let the client in without any
	// authentication request (trust, peer, cert...).
	AllowNone bool
}

// AuthPolicy returns c.RequireAuth evaluated as in libpq 18's pqConnectOptions2 and
// check_expected_areq. With no require_auth every method and no authentication are allowed.
// The returned map is new on each call.
func (c *Config) AuthPolicy() AuthPolicy {
	r, err := cfgParseRequireAuth(c.RequireAuth)
	if err != nil {
		r, _ = cfgParseRequireAuth("")
	}
	p := AuthPolicy{Allowed: map[string]bool{}, AllowNone: !r.authRequired}
	p.Allowed["password"] = r.allowed&cfgAuthPassword != 0
	p.Allowed["md5"] = r.allowed&cfgAuthMD5 != 0
	p.Allowed["gss"] = r.allowed&cfgAuthGSS != 0
	p.Allowed["sspi"] = r.allowed&cfgAuthSSPI != 0
	p.Allowed["scram-sha-256"] = r.allowed&cfgAuthSASL != 0 && r.mechs["scram-sha-256"]
	p.Allowed["oauth"] = r.allowed&cfgAuthSASL != 0 && r.mechs["oauth"]
	return p
}

// cfgSCRAMKey decodes scram_client_key / scram_server_key (base64 of 32 bytes).
func cfgSCRAMKey(vals cfgValues, keyword, which string) ([]byte, error) {
	v, ok := vals[keyword]
	if !ok {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, cfgErrorf("invalid SCRAM %s key", which)
	}
	if len(b) != 32 {
		return nil, cfgErrorf("invalid SCRAM %s key length: %d", which, len(b))
	}
	return b, nil
}

// cfgProtocolNumber maps a protocol version keyword value to major*100+minor.
func cfgProtocolNumber(v string) (string, int, bool) {
	switch v {
	case "latest", "3.2":
		return "3.2", 302, true
	case "3.0":
		return "3.0", 300, true
	case "2.0":
		return "2.0", 200, true
	}
	return "", 0, false
}

// cfgProtocolVersions validates min/max_protocol_version and applies libpq 18's defaults.
func cfgProtocolVersions(c *Config, vals cfgValues) error {
	minName, minNum := "3.0", 300
	if v, ok := vals["min_protocol_version"]; ok {
		name, num, ok := cfgProtocolNumber(v)
		if !ok {
			return cfgErrorf("invalid %s value: \"%s\"", "min_protocol_version", v)
		}
		minName, minNum = name, num
		c.minProtocolGiven = true
	}
	maxName, maxNum := "3.0", 300
	if v, ok := vals["max_protocol_version"]; ok {
		name, num, ok := cfgProtocolNumber(v)
		if !ok {
			return cfgErrorf("invalid %s value: \"%s\"", "max_protocol_version", v)
		}
		maxName, maxNum = name, num
	} else if minNum > 300 {
		maxName, maxNum = "3.2", 302
	}
	if minNum > maxNum && !c.minProtocolGiven {
		minName, minNum = maxName, maxNum // max_protocol_version=2.0 alone lowers the default minimum
	}
	if minNum > maxNum {
		return cfgErrorf("\"%s\" is greater than \"%s\"", "min_protocol_version", "max_protocol_version")
	}
	c.MinProtocolVersion, c.MaxProtocolVersion = minName, maxName
	return nil
}

// cfgConnectTimeout reads connect_timeout as pqConnectDBComplete does.
func cfgConnectTimeout(vals cfgValues) (time.Duration, error) {
	v, ok := vals["connect_timeout"]
	if !ok {
		return 0, nil
	}
	n, ok := cfgParseInt(v)
	if !ok {
		return 0, cfgErrorf("invalid integer value \"%s\" for connection option \"%s\"", v, "connect_timeout")
	}
	if n <= 0 {
		return 0, nil
	}
	if n < 2 {
		n = 2
	}
	return time.Duration(n) * time.Second, nil
}

// cfgKeepAlive reads the keepalive settings in the order PQconnectPoll applies them to a
// new TCP socket: keepalives, then (only if on) idle, interval, count and tcp_user_timeout.
// Negative given values become 0, as libpq passes them to setsockopt.
func cfgKeepAlive(vals cfgValues) (KeepAliveSettings, error) {
	k := KeepAliveSettings{Enabled: true, Idle: -1, Interval: -1, Count: -1, UserTimeout: -1}
	parse := func(keyword string) (int, bool, error) {
		v, ok := vals[keyword]
		if !ok {
			return 0, false, nil
		}
		n, ok := cfgParseInt(v)
		if !ok {
			return 0, false, cfgErrorf("invalid integer value \"%s\" for connection option \"%s\"", v, keyword)
		}
		if n < 0 {
			n = 0
		}
		return n, true, nil
	}
	if v, ok := vals["keepalives"]; ok {
		n, ok := cfgParseInt(v)
		if !ok {
			return k, cfgErrorf("invalid integer value \"%s\" for connection option \"%s\"", v, "keepalives")
		}
		if n == 0 {
			k.Enabled = false
			return k, nil
		}
	}
	if n, set, err := parse("keepalives_idle"); err != nil {
		return k, err
	} else if set {
		k.Idle = time.Duration(n) * time.Second
	}
	if n, set, err := parse("keepalives_interval"); err != nil {
		return k, err
	} else if set {
		k.Interval = time.Duration(n) * time.Second
	}
	if n, set, err := parse("keepalives_count"); err != nil {
		return k, err
	} else if set {
		k.Count = n
	}
	if n, set, err := parse("tcp_user_timeout"); err != nil {
		return k, err
	} else if set {
		k.UserTimeout = time.Duration(n) * time.Millisecond
	}
	return k, nil
}

// cfgEncodingFromLocale is pg_get_encoding_from_locale(NULL) for client_encoding=auto, using
// the locale name from LC_ALL, LC_CTYPE or LANG (src/port/chklocale.c's encoding_match_list,
// compared ignoring case, '-' and '_').
func cfgEncodingFromLocale(env Env) string {
	name := ""
	for _, v := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if s, ok := env.lookup(v); ok && s != "" {
			name = s
			break
		}
	}
	if name == "" || strings.EqualFold(name, "C") || strings.EqualFold(name, "POSIX") {
		return "SQL_ASCII"
	}
	dot := strings.IndexByte(name, '.')
	if dot < 0 {
		return ""
	}
	codeset := name[dot+1:]
	if at := strings.IndexByte(codeset, '@'); at >= 0 {
		codeset = codeset[:at]
	}
	norm := strings.NewReplacer("-", "", "_", "").Replace(strings.ToLower(codeset))
	switch norm {
	case "utf8", "cp65001":
		return "UTF8"
	case "eucjp", "ibmeucjp", "sdeckanji", "cp20932":
		return "EUC_JP"
	case "euccn", "ibmeuccn", "gb2312", "dechanzi", "cp20936":
		return "EUC_CN"
	case "euckr", "ibmeuckr", "deckorean", "5601", "cp51949":
		return "EUC_KR"
	case "euctw", "ibmeuctw", "cns11643":
		return "EUC_TW"
	case "iso88591", "cp28591":
		return "LATIN1"
	case "iso88592", "cp28592":
		return "LATIN2"
	case "iso88593", "cp28593":
		return "LATIN3"
	case "iso88594", "cp28594":
		return "LATIN4"
	case "iso88599", "cp28599":
		return "LATIN5"
	case "iso885910":
		return "LATIN6"
	case "iso885913":
		return "LATIN7"
	case "iso885914":
		return "LATIN8"
	case "iso885915", "cp28605":
		return "LATIN9"
	case "iso885916":
		return "LATIN10"
	case "iso88595", "cp28595":
		return "ISO_8859_5"
	case "iso88596", "cp28596":
		return "ISO_8859_6"
	case "iso88597", "cp28597":
		return "ISO_8859_7"
	case "iso88598", "cp28598":
		return "ISO_8859_8"
	case "koi8r", "cp20866":
		return "KOI8R"
	case "koi8u", "cp21866":
		return "KOI8U"
	case "cp866":
		return "WIN866"
	case "cp874":
		return "WIN874"
	case "cp1250":
		return "WIN1250"
	case "cp1251", "ansi1251":
		return "WIN1251"
	case "cp1252":
		return "WIN1252"
	case "cp1253":
		return "WIN1253"
	case "cp1254":
		return "WIN1254"
	case "cp1255":
		return "WIN1255"
	case "cp1256":
		return "WIN1256"
	case "cp1257":
		return "WIN1257"
	case "cp1258":
		return "WIN1258"
	case "sjis", "pck", "cp932":
		return "SJIS"
	case "big5", "big5hkscs", "cp950":
		return "BIG5"
	case "gbk", "cp936":
		return "GBK"
	case "uhc":
		return "UHC"
	case "johab", "cp1361":
		return "JOHAB"
	case "gb18030", "cp54936":
		return "GB18030"
	case "sjis2004":
		return "SHIFT_JIS_2004"
	case "usascii", "ansix3.41968":
		return "SQL_ASCII"
	}
	return ""
}

// String describes c as a keyword/value connection string for debugging. Secrets
// (password, sslpassword, oauth_client_secret, SCRAM keys) are shown as "********" when set.
func (c *Config) String() string {
	var b strings.Builder
	add := func(kw, v string) {
		if v == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(kw)
		b.WriteByte('=')
		b.WriteString(cfgQuote(v))
	}
	secret := func(kw string, set bool) {
		if set {
			add(kw, "********")
		}
	}
	var hosts, addrs, ports []string
	anyAddr := false
	for _, h := range c.Hosts {
		hosts = append(hosts, h.Host)
		addrs = append(addrs, h.HostAddr)
		anyAddr = anyAddr || h.HostAddr != ""
		if h.PortErr != nil {
			ports = append(ports, h.PortText)
		} else {
			ports = append(ports, strconv.Itoa(int(h.Port)))
		}
	}
	add("host", strings.Join(hosts, ","))
	if anyAddr {
		add("hostaddr", strings.Join(addrs, ","))
	}
	add("port", strings.Join(ports, ","))
	add("user", c.User)
	add("dbname", c.Database)
	secret("password", c.Password != "")
	add("passfile", c.PassFile)
	add("service", c.Service)
	add("servicefile", c.ServiceFile)
	add("options", c.Options)
	add("application_name", c.ApplicationName)
	add("fallback_application_name", c.FallbackApplicationName)
	add("client_encoding", c.ClientEncoding)
	if c.ConnectTimeout > 0 {
		add("connect_timeout", strconv.Itoa(int(c.ConnectTimeout/time.Second)))
	}
	if !c.KeepAlive.Enabled {
		add("keepalives", "0")
	}
	if c.KeepAlive.Idle >= 0 {
		add("keepalives_idle", strconv.Itoa(int(c.KeepAlive.Idle/time.Second)))
	}
	if c.KeepAlive.Interval >= 0 {
		add("keepalives_interval", strconv.Itoa(int(c.KeepAlive.Interval/time.Second)))
	}
	if c.KeepAlive.Count >= 0 {
		add("keepalives_count", strconv.Itoa(c.KeepAlive.Count))
	}
	if c.KeepAlive.UserTimeout >= 0 {
		add("tcp_user_timeout", strconv.Itoa(int(c.KeepAlive.UserTimeout/time.Millisecond)))
	}
	add("sslmode", c.SSLMode)
	add("sslnegotiation", c.SSLNegotiation)
	if c.SSLCompression {
		add("sslcompression", "1")
	}
	add("sslcert", c.SSLCert)
	add("sslkey", c.SSLKey)
	add("sslcertmode", c.SSLCertMode)
	secret("sslpassword", c.SSLPassword != "")
	add("sslrootcert", c.SSLRootCert)
	add("sslcrl", c.SSLCRL)
	add("sslcrldir", c.SSLCRLDir)
	if c.SSLSNI {
		add("sslsni", "1")
	} else {
		add("sslsni", "0")
	}
	add("ssl_min_protocol_version", c.SSLMinProtocolVersion)
	add("ssl_max_protocol_version", c.SSLMaxProtocolVersion)
	add("sslkeylogfile", c.SSLKeyLogFile)
	add("requirepeer", c.RequirePeer)
	add("require_auth", c.RequireAuth)
	add("channel_binding", c.ChannelBinding)
	add("gssencmode", c.GSSEncMode)
	add("krbsrvname", c.KrbSrvName)
	add("gsslib", c.GSSLib)
	if c.GSSDelegation {
		add("gssdelegation", "1")
	}
	add("replication", c.Replication)
	add("target_session_attrs", c.TargetSessionAttrs)
	add("load_balance_hosts", c.LoadBalanceHosts)
	if c.minProtocolGiven { // else the default, which may depend on max_protocol_version
		add("min_protocol_version", c.MinProtocolVersion)
	}
	add("max_protocol_version", c.MaxProtocolVersion)
	secret("scram_client_key", c.SCRAMClientKey != nil)
	secret("scram_server_key", c.SCRAMServerKey != nil)
	add("oauth_issuer", c.OAuthIssuer)
	add("oauth_client_id", c.OAuthClientID)
	secret("oauth_client_secret", c.OAuthClientSecret != "")
	add("oauth_scope", c.OAuthScope)
	add("oauth_ca_file", c.OAuthCAFile)
	for _, p := range c.RuntimeParams {
		add("runtime."+p.Keyword, p.Value)
	}
	return b.String()
}

// cfgQuote quotes a value for a keyword/value string when it needs it.
func cfgQuote(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n\v\f\r'\\") {
		return v
	}
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(v); i++ {
		if v[i] == '\'' || v[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(v[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// Copy returns a deep copy of c: slices are duplicated, so the copy can be changed without
// affecting c. Errors are shared (they are immutable).
func (c *Config) Copy() *Config {
	d := *c
	d.Hosts = append([]Host(nil), c.Hosts...)
	if c.RuntimeParams != nil {
		d.RuntimeParams = append([]Param(nil), c.RuntimeParams...)
	}
	if c.SCRAMClientKey != nil {
		d.SCRAMClientKey = append([]byte(nil), c.SCRAMClientKey...)
	}
	if c.SCRAMServerKey != nil {
		d.SCRAMServerKey = append([]byte(nil), c.SCRAMServerKey...)
	}
	return &d
}
