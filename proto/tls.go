package proto

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/gpsql/gpsql/proto/wire"
)

// alpnPostgres is the ALPN protocol name PostgreSQL 17+ requires on direct TLS connections.
const alpnPostgres = "postgresql"

// startTLS negotiates TLS on c.nc as libpq does for the connection's sslmode and
// sslnegotiation. On 'N' from the server with sslmode prefer/allow it leaves the connection in
// plaintext (c.tlsState nil); with require and stronger it fails.
func (c *Conn) startTLS(ctx context.Context) error {
	cfg := c.cfg
	tcfg, err := c.tlsConfig()
	if err != nil {
		return &attemptError{msg: err.Error(), err: err}
	}
	if cfg.SSLNegotiation == "direct" {
		switch cfg.SSLMode {
		case "require", "verify-ca", "verify-full":
		default:
			err := fmt.Errorf("weak sslmode %q may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")", cfg.SSLMode)
			return &attemptError{msg: err.Error(), err: err}
		}
		return c.handshake(ctx, tcfg)
	}
	req, err := (&wire.SSLRequest{}).Encode(nil)
	if err != nil {
		return &attemptError{msg: err.Error(), err: err}
	}
	if _, err := c.nc.Write(req); err != nil {
		return c.ioAttemptError(err)
	}
	var b [1]byte
	if _, err := io.ReadFull(c.nc, b[:]); err != nil {
		return c.ioAttemptError(err)
	}
	switch b[0] {
	case 'S':
		return c.handshake(ctx, tcfg)
	case 'N':
		if cfg.SSLMode == "prefer" || cfg.SSLMode == "allow" || cfg.SSLMode == "" {
			return nil
		}
		err := errors.New("server does not support SSL, but SSL was required")
		return &attemptError{msg: err.Error(), err: err}
	case 'E':
		// A server too old to know SSLRequest sends an error text. It is unauthenticated, so
		// it is not shown (CVE-2024-10977).
		err := errors.New("server does not support SSL, but SSL was required")
		if cfg.SSLMode == "prefer" || cfg.SSLMode == "allow" {
			return &attemptError{msg: "server does not support SSL", err: err, sslRetry: true}
		}
		return &attemptError{msg: err.Error(), err: err}
	default:
		err := fmt.Errorf("received invalid response to SSL negotiation: %c", b[0])
		return &attemptError{msg: err.Error(), err: err}
	}
}

func (c *Conn) handshake(ctx context.Context, tcfg *tls.Config) error {
	tc := tls.Client(c.nc, tcfg)
	if err := tc.HandshakeContext(ctx); err != nil {
		return &attemptError{msg: tlsErrorText(err), err: err}
	}
	st := tc.ConnectionState()
	c.tlsState = &st
	c.nc = tc
	return nil
}

// tlsErrorText maps a handshake error to libpq's wording.
func tlsErrorText(err error) string {
	var he *hostMismatchError
	if errors.As(err, &he) {
		return he.Error()
	}
	var ue x509.UnknownAuthorityError
	var ce x509.CertificateInvalidError
	if errors.As(err, &ue) || errors.As(err, &ce) {
		return "SSL error: certificate verify failed"
	}
	var te *tls.CertificateVerificationError
	if errors.As(err, &te) {
		return "SSL error: certificate verify failed"
	}
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return "timeout expired"
	}
	if errors.Is(err, io.EOF) {
		return "SSL SYSCALL error: EOF detected"
	}
	return "SSL error: " + strings.TrimPrefix(err.Error(), "tls: ")
}

// postgresqlDir is libpq's per-user directory for certificates (~/.postgresql).
func (c *Conn) postgresqlDir() string {
	if c.env.HomeDir == "" {
		return ""
	}
	return filepath.Join(c.env.HomeDir, ".postgresql")
}

