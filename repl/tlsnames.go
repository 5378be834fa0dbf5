package repl

import "crypto/tls"

// tlsVersionName is OpenSSL's protocol name, as psql prints it.
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

// cipherName is the OpenSSL name of a cipher suite for TLS 1.3 (where IANA's and OpenSSL's
// names agree) and the IANA name otherwise.
func cipherName(id uint16) string {
	return tls.CipherSuiteName(id)
}
