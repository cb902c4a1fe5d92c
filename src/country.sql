------------------------------------------------------------------------------
-- Countries in any of the region's languages: the tb_country type (C, src/country.c)
------------------------------------------------------------------------------

CREATE TYPE @extschema@.tb_country;

CREATE FUNCTION @extschema@.tb_country_in(cstring) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_in(cstring) IS 'Text input of tb_country: an ISO 3166-1 alpha-2, alpha-3 or numeric code, or the name in Spanish, Portuguese, English or French from ICU, case-, accent-, space- and punctuation-insensitively. Unknown: 22P02 with the closest names.';
CREATE FUNCTION @extschema@.tb_country_out(@extschema@.tb_country) RETURNS cstring
AS 'MODULE_PATHNAME', 'tb_country_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_out(@extschema@.tb_country) IS 'Text output of tb_country: the ISO 3166-1 alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_recv(internal) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_recv(internal) IS 'Binary input of tb_country: the 2 bytes of a known alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_send(@extschema@.tb_country) RETURNS bytea
AS 'MODULE_PATHNAME', 'tb_country_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_send(@extschema@.tb_country) IS 'Binary output of tb_country: the 2 bytes of its alpha-2 code.';

CREATE TYPE @extschema@.tb_country (
    INPUT = @extschema@.tb_country_in,
    OUTPUT = @extschema@.tb_country_out,
    RECEIVE = @extschema@.tb_country_recv,
    SEND = @extschema@.tb_country_send,
    INTERNALLENGTH = 2,
    PASSEDBYVALUE,
    ALIGNMENT = int2,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.tb_country IS 'An ISO 3166-1 country, stored in 2 bytes as its alpha-2 code; reads codes and names in es/pt/en/fr (''Perú''::tb.tb_country = ''PE''), orders by code, works as a key (btree and hash).';

CREATE FUNCTION @extschema@.tb_country_eq(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_eq' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_eq(@extschema@.tb_country, @extschema@.tb_country) IS 'Same country.';
CREATE FUNCTION @extschema@.tb_country_ne(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_ne' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_ne(@extschema@.tb_country, @extschema@.tb_country) IS 'Different countries.';
CREATE FUNCTION @extschema@.tb_country_lt(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_lt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_lt(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before.';
CREATE FUNCTION @extschema@.tb_country_le(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_le' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_le(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before or is equal.';
CREATE FUNCTION @extschema@.tb_country_gt(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_gt' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_gt(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after.';
CREATE FUNCTION @extschema@.tb_country_ge(@extschema@.tb_country, @extschema@.tb_country) RETURNS boolean
AS 'MODULE_PATHNAME', 'tb_country_ge' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_ge(@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after or is equal.';
CREATE FUNCTION @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_cmp' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country) IS 'btree comparison: by alpha-2 code.';
CREATE FUNCTION @extschema@.tb_country_hash(@extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_hash' LANGUAGE C IMMUTABLE STRICT LEAKPROOF PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_hash(@extschema@.tb_country) IS 'Hash support for tb_country.';

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_eq, COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
COMMENT ON OPERATOR @extschema@.= (@extschema@.tb_country, @extschema@.tb_country) IS 'Same country.';
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_ne, COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.tb_country, @extschema@.tb_country) IS 'Different countries.';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_lt, COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
COMMENT ON OPERATOR @extschema@.< (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before.';
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_le, COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts before or is equal.';
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_gt, COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
COMMENT ON OPERATOR @extschema@.> (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after.';
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.tb_country, RIGHTARG = @extschema@.tb_country,
    FUNCTION = @extschema@.tb_country_ge, COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.tb_country, @extschema@.tb_country) IS 'Alpha-2 code sorts after or is equal.';

CREATE OPERATOR CLASS @extschema@.tb_country_ops DEFAULT FOR TYPE @extschema@.tb_country USING btree AS
    OPERATOR 1 @extschema@.<, OPERATOR 2 @extschema@.<=, OPERATOR 3 @extschema@.=,
    OPERATOR 4 @extschema@.>=, OPERATOR 5 @extschema@.>,
    FUNCTION 1 @extschema@.tb_country_cmp(@extschema@.tb_country, @extschema@.tb_country);
CREATE OPERATOR CLASS @extschema@.tb_country_hash_ops DEFAULT FOR TYPE @extschema@.tb_country USING hash AS
    OPERATOR 1 @extschema@.=,
    FUNCTION 1 @extschema@.tb_country_hash(@extschema@.tb_country);

CREATE FUNCTION @extschema@.tb_try_country(text) RETURNS @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_try_country' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_try_country(text) IS 'The country a text names, or NULL when it names none (for bulk loads); ''República Dominicana'', ''DOM'', ''214'' all give DO.';
CREATE FUNCTION @extschema@.tb_country_suggest(text) RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_suggest' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_suggest(text) IS 'Why a text is not a country, with the closest known names; NULL when it is one.';
CREATE FUNCTION @extschema@.tb_country_name(c @extschema@.tb_country, lang text DEFAULT 'en') RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_name(@extschema@.tb_country, text) IS 'Name of the country in an ICU locale, from ICU''s locale data: tb_country_name(''PE'', ''fr'') = Pérou.';
CREATE FUNCTION @extschema@.tb_country_alpha3(@extschema@.tb_country) RETURNS text
AS 'MODULE_PATHNAME', 'tb_country_alpha3' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_alpha3(@extschema@.tb_country) IS 'ISO 3166-1 alpha-3 code: tb_country_alpha3(''PE'') = PER.';
CREATE FUNCTION @extschema@.tb_country_numeric(@extschema@.tb_country) RETURNS integer
AS 'MODULE_PATHNAME', 'tb_country_numeric' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.tb_country_numeric(@extschema@.tb_country) IS 'ISO 3166-1 numeric code: tb_country_numeric(''DO'') = 214.';
CREATE FUNCTION @extschema@.tb_country_codes() RETURNS SETOF @extschema@.tb_country
AS 'MODULE_PATHNAME', 'tb_country_codes' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 250;
COMMENT ON FUNCTION @extschema@.tb_country_codes() IS 'Every country ICU knows with an ISO 3166-1 numeric code, in code order.';
CREATE FUNCTION @extschema@.tb_iso_countries()
RETURNS TABLE (country @extschema@.tb_country, alpha3 text, numeric_code integer,
               name_es text, name_pt text, name_en text, name_fr text)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT c, @extschema@.tb_country_alpha3(c), @extschema@.tb_country_numeric(c),
           @extschema@.tb_country_name(c, 'es'), @extschema@.tb_country_name(c, 'pt'),
           @extschema@.tb_country_name(c, 'en'), @extschema@.tb_country_name(c, 'fr')
      FROM @extschema@.tb_country_codes() AS c
$$;
COMMENT ON FUNCTION @extschema@.tb_iso_countries() IS 'Every country ICU knows: alpha-2 (as tb_country), alpha-3, numeric code, and its names in Spanish, Portuguese, English and French from ICU.';
