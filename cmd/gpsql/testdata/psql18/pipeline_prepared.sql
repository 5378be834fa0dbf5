-- \parse, \bind_named and \close_prepared inside a pipeline.
\startpipeline
select $1::int * 2 as doubled \parse twice
\bind_named twice 21 \sendpipeline
\close_prepared twice
\bind_named twice 1 \sendpipeline
\echo :PIPELINE_COMMAND_COUNT
\endpipeline
\echo :ERROR :SQLSTATE
\startpipeline
select $1 as a, $2 as b \parse ''
\bind_named '' x y \sendpipeline
\bind_named missing \sendpipeline
\bind_named '' skipped too \sendpipeline
\syncpipeline
select 'after' as s \bind \sendpipeline
\endpipeline
\set QUIET on
\startpipeline
select 1 \parse quiet_one
\close_prepared quiet_one
\endpipeline
