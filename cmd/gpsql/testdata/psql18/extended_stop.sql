\set ON_ERROR_STOP 1
select $1::int \bind x \g
select 'not reached';
