package meta

import "strings"

// sqlCommand is one SQL command of \h: its name, the id of its page in PostgreSQL's
// manual (for the URL line), and gpsql's own one-line description and synopsis.
type sqlCommand struct {
	name, id, desc, syntax string
}

// sqlCommands returns the SQL commands \h knows, in psql's order (alphabetical). The
// names and manual page ids are PostgreSQL 15's (psql's sql_help.h lists the same set);
// each description and synopsis is a compact summary written for gpsql, not a copy of the
// manual: keywords in capitals, placeholders in lower case, [ optional ], { a | b }
// alternatives, "..." repetition.
func sqlCommands() []sqlCommand {
	var out []sqlCommand
	for _, block := range strings.Split(sqlHelpData, "\n@")[1:] {
		head, body, _ := strings.Cut(block, "\n")
		f := strings.SplitN(head, "|", 3)
		if len(f) != 3 {
			continue
		}
		out = append(out, sqlCommand{name: f[0], id: f[1], desc: f[2], syntax: body})
	}
	return out
}

// sqlHelpData holds the commands as blocks: "@NAME|page-id|description", then the
// synopsis lines.
const sqlHelpData = `
@ABORT|sql-abort|roll back the open transaction
ABORT [ WORK | TRANSACTION ] [ AND [ NO ] CHAIN ]
@ALTER AGGREGATE|sql-alteraggregate|change an aggregate function's name, owner or schema
ALTER AGGREGATE name ( signature ) { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER COLLATION|sql-altercollation|change a collation
ALTER COLLATION name { REFRESH VERSION | RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER CONVERSION|sql-alterconversion|change an encoding conversion
ALTER CONVERSION name { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER DATABASE|sql-alterdatabase|change a database's settings, name or owner
ALTER DATABASE name [ WITH ] option ...
ALTER DATABASE name { RENAME TO new_name | OWNER TO role | SET TABLESPACE tablespace | REFRESH COLLATION VERSION }
ALTER DATABASE name { SET parameter { TO | = } value | SET parameter FROM CURRENT | RESET parameter | RESET ALL }
@ALTER DEFAULT PRIVILEGES|sql-alterdefaultprivileges|choose the privileges given to objects created later
ALTER DEFAULT PRIVILEGES [ FOR ROLE role, ... ] [ IN SCHEMA schema, ... ]
    { GRANT privileges ON object_kind TO grantee, ... | REVOKE privileges ON object_kind FROM grantee, ... }
@ALTER DOMAIN|sql-alterdomain|change a domain's default, constraints, name, owner or schema
ALTER DOMAIN name { SET DEFAULT expr | DROP DEFAULT | SET NOT NULL | DROP NOT NULL }
ALTER DOMAIN name { ADD constraint [ NOT VALID ] | DROP CONSTRAINT [ IF EXISTS ] cname | VALIDATE CONSTRAINT cname }
ALTER DOMAIN name { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER EVENT TRIGGER|sql-altereventtrigger|change an event trigger
ALTER EVENT TRIGGER name { DISABLE | ENABLE [ REPLICA | ALWAYS ] | OWNER TO role | RENAME TO new_name }
@ALTER EXTENSION|sql-alterextension|update an extension or change its members
ALTER EXTENSION name { UPDATE [ TO version ] | SET SCHEMA schema | { ADD | DROP } member_object }
@ALTER FOREIGN DATA WRAPPER|sql-alterforeigndatawrapper|change a foreign-data wrapper
ALTER FOREIGN DATA WRAPPER name [ HANDLER fn | NO HANDLER ] [ VALIDATOR fn | NO VALIDATOR ] [ OPTIONS ( ... ) ]
ALTER FOREIGN DATA WRAPPER name { OWNER TO role | RENAME TO new_name }
@ALTER FOREIGN TABLE|sql-alterforeigntable|change a foreign table
ALTER FOREIGN TABLE [ IF EXISTS ] [ ONLY ] name action, ...
ALTER FOREIGN TABLE [ IF EXISTS ] name { RENAME [ COLUMN ] col TO new_col | RENAME TO new_name | SET SCHEMA schema }
@ALTER FUNCTION|sql-alterfunction|change a function's properties, name, owner or schema
ALTER FUNCTION name [ ( argtypes ) ] property ... [ RESTRICT ]
ALTER FUNCTION name [ ( argtypes ) ] { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
ALTER FUNCTION name [ ( argtypes ) ] [ NO ] DEPENDS ON EXTENSION extension
@ALTER GROUP|sql-altergroup|add users to or remove users from a role (old spelling)
ALTER GROUP role { ADD | DROP } USER user, ...
ALTER GROUP name RENAME TO new_name
@ALTER INDEX|sql-alterindex|change an index
ALTER INDEX [ IF EXISTS ] name { RENAME TO new_name | SET TABLESPACE tablespace | ATTACH PARTITION index }
ALTER INDEX [ IF EXISTS ] name { SET ( param = value, ... ) | RESET ( param, ... ) }
ALTER INDEX name ALTER [ COLUMN ] number SET STATISTICS integer
ALTER INDEX ALL IN TABLESPACE name [ OWNED BY role, ... ] SET TABLESPACE new_tablespace [ NOWAIT ]
@ALTER LANGUAGE|sql-alterlanguage|change a procedural language
ALTER [ PROCEDURAL ] LANGUAGE name { RENAME TO new_name | OWNER TO role }
@ALTER LARGE OBJECT|sql-alterlargeobject|change a large object's owner
ALTER LARGE OBJECT oid OWNER TO role
@ALTER MATERIALIZED VIEW|sql-altermaterializedview|change a materialized view
ALTER MATERIALIZED VIEW [ IF EXISTS ] name action, ...
ALTER MATERIALIZED VIEW [ IF EXISTS ] name { RENAME [ COLUMN ] col TO new_col | RENAME TO new_name | SET SCHEMA schema }
@ALTER OPERATOR|sql-alteroperator|change an operator
ALTER OPERATOR name ( { left_type | NONE }, right_type ) { OWNER TO role | SET SCHEMA schema | SET ( option = value, ... ) }
@ALTER OPERATOR CLASS|sql-alteropclass|change an operator class
ALTER OPERATOR CLASS name USING method { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER OPERATOR FAMILY|sql-alteropfamily|change an operator family or its members
ALTER OPERATOR FAMILY name USING method { ADD | DROP } { OPERATOR n ... | FUNCTION n ... }, ...
ALTER OPERATOR FAMILY name USING method { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER POLICY|sql-alterpolicy|change a row-level security policy
ALTER POLICY name ON table [ RENAME TO new_name ] [ TO role, ... ] [ USING ( expr ) ] [ WITH CHECK ( expr ) ]
@ALTER PROCEDURE|sql-alterprocedure|change a procedure's properties, name, owner or schema
ALTER PROCEDURE name [ ( argtypes ) ] property ... [ RESTRICT ]
ALTER PROCEDURE name [ ( argtypes ) ] { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER PUBLICATION|sql-alterpublication|change what a publication publishes, or its settings
ALTER PUBLICATION name { ADD | SET | DROP } { TABLE table, ... | TABLES IN SCHEMA schema, ... }
ALTER PUBLICATION name { SET ( param = value, ... ) | OWNER TO role | RENAME TO new_name }
@ALTER ROLE|sql-alterrole|change a role's attributes, name or settings
ALTER ROLE role [ WITH ] option ...
ALTER ROLE name RENAME TO new_name
ALTER ROLE { role | ALL } [ IN DATABASE db ] { SET parameter { TO | = } value | RESET parameter | RESET ALL }
@ALTER ROUTINE|sql-alterroutine|change a function or procedure
ALTER ROUTINE name [ ( argtypes ) ] { property ... | RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER RULE|sql-alterrule|rename a rewrite rule
ALTER RULE name ON table RENAME TO new_name
@ALTER SCHEMA|sql-alterschema|rename a schema or give it a new owner
ALTER SCHEMA name { RENAME TO new_name | OWNER TO role }
@ALTER SEQUENCE|sql-altersequence|change a sequence generator
ALTER SEQUENCE [ IF EXISTS ] name [ AS type ] [ INCREMENT n ] [ MINVALUE n ] [ MAXVALUE n ]
    [ START n ] [ RESTART [ n ] ] [ CACHE n ] [ [ NO ] CYCLE ] [ OWNED BY { table.column | NONE } ]
ALTER SEQUENCE [ IF EXISTS ] name { SET { LOGGED | UNLOGGED } | OWNER TO role | RENAME TO new_name | SET SCHEMA schema }
@ALTER SERVER|sql-alterserver|change a foreign server
ALTER SERVER name [ VERSION 'version' ] [ OPTIONS ( ... ) ]
ALTER SERVER name { OWNER TO role | RENAME TO new_name }
@ALTER STATISTICS|sql-alterstatistics|change an extended statistics object
ALTER STATISTICS name { OWNER TO role | RENAME TO new_name | SET SCHEMA schema | SET STATISTICS integer }
@ALTER SUBSCRIPTION|sql-altersubscription|change a logical replication subscription
ALTER SUBSCRIPTION name { CONNECTION 'conninfo' | ENABLE | DISABLE | SKIP ( option = value ) }
ALTER SUBSCRIPTION name { SET | ADD | DROP } PUBLICATION publication, ... [ WITH ( option = value, ... ) ]
ALTER SUBSCRIPTION name { REFRESH PUBLICATION [ WITH ( ... ) ] | SET ( param = value, ... ) | OWNER TO role | RENAME TO new_name }
@ALTER SYSTEM|sql-altersystem|write a server setting to postgresql.auto.conf
ALTER SYSTEM { SET parameter { TO | = } { value | DEFAULT } | RESET { parameter | ALL } }
@ALTER TABLE|sql-altertable|change a table's columns, constraints, storage or partitions
ALTER TABLE [ IF EXISTS ] [ ONLY ] name [ * ] action, ...
ALTER TABLE [ IF EXISTS ] [ ONLY ] name [ * ] RENAME [ COLUMN | CONSTRAINT ] old TO new
ALTER TABLE [ IF EXISTS ] name { RENAME TO new_name | SET SCHEMA schema }
ALTER TABLE [ IF EXISTS ] name { ATTACH PARTITION part { FOR VALUES bound | DEFAULT } | DETACH PARTITION part [ CONCURRENTLY | FINALIZE ] }
ALTER TABLE ALL IN TABLESPACE name [ OWNED BY role, ... ] SET TABLESPACE new_tablespace [ NOWAIT ]

where action is one of: ADD [ COLUMN ] col type ..., DROP [ COLUMN ] col, ALTER [ COLUMN ] col ...,
    ADD constraint, DROP CONSTRAINT name, ENABLE/DISABLE TRIGGER ..., SET ( storage_param = value ), OWNER TO role, ...
@ALTER TABLESPACE|sql-altertablespace|change a tablespace
ALTER TABLESPACE name { RENAME TO new_name | OWNER TO role | SET ( option = value, ... ) | RESET ( option, ... ) }
@ALTER TEXT SEARCH CONFIGURATION|sql-altertsconfig|change which dictionaries a text search configuration uses
ALTER TEXT SEARCH CONFIGURATION name { ADD | ALTER } MAPPING FOR token_type, ... WITH dictionary, ...
ALTER TEXT SEARCH CONFIGURATION name DROP MAPPING [ IF EXISTS ] FOR token_type, ...
ALTER TEXT SEARCH CONFIGURATION name { RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER TEXT SEARCH DICTIONARY|sql-altertsdictionary|change a text search dictionary
ALTER TEXT SEARCH DICTIONARY name { ( option [ = value ], ... ) | RENAME TO new_name | OWNER TO role | SET SCHEMA schema }
@ALTER TEXT SEARCH PARSER|sql-altertsparser|rename a text search parser or move it
ALTER TEXT SEARCH PARSER name { RENAME TO new_name | SET SCHEMA schema }
@ALTER TEXT SEARCH TEMPLATE|sql-altertstemplate|rename a text search template or move it
ALTER TEXT SEARCH TEMPLATE name { RENAME TO new_name | SET SCHEMA schema }
@ALTER TRIGGER|sql-altertrigger|rename a trigger or tie it to an extension
ALTER TRIGGER name ON table { RENAME TO new_name | [ NO ] DEPENDS ON EXTENSION extension }
@ALTER TYPE|sql-altertype|change a data type: attributes, enum labels, name, owner, schema
ALTER TYPE name { OWNER TO role | RENAME TO new_name | SET SCHEMA schema }
ALTER TYPE name { ADD | DROP | ALTER } ATTRIBUTE ... , ...
ALTER TYPE name ADD VALUE [ IF NOT EXISTS ] 'label' [ { BEFORE | AFTER } 'label' ]
ALTER TYPE name RENAME VALUE 'label' TO 'new_label'
@ALTER USER|sql-alteruser|change a role (same as ALTER ROLE)
ALTER USER role [ WITH ] option ...
ALTER USER { role | ALL } [ IN DATABASE db ] { SET parameter { TO | = } value | RESET parameter | RESET ALL }
@ALTER USER MAPPING|sql-alterusermapping|change the options of a user mapping
ALTER USER MAPPING FOR { user | USER | CURRENT_USER | PUBLIC } SERVER server OPTIONS ( ... )
@ALTER VIEW|sql-alterview|change a view
ALTER VIEW [ IF EXISTS ] name { ALTER [ COLUMN ] col { SET DEFAULT expr | DROP DEFAULT } | OWNER TO role }
ALTER VIEW [ IF EXISTS ] name { RENAME [ COLUMN ] col TO new_col | RENAME TO new_name | SET SCHEMA schema }
ALTER VIEW [ IF EXISTS ] name { SET ( option = value, ... ) | RESET ( option, ... ) }
@ANALYZE|sql-analyze|gather statistics for the planner
ANALYZE [ ( VERBOSE | SKIP_LOCKED [ bool ], ... ) ] [ table [ ( column, ... ) ], ... ]
@BEGIN|sql-begin|open a transaction block
BEGIN [ WORK | TRANSACTION ] [ ISOLATION LEVEL level | READ WRITE | READ ONLY | [ NOT ] DEFERRABLE, ... ]
@CALL|sql-call|run a procedure
CALL name ( [ argument, ... ] )
@CHECKPOINT|sql-checkpoint|flush the write-ahead log and dirty buffers now
CHECKPOINT
@CLOSE|sql-close|close a cursor
CLOSE { cursor | ALL }
@CLUSTER|sql-cluster|rewrite a table in the order of an index
CLUSTER [ VERBOSE ] [ table [ USING index ] ]
CLUSTER ( option, ... ) [ table [ USING index ] ]
@COMMENT|sql-comment|set or remove the comment on an object
COMMENT ON object_kind name IS { 'text' | NULL }
@COMMIT|sql-commit|make the open transaction permanent
COMMIT [ WORK | TRANSACTION ] [ AND [ NO ] CHAIN ]
@COMMIT PREPARED|sql-commit-prepared|commit a transaction prepared for two-phase commit
COMMIT PREPARED 'transaction_id'
@COPY|sql-copy|move rows between a table and a file, a program or the client
COPY table [ ( column, ... ) ] FROM { 'file' | PROGRAM 'command' | STDIN } [ [ WITH ] ( option, ... ) ] [ WHERE cond ]
COPY { table [ ( column, ... ) ] | ( query ) } TO { 'file' | PROGRAM 'command' | STDOUT } [ [ WITH ] ( option, ... ) ]
  options: FORMAT { text | csv | binary }, HEADER, DELIMITER 'c', NULL 's', QUOTE 'c', ESCAPE 'c', ENCODING 'e', ...
@CREATE ACCESS METHOD|sql-create-access-method|add an index or table access method
CREATE ACCESS METHOD name TYPE { TABLE | INDEX } HANDLER handler_function
@CREATE AGGREGATE|sql-createaggregate|define an aggregate function
CREATE [ OR REPLACE ] AGGREGATE name ( [ argmode ] [ argname ] argtype, ... )
    ( SFUNC = state_fn, STYPE = state_type [ , FINALFUNC = fn ] [ , INITCOND = value ] [ , ... ] )
@CREATE CAST|sql-createcast|define a conversion between two types
CREATE CAST ( source AS target ) { WITH FUNCTION fn [ ( argtypes ) ] | WITHOUT FUNCTION | WITH INOUT }
    [ AS ASSIGNMENT | AS IMPLICIT ]
@CREATE COLLATION|sql-createcollation|define a collation
CREATE COLLATION [ IF NOT EXISTS ] name ( { LOCALE | LC_COLLATE | LC_CTYPE | PROVIDER | DETERMINISTIC | VERSION } = value, ... )
CREATE COLLATION [ IF NOT EXISTS ] name FROM existing
@CREATE CONVERSION|sql-createconversion|define an encoding conversion
CREATE [ DEFAULT ] CONVERSION name FOR 'source_encoding' TO 'dest_encoding' FROM function
@CREATE DATABASE|sql-createdatabase|make a new database
CREATE DATABASE name [ [ WITH ] OWNER role | TEMPLATE db | ENCODING enc | STRATEGY s | LOCALE l
    | LC_COLLATE l | LC_CTYPE l | TABLESPACE ts | ALLOW_CONNECTIONS bool | CONNECTION LIMIT n | IS_TEMPLATE bool ... ]
@CREATE DOMAIN|sql-createdomain|define a type restricted by constraints
CREATE DOMAIN name [ AS ] type [ COLLATE collation ] [ DEFAULT expr ]
    [ [ CONSTRAINT cname ] { NOT NULL | NULL | CHECK ( expr ) } ... ]
@CREATE EVENT TRIGGER|sql-createeventtrigger|run a function on DDL events
CREATE EVENT TRIGGER name ON event [ WHEN TAG IN ( 'tag', ... ) ] EXECUTE { FUNCTION | PROCEDURE } fn()
@CREATE EXTENSION|sql-createextension|install an extension
CREATE EXTENSION [ IF NOT EXISTS ] name [ WITH ] [ SCHEMA schema ] [ VERSION version ] [ CASCADE ]
@CREATE FOREIGN DATA WRAPPER|sql-createforeigndatawrapper|define a foreign-data wrapper
CREATE FOREIGN DATA WRAPPER name [ HANDLER fn | NO HANDLER ] [ VALIDATOR fn | NO VALIDATOR ] [ OPTIONS ( ... ) ]
@CREATE FOREIGN TABLE|sql-createforeigntable|define a table whose rows live on a foreign server
CREATE FOREIGN TABLE [ IF NOT EXISTS ] name ( column type [ OPTIONS ( ... ) ] ..., ... )
    [ INHERITS ( parent, ... ) ] SERVER server [ OPTIONS ( ... ) ]
CREATE FOREIGN TABLE [ IF NOT EXISTS ] name PARTITION OF parent { FOR VALUES bound | DEFAULT } SERVER server [ OPTIONS ( ... ) ]
@CREATE FUNCTION|sql-createfunction|define a function
CREATE [ OR REPLACE ] FUNCTION name ( [ [ argmode ] [ argname ] argtype [ DEFAULT expr ], ... ] )
    [ RETURNS type | RETURNS TABLE ( column type, ... ) ]
    { LANGUAGE lang | IMMUTABLE | STABLE | VOLATILE | [ NOT ] LEAKPROOF | STRICT | SECURITY DEFINER
      | PARALLEL { UNSAFE | RESTRICTED | SAFE } | COST n | ROWS n | SET parameter ... | AS 'body' | sql_body } ...
@CREATE GROUP|sql-creategroup|define a role (old spelling)
CREATE GROUP name [ [ WITH ] option ... ]
@CREATE INDEX|sql-createindex|build an index
CREATE [ UNIQUE ] INDEX [ CONCURRENTLY ] [ [ IF NOT EXISTS ] name ] ON [ ONLY ] table [ USING method ]
    ( { column | ( expr ) } [ COLLATE c ] [ opclass ] [ ASC | DESC ] [ NULLS { FIRST | LAST } ], ... )
    [ INCLUDE ( column, ... ) ] [ NULLS [ NOT ] DISTINCT ] [ WITH ( param = value, ... ) ]
    [ TABLESPACE ts ] [ WHERE predicate ]
@CREATE LANGUAGE|sql-createlanguage|define a procedural language
CREATE [ OR REPLACE ] [ TRUSTED ] [ PROCEDURAL ] LANGUAGE name HANDLER fn [ INLINE fn ] [ VALIDATOR fn ]
@CREATE MATERIALIZED VIEW|sql-creatematerializedview|store a query's result as a refreshable relation
CREATE MATERIALIZED VIEW [ IF NOT EXISTS ] name [ ( column, ... ) ] [ USING method ] [ WITH ( ... ) ]
    [ TABLESPACE ts ] AS query [ WITH [ NO ] DATA ]
@CREATE OPERATOR|sql-createoperator|define an operator
CREATE OPERATOR name ( FUNCTION = fn [ , LEFTARG = type ] [ , RIGHTARG = type ]
    [ , COMMUTATOR = op ] [ , NEGATOR = op ] [ , RESTRICT = fn ] [ , JOIN = fn ] [ , HASHES ] [ , MERGES ] )
@CREATE OPERATOR CLASS|sql-createopclass|define how an index method uses a type
CREATE OPERATOR CLASS name [ DEFAULT ] FOR TYPE type USING method [ FAMILY family ] AS
    { OPERATOR n op [ ( types ) ] | FUNCTION n fn ( types ) | STORAGE type }, ...
@CREATE OPERATOR FAMILY|sql-createopfamily|define a group of related operator classes
CREATE OPERATOR FAMILY name USING method
@CREATE POLICY|sql-createpolicy|define a row-level security policy
CREATE POLICY name ON table [ AS { PERMISSIVE | RESTRICTIVE } ] [ FOR { ALL | SELECT | INSERT | UPDATE | DELETE } ]
    [ TO role, ... ] [ USING ( expr ) ] [ WITH CHECK ( expr ) ]
@CREATE PROCEDURE|sql-createprocedure|define a procedure
CREATE [ OR REPLACE ] PROCEDURE name ( [ [ argmode ] [ argname ] argtype [ DEFAULT expr ], ... ] )
    { LANGUAGE lang | SECURITY { INVOKER | DEFINER } | SET parameter ... | AS 'body' | sql_body } ...
@CREATE PUBLICATION|sql-createpublication|define what a server publishes for logical replication
CREATE PUBLICATION name [ FOR ALL TABLES | FOR { TABLE table [ ( columns ) ] [ WHERE ( expr ) ] | TABLES IN SCHEMA s }, ... ]
    [ WITH ( param = value, ... ) ]
@CREATE ROLE|sql-createrole|define a role (a user or a group)
CREATE ROLE name [ [ WITH ] option ... ]
  options: SUPERUSER, CREATEDB, CREATEROLE, INHERIT, LOGIN, REPLICATION, BYPASSRLS (each with NO...),
    CONNECTION LIMIT n, [ ENCRYPTED ] PASSWORD 'pw' | PASSWORD NULL, VALID UNTIL 'time', IN ROLE role, ROLE role, ADMIN role
@CREATE RULE|sql-createrule|define a query rewrite rule
CREATE [ OR REPLACE ] RULE name AS ON { SELECT | INSERT | UPDATE | DELETE } TO table [ WHERE cond ]
    DO [ ALSO | INSTEAD ] { NOTHING | command | ( command ; command ... ) }
@CREATE SCHEMA|sql-createschema|make a schema, optionally with objects in it
CREATE SCHEMA [ IF NOT EXISTS ] { name [ AUTHORIZATION role ] | AUTHORIZATION role } [ element ... ]
@CREATE SEQUENCE|sql-createsequence|make a sequence generator
CREATE [ { TEMPORARY | TEMP } | UNLOGGED ] SEQUENCE [ IF NOT EXISTS ] name [ AS type ] [ INCREMENT [ BY ] n ]
    [ MINVALUE n | NO MINVALUE ] [ MAXVALUE n | NO MAXVALUE ] [ START [ WITH ] n ] [ CACHE n ] [ [ NO ] CYCLE ]
    [ OWNED BY { table.column | NONE } ]
@CREATE SERVER|sql-createserver|define a foreign server
CREATE SERVER [ IF NOT EXISTS ] name [ TYPE 'type' ] [ VERSION 'version' ] FOREIGN DATA WRAPPER fdw [ OPTIONS ( ... ) ]
@CREATE STATISTICS|sql-createstatistics|define extended statistics over columns or expressions
CREATE STATISTICS [ IF NOT EXISTS ] name [ ( { ndistinct | dependencies | mcv }, ... ) ]
    ON { column | ( expr ) }, ... FROM table
@CREATE SUBSCRIPTION|sql-createsubscription|subscribe to publications of another server
CREATE SUBSCRIPTION name CONNECTION 'conninfo' PUBLICATION publication, ... [ WITH ( param = value, ... ) ]
@CREATE TABLE|sql-createtable|define a table
CREATE [ [ GLOBAL | LOCAL ] { TEMPORARY | TEMP } | UNLOGGED ] TABLE [ IF NOT EXISTS ] name (
    [ { column type [ COLLATE c ] [ column_constraint ... ] | table_constraint | LIKE source [ like_option ... ] }, ... ] )
    [ INHERITS ( parent, ... ) ] [ PARTITION BY { RANGE | LIST | HASH } ( { column | ( expr ) }, ... ) ]
    [ USING method ] [ WITH ( param = value, ... ) | WITHOUT OIDS ] [ ON COMMIT { PRESERVE ROWS | DELETE ROWS | DROP } ]
    [ TABLESPACE ts ]
CREATE ... TABLE [ IF NOT EXISTS ] name OF type_name [ ( ... ) ] ...
CREATE ... TABLE [ IF NOT EXISTS ] name PARTITION OF parent [ ( ... ) ] { FOR VALUES bound | DEFAULT } ...
@CREATE TABLE AS|sql-createtableas|make a table from a query's result
CREATE [ [ GLOBAL | LOCAL ] { TEMPORARY | TEMP } | UNLOGGED ] TABLE [ IF NOT EXISTS ] name [ ( column, ... ) ]
    [ USING method ] [ WITH ( ... ) ] [ ON COMMIT ... ] [ TABLESPACE ts ] AS query [ WITH [ NO ] DATA ]
@CREATE TABLESPACE|sql-createtablespace|define a directory to hold relations
CREATE TABLESPACE name [ OWNER role ] LOCATION 'directory' [ WITH ( option = value, ... ) ]
@CREATE TEXT SEARCH CONFIGURATION|sql-createtsconfig|define a text search configuration
CREATE TEXT SEARCH CONFIGURATION name ( { PARSER = parser | COPY = source_config } )
@CREATE TEXT SEARCH DICTIONARY|sql-createtsdictionary|define a text search dictionary
CREATE TEXT SEARCH DICTIONARY name ( TEMPLATE = template [ , option = value ... ] )
@CREATE TEXT SEARCH PARSER|sql-createtsparser|define a text search parser
CREATE TEXT SEARCH PARSER name ( START = fn, GETTOKEN = fn, END = fn, LEXTYPES = fn [ , HEADLINE = fn ] )
@CREATE TEXT SEARCH TEMPLATE|sql-createtstemplate|define a text search template
CREATE TEXT SEARCH TEMPLATE name ( [ INIT = fn , ] LEXIZE = fn )
@CREATE TRANSFORM|sql-createtransform|define how a language sees a type
CREATE [ OR REPLACE ] TRANSFORM FOR type LANGUAGE lang ( FROM SQL WITH FUNCTION fn ( argtypes ), TO SQL WITH FUNCTION fn ( argtypes ) )
@CREATE TRIGGER|sql-createtrigger|run a function when rows of a table change
CREATE [ OR REPLACE ] [ CONSTRAINT ] TRIGGER name { BEFORE | AFTER | INSTEAD OF } { INSERT | UPDATE [ OF column, ... ] | DELETE | TRUNCATE } [ OR ... ]
    ON table [ FROM ref_table ] [ [ NOT ] DEFERRABLE ] [ INITIALLY { IMMEDIATE | DEFERRED } ]
    [ REFERENCING { OLD | NEW } TABLE [ AS ] name ... ] [ FOR [ EACH ] { ROW | STATEMENT } ] [ WHEN ( cond ) ]
    EXECUTE { FUNCTION | PROCEDURE } fn ( arguments )
@CREATE TYPE|sql-createtype|define a data type: composite, enum, range, base or shell
CREATE TYPE name AS ( [ attribute type [ COLLATE c ], ... ] )
CREATE TYPE name AS ENUM ( [ 'label', ... ] )
CREATE TYPE name AS RANGE ( SUBTYPE = type [ , option = value ... ] )
CREATE TYPE name ( INPUT = fn, OUTPUT = fn [ , option = value ... ] )
CREATE TYPE name
@CREATE USER|sql-createuser|define a role that can log in
CREATE USER name [ [ WITH ] option ... ]
@CREATE USER MAPPING|sql-createusermapping|tell a foreign server how a user connects to it
CREATE USER MAPPING [ IF NOT EXISTS ] FOR { user | USER | CURRENT_ROLE | CURRENT_USER | PUBLIC } SERVER server [ OPTIONS ( ... ) ]
@CREATE VIEW|sql-createview|define a view
CREATE [ OR REPLACE ] [ TEMP | TEMPORARY ] [ RECURSIVE ] VIEW name [ ( column, ... ) ] [ WITH ( option = value, ... ) ]
    AS query [ WITH [ CASCADED | LOCAL ] CHECK OPTION ]
@DEALLOCATE|sql-deallocate|forget a prepared statement
DEALLOCATE [ PREPARE ] { name | ALL }
@DECLARE|sql-declare|open a cursor over a query
DECLARE name [ BINARY ] [ ASENSITIVE | INSENSITIVE ] [ [ NO ] SCROLL ] CURSOR [ { WITH | WITHOUT } HOLD ] FOR query
@DELETE|sql-delete|remove rows from a table
[ WITH with_query, ... ] DELETE FROM [ ONLY ] table [ * ] [ [ AS ] alias ] [ USING from_item, ... ]
    [ WHERE cond | WHERE CURRENT OF cursor ] [ RETURNING { * | expr [ [ AS ] name ] }, ... ]
@DISCARD|sql-discard|drop session state
DISCARD { ALL | PLANS | SEQUENCES | TEMPORARY | TEMP }
@DO|sql-do|run an anonymous code block
DO [ LANGUAGE lang ] 'code'
@DROP ACCESS METHOD|sql-drop-access-method|remove an access method
DROP ACCESS METHOD [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP AGGREGATE|sql-dropaggregate|remove an aggregate function
DROP AGGREGATE [ IF EXISTS ] name ( signature ), ... [ CASCADE | RESTRICT ]
@DROP CAST|sql-dropcast|remove a cast
DROP CAST [ IF EXISTS ] ( source AS target ) [ CASCADE | RESTRICT ]
@DROP COLLATION|sql-dropcollation|remove a collation
DROP COLLATION [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP CONVERSION|sql-dropconversion|remove an encoding conversion
DROP CONVERSION [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP DATABASE|sql-dropdatabase|remove a database
DROP DATABASE [ IF EXISTS ] name [ [ WITH ] ( FORCE ) ]
@DROP DOMAIN|sql-dropdomain|remove a domain
DROP DOMAIN [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP EVENT TRIGGER|sql-dropeventtrigger|remove an event trigger
DROP EVENT TRIGGER [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP EXTENSION|sql-dropextension|uninstall an extension
DROP EXTENSION [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP FOREIGN DATA WRAPPER|sql-dropforeigndatawrapper|remove a foreign-data wrapper
DROP FOREIGN DATA WRAPPER [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP FOREIGN TABLE|sql-dropforeigntable|remove a foreign table
DROP FOREIGN TABLE [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP FUNCTION|sql-dropfunction|remove a function
DROP FUNCTION [ IF EXISTS ] name [ ( argtypes ) ], ... [ CASCADE | RESTRICT ]
@DROP GROUP|sql-dropgroup|remove a role (old spelling)
DROP GROUP [ IF EXISTS ] name, ...
@DROP INDEX|sql-dropindex|remove an index
DROP INDEX [ CONCURRENTLY ] [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP LANGUAGE|sql-droplanguage|remove a procedural language
DROP [ PROCEDURAL ] LANGUAGE [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP MATERIALIZED VIEW|sql-dropmaterializedview|remove a materialized view
DROP MATERIALIZED VIEW [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP OPERATOR|sql-dropoperator|remove an operator
DROP OPERATOR [ IF EXISTS ] name ( { left_type | NONE }, right_type ), ... [ CASCADE | RESTRICT ]
@DROP OPERATOR CLASS|sql-dropopclass|remove an operator class
DROP OPERATOR CLASS [ IF EXISTS ] name USING method [ CASCADE | RESTRICT ]
@DROP OPERATOR FAMILY|sql-dropopfamily|remove an operator family
DROP OPERATOR FAMILY [ IF EXISTS ] name USING method [ CASCADE | RESTRICT ]
@DROP OWNED|sql-drop-owned|remove what roles own in this database, and their grants
DROP OWNED BY role, ... [ CASCADE | RESTRICT ]
@DROP POLICY|sql-droppolicy|remove a row-level security policy
DROP POLICY [ IF EXISTS ] name ON table [ CASCADE | RESTRICT ]
@DROP PROCEDURE|sql-dropprocedure|remove a procedure
DROP PROCEDURE [ IF EXISTS ] name [ ( argtypes ) ], ... [ CASCADE | RESTRICT ]
@DROP PUBLICATION|sql-droppublication|remove a publication
DROP PUBLICATION [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP ROLE|sql-droprole|remove roles
DROP ROLE [ IF EXISTS ] name, ...
@DROP ROUTINE|sql-droproutine|remove a function or procedure
DROP ROUTINE [ IF EXISTS ] name [ ( argtypes ) ], ... [ CASCADE | RESTRICT ]
@DROP RULE|sql-droprule|remove a rewrite rule
DROP RULE [ IF EXISTS ] name ON table [ CASCADE | RESTRICT ]
@DROP SCHEMA|sql-dropschema|remove schemas
DROP SCHEMA [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP SEQUENCE|sql-dropsequence|remove sequences
DROP SEQUENCE [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP SERVER|sql-dropserver|remove a foreign server
DROP SERVER [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP STATISTICS|sql-dropstatistics|remove extended statistics
DROP STATISTICS [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP SUBSCRIPTION|sql-dropsubscription|remove a subscription
DROP SUBSCRIPTION [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP TABLE|sql-droptable|remove tables
DROP TABLE [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP TABLESPACE|sql-droptablespace|remove a tablespace
DROP TABLESPACE [ IF EXISTS ] name
@DROP TEXT SEARCH CONFIGURATION|sql-droptsconfig|remove a text search configuration
DROP TEXT SEARCH CONFIGURATION [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP TEXT SEARCH DICTIONARY|sql-droptsdictionary|remove a text search dictionary
DROP TEXT SEARCH DICTIONARY [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP TEXT SEARCH PARSER|sql-droptsparser|remove a text search parser
DROP TEXT SEARCH PARSER [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP TEXT SEARCH TEMPLATE|sql-droptstemplate|remove a text search template
DROP TEXT SEARCH TEMPLATE [ IF EXISTS ] name [ CASCADE | RESTRICT ]
@DROP TRANSFORM|sql-droptransform|remove a transform
DROP TRANSFORM [ IF EXISTS ] FOR type LANGUAGE lang [ CASCADE | RESTRICT ]
@DROP TRIGGER|sql-droptrigger|remove a trigger
DROP TRIGGER [ IF EXISTS ] name ON table [ CASCADE | RESTRICT ]
@DROP TYPE|sql-droptype|remove data types
DROP TYPE [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@DROP USER|sql-dropuser|remove roles (same as DROP ROLE)
DROP USER [ IF EXISTS ] name, ...
@DROP USER MAPPING|sql-dropusermapping|remove a user mapping
DROP USER MAPPING [ IF EXISTS ] FOR { user | USER | CURRENT_ROLE | CURRENT_USER | PUBLIC } SERVER server
@DROP VIEW|sql-dropview|remove views
DROP VIEW [ IF EXISTS ] name, ... [ CASCADE | RESTRICT ]
@END|sql-end|commit the open transaction (same as COMMIT)
END [ WORK | TRANSACTION ] [ AND [ NO ] CHAIN ]
@EXECUTE|sql-execute|run a prepared statement
EXECUTE name [ ( parameter, ... ) ]
@EXPLAIN|sql-explain|show (and optionally run) a statement's plan
EXPLAIN [ ( { ANALYZE | VERBOSE | COSTS | SETTINGS | BUFFERS | WAL | TIMING | SUMMARY } [ bool ], FORMAT { TEXT | XML | JSON | YAML }, ... ) ] statement
EXPLAIN [ ANALYZE ] [ VERBOSE ] statement
@FETCH|sql-fetch|read rows from a cursor
FETCH [ { NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | n | ALL | FORWARD [ n | ALL ] | BACKWARD [ n | ALL ] } ] [ FROM | IN ] cursor
@GRANT|sql-grant|give privileges on objects, or membership in roles
GRANT { privilege, ... | ALL [ PRIVILEGES ] } ON object_kind name, ... TO grantee, ... [ WITH GRANT OPTION ] [ GRANTED BY role ]
GRANT role, ... TO role, ... [ WITH ADMIN OPTION ] [ GRANTED BY role ]
@IMPORT FOREIGN SCHEMA|sql-importforeignschema|create foreign tables for the tables of a remote schema
IMPORT FOREIGN SCHEMA remote_schema [ { LIMIT TO | EXCEPT } ( table, ... ) ] FROM SERVER server INTO local_schema [ OPTIONS ( ... ) ]
@INSERT|sql-insert|add rows to a table
[ WITH with_query, ... ] INSERT INTO table [ AS alias ] [ ( column, ... ) ] [ OVERRIDING { SYSTEM | USER } VALUE ]
    { DEFAULT VALUES | VALUES ( { expr | DEFAULT }, ... ), ... | query }
    [ ON CONFLICT [ target ] { DO NOTHING | DO UPDATE SET ... [ WHERE cond ] } ] [ RETURNING { * | expr [ [ AS ] name ] }, ... ]
@LISTEN|sql-listen|wait for notifications on a channel
LISTEN channel
@LOAD|sql-load|load a shared library into this session
LOAD 'file'
@LOCK|sql-lock|lock tables
LOCK [ TABLE ] [ ONLY ] name [ * ], ... [ IN lock_mode MODE ] [ NOWAIT ]
@MERGE|sql-merge|insert, update or delete rows of a table from a join
[ WITH with_query, ... ] MERGE INTO [ ONLY ] target [ [ AS ] alias ] USING source ON join_condition
    { WHEN MATCHED [ AND cond ] THEN { UPDATE SET ... | DELETE | DO NOTHING }
    | WHEN NOT MATCHED [ AND cond ] THEN { INSERT [ ( column, ... ) ] VALUES ( ... ) | INSERT DEFAULT VALUES | DO NOTHING } } ...
@MOVE|sql-move|move a cursor without reading rows
MOVE [ direction ] [ FROM | IN ] cursor
@NOTIFY|sql-notify|send a notification
NOTIFY channel [ , 'payload' ]
@PREPARE|sql-prepare|parse and plan a statement for later EXECUTE
PREPARE name [ ( type, ... ) ] AS statement
@PREPARE TRANSACTION|sql-prepare-transaction|prepare the open transaction for two-phase commit
PREPARE TRANSACTION 'transaction_id'
@REASSIGN OWNED|sql-reassign-owned|give the objects of some roles to another role
REASSIGN OWNED BY { role | CURRENT_ROLE | CURRENT_USER | SESSION_USER }, ... TO new_owner
@REFRESH MATERIALIZED VIEW|sql-refreshmaterializedview|recompute a materialized view
REFRESH MATERIALIZED VIEW [ CONCURRENTLY ] name [ WITH [ NO ] DATA ]
@REINDEX|sql-reindex|rebuild indexes
REINDEX [ ( { CONCURRENTLY | TABLESPACE ts | VERBOSE } [ ... ], ... ) ] { INDEX | TABLE | SCHEMA } [ CONCURRENTLY ] name
REINDEX [ ( ... ) ] { DATABASE | SYSTEM } [ CONCURRENTLY ] [ name ]
@RELEASE SAVEPOINT|sql-release-savepoint|forget a savepoint, keeping its work
RELEASE [ SAVEPOINT ] name
@RESET|sql-reset|put a setting back to its default
RESET { parameter | ALL }
@REVOKE|sql-revoke|take back privileges or role memberships
REVOKE [ GRANT OPTION FOR ] { privilege, ... | ALL [ PRIVILEGES ] } ON object_kind name, ... FROM grantee, ... [ GRANTED BY role ] [ CASCADE | RESTRICT ]
REVOKE [ ADMIN OPTION FOR ] role, ... FROM role, ... [ GRANTED BY role ] [ CASCADE | RESTRICT ]
@ROLLBACK|sql-rollback|undo the open transaction
ROLLBACK [ WORK | TRANSACTION ] [ AND [ NO ] CHAIN ]
@ROLLBACK PREPARED|sql-rollback-prepared|undo a transaction prepared for two-phase commit
ROLLBACK PREPARED 'transaction_id'
@ROLLBACK TO SAVEPOINT|sql-rollback-to|undo the work done since a savepoint
ROLLBACK [ WORK | TRANSACTION ] TO [ SAVEPOINT ] name
@SAVEPOINT|sql-savepoint|mark a point to roll back to in the open transaction
SAVEPOINT name
@SECURITY LABEL|sql-security-label|set or remove a security label on an object
SECURITY LABEL [ FOR provider ] ON object_kind name IS { 'label' | NULL }
@SELECT|sql-select|read rows from tables, views or expressions
[ WITH [ RECURSIVE ] with_query, ... ]
SELECT [ ALL | DISTINCT [ ON ( expr, ... ) ] ] [ { * | expr [ [ AS ] name ] }, ... ]
    [ FROM from_item, ... ] [ WHERE cond ] [ GROUP BY [ ALL | DISTINCT ] grouping, ... ] [ HAVING cond ]
    [ WINDOW name AS ( window_spec ), ... ] [ { UNION | INTERSECT | EXCEPT } [ ALL | DISTINCT ] select ]
    [ ORDER BY expr [ ASC | DESC | USING op ] [ NULLS { FIRST | LAST } ], ... ]
    [ LIMIT { n | ALL } ] [ OFFSET n [ ROW | ROWS ] ] [ FETCH { FIRST | NEXT } [ n ] { ROW | ROWS } { ONLY | WITH TIES } ]
    [ FOR { UPDATE | NO KEY UPDATE | SHARE | KEY SHARE } [ OF table, ... ] [ NOWAIT | SKIP LOCKED ] ... ]
@SELECT INTO|sql-selectinto|make a table from a query's result (see CREATE TABLE AS)
[ WITH [ RECURSIVE ] with_query, ... ]
SELECT [ ALL | DISTINCT [ ON ( expr, ... ) ] ] { * | expr [ [ AS ] name ] }, ...
    INTO [ TEMPORARY | TEMP | UNLOGGED ] [ TABLE ] new_table [ FROM ... ] [ WHERE ... ] ...
@SET|sql-set|change a setting for the session or transaction
SET [ SESSION | LOCAL ] parameter { TO | = } { value | 'value' | DEFAULT }, ...
SET [ SESSION | LOCAL ] TIME ZONE { value | 'value' | LOCAL | DEFAULT }
@SET CONSTRAINTS|sql-set-constraints|choose when deferrable constraints are checked
SET CONSTRAINTS { ALL | name, ... } { DEFERRED | IMMEDIATE }
@SET ROLE|sql-set-role|act as another role
SET [ SESSION | LOCAL ] ROLE role
SET [ SESSION | LOCAL ] ROLE NONE
RESET ROLE
@SET SESSION AUTHORIZATION|sql-set-session-authorization|change the session's user
SET [ SESSION | LOCAL ] SESSION AUTHORIZATION { user | DEFAULT }
RESET SESSION AUTHORIZATION
@SET TRANSACTION|sql-set-transaction|set the open transaction's isolation and access mode
SET TRANSACTION { ISOLATION LEVEL level | READ WRITE | READ ONLY | [ NOT ] DEFERRABLE }, ...
SET TRANSACTION SNAPSHOT 'snapshot_id'
SET SESSION CHARACTERISTICS AS TRANSACTION mode, ...
@SHOW|sql-show|print a setting's value
SHOW { parameter | ALL }
@START TRANSACTION|sql-start-transaction|open a transaction block (same as BEGIN)
START TRANSACTION [ ISOLATION LEVEL level | READ WRITE | READ ONLY | [ NOT ] DEFERRABLE, ... ]
@TABLE|sql-select|read every row of a table (short for SELECT * FROM)
TABLE [ ONLY ] table [ * ]
@TRUNCATE|sql-truncate|empty tables
TRUNCATE [ TABLE ] [ ONLY ] name [ * ], ... [ RESTART IDENTITY | CONTINUE IDENTITY ] [ CASCADE | RESTRICT ]
@UNLISTEN|sql-unlisten|stop waiting for notifications
UNLISTEN { channel | * }
@UPDATE|sql-update|change rows of a table
[ WITH with_query, ... ] UPDATE [ ONLY ] table [ * ] [ [ AS ] alias ]
    SET { column = { expr | DEFAULT } | ( column, ... ) = [ ROW ] ( ... ) | ( column, ... ) = ( subquery ) }, ...
    [ FROM from_item, ... ] [ WHERE cond | WHERE CURRENT OF cursor ] [ RETURNING { * | expr [ [ AS ] name ] }, ... ]
@VACUUM|sql-vacuum|reclaim space and update statistics
VACUUM [ ( { FULL | FREEZE | VERBOSE | ANALYZE | DISABLE_PAGE_SKIPPING | SKIP_LOCKED | INDEX_CLEANUP | PROCESS_TOAST
    | TRUNCATE | PARALLEL n } [ value ], ... ) ] [ table [ ( column, ... ) ], ... ]
VACUUM [ FULL ] [ FREEZE ] [ VERBOSE ] [ ANALYZE ] [ table [ ( column, ... ) ], ... ]
@VALUES|sql-values|make rows from expressions
VALUES ( expr, ... ), ... [ ORDER BY sort_expr, ... ] [ LIMIT { n | ALL } ] [ OFFSET n [ ROW | ROWS ] ]
    [ FETCH { FIRST | NEXT } [ n ] { ROW | ROWS } ONLY ]
@WITH|sql-select|name subqueries for use in a statement
WITH [ RECURSIVE ] name [ ( column, ... ) ] AS [ [ NOT ] MATERIALIZED ] ( query ), ...
    { SELECT | INSERT | UPDATE | DELETE | MERGE } ...
`