// tlsConfig builds the client TLS settings for the connection's sslmode, sslrootcert,
// sslcert/sslkey, sslsni and ssl_min/max_protocol_version.
func (c *Conn) tlsConfig() (*tls.Config, error) {
	cfg := c.cfg
	mode := cfg.SSLMode
	tcfg := &tls.Config{MinVersion: tls.VersionTLS12}
	switch cfg.SSLMinProtocolVersion {
	case "TLSv1":
		tcfg.MinVersion = tls.VersionTLS10
	case "TLSv1.1":
		tcfg.MinVersion = tls.VersionTLS11
	case "TLSv1.3":
		tcfg.MinVersion = tls.VersionTLS13
	}
	switch cfg.SSLMaxProtocolVersion {
	case "TLSv1":
		tcfg.MaxVersion = tls.VersionTLS10
	case "TLSv1.1":
		tcfg.MaxVersion = tls.VersionTLS11
	case "TLSv1.2":
		tcfg.MaxVersion = tls.VersionTLS12
	case "TLSv1.3":
		tcfg.MaxVersion = tls.VersionTLS13
	}
	host := c.host.Host
	if cfg.SSLSNI && host != "" && !c.host.IsSocket && net.ParseIP(host) == nil {
		tcfg.ServerName = host
	}
	tcfg.NextProtos = []string{alpnPostgres}

	// Root certificates.
	var roots *x509.CertPool
	rootFile := cfg.SSLRootCert
	if rootFile == "system" {
		if mode != "verify-full" {
			return nil, fmt.Errorf("weak sslmode %q may not be used with sslrootcert=system (use \"verify-full\")", mode)
		}
		sys, err := x509.SystemCertPool()
		if err != nil {
			return nil, fmt.Errorf("could not load system root certificate paths: %v", err)
		}
		roots = sys
	} else {
		if rootFile == "" && c.postgresqlDir() != "" {
			rootFile = filepath.Join(c.postgresqlDir(), "root.crt")
		}
		pem, err := os.ReadFile(rootFile)
		switch {
		case err == nil:
			roots = x509.NewCertPool()
			if !roots.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("could not read root certificate file %q: no certificate found", rootFile)
			}
			if mode == "require" {
				// libpq: with a root certificate present, require behaves as verify-ca.
				mode = "verify-ca"
			}
		case mode == "verify-ca" || mode == "verify-full":
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("root certificate file %q does not exist\nEither provide the file or change sslmode to disable server certificate verification.", rootFile)
			}
			return nil, fmt.Errorf("could not read root certificate file %q: %v", rootFile, err)
		}
	}

	// Client certificate.
	certFile, keyFile := cfg.SSLCert, cfg.SSLKey
	if certFile == "" && c.postgresqlDir() != "" {
		certFile = filepath.Join(c.postgresqlDir(), "postgresql.crt")
	}
	if keyFile == "" && c.postgresqlDir() != "" {
		keyFile = filepath.Join(c.postgresqlDir(), "postgresql.key")
	}
	if certFile != "" {
		if _, err := os.Stat(certFile); err == nil {
			cert, err := loadClientCert(certFile, keyFile)
			if err != nil {
				return nil, err
			}
			tcfg.Certificates = []tls.Certificate{cert}
		} else if cfg.SSLCert != "" && !errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("could not open certificate file %q: %v", certFile, err)
		}
	}

	tcfg.InsecureSkipVerify = true // verification is ours, below, as libpq's rules differ from Go's
	switch mode {
	case "verify-ca", "verify-full":
		full := mode == "verify-full"
		tcfg.VerifyPeerCertificate = func(raw [][]byte, _ [][]*x509.Certificate) error {
			return verifyServerCert(raw, roots, full, host)
		}
	}
	return tcfg, nil
}

// loadClientCert reads sslcert and sslkey, refusing a key file others can read as libpq does.
func loadClientCert(certFile, keyFile string) (tls.Certificate, error) {
	fi, err := os.Stat(keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("certificate present, but not private key file %q", keyFile)
	}
	if fi.Mode().IsRegular() {
		perm := fi.Mode().Perm()
		if perm&0o137 != 0 && !(perm&0o037 == 0o040 && fileOwnedByRoot(fi)) {
			return tls.Certificate{}, fmt.Errorf("private key file %q has group or world access; file must have permissions u=rw (0600) or less if owned by the current user, or permissions u=rw,g=r (0640) or less if owned by root", keyFile)
		}
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("could not load private key file %q: %v", keyFile, err)
	}
	return cert, nil
}

// verifyServerCert checks the chain against roots and, for verify-full, the host name as
// libpq's pq_verify_peer_name_matches_certificate does.
func verifyServerCert(raw [][]byte, roots *x509.CertPool, full bool, host string) error {
	if len(raw) == 0 {
		return errors.New("server did not send a certificate")
	}
	certs := make([]*x509.Certificate, len(raw))
	for i, r := range raw {
		c, err := x509.ParseCertificate(r)
		if err != nil {
			return x509.CertificateInvalidError{Reason: x509.NotAuthorizedToSign, Detail: err.Error()}
		}
		certs[i] = c
	}
	inter := x509.NewCertPool()
	for _, c := range certs[1:] {
		inter.AddCert(c)
	}
	if _, err := certs[0].Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter}); err != nil {
		return err
	}
	if full {
		return matchHostName(certs[0], host)
	}
	return nil
}

// hostMismatchError is libpq's verify-full failure.
type hostMismatchError struct{ msg string }

func (e *hostMismatchError) Error() string { return e.msg }

// matchHostName applies libpq's rules: with dNSName (or, for an IP host, iPAddress) SANs the
// CN is ignored; a "*." wildcard matches one leftmost label; names compare case-insensitively.
func matchHostName(cert *x509.Certificate, host string) error {
	ip := net.ParseIP(host)
	var names []string
	matched := false
	for _, n := range cert.DNSNames {
		names = append(names, n)
		if ip == nil && wildcardMatch(n, host) {
			matched = true
		}
	}
	for _, a := range cert.IPAddresses {
		names = append(names, a.String())
		if ip != nil && a.Equal(ip) {
			matched = true
		}
	}
	hasSAN := len(cert.DNSNames) > 0 || (ip != nil && len(cert.IPAddresses) > 0)
	if !hasSAN && cert.Subject.CommonName != "" {
		cn := cert.Subject.CommonName
		names = append(names, cn)
		if (ip == nil && wildcardMatch(cn, host)) || (ip != nil && net.ParseIP(cn).Equal(ip)) {
			matched = true
		}
	}
	if matched {
		return nil
	}
	switch len(names) {
	case 0:
		return &hostMismatchError{"could not get server's host name from server certificate"}
	case 1:
		return &hostMismatchError{fmt.Sprintf("server certificate for %q does not match host name %q", names[0], host)}
	case 2:
		return &hostMismatchError{fmt.Sprintf("server certificate for %q (and %d other name) does not match host name %q", names[0], 1, host)}
	default:
		return &hostMismatchError{fmt.Sprintf("server certificate for %q (and %d other names) does not match host name %q", names[0], len(names)-1, host)}
	}
}

func wildcardMatch(pattern, host string) bool {
	pattern, host = strings.ToLower(pattern), strings.ToLower(host)
	if pattern == host {
		return true
	}
	if !strings.HasPrefix(pattern, "*.") {
		return false
	}
	i := strings.IndexByte(host, '.')
	return i > 0 && host[i:] == pattern[1:]
}
