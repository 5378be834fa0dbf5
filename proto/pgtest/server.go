// Package pgtest starts throwaway PostgreSQL servers for tests, in the style of
// net/http/httptest: a real server (initdb in a temporary directory, a free loopback port and a
// Unix socket, TLS with certificates made here, a role per authentication method), and a
// scripted fake server for what a real one will not do on demand.
package pgtest

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Roles and passwords every Server has (the same as shared/pg/cluster.sh's):
//
//	postgres     superuser, trust
//	scram_user   scram-sha-256, password "scram_pw" (over TCP and the socket)
//	md5_user     md5, password "md5_pw"
//	pw_user      cleartext password, password "pw_pw"
//	ssl_user     trust, but only over TLS
//	nossl_user   trust, but only without TLS
//	cert_user    TLS client certificate (Server.ClientCert/ClientKey)
const (
	ScramPassword = "scram_pw"
	MD5Password   = "md5_pw"
	PlainPassword = "pw_pw"
)

// Server is a running PostgreSQL cluster owned by the test process. Its fields are read-only.
type Server struct {
	Dir        string // the cluster's directory (data, socket, certificates)
	SocketDir  string // Unix socket directory
	Port       int    // TCP port on 127.0.0.1, also the socket's port
	BinDir     string // server binaries used
	Version    int    // major version, e.g. 15
	CACert     string // path of the CA certificate that signed the server's
	ClientCert string // client certificate for cert_user
	ClientKey  string // its key (mode 0600)

	cmd  *exec.Cmd
	done chan struct{}
	log  string
}

// FindBinDir returns the directory of the newest PostgreSQL server binaries: $PG_BIN if set,
// else /usr/lib/postgresql/N/bin, else pg_config --bindir.
func FindBinDir() (string, error) {
	if d := os.Getenv("PG_BIN"); d != "" {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err != nil {
			return "", fmt.Errorf("PG_BIN=%s has no initdb: %w", d, err)
		}
		return d, nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return versionOf(dirs[i]) < versionOf(dirs[j]) })
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i], nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		d := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("pgtest: no PostgreSQL server binaries found (install postgresql, or set PG_BIN to the directory holding initdb and postgres)")
}

func versionOf(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start initialises and starts a new cluster in a temporary directory. Stop removes it.
// As root, the server runs as OS user postgres (PostgreSQL refuses to run as root).
func Start() (*Server, error) {
	bin, err := FindBinDir()
	if err != nil {
		return nil, err
	}
	return StartWith(bin)
}

// StartWith is Start with the server binaries of binDir (another major version, say).
func StartWith(bin string) (*Server, error) {
	dir, err := os.MkdirTemp("", "gpsql-pgtest-")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, SocketDir: filepath.Join(dir, "sock"), BinDir: bin, done: make(chan struct{})}
	if err := s.start(); err != nil {
		s.Stop()
		return nil, err
	}
	return s, nil
}

func (s *Server) start() error {
	cred, err := serverCredential()
	if err != nil {
		return err
	}
	data := filepath.Join(s.Dir, "data")
	for _, d := range []string{data, s.SocketDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	if cred != nil {
		for _, d := range []string{data, s.SocketDir} {
			if err := os.Chown(d, int(cred.Uid), int(cred.Gid)); err != nil {
				return err
			}
		}
	}
	initdb := exec.Command(filepath.Join(s.BinDir, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"--no-sync", "-E", "UTF8", "--locale=C.UTF-8")
	initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	if out, err := initdb.CombinedOutput(); err != nil {
		return fmt.Errorf("pgtest: initdb: %v\n%s", err, out)
	}
	if v, err := os.ReadFile(filepath.Join(data, "PG_VERSION")); err == nil {
		s.Version, _ = strconv.Atoi(strings.TrimSpace(string(v)))
	}
	if err := s.writeCerts(data, cred); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(data, "pg_hba.conf"), []byte(hbaConf), 0o600); err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Port = port
	conf := fmt.Sprintf(`listen_addresses = '127.0.0.1'
port = %d
unix_socket_directories = '%s'
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'ca.crt'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
logging_collector = off
`, port, s.SocketDir)
	f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	f.WriteString(conf)
	f.Close()
	if cred != nil {
		if err := chownTree(data, cred); err != nil {
			return err
		}
	}
	s.log = filepath.Join(s.Dir, "server.log")
	logf, err := os.Create(s.log)
	if err != nil {
		return err
	}
	defer logf.Close()
	s.cmd = exec.Command(filepath.Join(s.BinDir, "postgres"), "-D", data)
	s.cmd.Stdout, s.cmd.Stderr = logf, logf
	s.cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred, Pdeathsig: syscall.SIGTERM, Setpgid: true}
	if err := s.cmd.Start(); err != nil {
		return fmt.Errorf("pgtest: starting postgres: %w", err)
	}
	go func() { s.cmd.Wait(); close(s.done) }()
	if err := s.waitReady(data, 60*time.Second); err != nil {
		return err
	}
	return s.setupRoles()
}

