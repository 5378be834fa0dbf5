-- ECHO and \timing see pipeline commands as sends of the previous query.
\set ECHO queries
\startpipeline
select nosuchcol;
select 1 \bind \sendpipeline
\syncpipeline
select $1::int \bind x \sendpipeline
select 2;
\endpipeline
\timing on
\startpipeline
select 1;
\flushrequest
\getresults
select 2;
\endpipeline
\timing off
\set ECHO errors
\startpipeline
select 1/0;
\endpipeline
