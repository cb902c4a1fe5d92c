-- Benchmark data: :rows answers as typed on forms, reproducible (no random()).
-- Each row's fields derive from a hash of its number, so every PostgreSQL
-- version generates the same table.
SELECT to_regclass('bench_answers') IS NOT NULL AS present \gset
\set ready false
\if :present
SELECT count(*) = :rows AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'bench_answers'::regclass
                                    AND attname = 'kind') AS ready FROM bench_answers \gset
\endif
\if :ready
\else
DROP TABLE IF EXISTS bench_answers;
CREATE TABLE bench_answers AS
SELECT g AS id,
       (h % 1000)::integer AS indicator,
       ((h >> 10) % 15)::integer AS country,
       (ARRAY['es', 'pt', 'en'])[1 + (h >> 14) % 3] AS lang,
       CASE (h >> 16) % 6
         WHEN 0 THEN (ARRAY[' Sí ', 'SIM', 'yes', 'No', 'NÃO', 'no '])[1 + (h >> 20) % 6]
         WHEN 1 THEN (ARRAY['Implementado', 'parcialmente implementada', 'Planejado',
                            'Institutionalized', 'Ninguno', 'PARCIAL'])[1 + (h >> 20) % 6]
         WHEN 2 THEN ((h >> 20) % 100000)::text
         WHEN 3 THEN CASE WHEN (h >> 14) % 3 = 2 THEN to_char((h >> 20) % 100000, 'FM999,999')
                          ELSE replace(to_char((h >> 20) % 100000, 'FM999,999'), ',', '.') END
         WHEN 4 THEN CASE WHEN (h >> 14) % 3 = 2 THEN ((h >> 20) % 1000) / 10.0 || '%'
                          ELSE replace(((h >> 20) % 1000) / 10.0 || ' %', '.', ',') END
         ELSE (ARRAY['No aplica', 'n/a', 'Não sabe', 'ver anexo', '??', ''])[1 + (h >> 20) % 6]
       END AS raw,
       ((h >> 24) % 100000) / 1000.0 AS value,
       (ARRAY['binary', 'ordinal', 'count', 'count', 'percentage', 'count'])[1 + (h >> 16) % 6] AS kind
  FROM (SELECT g, abs(hashint8(g::bigint)::bigint) AS h
          FROM generate_series(1, :rows) g) s;
ANALYZE bench_answers;
\endif
