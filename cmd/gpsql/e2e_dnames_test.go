package main

import "testing"

// TestDescribeNamesDiff runs \d-family command names spelled every way psql 15's
// exec_command_d reads them (src/bin/psql/command.c): + and S anywhere, in any order and
// repeated, trailing letters that some branches ignore and others reject with "invalid
// command", and letters passed on to listTables, describeFunctions and
// listPartitionedTables. Each runs with -c through psql 15 and gpsql against the describe
// fixture database (e2e_describe_test.go), mostly with a d7.* pattern so the output stays
// small and does not depend on what other tests do on the server.
func TestDescribeNamesDiff(t *testing.T) {
	describeDB(t)
	for _, c := range describeNameCases() {
		tc := diffCase{name: c, args: []string{"-X", "-c", c}, env: sockEnv("PGDATABASE=describe_db")}
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// describeNameCases are TestDescribeNamesDiff's command lines.
func describeNameCases() []string {
	return []string{
		// \d itself: cmd[1] is '\0', '+' or 'S'; anything after is ignored.
		`\dA+S+`, `\dA++`, `\dS+S pg_am`, `\d++`, `\dSS pg_am`, `\dv++`, `\d+x`, `\dSx pg_am`,
		`\dSt pg_am`, `\d+S+ d7.seq`, `\d++ d7.seq`,
		// relation lists: listTables reads t, i, v, m, s, E anywhere after the d
		`\dtt`, `\dtt d7.*`, `\dt+S d7.*`, `\dtS+ d7.*`, `\dt++ d7.*`, `\dtSS d7.*`, `\dtvS+ d7.*`,
		`\dix d7.*`, `\diS+ d7.p*`, `\dEx d7.*`, `\dES d7.*`, `\ds+S d7.*`,
		`\dm+S d7.*`, `\dtvmsE d7.*`, `\dEsmvit+ d7.*`, `\dtx d7.*`, `\dvv`,
		// \df: describeFunctions takes [anptwS+] after \df, other letters are an error
		`\dfS+a d7.*`, `\df+S d7.add`, `\dfSS d7.add`, `\dfan d7.*`, `\dfta d7.*`,
		`\dfw+ d7.*`, `\dfpp+S d7.*`, `\dfS+ d7.add int`, `\dfax`, `\dfax d7.* int`,
		`\dfx d7.*`, `\dfxa`, `\dfSx`, `\df+x`,
		// \dA: cmd[2] picks the lister; S is not one of them
		`\dA+S`, `\dA+x`, `\dAS+`, `\dAx`, `\dAz btree int4`, `\dAc+S btree int4`, `\dAcS btree int4`,
		`\dAcx btree int4`, `\dAf+S btree int4`, `\dAfS hash d7.*`, `\dAo+S btree integer_ops`,
		`\dApx btree integer_ops`,
		// \dP: cmd[2] must be '\0', '+', t, i or n; the letters go to listPartitionedTables
		`\dP+S d7.*`, `\dPS`, `\dPx`, `\dPt+ d7.*`, `\dPtx d7.*`, `\dPin+ d7.*`, `\dPni d7.*`, `\dPnS d7.*`,
		`\dP++ d7.*`,
		// \dF: '\0' and '+' are configurations; p, d, t; anything else is invalid
		`\dF+S d7.*`, `\dFx`, `\dF++ d7.*`, `\dFpS d7.*`, `\dFp+x d7.*`, `\dFdS+ d7.*`, `\dFtx d7.*`,
		// \de, \dR, \dr: a second letter is required
		`\de`, `\dex`, `\des+S`, `\desx`, `\detS+ d7.*`, `\deuS`, `\dew+S`,
		`\dR`, `\dRx`, `\dRp+S`, `\dRpx`, `\dRsS+`,
		`\dr`, `\drx`, `\drd`, `\drdsx d7* describe_db`, `\drdsS`, `\drds+ d7*`,
		// \dc is \dconfig when the name starts so, else conversions
		`\dconfig+`, `\dconfigx`, `\dconfigS`, `\dconfig+S work_mem`, `\dconfigzz work_mem`,
		`\dconf d7.*`, `\dconfx d7.*`, `\dcS+ d7.*`, `\dc++ d7.*`,
		// \dd is \ddp when the name starts so, else object descriptions
		`\ddx d7.*`, `\ddS d7.*`, `\dd+ d7.*`, `\ddp+S`, `\ddpx`,
		// one-letter branches that ignore what follows
		`\da+S d7.*`, `\daS+x d7.*`, `\dbS`, `\dbx`, `\dC+S d7.*`, `\dCx d7.*`, `\dD+S d7.*`,
		`\dg+S d7*`, `\du+S+ d7*`, `\duSx d7*`, `\dl+S`, `\dlx`, `\dL+S`, `\dn+S d7`, `\dnS+ d7`,
		`\dnx`, `\do+S d7.*`, `\doSS d7.*`, `\dox d7.*`, `\dO+S d7.*`, `\dOx d7.*`, `\dpS d7.*`, `\dp+ d7.*`,
		`\dpx d7.*`, `\dT+S d7.*`, `\dTSS d7.*`, `\dx+S plpgsql`, `\dxS`, `\dxyz`, `\dX+S`,
		`\dy+S`, `\dyx`,
		// second characters exec_command_d has no branch for
		`\dq`, `\dB`, `\dz`, `\dh`, `\dZ`, `\d1`, `\dU x y`,
		// \l, \z, \sf: psql compares the whole name
		`\lS`, `\l+S`, `\list+S`, `\zS`, `\z+`, `\sfS`, `\sf+S d7.add`,
	}
}

// TestDescribeNamesInactiveDiff: in an inactive \if branch psql's exec_command_d skips its
// arguments before it could find a \d name invalid, so only other unknown names are
// reported.
func TestDescribeNamesInactiveDiff(t *testing.T) {
	t.Parallel()
	runDiff(t, diffCase{args: []string{"-X"}, env: sockEnv(),
		stdin: "\\if false\n\\dfx a b\n\\dPS\n\\dAx x y\n\\foo\n\\endif\n\\echo done\n"})
}
