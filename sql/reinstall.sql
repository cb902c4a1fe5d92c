-- DROP EXTENSION removes everything it created; CREATE EXTENSION brings it back.
SELECT count(*) AS objects_before FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'trafficking_baseline') \gset
DROP EXTENSION trafficking_baseline;
-- The schema tb stays (CREATE EXTENSION made it, it is not a member), empty.
SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'tb'::regnamespace) AS relations_left,
       (SELECT count(*) FROM pg_type WHERE typnamespace = 'tb'::regnamespace) AS types_left;
SELECT count(*) AS functions_left FROM pg_proc WHERE proname LIKE 'tb\_%';
CREATE EXTENSION trafficking_baseline;
SELECT count(*) = :objects_before AS same_objects FROM pg_depend
 WHERE refclassid = 'pg_extension'::regclass AND deptype = 'e'
   AND refobjid = (SELECT oid FROM pg_extension WHERE extname = 'trafficking_baseline');
SELECT count(*) AS responses FROM tb.responses;
SELECT (tb.tb_parse_answer('Sí', 'binary', 'es')).value AS works_again;
