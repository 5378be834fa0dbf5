-- psql 18 cannot keep a pipeline in step around COPY: it drops the connection.
create temp table pipe_copy(a int);
\startpipeline
select 'before' as b;
copy pipe_copy to stdout;
\endpipeline
\echo not reached
