-- The structure of one baseline schema, one line per fact, in a stable order
-- and free of OIDs and grants: a baseline moved out of version 0.2 by the
-- update and one made by tb_create_baseline print the same text.  Usage:
-- psql -v baseline=NAME -f test/upgrade/baseline_catalogue.sql
\pset format unaligned
\pset tuples_only on
SET search_path = pg_catalog;
SELECT regexp_replace(line, '\s+', ' ', 'g') FROM (
    SELECT format('column %s.%s: %s, not null %s, default %s, identity %s, generated %s, comment md5 %s',
                  c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                  pg_get_expr(ad.adbin, ad.adrelid), a.attidentity, a.attgenerated,
                  md5(coalesce(col_description(c.oid, a.attnum), ''))) AS line
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
     WHERE c.relnamespace = :'baseline'::regnamespace AND c.relkind IN ('r', 'v')
    UNION ALL
    SELECT format('relation %s: kind %s, row security %s, comment md5 %s, view md5 %s', c.relname, c.relkind,
                  c.relrowsecurity, md5(coalesce(obj_description(c.oid, 'pg_class'), '')),
                  md5(coalesce(pg_get_viewdef(c.oid), '')))
      FROM pg_class c WHERE c.relnamespace = :'baseline'::regnamespace AND c.relkind IN ('r', 'v', 'S', 'i')
    UNION ALL
    SELECT format('constraint %s on %s: %s', co.conname, co.conrelid::regclass::text, pg_get_constraintdef(co.oid))
      FROM pg_constraint co WHERE co.connamespace = :'baseline'::regnamespace
    UNION ALL
    SELECT format('index %s: %s', i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid))
      FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relnamespace = :'baseline'::regnamespace
    UNION ALL
    SELECT format('trigger %s on %s: %s', t.tgname, t.tgrelid::regclass::text, pg_get_triggerdef(t.oid))
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
     WHERE c.relnamespace = :'baseline'::regnamespace AND NOT t.tgisinternal
    UNION ALL
    SELECT format('function %s: security definer %s, volatility %s, config %s, body md5 %s, comment md5 %s',
                  p.oid::regprocedure, p.prosecdef, p.provolatile, p.proconfig, md5(p.prosrc),
                  md5(coalesce(obj_description(p.oid, 'pg_proc'), '')))
      FROM pg_proc p WHERE p.pronamespace = :'baseline'::regnamespace
    UNION ALL
    SELECT format('policy %s on %s: %s', po.polname, po.polrelid::regclass::text, po.polcmd)
      FROM pg_policy po JOIN pg_class c ON c.oid = po.polrelid WHERE c.relnamespace = :'baseline'::regnamespace
) facts
ORDER BY 1;
