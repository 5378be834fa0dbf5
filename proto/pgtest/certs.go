package pgtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// writeCerts makes a CA, a server certificate for localhost and 127.0.0.1 signed by it
// (installed in the data directory), and a client certificate for cert_user.
func (s *Server) writeCerts(data string, cred *syscall.Credential) error {
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	now := time.Now()
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "gpsql test CA"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(10 * 365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return err
	}
	ca, _ := x509.ParseCertificate(caDER)
	leaf := func(serial int64, cn string, ext x509.ExtKeyUsage, dns []string, ips []net.IP) ([]byte, *ecdsa.PrivateKey, error) {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			return nil, nil, err
		}
		t := &x509.Certificate{
			SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: cn},
			NotBefore: now.Add(-time.Hour), NotAfter: now.Add(10 * 365 * 24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{ext},
			DNSNames: dns, IPAddresses: ips,
		}
		der, err := x509.CreateCertificate(rand.Reader, t, ca, &k.PublicKey, caKey)
		return der, k, err
	}
	srvDER, srvKey, err := leaf(2, "localhost", x509.ExtKeyUsageServerAuth, []string{"localhost"}, []net.IP{net.ParseIP("127.0.0.1")})
	if err != nil {
		return err
	}
	cliDER, cliKey, err := leaf(3, "cert_user", x509.ExtKeyUsageClientAuth, nil, nil)
	if err != nil {
		return err
	}
	s.CACert = filepath.Join(s.Dir, "ca.crt")
	s.ClientCert = filepath.Join(s.Dir, "client.crt")
	s.ClientKey = filepath.Join(s.Dir, "client.key")
	files := []certFile{
		{s.CACert, "CERTIFICATE", caDER, false},
		{filepath.Join(data, "ca.crt"), "CERTIFICATE", caDER, true},
		{filepath.Join(data, "server.crt"), "CERTIFICATE", srvDER, true},
		{s.ClientCert, "CERTIFICATE", cliDER, false},
	}
	srvKeyDER, err := x509.MarshalECPrivateKey(srvKey)
	if err != nil {
		return err
	}
	cliKeyDER, err := x509.MarshalECPrivateKey(cliKey)
	if err != nil {
		return err
	}
	files = append(files,
		certFile{filepath.Join(data, "server.key"), "EC PRIVATE KEY", srvKeyDER, true},
		certFile{s.ClientKey, "EC PRIVATE KEY", cliKeyDER, false},
	)
	for _, f := range files {
		b := pem.EncodeToMemory(&pem.Block{Type: f.typ, Bytes: f.der})
		if err := os.WriteFile(f.path, b, 0o600); err != nil {
			return err
		}
		if f.owner && cred != nil {
			if err := os.Chown(f.path, int(cred.Uid), int(cred.Gid)); err != nil {
				return err
			}
		}
	}
	return nil
}

// certFile is one PEM file writeCerts writes; owner marks files the server's OS user owns.
type certFile struct {
	path  string
	typ   string
	der   []byte
	owner bool
}
