-- Backslash commands that query the server cannot run in a pipeline.
\startpipeline
\dt
\d pg_class
\l
\lo_list
\dconfig work_mem
\sf now
select 'queued' as q;
\dt
\df now
\endpipeline
\echo :PIPELINE_COMMAND_COUNT
