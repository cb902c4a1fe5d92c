-- The loaded baseline looks like the real survey: who answers, what is
-- asked, in which languages, and how messy it is.
BEGIN;
SELECT plan(17);

SELECT set_eq($$ SELECT country FROM quito.memberships WHERE role = 'member' $$,
              ARRAY['AR', 'BR', 'CL', 'CO', 'CR', 'DO', 'EC', 'GY', 'MX', 'PA', 'PE', 'PY', 'UY'],
              'the 13 members of the Quito Process');
SELECT set_eq($$ SELECT country FROM quito.memberships WHERE role = 'observer' $$, ARRAY['CW'],
              'Curaçao is the observer');
SELECT set_eq($$ SELECT DISTINCT axis FROM quito.indicators WHERE source = 'survey' $$,
              ARRAY['PREV', 'PROT', 'PROS', 'GOV'], 'indicators cover the three axes and governance');
SELECT cmp_ok((SELECT count(*)::int FROM quito.indicators WHERE source = 'survey'), '>=', 40,
              'at least 40 survey indicators');
SELECT is_empty($$ SELECT a.code, k.kind FROM quito.axes a
                    CROSS JOIN (VALUES ('binary'), ('ordinal'), ('count'), ('rate'), ('percentage')) k(kind)
                    EXCEPT SELECT axis, kind FROM quito.indicators $$,
                'every axis has indicators of every kind');
SELECT set_eq($$ SELECT round_no FROM quito.responses $$, ARRAY[0, 1], 'a baseline and a follow-up round');
SELECT set_eq($$ SELECT i.lang FROM quito.responses r JOIN quito.institutions i ON i.code = r.institution $$,
              ARRAY['es', 'pt', 'en'], 'answers come in Spanish, Portuguese and English');
SELECT ok(EXISTS (SELECT 1 FROM quito.responses WHERE raw_answer <> btrim(raw_answer)), 'some answers have stray blanks');
SELECT ok(EXISTS (SELECT 1 FROM quito.responses WHERE raw_answer ~ '[áéíóúãõç]'), 'some answers have accents');
SELECT ok(EXISTS (SELECT 1 FROM quito.responses WHERE raw_answer ~ '^[A-ZÁÉÍÓÚÃ ]+$'), 'some answers are in capitals');
SELECT ok((SELECT count(*) FROM quito.rejects) > 0, 'some answers are invalid and rejected');

-- Parsed values agree with an independent reading of the raw text.
SELECT is_empty($$
    SELECT r.raw_answer, r.value FROM quito.responses r JOIN quito.indicators i ON i.code = r.indicator
     WHERE i.kind = 'binary' AND r.status = 'value'
       AND r.value <> CASE WHEN lower(btrim(r.raw_answer)) IN ('sí', 'si', 'sim', 'yes') THEN 1
                           WHEN lower(btrim(r.raw_answer)) IN ('no', 'não', 'nao') THEN 0 END $$,
    'binary values match a plain reading of yes and no');
SELECT is_empty($$
    SELECT r.raw_answer, r.value FROM quito.responses r JOIN quito.indicators i ON i.code = r.indicator
      JOIN quito.institutions ins ON ins.code = r.institution
     WHERE i.kind IN ('count', 'rate', 'percentage') AND r.status = 'value'
       AND r.value <> replace(replace(CASE WHEN ins.lang = 'en' THEN replace(btrim(r.raw_answer), ',', '')
                                           ELSE replace(replace(btrim(r.raw_answer), '.', ''), ',', '.') END,
                                      '%', ''), ' ', '')::float8 $$,
    'numeric values match a plain reading of the separators of the form''s language');
SELECT is_empty($$
    SELECT r.* FROM quito.responses r JOIN quito.indicators i ON i.code = r.indicator
     WHERE r.value < i.lower_bound OR r.value > i.upper_bound $$,
    'every value lies within its indicator''s bounds');

-- Real TIP tiers: every member, 2001-2015.
SELECT is((SELECT count(DISTINCT country)::int FROM quito.external_values
            WHERE indicator = 'TIP_TIER' AND country IN (SELECT country FROM quito.memberships WHERE role = 'member')),
          13, 'TIP tiers for all 13 members');
SELECT is((SELECT min(year) || '-' || max(year) FROM quito.external_values WHERE indicator = 'TIP_TIER'),
          '2001-2015', 'TIP tiers from 2001 to 2015');
SELECT set_eq($$ SELECT DISTINCT value FROM quito.external_values WHERE value IS NOT NULL $$,
              ARRAY[1, 2, 2.5, 3]::float8[], 'tiers coded 1, 2, 2.5 (watch list), 3');

SELECT * FROM finish();
ROLLBACK;
