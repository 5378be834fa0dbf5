package proto

import (
	"crypto/tls"
	"fmt"
)

// SSLInfo is the line psql prints about a TLS connection (in its banner and \conninfo):
// "SSL connection (protocol: TLSv1.3, cipher: TLS_AES_256_GCM_SHA384, compression: off)",
// with OpenSSL's names; "" for a connection without TLS.
func (c *Conn) SSLInfo() string {
	st := c.tlsState
	if st == nil {
		return ""
	}
	return fmt.Sprintf("SSL connection (protocol: %s, cipher: %s, compression: off)", tlsVersionName(st.Version), opensslCipherName(st.CipherSuite))
}

// tlsVersionName is OpenSSL's name of a protocol version.
func tlsVersionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return "unknown"
}

// opensslCipherName is OpenSSL's name of a cipher suite: the IANA name for TLS 1.3, the
// OpenSSL spelling for the TLS 1.2 suites Go offers.
func opensslCipherName(id uint16) string {
	switch id {
	case tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:
		return "ECDHE-RSA-AES128-GCM-SHA256"
	case tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:
		return "ECDHE-RSA-AES256-GCM-SHA384"
	case tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:
		return "ECDHE-ECDSA-AES128-GCM-SHA256"
	case tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:
		return "ECDHE-ECDSA-AES256-GCM-SHA384"
	case tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:
		return "ECDHE-RSA-CHACHA20-POLY1305"
	case tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256:
		return "ECDHE-ECDSA-CHACHA20-POLY1305"
	}
	return tls.CipherSuiteName(id)
}
