-- Distributes a baseline on a Citus cluster: the answers (responses) and
-- their history (response_history) distributed by country, the catalogue
-- and the load records as reference tables.  Run on the coordinator, from
-- the repository root, after CREATE EXTENSION trafficking_baseline there
-- (Citus creates it on every worker) and tb.tb_create_baseline:
--     psql -v baseline=quito -f scripts/citus_distribute.sql
-- The data may be loaded before or after (scripts/load_baseline.sql, then
-- tb_load_responses and tb_refresh as on a single server).
-- Idempotent: a second run changes nothing.  docs/citus.md says what was
-- verified, and what this costs the baseline:
--   * the three statement triggers of responses that mark rounds for the
--     incremental tb_refresh are dropped (Citus cannot run their transition
--     tables on the shards).  The loader, submit_answer and withdraw_answer
--     mark the rounds they change themselves, so tb_refresh() still finds
--     them; a direct INSERT, UPDATE or DELETE on responses is not marked:
--     refresh its rounds by number;
--   * the primary keys of responses and response_history become
--     (id, country), as Citus requires of a distributed table;
--   * the foreign keys of responses are dropped and added again around the
--     distribution, with the same names and definitions.
-- What does not work on the distributed baseline: the focal points' roles.
-- Citus refuses a policy with a subquery on a distributed table, and the
-- policy tb.tb_create_baseline_roles puts on responses for focal points has
-- one; this script refuses a baseline that has it, and
-- tb.tb_create_baseline_roles fails on a distributed baseline.
\set ON_ERROR_STOP on
\if :{?baseline}
\else
\set baseline quito
\endif
SET client_min_messages = warning;
SELECT set_config('tb.citus_baseline', :'baseline', false) AS baseline;

-- Refuse early: Citus on this node, and a baseline of that name.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION 'citus is not installed in this database';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM tb.baselines WHERE schema_name = current_setting('tb.citus_baseline')) THEN
        RAISE EXCEPTION 'no baseline %', current_setting('tb.citus_baseline')
            USING HINT = 'Create it first: SELECT tb.tb_create_baseline(''NAME'').';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_dist_partition p
                WHERE p.logicalrelid IN (format('%I.responses', current_setting('tb.citus_baseline'))::regclass,
                                         format('%I.response_history', current_setting('tb.citus_baseline'))::regclass)
                  AND p.partmethod = 'n') THEN
        RAISE EXCEPTION 'responses or response_history of baseline % is a Citus local or reference table',
                        current_setting('tb.citus_baseline')
            USING DETAIL = 'A table linked by a foreign key to a reference table is made a Citus local table; with an identity column it cannot then be distributed ("cannot complete operation on a table with identity column").',
                  HINT = 'Run this script on a baseline before making any of its tables a reference table by hand.';
    END IF;
    -- create_distributed_table would fail on it ("Subqueries are not
    -- supported in policies on distributed tables"), after the reference
    -- tables were made.
    IF EXISTS (SELECT 1 FROM pg_policy p
                WHERE p.polrelid IN (format('%I.responses', current_setting('tb.citus_baseline'))::regclass,
                                     format('%I.response_history', current_setting('tb.citus_baseline'))::regclass)
                  AND concat(pg_get_expr(p.polqual, p.polrelid), ' ', pg_get_expr(p.polwithcheck, p.polrelid))
                      ~* '[(]\s*SELECT\M') THEN
        RAISE EXCEPTION 'a policy on responses or response_history of baseline % has a subquery',
                        current_setting('tb.citus_baseline')
            USING DETAIL = 'Citus does not support subqueries in policies on distributed tables; tb.tb_create_baseline_roles makes one on responses for the focal points.',
                  HINT = 'Distribute a baseline without its roles (before tb.tb_create_baseline_roles).';
    END IF;
END
$$;

-- Row triggers on the shards of responses (check of the value, history) and
-- on the placements of memberships (no overlapping periods).
SET citus.enable_unsafe_triggers = on;

-- 1. The statement triggers with transition tables: on a shard, their
--    INSERT into refresh_pending is sent to another node without the
--    transition table ("executor could not find named tuplestore"), or
--    fails there because refresh_pending is a table of the coordinator only
--    (while create_distributed_table copies the rows).  The writers mark the
--    rounds they change in refresh_pending themselves.
DROP TRIGGER IF EXISTS responses_pending_insert ON :"baseline".responses;
DROP TRIGGER IF EXISTS responses_pending_update ON :"baseline".responses;
DROP TRIGGER IF EXISTS responses_pending_delete ON :"baseline".responses;

-- 2. While responses is not distributed: drop its foreign keys, so that
--    making countries, rounds ... reference tables does not turn it into a
--    Citus local table (which, having an identity column, could not then be
--    distributed); and put the distribution column into the primary keys.
SELECT format('ALTER TABLE %I.responses DROP CONSTRAINT %I', :'baseline', con.conname)
  FROM pg_constraint con
 WHERE con.conrelid = format('%I.responses', :'baseline')::regclass AND con.contype = 'f'
   AND NOT EXISTS (SELECT 1 FROM pg_dist_partition p WHERE p.logicalrelid = con.conrelid)
 ORDER BY con.conname
\gexec
SELECT format('ALTER TABLE %I.%I DROP CONSTRAINT %I', :'baseline', t.rel, t.rel || '_pkey'),
       format('ALTER TABLE %I.%I ADD CONSTRAINT %I PRIMARY KEY (%I, country)', :'baseline', t.rel, t.rel || '_pkey', t.id)
  FROM (VALUES ('responses', 'response_id'), ('response_history', 'history_id')) AS t(rel, id)
  JOIN pg_constraint con ON con.conrelid = format('%I.%I', :'baseline', t.rel)::regclass
                        AND con.conname = t.rel || '_pkey'
 WHERE pg_get_constraintdef(con.oid) <> format('PRIMARY KEY (%s, country)', t.id)
\gexec

-- 3. Reference tables, referenced before referencing: the catalogue, the
--    tables the views, the loader and the trigger functions read on the
--    workers, the load records and the focal points.
SELECT format('SELECT create_reference_table(%L)', format('%I.%I', :'baseline', t.rel))
  FROM unnest(ARRAY['countries', 'axes', 'rounds', 'indicators', 'institutions', 'memberships',
                    'answer_vocabulary', 'rating_bands', 'analysis_settings', 'external_values',
                    'focal_points', 'loads', 'rejects']) WITH ORDINALITY AS t(rel, ord)
 WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition p
                    WHERE p.logicalrelid = format('%I.%I', :'baseline', t.rel)::regclass)
 ORDER BY t.ord
