package proto

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
	"unicode/utf8"

	"crypto/pbkdf2"

	"golang.org/x/text/unicode/norm"
)

// SCRAM mechanism names (protocol-v3.txt §3 "SASL Authentication").
const (
	mechSCRAM     = "SCRAM-SHA-256"
	mechSCRAMPlus = "SCRAM-SHA-256-PLUS"
)

// scramClient is the client side of one SCRAM-SHA-256[-PLUS] exchange (RFC 5802, RFC 7677),
// a pure state machine: clientFirst, then serverFirst → client-final, then serverFinal.
type scramClient struct {
	username        string // sent in n=; libpq sends "" (the server uses the startup user)
	password        []byte // after SASLprep (or raw, as PostgreSQL falls back)
	gs2Header       string // "n,,", "y,,", or "p=tls-server-end-point,,"
	cbindData       []byte // tls-server-end-point hash for -PLUS
	clientNonce     string
	clientFirstBare string
	authMessage     string
	serverSignature []byte
}

// newSCRAM starts an exchange. nonce is the client nonce (random in production, fixed in
// tests); gs2Header and cbindData follow the channel-binding choice.
func newSCRAM(password, gs2Header string, cbindData []byte, nonce string) *scramClient {
	return &scramClient{password: []byte(saslPrep(password)), gs2Header: gs2Header, cbindData: cbindData, clientNonce: nonce}
}

// randomNonce returns libpq's nonce: 18 random bytes, base64-encoded.
func randomNonce() (string, error) {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("could not generate nonce: %w", err)
	}
	return base64.StdEncoding.EncodeToString(b), nil
}

// clientFirst returns the client-first-message. The user name is empty, as libpq sends it:
// the server takes the user from the startup packet.
func (s *scramClient) clientFirst() []byte {
	name := strings.NewReplacer("=", "=3D", ",", "=2C").Replace(s.username)
	s.clientFirstBare = "n=" + name + ",r=" + s.clientNonce
	return []byte(s.gs2Header + s.clientFirstBare)
}

// serverFirst checks the server-first-message and returns the client-final-message.
func (s *scramClient) serverFirst(msg []byte) ([]byte, error) {
	str := string(msg)
	if strings.HasPrefix(str, "m=") {
		return nil, errors.New("malformed SCRAM message (unsupported mandatory extension)")
	}
	attrs := strings.Split(str, ",")
	if len(attrs) < 3 {
		return nil, errors.New("malformed SCRAM message (attribute \"r\" expected)")
	}
	nonce, ok := strings.CutPrefix(attrs[0], "r=")
	if !ok {
		return nil, errors.New("malformed SCRAM message (attribute \"r\" expected)")
	}
	if !strings.HasPrefix(nonce, s.clientNonce) || len(nonce) == len(s.clientNonce) {
		return nil, errors.New("invalid SCRAM response (nonce mismatch)")
	}
	saltB64, ok := strings.CutPrefix(attrs[1], "s=")
	if !ok {
		return nil, errors.New("malformed SCRAM message (attribute \"s\" expected)")
	}
	salt, err := base64.StdEncoding.DecodeString(saltB64)
	if err != nil || len(salt) == 0 {
		return nil, errors.New("malformed SCRAM message (invalid salt)")
	}
	iterStr, ok := strings.CutPrefix(attrs[2], "i=")
	if !ok {
		return nil, errors.New("malformed SCRAM message (attribute \"i\" expected)")
	}
	iters, err := strconv.Atoi(iterStr)
	if err != nil || iters < 1 {
		return nil, errors.New("malformed SCRAM message (invalid iteration count)")
	}
	if iters > 10_000_000 {
		return nil, errors.New("malformed SCRAM message (iteration count too large)")
	}

	cbind := append([]byte(s.gs2Header), s.cbindData...)
	withoutProof := "c=" + base64.StdEncoding.EncodeToString(cbind) + ",r=" + nonce
	s.authMessage = s.clientFirstBare + "," + str + "," + withoutProof

	salted, err := pbkdf2.Key(sha256.New, string(s.password), salt, iters, sha256.Size)
	if err != nil {
		return nil, fmt.Errorf("could not compute salted password: %w", err)
	}
	clientKey := hmacSHA256(salted, "Client Key")
	storedKey := sha256.Sum256(clientKey)
	clientSig := hmacSHA256(storedKey[:], s.authMessage)
	proof := make([]byte, len(clientKey))
	for i := range clientKey {
		proof[i] = clientKey[i] ^ clientSig[i]
	}
	s.serverSignature = hmacSHA256(hmacSHA256(salted, "Server Key"), s.authMessage)
	return []byte(withoutProof + ",p=" + base64.StdEncoding.EncodeToString(proof)), nil
}

