-- Transactions inside a pipeline.
create table pipe_tx(a int primary key);
\startpipeline
insert into pipe_tx values (1);
begin;
insert into pipe_tx values (2);
rollback;
\syncpipeline
begin;
insert into pipe_tx values (3);
commit;
\endpipeline
select * from pipe_tx order by a;
-- An error inside an explicit transaction leaves it to be rolled back afterwards.
\startpipeline
begin \bind \sendpipeline
insert into pipe_tx values (3);
commit \bind \sendpipeline
\endpipeline
rollback;
-- SET LOCAL lasts until the sync that ends the implicit transaction.
\startpipeline
set local statement_timeout = '1h';
show statement_timeout;
\syncpipeline
show statement_timeout;
\endpipeline
-- Savepoints are not allowed in an implicit transaction.
\startpipeline
savepoint s;
select 1;
\endpipeline
drop table pipe_tx;
