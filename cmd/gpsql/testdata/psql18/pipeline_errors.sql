-- An error aborts what follows up to the next sync; \endpipeline reads past it.
\startpipeline
select 1 as before;
select 1/0;
select 2 as skipped;
\syncpipeline
select 3 as after_sync;
\endpipeline
\echo :ERROR :SQLSTATE :ROW_COUNT :LAST_ERROR_SQLSTATE
-- \getresults 1 reads the skipped statements one by one.
\startpipeline
select nosuchcolumn;
select 'x' as skipped1;
select $1::int \bind notanint \sendpipeline
\syncpipeline
select 'y' as after;
\syncpipeline
\getresults 1
\echo A :ERROR :SQLSTATE :LAST_ERROR_MESSAGE
\getresults 1
\echo B :ERROR :SQLSTATE :ROW_COUNT :LAST_ERROR_SQLSTATE :LAST_ERROR_MESSAGE
\getresults 1
\getresults 1
\echo C :ERROR :SQLSTATE :ROW_COUNT
\getresults 3
\echo D :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\endpipeline
-- Reading more than one result: the skipped ones are read silently.
\startpipeline
select 1/0;
select 2;
select 3;
\syncpipeline
select 4 as four;
\syncpipeline
\getresults 3
\echo E :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\getresults 1
\echo F :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\endpipeline
-- Without a sync the pipeline stays aborted until one comes.
\startpipeline
select 1/0;
select 'lost' as l;
\flushrequest
\getresults
select 'also lost' as l;
\flushrequest
\getresults
\syncpipeline
\getresults
select 'back' as b;
\endpipeline
-- Errors at the bind and parse steps, with an excerpt of the statement.
\startpipeline
select 1 as one,
  nosuch as two;
select $1::int, $2 \bind 1 \sendpipeline
select $1::int \bind 2 3 \sendpipeline
\endpipeline
-- The statement after a sync is the start of a new implicit transaction.
\startpipeline
select $1 \bind \sendpipeline
\syncpipeline
select $1 \bind ok \sendpipeline
\endpipeline
