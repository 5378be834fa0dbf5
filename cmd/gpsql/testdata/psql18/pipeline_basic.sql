-- Statements ending with a semicolon are queued; \endpipeline reads every result.
\echo :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\startpipeline
select 'a' as first;
select $1 || $2 as joined \bind left right \sendpipeline
values (1, 'one'), (2, 'two');
\echo queued :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\endpipeline
\echo ended :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT :ROW_COUNT
-- \flushrequest makes results available to \getresults without a sync.
\startpipeline
select 10 as ten;
select 20 as twenty;
\flushrequest
\echo flushed :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
select 30 as thirty;
\getresults
\echo read :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT :ROW_COUNT
\endpipeline
-- Several syncs, \getresults with a count, a sync counting as one result.
\startpipeline
\syncpipeline
select 1 as a;
select 2 as b;
\syncpipeline
select 3 as c;
\syncpipeline
\echo :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\getresults 2
\echo :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\getresults 1
\getresults 0
\echo :PIPELINE_COMMAND_COUNT :PIPELINE_SYNC_COUNT :PIPELINE_RESULT_COUNT
\getresults
\endpipeline
-- \flush writes the queue; \startpipeline inside a pipeline changes nothing.
\startpipeline
\startpipeline
select 'flushed' as f;
\flush
\endpipeline
-- The query buffer given to a pipeline command is not sent, it becomes the previous query.
select 'never sent' \startpipeline
\p
\endpipeline
-- Empty statements, a command tag, a multi-statement string (refused by the server).
\startpipeline
;
create temp table pipe_t(a int);
insert into pipe_t values (1), (2);
select 1 \; select 2;
select count(*) from pipe_t;
\endpipeline
