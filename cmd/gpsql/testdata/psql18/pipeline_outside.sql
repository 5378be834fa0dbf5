-- Pipeline commands outside a pipeline, and the connection's error text psql repeats.
\endpipeline
\syncpipeline
\flushrequest
\flush
\getresults
\getresults 2
select 1/0;
\getresults
\flush
select 'ok' as ok;
\flush
\startpipeline
\flush
select 1/0;
\flushrequest
\getresults
\flush
\getresults
\endpipeline
\flush
\startpipeline
\syncpipeline
\getresults
\getresults
\endpipeline
\set ON_ERROR_STOP 1
\startpipeline
\flush
\endpipeline
\echo not reached
