-- The schema the describe end-to-end tests list, in its own database: one of every kind of
-- object \d and friends show. Run by psql (the oracle) before the tests.
-- It also loads into PostgreSQL 12 through 18 (e2e_describe_versions_test.go): objects an
-- older server lacks are behind \if on these flags.
set client_min_messages = warning;
select :SERVER_VERSION_NUM >= 130000 as d7_v13, :SERVER_VERSION_NUM >= 150000 as d7_v15 \gset
create role d7_owner;
create role d7_reader login connection limit 3 valid until '2030-01-01 00:00:00+00';
comment on role d7_reader is 'reads things';
create role d7_admin superuser createdb createrole replication bypassrls;
create schema d7 authorization d7_owner;
comment on schema d7 is 'describe fixture';
grant usage on schema d7 to d7_reader;
create extension postgres_fdw;
create schema ext;
create extension citext schema ext;

create type d7.mood as enum ('sad', 'ok', 'happy');
comment on type d7.mood is 'feelings';
create type d7.pair as (x int, y text);
comment on column d7.pair.x is 'first';
create domain d7.posint as integer not null default 1 check (value > 0);
comment on domain d7.posint is 'positive';
create type d7.floatrange as range (subtype = float8);
create collation d7.mycoll (locale = 'C');

create table d7.parent (
    id int generated always as identity primary key,
    name text collate "C" not null default 'none',
    qty int default 0 check (qty >= 0),
    twice int generated always as (qty * 2) stored,
    mood d7.mood,
    note varchar(20)
);
alter table d7.parent alter column note set storage external;
alter table d7.parent alter column qty set statistics 500;
comment on table d7.parent is 'the parent table';
comment on column d7.parent.name is 'a name';
create unique index parent_name_idx on d7.parent (name) where qty > 0;
create index parent_lower_idx on d7.parent using btree (lower(name) desc nulls last);
alter table d7.parent add constraint parent_note_key unique (note);

create table d7.child (
    cid bigserial primary key,
    parent_id int references d7.parent(id) on delete cascade,
    p2 int,
    constraint child_p2_fk foreign key (p2) references d7.parent(id) deferrable initially deferred
);
create table d7.heir (extra text) inherits (d7.parent);
create table d7.heir2 () inherits (d7.parent);

create table d7.measure (
    logdate date not null,
    city int,
    v numeric(10,2)
) partition by range (logdate);
create table d7.measure_2020 partition of d7.measure for values from ('2020-01-01') to ('2021-01-01');
create table d7.measure_2021 partition of d7.measure for values from ('2021-01-01') to ('2022-01-01') partition by list (city);
create table d7.measure_2021_c1 partition of d7.measure_2021 for values in (1, 2);
create table d7.measure_def partition of d7.measure default;
create index measure_idx on d7.measure (logdate);
-- a partitioned table and index without partitions
create table d7.empty_part (a int) partition by list (a);
create index empty_part_idx on d7.empty_part (a);

create table d7.secure (id int primary key, owner_name text, flag bool);
alter table d7.secure enable row level security;
create policy p_own on d7.secure for select to d7_reader using (owner_name = current_user);
create policy p_all on d7.secure as restrictive using (flag) with check (flag);
alter table d7.secure replica identity full;
create statistics d7.secure_stat (dependencies, ndistinct) on id, owner_name from d7.secure;
grant select, insert on d7.secure to d7_reader;
grant update (flag) on d7.secure to d7_reader;

create function d7.trig_fn() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger secure_trg before insert or update on d7.secure for each row when (new.flag) execute function d7.trig_fn();
create trigger secure_stmt after delete on d7.secure for each statement execute function d7.trig_fn();
alter table d7.secure disable trigger secure_stmt;
create rule secure_rule as on delete to d7.secure where old.flag do instead nothing;

create publication d7_pub for table d7.secure;

create view d7.v_parent as select id, name from d7.parent where qty > 0;
comment on view d7.v_parent is 'positive parents';
create materialized view d7.mv_parent as select id, upper(name) as uname from d7.parent;
create index mv_idx on d7.mv_parent (id);
create sequence d7.seq increment by 5 minvalue 10 maxvalue 1000 start 20 cache 2 cycle;
create unlogged table d7.unlogged_t (a int);

