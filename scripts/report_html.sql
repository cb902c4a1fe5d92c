-- The baseline's regional report as one HTML page, in a language: what the
-- baseline's function report_html returns (any client can call it).
-- Run with psql -qtAX -v lang=es -f scripts/report_html.sql -o FILE
\set ON_ERROR_STOP on
-- The baseline's schema: psql -v baseline=NAME, default quito.
\if :{?baseline}
\else
\set baseline quito
\endif
-- The language: psql -v lang=es|pt|en (any language of the baseline's ui_strings), default en.
\if :{?lang}
\else
\set lang en
\endif
\pset format unaligned
\pset tuples_only on
SELECT :"baseline".report_html(:'lang');
