-- ON_ERROR_STOP: an error followed by a sync does not fail \endpipeline; one without a
-- sync fails \getresults and stops the script.
\set ON_ERROR_STOP 1
\startpipeline
select 1/0;
select 5;
\endpipeline
\echo reached :ERROR :SQLSTATE :ROW_COUNT
\startpipeline
select 1 as one union select 2;
\flushrequest
\getresults
\echo got :ERROR :SQLSTATE :ROW_COUNT
select 1/0;
\flushrequest
\getresults
\echo not reached
