-- Loads the baseline data shipped in data/ into a baseline of a database that has the
-- extension: the illustrative catalogue and survey rounds, and the real US
-- TIP Report tiers.  Run from the repository root:
--     psql -v ON_ERROR_STOP=1 -f scripts/load_baseline.sql
-- Idempotent: running it again adds nothing.
\set ON_ERROR_STOP on
-- The baseline's schema: psql -v baseline=NAME, default quito.
\if :{?baseline}
\else
\set baseline quito
\endif
-- Create the baseline on the first run.
SELECT tb.tb_create_baseline(:'baseline')
 WHERE NOT EXISTS (SELECT 1 FROM tb.baselines WHERE schema_name = :'baseline');
-- \copy names its table without a schema: the baseline's comes first.
SET search_path = :"baseline", pg_catalog;
SET client_min_messages = warning;

BEGIN;
CREATE TEMP TABLE imp_rounds (LIKE :"baseline".rounds) ON COMMIT DROP;
\copy imp_rounds (round_no, label, reference_date) FROM 'data/illustrative/rounds.csv' CSV HEADER
INSERT INTO :"baseline".rounds SELECT * FROM imp_rounds ON CONFLICT (round_no) DO NOTHING;

CREATE TEMP TABLE imp_members (LIKE :"baseline".memberships) ON COMMIT DROP;
\copy imp_members (country, role, valid_from, valid_to) FROM 'data/illustrative/memberships.csv' CSV HEADER
INSERT INTO :"baseline".memberships SELECT * FROM imp_members ON CONFLICT (country, valid_from) DO NOTHING;

CREATE TEMP TABLE imp_indicators (LIKE :"baseline".indicators INCLUDING DEFAULTS) ON COMMIT DROP;
\copy imp_indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en, target, lower_bound, upper_bound, weight) FROM 'data/illustrative/indicators.csv' CSV HEADER
INSERT INTO :"baseline".indicators SELECT * FROM imp_indicators ON CONFLICT (code) DO NOTHING;

CREATE TEMP TABLE imp_institutions (LIKE :"baseline".institutions) ON COMMIT DROP;
\copy imp_institutions (country, code, name, lang) FROM 'data/illustrative/institutions.csv' CSV HEADER
INSERT INTO :"baseline".institutions SELECT * FROM imp_institutions ON CONFLICT (code) DO NOTHING;

-- US TIP Report tiers: an external ordinal indicator, lower is better.
INSERT INTO :"baseline".indicators (code, axis, kind, direction, unit, name_es, name_pt, name_en,
                           target, lower_bound, upper_bound, weight, source)
VALUES ('TIP_TIER', 'GOV', 'ordinal', 'lower', 'tier (1, 2, 2.5 watch list, 3)',
        'Nivel en el Informe TIP de EE. UU.', 'Nível no Relatório TIP dos EUA', 'US TIP Report tier',
        1, 1, 3, 1, 'US TIP Report')
ON CONFLICT (code) DO NOTHING;

CREATE TEMP TABLE imp_tip (countryname text, iso text, year integer, ccode text, tier text) ON COMMIT DROP;
\copy imp_tip FROM 'data/tip/us_tip_tiers_members_2001_2015.csv' CSV HEADER NULL 'NA'
INSERT INTO :"baseline".external_values (indicator, country, year, raw_value, value)
SELECT 'TIP_TIER', c.iso2, t.year, coalesce(t.tier, 'NA'),
       CASE t.tier WHEN 'Tier 1' THEN 1 WHEN 'Tier 2' THEN 2 WHEN 'Watchlist' THEN 2.5 WHEN 'Tier 3' THEN 3 END
  FROM imp_tip t JOIN :"baseline".countries c ON c.iso3 = t.iso
ON CONFLICT (indicator, country, year) DO NOTHING;

-- The outcome indicators the impact analysis relates the practices to, and
-- an illustrative standard of minimum practices.
CREATE TEMP TABLE imp_outcomes (LIKE :"baseline".outcomes) ON COMMIT DROP;
\copy imp_outcomes (indicator, transform) FROM 'data/illustrative/outcomes.csv' CSV HEADER
INSERT INTO :"baseline".outcomes SELECT * FROM imp_outcomes ON CONFLICT (indicator) DO NOTHING;
CREATE TEMP TABLE imp_standards (LIKE :"baseline".standards) ON COMMIT DROP;
\copy imp_standards (code, name_es, name_pt, name_en, source, illustrative) FROM 'data/illustrative/standards.csv' CSV HEADER
INSERT INTO :"baseline".standards SELECT * FROM imp_standards ON CONFLICT (code) DO NOTHING;
CREATE TEMP TABLE imp_practices (LIKE :"baseline".standard_practices) ON COMMIT DROP;
\copy imp_practices (standard, indicator, element, min_value) FROM 'data/illustrative/standard_practices.csv' CSV HEADER
INSERT INTO :"baseline".standard_practices SELECT * FROM imp_practices ON CONFLICT (standard, indicator) DO NOTHING;
COMMIT;

-- Survey rounds, through the loader as any analyst would load them; a file
-- loaded before is not loaded again.
SELECT NOT EXISTS (SELECT 1 FROM :"baseline".loads WHERE label = 'responses_round0.csv') AS load_round0,
       NOT EXISTS (SELECT 1 FROM :"baseline".loads WHERE label = 'responses_round1.csv') AS load_round1 \gset
\if :load_round0
\copy response_import (round, country, institution, indicator, lang, answer) FROM 'data/illustrative/responses_round0.csv' CSV HEADER
SELECT * FROM :"baseline".tb_load_responses('responses_round0.csv');
\endif
\if :load_round1
\copy response_import (round, country, institution, indicator, lang, answer) FROM 'data/illustrative/responses_round1.csv' CSV HEADER
SELECT * FROM :"baseline".tb_load_responses('responses_round1.csv');
\endif
-- Statistics for the planner before anything reads the new rows: without
-- them the first report plans its views blind (20 s instead of 3).
SELECT format('ANALYZE %I.%I', n.nspname, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = :'baseline' AND c.relkind = 'r' \gexec
-- The BI tables follow the answers.
SELECT * FROM :"baseline".tb_refresh();
RESET search_path;