\gexec

-- 4. The answers, and their history beside them (the history trigger of a
--    shard writes the co-located shard of response_history).
SELECT format('SELECT create_distributed_table(%L, %L, colocate_with => %L)',
              format('%I.%I', :'baseline', t.rel), 'country', t.colocate)
  FROM (VALUES (1, 'responses', 'default'),
               (2, 'response_history', format('%I.responses', :'baseline'))) AS t(ord, rel, colocate)
 WHERE NOT EXISTS (SELECT 1 FROM pg_dist_partition p
                    WHERE p.logicalrelid = format('%I.%I', :'baseline', t.rel)::regclass)
 ORDER BY t.ord
\gexec

-- 5. The foreign keys of responses again, now to reference tables.
SELECT format('ALTER TABLE %I.responses ADD CONSTRAINT %I %s', :'baseline', f.name, f.def)
  FROM (VALUES
        ('responses_round_no_fkey', format('FOREIGN KEY (round_no) REFERENCES %I.rounds(round_no)', :'baseline')),
        ('responses_country_fkey', format('FOREIGN KEY (country) REFERENCES %I.countries(iso2)', :'baseline')),
        ('responses_indicator_fkey', format('FOREIGN KEY (indicator) REFERENCES %I.indicators(code)', :'baseline')),
        ('responses_load_id_fkey', format('FOREIGN KEY (load_id) REFERENCES %I.loads(load_id)', :'baseline')),
        ('responses_institution_country_fkey',
         format('FOREIGN KEY (institution, country) REFERENCES %I.institutions(code, country)', :'baseline'))
       ) AS f(name, def)
 WHERE NOT EXISTS (SELECT 1 FROM pg_constraint con
                    WHERE con.conrelid = format('%I.responses', :'baseline')::regclass AND con.conname = f.name)
\gexec

-- 6. Identity sequences of the reference tables: rejects, made a Citus
--    local table when loads became a reference table, comes out of that
--    second conversion with its sequence back at 1 (the next load then fails
--    on rejects_pkey).  Set each sequence past the largest key the
--    coordinator has given out (keys given out by workers start at 2^48).
SELECT format('SELECT setval(%L, %s)', pg_get_serial_sequence(format('%I.%I', :'baseline', c.relname), a.attname), m.v)
  FROM pg_dist_partition p
  JOIN pg_class c ON c.oid = p.logicalrelid AND c.relnamespace = :'baseline'::regnamespace
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attidentity <> '' AND NOT a.attisdropped
  CROSS JOIN LATERAL (SELECT (xpath('//v/text()',
          query_to_xml(format('SELECT max(%I) AS v FROM %I.%I WHERE %I < 281474976710656',
                              a.attname, :'baseline', c.relname, a.attname), false, false, '')))[1]::text::bigint AS v) m
 WHERE p.partmethod = 'n' AND p.repmodel = 't'
   AND m.v > coalesce((SELECT s.last_value FROM pg_sequences s
                        WHERE format('%I.%I', s.schemaname, s.sequencename)::regclass
                              = pg_get_serial_sequence(format('%I.%I', :'baseline', c.relname), a.attname)::regclass), 0)
\gexec

-- What Citus now holds of the baseline; the other tables (bi_, refresh_log,
-- refresh_pending, response_import) stay ordinary tables of the coordinator.
RESET client_min_messages;
SELECT c.relname AS table_name, t.citus_table_type, t.distribution_column, t.colocation_id, t.shard_count
  FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name
 WHERE c.relnamespace = :'baseline'::regnamespace
 ORDER BY t.citus_table_type, c.relname;
