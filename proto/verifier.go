package proto

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
)

// SCRAMVerifier builds the SCRAM-SHA-256 secret the server stores for password, as libpq's
// PQencryptPasswordConn does (scram_build_secret): "SCRAM-SHA-256$<iterations>:<salt>$
// <StoredKey>:<ServerKey>", base64, with the password SASLprep'ed as for a login. It lets a
// client change a password without the cleartext reaching the server.
func SCRAMVerifier(password string, salt []byte, iterations int) (string, error) {
	salted, err := pbkdf2.Key(sha256.New, saslPrep(password), salt, iterations, sha256.Size)
	if err != nil {
		return "", fmt.Errorf("could not compute salted password: %w", err)
	}
	stored := sha256.Sum256(hmacSHA256(salted, "Client Key"))
	serverKey := hmacSHA256(salted, "Server Key")
	b64 := base64.StdEncoding.EncodeToString
	return fmt.Sprintf("SCRAM-SHA-256$%d:%s$%s:%s", iterations, b64(salt), b64(stored[:]), b64(serverKey)), nil
}

// MD5Verifier is libpq's pg_md5_encrypt for a stored password: "md5" and the hex MD5 of
// the password followed by the user name.
func MD5Verifier(password, user string) string {
	sum := md5.Sum([]byte(password + user))
	return "md5" + hex.EncodeToString(sum[:])
}