// serverFinal verifies the server's signature (constant time).
func (s *scramClient) serverFinal(msg []byte) error {
	str := string(msg)
	if e, ok := strings.CutPrefix(str, "e="); ok {
		return fmt.Errorf("error received from server in SCRAM exchange: %s", e)
	}
	v, ok := strings.CutPrefix(strings.SplitN(str, ",", 2)[0], "v=")
	if !ok {
		return errors.New("malformed SCRAM message (attribute \"v\" expected)")
	}
	sig, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return errors.New("malformed SCRAM message (malformed server signature)")
	}
	if s.serverSignature == nil || !hmac.Equal(sig, s.serverSignature) {
		return errors.New("incorrect server signature")
	}
	return nil
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

// tlsServerEndPoint is the RFC 5929 channel-binding data: the hash of the server's
// certificate, with the certificate's signature hash (SHA-256 for MD5 and SHA-1). It fails for
// signature algorithms without a hash (Ed25519), as the server does.
func tlsServerEndPoint(cert *x509.Certificate) ([]byte, error) {
	var h hash.Hash
	switch cert.SignatureAlgorithm {
	case x509.MD5WithRSA, x509.SHA1WithRSA, x509.ECDSAWithSHA1, x509.DSAWithSHA1,
		x509.SHA256WithRSA, x509.ECDSAWithSHA256, x509.SHA256WithRSAPSS, x509.DSAWithSHA256:
		h = sha256.New()
	case x509.SHA384WithRSA, x509.ECDSAWithSHA384, x509.SHA384WithRSAPSS:
		h = sha512.New384()
	case x509.SHA512WithRSA, x509.ECDSAWithSHA512, x509.SHA512WithRSAPSS:
		h = sha512.New()
	default:
		return nil, fmt.Errorf("could not find digest for certificate signature algorithm %s", cert.SignatureAlgorithm)
	}
	h.Write(cert.Raw)
	return h.Sum(nil), nil
}

// saslPrep applies RFC 4013 SASLprep as PostgreSQL's pg_saslprep does, returning the
// password unchanged when it is not valid UTF-8 or SASLprep rejects it (the server made the
// same choice when it stored the verifier). ASCII input is returned as is.
func saslPrep(pw string) string {
	ascii := true
	for i := 0; i < len(pw); i++ {
		if pw[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii || !utf8.ValidString(pw) {
		return pw
	}
	var b strings.Builder
	for _, r := range pw {
		switch {
		case isNonASCIISpace(r):
			b.WriteRune(' ')
		case isMappedToNothing(r):
		default:
			b.WriteRune(r)
		}
	}
	out := norm.NFKC.String(b.String())
	for _, r := range out {
		if isProhibited(r) {
			return pw
		}
	}
	if out == "" {
		return pw
	}
	return out
}

// isNonASCIISpace is RFC 3454 table C.1.2.
func isNonASCIISpace(r rune) bool {
	switch r {
	case 0x00A0, 0x1680, 0x202F, 0x205F, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200B
}

// isMappedToNothing is RFC 3454 table B.1.
func isMappedToNothing(r rune) bool {
	switch r {
	case 0x00AD, 0x034F, 0x1806, 0x180B, 0x180C, 0x180D, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
		return true
	}
	return r >= 0xFE00 && r <= 0xFE0F
}

// isProhibited covers RFC 4013's prohibited tables C.2–C.9 (control, private use,
// non-characters, surrogates, tagging and display-changing characters).
func isProhibited(r rune) bool {
	switch {
	case r < 0x20 || r == 0x7F || (r >= 0x80 && r <= 0x9F):
		return true
	case r == 0x06DD || r == 0x070F || r == 0x180E || r == 0xFEFF:
		return true
	case r >= 0x200C && r <= 0x200F, r >= 0x2028 && r <= 0x202E, r >= 0x2060 && r <= 0x206F:
		return true
	case r >= 0xFFF9 && r <= 0xFFFD, r >= 0x1D173 && r <= 0x1D17A:
		return true
	case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000 && r <= 0xFFFFD, r >= 0x100000 && r <= 0x10FFFD:
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	case r >= 0xD800 && r <= 0xDFFF:
		return true
	case r >= 0x2FF0 && r <= 0x2FFB, r == 0x0340 || r == 0x0341:
		return true
	case r >= 0xE0001 && r <= 0xE007F:
		return true
	}
	return false
}