// serverCredential returns the postgres OS user when running as root, else nil (run as
// ourselves).
func serverCredential() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("pgtest: running as root needs an OS user postgres: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

func chownTree(root string, cred *syscall.Credential) error {
	return filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, int(cred.Uid), int(cred.Gid))
	})
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady waits until postmaster.pid says "ready" (PostgreSQL 10+) or the server exits.
func (s *Server) waitReady(data string, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		select {
		case <-s.done:
			return fmt.Errorf("pgtest: postgres exited during start-up; log:\n%s", s.Log())
		case <-tick.C:
		}
		b, err := os.ReadFile(filepath.Join(data, "postmaster.pid"))
		if err != nil {
			continue
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) >= 8 && strings.TrimSpace(lines[7]) == "ready" {
			return nil
		}
	}
	return fmt.Errorf("pgtest: postgres not ready after %v; log:\n%s", limit, s.Log())
}

// Log returns the server log so far, for failure messages.
func (s *Server) Log() string {
	b, _ := os.ReadFile(s.log)
	return string(b)
}

const hbaConf = `local     all all                          trust
host      all scram_user 127.0.0.1/32      scram-sha-256
host      all md5_user   127.0.0.1/32      md5
host      all pw_user    127.0.0.1/32      password
hostnossl all ssl_user   127.0.0.1/32      reject
hostssl   all nossl_user 127.0.0.1/32      reject
hostssl   all cert_user  127.0.0.1/32      cert
host      all cert_user  127.0.0.1/32      reject
host      all all        127.0.0.1/32      trust
`

const rolesSQL = `SET password_encryption = 'scram-sha-256';
CREATE ROLE scram_user LOGIN PASSWORD 'scram_pw';
CREATE ROLE pw_user LOGIN PASSWORD 'pw_pw';
SET password_encryption = 'md5';
CREATE ROLE md5_user LOGIN PASSWORD 'md5_pw';
CREATE ROLE ssl_user LOGIN;
CREATE ROLE nossl_user LOGIN;
CREATE ROLE cert_user LOGIN;
`

// setupRoles creates the test roles with the psql of the same installation (or the one on
// PATH).
func (s *Server) setupRoles() error {
	psql := filepath.Join(s.BinDir, "psql")
	if _, err := os.Stat(psql); err != nil {
		psql = "psql"
	}
	out, err := s.Psql(psql, rolesSQL)
	if err != nil {
		return fmt.Errorf("pgtest: creating roles: %v\n%s", err, out)
	}
	return nil
}

// Psql runs SQL through the given psql binary as postgres over the Unix socket, stopping at
// the first error, and returns its combined output.
func (s *Server) Psql(psql, sql string) (string, error) {
	cmd := exec.Command(psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", s.SocketDir, "-p", strconv.Itoa(s.Port), "-U", "postgres", "-d", "postgres")
	cmd.Stdin = strings.NewReader(sql)
	cmd.Env = append(os.Environ(), "PGSSLMODE=disable", "PGCONNECT_TIMEOUT=10")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// Stop stops the server (fast shutdown) and removes its directory.
func (s *Server) Stop() {
	if s.cmd != nil && s.cmd.Process != nil {
		s.cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-s.done:
		case <-time.After(30 * time.Second):
			s.cmd.Process.Kill()
			<-s.done
		}
	}
	os.RemoveAll(s.Dir)
}

// Env returns PG* settings that reach the server as postgres over the socket, for child
// processes such as psql and gpsql.
func (s *Server) Env() []string {
	return []string{"PGHOST=" + s.SocketDir, "PGPORT=" + strconv.Itoa(s.Port), "PGUSER=postgres", "PGDATABASE=postgres"}
}
