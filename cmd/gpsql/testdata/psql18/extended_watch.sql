-- \watch after \bind runs every time with the parameters; a server error ends it.
create temp sequence watch_seq;
select $1::int / (3 - nextval('watch_seq'))::int as q \bind 6 \watch 0.01
select $1 as named_watch \parse watch_stmt
select 1/(6 - nextval('watch_seq'))::int as r, $1 as p \parse watch_stmt2
\bind_named watch_stmt2 x \watch 0.01
