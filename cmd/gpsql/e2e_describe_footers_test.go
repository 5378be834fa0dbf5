package main

import (
	"fmt"
	"sync"
	"testing"

	"github.com/gpsql/gpsql/proto/pgtest"
)

// The footer tests compare \d's footers with psql 15's on objects that exercise the order
// and filters of describeOneTableDetails (describe.c): typed tables, foreign tables with
// check constraints, foreign keys on partitions, triggers on views and inherited triggers
// on partitions, index properties, sequences under \x in every format, and the dotted-name
// limits of \ddp and \dL. The fixture lives in its own database, dfoot_db.

// footersFixture is loaded into dfoot_db on every server (12 and later).
const footersFixture = `
create schema df;
set search_path = df;
create function tn() returns trigger language plpgsql as $$begin return null; end$$;
create type tt_type as (a int, b text);
create table typed of tt_type (primary key (a));
create table typed_kid () inherits (typed);
create table "Quoted Tab" (a int unique deferrable initially deferred, b int);
create unique index "Q_b" on "Quoted Tab" (b) where b > 0;
alter table "Quoted Tab" replica identity full;
create table rin (a int);
alter table rin replica identity nothing;
create foreign data wrapper df_dw;
create server df_s0 foreign data wrapper df_dw;
create foreign table ft (c int check (c > 0), d text) server df_s0 options (o 'v', "Mixed Key" 'it''s');
create foreign table ft_plain (c int) server df_s0;
create foreign table ft_kid () inherits (typed) server df_s0;
create table pk (a int primary key);
create table fk (a int references pk) partition by range (a);
create table fk1 partition of fk for values from (0) to (100) partition by range (a);
create table fk11 partition of fk1 for values from (0) to (50);
create table fk_own (a int, b int references pk) partition by range (a);
create table fk_own1 partition of fk_own for values from (0) to (10);
alter table fk_own1 add constraint fk_own1_a_fkey foreign key (a) references pk;
create table pp (id int primary key) partition by list (id);
create table pp1 partition of pp for values in (1);
create table fr (p int references pp) partition by list (p);
create table fr1 partition of fr for values in (1);
create table plain_fk (a int references pk on delete cascade);
create table off_fk (a int references pk);
alter table off_fk disable trigger all;
create view v as select 1 as a;
create trigger vt instead of insert on v for each row execute function tn();
create trigger vs before update on v for each statement execute function tn();
create view v_plain as select 2 as b;
create table tp (a int primary key) partition by range (a);
create table tp1 partition of tp for values from (0) to (10) partition by range (a);
create table tp11 partition of tp1 for values from (0) to (5);
create trigger tg after insert on tp for each row execute function tn();
create trigger tg2 after insert on tp1 for each row execute function tn();
alter table tp11 disable trigger tg;
create trigger tg_always after update on tp11 for each row execute function tn();
alter table tp11 enable always trigger tg_always;
create sequence sq cycle;
create table owner_t (id serial, g int generated always as identity);
`

// footersFixture15 adds what needs PostgreSQL 15 (NULLS NOT DISTINCT).
const footersFixture15 = `
set search_path = df;
create table nnd (i int, j int);
create unique index nnd_i on nnd (i) nulls not distinct;
create unique index nnd_j on nnd (j);
`

var (
	footersOnce sync.Once
	footersErr  string
)

// footersCommands are run with -c against dfoot_db on every server.
func footersCommands() []string {
	return []string{
		`\d df.typed`, `\d+ df.typed`, `\d df.typed_kid`, `\d df."Quoted Tab"`, `\d+ df."Quoted Tab"`,
		`\d df."Quoted Tab_a_key"`, `\d df."Q_b"`, `\d+ df.rin`, `\d df.ft`, `\d+ df.ft`, `\d df.ft_plain`,
		`\d+ df.ft_kid`, `\d df.fk`, `\d df.fk1`, `\d df.fk11`, `\d+ df.fk11`, `\d df.fk_own1`, `\d df.pk`,
		`\d df.pp1`, `\d df.fr`, `\d df.fr1`, `\d df.plain_fk`, `\d df.off_fk`, `\d df.v`, `\d+ df.v`,
		`\d df.v_plain`, `\d df.tp`, `\d df.tp1`, `\d+ df.tp1`, `\d df.tp11`, `\d df.tp_pkey`, `\d+ df.tp1_pkey`,
		`\d df.sq`, `\d df.owner_t_id_seq`, `\d df.owner_t_g_seq`,
		// \ddp takes up to three dotted parts and \dL two, never split: the last part
		// allowed is always "another database".
		`\ddp a.b`, `\ddp x.a.b`, `\ddp a.b.c.d`, `\ddp *.*`, `\dL a.b`, `\dL dfoot_db.plpgsql`, `\dL x.y.z`,
		`\dL plpgsql`,
	}
}

