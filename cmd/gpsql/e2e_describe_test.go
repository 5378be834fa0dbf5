package main

import (
	"os"
	"sync"
	"testing"
)

// The describe tests run psql's \d family and catalog listings through psql 15 and gpsql on
// a database holding one of every kind of object (testdata/describe_fixture.sql, loaded by
// psql), and compare the output byte for byte.

var (
	describeOnce sync.Once
	describeErr  string
)

// describeDB creates describe_db and loads the fixture into it once per test binary.
func describeDB(t *testing.T) {
	t.Helper()
	describeOnce.Do(func() {
		fixture, err := os.ReadFile("testdata/describe_fixture.sql")
		if err != nil {
			describeErr = err.Error()
			return
		}
		r := runClient(t, psqlBin, []string{"-X", "-q", "-c", "create database describe_db"}, sockEnv(), "")
		if r.code != 0 {
			describeErr = r.stderr
			return
		}
		r = runClient(t, psqlBin, []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "describe_db"}, sockEnv(), string(fixture))
		if r.code != 0 {
			describeErr = r.stderr
		}
	})
	if describeErr != "" {
		t.Fatalf("loading the describe fixture: %s", describeErr)
	}
}

// TestDescribeDiff runs each describe command with -c against the fixture database.
func TestDescribeDiff(t *testing.T) {
	describeDB(t)
	for _, c := range describeCommands() {
		tc := diffCase{name: c, args: []string{"-X", "-c", c}, env: sockEnv("PGDATABASE=describe_db")}
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// describeCommands is the list of describe commands the differential tests run, against the
// test server and against every other PostgreSQL major (e2e_describe_versions_test.go).
func describeCommands() []string {
	return []string{
		// relations
		`\d`, `\dS pg_am`, `\dt`, `\dt+ d7.*`, `\dtS pg_class`, `\di d7.*`, `\di+ d7.parent*`, `\dv d7.*`,
		`\dm+ d7.*`, `\ds d7.*`, `\dE d7.*`, `\dti d7.c*`, `\dvm d7.*`, `\ds`, `\dt nosuch`, `\dt+ D7."PARENT"`,
		`\dt "d7".p?rent`, `\dt d7.par*`, `\dt a.b.c`, `\dt describe_db.d7.parent`, `\dt a.b.c.d`,
		// \d details
		`\d+ d7.parent`, `\d d7.parent`, `\d d7.measure`, `\d+ d7.measure`, `\d d7.measure_2021`,
		`\d+ d7.measure_2020`, `\d+ d7.v_parent`, `\d d7.v_parent`, `\d d7.seq`, `\d d7.child_cid_seq`,
		`\d d7.parent_id_seq`, `\d d7.parent_name_idx`, `\d d7.parent_pkey`, `\d d7.pair`, `\d+ d7.heir`,
		`\d d7.heir`, `\d d7.child`, `\d d7.ft`, `\d+ d7.ft`, `\d+ d7.mv_parent`, `\d nosuch`, `\d d7.am_t`,
		`\d+ d7.unlogged_t`,
		// other listings
		`\dn`, `\dn+`, `\dnS`, `\dn nosuch`, `\dn a.b`, `\df d7.*`, `\df+ d7.add`, `\dfa d7.*`, `\dfn d7.*`,
		`\dfp d7.*`, `\dft d7.*`, `\df d7.add int`, `\df d7.add text text`, `\dfx`, `\df`, `\dT d7.*`, `\dT+ d7.*`,
		`\dT d7.m*`, `\du d7*`, `\du+ d7*`, `\dg d7*`, `\du nosuch`, `\l template*`, `\l nosuch`, `\dx`,
		`\dx+ plpgsql`, `\dx+ nosuch`, `\dD d7.*`, `\dD+ d7.*`, `\dc d7.*`, `\dc+ d7.*`, `\dC d7.*`, `\dC+ d7.*`,
		`\do d7.*`, `\do+ d7.*`, `\dy`, `\dy+`, `\dp d7.*`, `\z d7.*`, `\dp d7.secure`, `\ddp`, `\dL`, `\dL+`,
		`\dO d7.*`, `\dO+ d7.*`, `\dconfig work_mem`, `\dconfig nosuch`, `\da d7.*`, `\da+ d7.*`, `\dA`, `\dA+`,
		`\dd d7.*`, `\des`, `\des+`, `\det+ d7.*`, `\det`, `\deu`, `\deu+`, `\dew`, `\dew+`, `\dFd d7.*`,
		`\dFd+ d7.*`, `\dFt d7.*`, `\dFt+ d7.*`, `\dl`, `\dl+`, `\dP d7.*`, `\dP`, `\dPn`, `\dPi d7.*`, `\dPt`,
		`\drds`, `\dRs`,
		// footers, text search, publications, extended statistics, operator and setting patterns
		`\d d7.secure`, `\d+ d7.secure`, `\d d7.opts`, `\d+ d7.opts`, `\d+ d7.opts_idx`, `\d+ d7.v_opts`,
		`\d d7.nosec`, `\dn ext`, `\dn+ ext`, `\dF d7.*`, `\dF+ d7.*`, `\dF+ nosuch`, `\dFS`, `\dFp d7.*`,
		`\dFp+ d7.*`, `\dFp+ nosuch`, `\dRp`, `\dRp+`, `\dRp+ nosuch`, `\dRp d7_pub2`, `\dX`, `\dX d7.*`,
		`\dX nosuch`, `\do d7.* - int8`, `\do * - bool`, `\do d7.* d7.pair d7.pair`, `\drds d7* describe_db`,
		`\drds d7* nosuch`, `\drds * describe*`,
		// access-method contents, tablespace footers (pg_global's shared catalogs), view rules
		`\dAc`, `\dAc+ btree int4`, `\dAc hash int4`, `\dAcS * pg_catalog.int4`, `\dAc * a.b.c.d`,
		`\dAf`, `\dAf+ hash int4`, `\dAf hash d7.*`, `\dAf+ * pg_catalog.int4`, `\dAf nosuch`,
		`\dAo+ hash`, `\dAo btree integer_ops`, `\dAo a.b`, `\dAo hash d7.fam`,
		`\dAp`, `\dAp+ btree integer_ops`, `\dAp hash d7.*`, `\dAp+ hash pg_catalog.integer_ops`,
		`\dS pg_database`, `\dS+ pg_database_oid_index`, `\d pg_catalog.pg_database_datname_index`,
		`\d+ d7.v_rules`, `\d d7.v_rules`,
		// partitioned indexes and their partitions, empty partitioned relations, TOAST tables,
		// composite-type storage, \dA's S suffix (invalid in psql)
		`\d d7.measure_idx`, `\d+ d7.measure_idx`, `\d d7.measure_2021_logdate_idx`, `\d+ d7.measure_2021_logdate_idx`,
		`\d+ d7.measure_2020_logdate_idx`, `\d d7.empty_part`, `\d+ d7.empty_part`, `\d d7.empty_part_idx`,
		`\d+ d7.empty_part_idx`, `\dS pg_toast.pg_toast_1262`, `\dS+ pg_toast.pg_toast_1262`, `\dS+ pg_toast.pg_toast_2618`,
		`\dS+ pg_toast.pg_toast_2618_index`, `\d+ d7.pair`, `\dAS`, `\dAS+`, `\dA+S`,
		// source
		`\sf d7.trig_fn`, `\sf+ d7.add(int,int)`, `\sf+ d7.proc`, `\sf d7.add`, `\sf nosuch`, `\sf`,
		`\sv d7.v_parent`, `\sv+ d7.v_parent`, `\sv d7.parent`, `\sv nosuch`, `\sv+ public.pub_v`,
	}
}

// TestDescribeScriptDiff runs describe commands from a script: the error locations, ECHO_HIDDEN
// style options, \pset null (not used by listings) and the expanded format.
func TestDescribeScriptDiff(t *testing.T) {
	describeDB(t)
	for _, tc := range describeScriptCases() {
		tc.env = sockEnv("PGDATABASE=describe_db")
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// describeScriptCases are TestDescribeScriptDiff's scripts, without their environment.
func describeScriptCases() []diffCase {
	return []diffCase{
		{name: "errors with locations", args: []string{"-X"}, stdin: "\\dt nosuch\n\\d nosuch\n\\dn a.b\n\\sf nosuch\n\\dt\n"},
		{name: "null display ignored", args: []string{"-X"}, stdin: "\\pset null (null)\n\\dx\n\\d d7.child\n"},
		{name: "expanded", args: []string{"-X"}, stdin: "\\x\n\\dn+ d7\n\\d d7.child\n"},
		{name: "quiet", args: []string{"-X", "-q"}, stdin: "\\dt nosuch\n\\d nosuch\n\\dx+ nosuch\n"},
		{name: "unaligned", args: []string{"-X", "-A"}, stdin: "\\dt d7.*\n\\d d7.seq\n"},
	}
}
