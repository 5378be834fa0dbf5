-- Commands that run the query themselves are refused in a pipeline, which stays usable.
\startpipeline
select $1 \bind 1 \g
select $1 \bind 1 \g (format=unaligned)
select $1 \bind 1 \gx
select $1 \bind 1 \gx /dev/null
select $1 as v \bind 1 \gset
select $1 as v \bind 1 \gset p_
select 'select 1' \gexec
\r
select 1 \watch 1
\r
select $1 \bind 1 \gdesc
\echo gdesc :ERROR :SQLSTATE
select 'crosstab ignored' as c, 1 as d \crosstabview
\sendpipeline
select 1 \sendpipeline
\r
select 'still usable' as u \bind \sendpipeline
\echo :PIPELINE_COMMAND_COUNT
\endpipeline
-- Outside a pipeline.
\sendpipeline
select $1 \bind 1 \sendpipeline
\p
select 'the bind was forgotten' as b;
\r
\getresults -1
\startpipeline
\getresults -3
\getresults abc
\getresults 1 2
\endpipeline extra
