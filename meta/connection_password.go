package meta

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"strings"

	"github.com/gpsql/gpsql/proto"
)

// scramIterations is the iteration count of the verifiers \password builds: libpq 15's
// SCRAM_DEFAULT_ITERATIONS (PostgreSQL 16 reads scram_iterations from the server instead).
const scramIterations = 4096

// runPassword is \password [USER] (psql's exec_command_password): the new password is read
// twice from the terminal, hashed on the client as PQencryptPasswordConn does (with the
// server's password_encryption), and only the hash is sent, in ALTER USER ... PASSWORD.
func runPassword(env *Env, _ string, args Args) Result {
	user, ok := args.Next(OptSQLID)
	if env.Connector == nil || env.Query == nil {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	if !ok {
		rows, err := env.Query.Query("SELECT CURRENT_USER")
		if err != nil {
			return Error
		}
		user = rows.Get(0, 0)
	}
	pw1, err := env.Connector.ReadPassword(fmt.Sprintf("Enter new password for user \"%s\": ", user))
	if err != nil {
		return Error // cancelled: psql fails silently
	}
	pw2, err := env.Connector.ReadPassword("Enter it again: ")
	if err != nil {
		return Error
	}
	if pw1 != pw2 {
		env.Errorf("Passwords didn't match.")
		return Error
	}
	c := env.Connector.Conn()
	if c == nil || c.Closed() {
		env.Errorf("You are currently not connected to a database.")
		return Error
	}
	algo, err := passwordEncryption(c)
	if err != nil {
		env.Flush()
		fmt.Fprintf(env.Stderr, "%s\n", err.Error())
		return Error
	}
	var hashed string
	switch algo {
	case "scram-sha-256":
		salt := make([]byte, 16)
		if _, err := rand.Read(salt); err != nil {
			env.Errorf("could not generate random salt")
			return Error
		}
		var err error
		if hashed, err = proto.SCRAMVerifier(pw1, salt, scramIterations); err != nil {
			env.Errorf("%s", err)
			return Error
		}
	case "md5", "on", "off":
		hashed = proto.MD5Verifier(pw1, user)
	default:
		env.Flush()
		fmt.Fprintf(env.Stderr, "unrecognized password encryption algorithm \"%s\"\n", algo)
		return Error
	}
	if _, err := env.Query.Query("ALTER USER " + fmtIdent(user) + " PASSWORD " + literal(hashed)); err != nil {
		return Error
	}
	return OK
}

// passwordEncryption runs libpq's "show password_encryption" (PQencryptPasswordConn with
// no algorithm given).
func passwordEncryption(c *proto.Conn) (string, error) {
	rs, err := c.Query(context.Background(), "show password_encryption")
	if err != nil {
		return "", err
	}
	val := ""
	var qerr error
	for rs.NextResult() {
		r := rs.Result()
		for r.NextRow() {
			if v := r.Values(); len(v) == 1 {
				val = string(v[0])
			}
		}
		if err := r.Err(); err != nil && qerr == nil {
			qerr = err
		}
	}
	if err := rs.Err(); err != nil {
		return "", err
	}
	if qerr != nil {
		return "", qerr
	}
	if val == "" {
		return "", errors.New("unexpected shape of result set returned for SHOW")
	}
	if len(val) > 50 {
		return "", errors.New("password_encryption value too long")
	}
	return val, nil
}

// reservedWords are the keywords psql's fmtId quotes although they look like plain
// identifiers (the reserved keywords of PostgreSQL's kwlist.h), space-separated.
const reservedWords = " all analyse analyze and any array as asc asymmetric authorization binary both case cast check collate column constraint create cross current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc distinct do else end except false fetch for foreign from grant group having in initially inner intersect into is join lateral leading left like limit localtime localtimestamp natural not null offset on only or order outer placing primary references returning right select session_user similar some symmetric table then to trailing true union unique user using variadic verbose when where window with "

// fmtIdent is psql's fmtId: the name as is when it is a plain lower-case identifier and
// not a reserved word, else double-quoted with inner quotes doubled.
func fmtIdent(name string) string {
	plain := name != "" && !(name[0] >= '0' && name[0] <= '9')
	for i := 0; i < len(name) && plain; i++ {
		c := name[i]
		plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
	}
	if plain && !strings.Contains(reservedWords, " "+name+" ") {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
