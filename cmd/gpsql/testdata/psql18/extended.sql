-- \bind, \parse, \bind_named and \close_prepared outside a pipeline.
select $1 || 'x' as p, $2::int as q \bind hello 5 \g
select 1 as one \bind \gx
select $1 as x \bind a \gset
\echo :x
select $1::int + 1 as n \bind 41
;
select $1::int as n \bind 1
;
select $1::int as n;
select $1::int as p \bind notint \g
select $1::int as p, $2 \bind 1 \g
select nosuch \bind \g
select 1/$1::int as q \bind 0 \g
select $1::int * 2 as d \parse st1
\bind_named st1 21 \g
\close_prepared st1
\bind_named st1 3 \g
select nosuch \parse st2
\close_prepared nosuch
\parse
\bind_named
\close_prepared
select $1 \bind one two three \g
select $1 as gdesc_bind \bind 1 \gdesc
\set QUIET on
select 1 \parse quiet
\close_prepared quiet
-- \bind has no syntax for NULL: an empty argument is an empty string, an unset variable
-- stays as typed.
\set QUIET off
select $1::text is null as is_null, length($1::text) as len, $2::text as unset_var \bind '' :nosuchvar \g
select coalesce($1::text, $$was null$$) as c \bind \g
-- \bind combines with \g's options and file, and \crosstabview.
select $1 as x, $2 as y \bind 5 6 \g (format=unaligned tuples_only)
select $1::int * 2 as doubled \bind 21 \g | cat
select g as row, (g % 2)::text as col, g * $1::int as v from generate_series(1, 4) g \bind 10 \crosstabview
\set FETCH_COUNT 2
select g from generate_series(1, $1::int) g \bind 3 \g