create function d7.add(a int, b int) returns int language sql immutable as 'select a + b';
create function d7.add(a text, b text default 'x') returns text language sql stable as 'select a || b';
comment on function d7.add(int, int) is 'adds ints';
create procedure d7.proc(inout n int) language plpgsql security definer as $$ begin n := n + 1; end $$;
create function d7.setf(out a int, out b text) returns setof record language sql as $$ select 1, 'x' $$;
create function d7.win_fn() returns int language sql volatile parallel safe leakproof as 'select 1';
create aggregate d7.mysum(int) (sfunc = int4pl, stype = int, initcond = '0');
comment on aggregate d7.mysum(int) is 'my sum';
create function d7.pair_eq(d7.pair, d7.pair) returns bool language sql immutable as 'select $1.x = $2.x';
create operator d7.=== (leftarg = d7.pair, rightarg = d7.pair, function = d7.pair_eq, commutator = operator(d7.===));
comment on operator d7.===(d7.pair, d7.pair) is 'pair equality';
create function d7.mood_text(d7.mood) returns text language sql immutable as 'select $1::text';
create cast (d7.mood as text) with function d7.mood_text(d7.mood);
comment on cast (d7.mood as text) is 'mood to text';
create conversion d7.myconv for 'UTF8' to 'LATIN1' from utf8_to_iso8859_1;

create text search dictionary d7.mydict (template = simple, stopwords = english);
create text search configuration d7.mycfg (copy = english);
alter text search configuration d7.mycfg alter mapping for word with d7.mydict;
create text search template d7.mytmpl (lexize = dsimple_lexize, init = dsimple_init);
create text search parser d7.myparser (start = prsd_start, gettoken = prsd_nexttoken, end = prsd_end, lextypes = prsd_lextype, headline = prsd_headline);

create server d7_srv foreign data wrapper postgres_fdw options (host 'localhost', dbname 'x');
create user mapping for d7_reader server d7_srv options (user 'remote');
create foreign table d7.ft (a int options (column_name 'aa'), b text not null) server d7_srv options (table_name 'remote_t');
comment on foreign table d7.ft is 'a foreign table';

create function d7.evt_fn() returns event_trigger language plpgsql as $$ begin end $$;
create event trigger d7_evt on ddl_command_start when tag in ('CREATE TABLE') execute function d7.evt_fn();

alter default privileges for role d7_owner in schema d7 grant select on tables to d7_reader;
alter default privileges for role d7_owner grant execute on functions to d7_reader;
grant select on d7.parent to d7_reader with grant option;
grant usage on sequence d7.seq to d7_reader;

create access method d7_heap type table handler heap_tableam_handler;
create table d7.am_t (a int) using d7_heap;
select lo_create(424242);
comment on large object 424242 is 'a blob';
create table public.pub_t (a int);
create view public.pub_v as select 1 as one;

-- footers: forced row security without policies, options, column lists and row filters
create table d7.opts (a int, b text) with (fillfactor = 70, toast.autovacuum_enabled = false);
alter table d7.opts enable row level security;
alter table d7.opts force row level security;
create index opts_idx on d7.opts (a) with (fillfactor = 50);
create view d7.v_opts with (security_barrier = true) as select 1 as one;
create statistics d7.opts_stat on a, b from d7.opts;
\if :d7_v13
alter statistics d7.opts_stat set statistics 100;
\endif
create statistics d7.opts_mcv (mcv) on a, b from d7.opts;
create table d7.nosec (a int);
create policy p_off on d7.nosec using (a > 0);
create rule nosec_rule as on insert to d7.nosec do also notify nosec;
alter table d7.nosec disable rule nosec_rule;
\if :d7_v15
create publication d7_pub2 for table d7.opts (a) where (a > 0);
create publication d7_pub_schema for tables in schema ext with (publish = 'insert');
\else
create publication d7_pub2 for table d7.opts;
create publication d7_pub_schema with (publish = 'insert');
\endif
comment on publication d7_pub is 'the publication';
create subscription d7_sub connection 'host=localhost dbname=nosuch' publication d7_pub
  with (connect = false, slot_name = none, enabled = false);
create operator d7.!! (rightarg = int8, function = pg_catalog.factorial);
alter role d7_reader in database describe_db set work_mem = '8MB';
alter role d7_reader set search_path = d7;
create operator family d7.fam using hash;
create operator class d7.int4_fam_ops for type int4 using hash family d7.fam as
  operator 1 =, function 1 hashint4(int4);
create view d7.v_rules as select 1 as one;
create rule v_rules_ins as on insert to d7.v_rules do instead nothing;
create rule v_rules_upd as on update to d7.v_rules do instead notify v_rules;
