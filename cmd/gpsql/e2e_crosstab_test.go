package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCrosstabDiff: \crosstabview with no arguments, with names and numbers, with a sort
// column, aggregated data, formats, and every error psql reports for it.
func TestCrosstabDiff(t *testing.T) {
	script := filepath.Join(t.TempDir(), "ct.sql")
	os.WriteFile(script, []byte(`create temp table sales(region text, quarter text, amount int, rep text);
insert into sales values ('north','q1',10,'ann'),('north','q2',20,'bob'),('south','q1',30,'cid'),('south','q3',5,'dan'),('east','q2',7,null);
select region, quarter, amount from sales order by 1,2 \crosstabview
select region, quarter, amount, quarter from sales \crosstabview region quarter amount 4
select region, quarter, amount from sales \crosstabview 2 1
select rep, quarter, sum(amount) from sales group by 1,2 \crosstabview rep quarter
select region, quarter from sales \crosstabview
select region, quarter, amount from sales \crosstabview nosuch
select region, region, amount from sales \crosstabview 1 2
select 'a' as x, 'b' as y, 1 as v union all select 'a', 'b', 2 \crosstabview
select 1 \crosstabview
\pset format unaligned
select region, quarter, amount from sales order by 1 \crosstabview
\pset format aligned
\pset border 2
\x
select region, quarter, amount from sales order by 1 \crosstabview
`), 0o644)
	runDiff(t, diffCase{name: "crosstabview", args: []string{"-X", "-f", script}, env: sockEnv()})
}