// footersScripts show a sequence under \x in every format, and \x auto.
func footersScripts() []diffCase {
	seq := "\\x on\n\\d df.sq\n"
	for _, f := range []string{"unaligned", "csv", "html", "asciidoc", "latex", "latex-longtable", "troff-ms", "wrapped"} {
		seq += "\\pset format " + f + "\n\\d df.sq\n\\d df.owner_t_id_seq\n"
	}
	seq += "\\pset format aligned\n\\pset border 0\n\\d df.sq\n\\pset border 2\n\\d df.owner_t_g_seq\n\\x auto\n\\d df.sq\n\\x off\n\\d df.sq\n"
	return []diffCase{
		{name: "sequence expanded", args: []string{"-X", "-q"}, stdin: seq},
		{name: "table not expanded", args: []string{"-X", "-q"}, stdin: "\\x on\n\\d df.typed\n\\d df.v\n"},
	}
}

// loadFooters creates dfoot_db with env and loads the fixture with psql; fifteen says
// whether the 15+ part applies. It returns an error text, "" on success.
func loadFooters(t *testing.T, env func(...string) []string, fifteen bool) string {
	r := runClient(t, psqlBin, []string{"-X", "-q", "-c", "create database dfoot_db"}, env(), "")
	if r.code != 0 {
		return r.stderr
	}
	sql := footersFixture
	if fifteen {
		sql += footersFixture15
	}
	r = runClient(t, psqlBin, []string{"-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "dfoot_db"}, env(), sql)
	if r.code != 0 {
		return r.stderr
	}
	return ""
}

// runFooters runs every command and script against dfoot_db through env.
func runFooters(t *testing.T, env func(...string) []string, fifteen bool) {
	cmds := footersCommands()
	if fifteen {
		cmds = append(cmds, `\d df.nnd_i`, `\d df.nnd_j`, `\d df.nnd`)
	}
	for _, c := range cmds {
		tc := diffCase{name: c, args: []string{"-X", "-c", c}, env: env("PGDATABASE=dfoot_db")}
		t.Run(c, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
	for _, tc := range footersScripts() {
		tc.env = env("PGDATABASE=dfoot_db")
		t.Run("script "+tc.name, func(t *testing.T) {
			t.Parallel()
			runDiff(t, tc)
		})
	}
}

// TestDescribeFootersDiff runs the footer cases on the test server (PostgreSQL 15).
func TestDescribeFootersDiff(t *testing.T) {
	footersOnce.Do(func() { footersErr = loadFooters(t, sockEnv, true) })
	if footersErr != "" {
		t.Fatalf("loading the footers fixture: %s", footersErr)
	}
	runFooters(t, sockEnv, true)
}

// TestDescribeFootersVersionsDiff runs them against the other majors, where psql 15's
// queries branch on the server version (foreign keys from 12, the ", ON TABLE" parent from
// 13, inherited internal triggers on 11 to 14, NULLS NOT DISTINCT from 15).
func TestDescribeFootersVersionsDiff(t *testing.T) {
	for _, v := range []int{12, 13, 14, 16, 17, 18} {
		t.Run(fmt.Sprintf("pg%d", v), func(t *testing.T) {
			s := pgtest.StartFromEnv(t, fmt.Sprintf("GPSQL_PG%d_BIN", v), v)
			env := func(extra ...string) []string { return versionEnv(s, extra...) }
			if msg := loadFooters(t, env, v >= 15); msg != "" {
				t.Fatalf("loading the footers fixture into PostgreSQL %d: %s", v, msg)
			}
			runFooters(t, env, v >= 15)
		})
	}
}
