-- Everything trafficking_baseline owns, one line per fact, in a stable order
-- and free of OIDs: two databases that print the same text have the same
-- extension.  Used by test/upgrade/run.sh to compare an updated database
-- with a fresh install.  Privileges are listed one grant per line so that
-- their order inside an ACL does not matter.
\pset format unaligned
\pset tuples_only on
SET search_path = pg_catalog;
WITH ext AS (
    SELECT oid FROM pg_extension WHERE extname = 'trafficking_baseline'
), members AS (
    SELECT d.classid, d.objid
      FROM pg_depend d, ext
     WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), acl(kind, object, grants) AS (
    SELECT 'function', p.oid::regprocedure::text, p.proacl FROM pg_proc p JOIN members m ON m.objid = p.oid AND m.classid = 'pg_proc'::regclass
    UNION ALL
    SELECT 'relation', c.oid::regclass::text, c.relacl FROM pg_class c JOIN members m ON m.objid = c.oid AND m.classid = 'pg_class'::regclass
    UNION ALL
    SELECT 'type', t.oid::regtype::text, t.typacl FROM pg_type t JOIN members m ON m.objid = t.oid AND m.classid = 'pg_type'::regclass
    UNION ALL
    SELECT 'schema', n.nspname::text, n.nspacl FROM pg_namespace n WHERE n.nspname IN ('tb', 'tb_bi')
)
SELECT regexp_replace(line, '\s+', ' ', 'g') FROM (
    -- membership
    SELECT 'member: ' || pg_describe_object(m.classid, m.objid, 0) AS line FROM members m
    UNION ALL
    -- functions and aggregates
    SELECT format('function %s: kind %s, language %s, returns %s%s, volatility %s, strict %s, leakproof %s, parallel %s, security definer %s, cost %s, rows %s, config %s, defaults %s, symbol or body md5 %s, library %s',
                  p.oid::regprocedure, p.prokind, l.lanname, CASE WHEN p.proretset THEN 'setof ' ELSE '' END,
                  p.prorettype::regtype, p.provolatile, p.proisstrict, p.proleakproof, p.proparallel,
                  p.prosecdef, p.procost, p.prorows, p.proconfig, pg_get_expr(p.proargdefaults, 0),
                  md5(p.prosrc), p.probin)
      FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
      JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    UNION ALL
    SELECT format('function %s: result columns %s', p.oid::regprocedure, pg_get_function_result(p.oid))
      FROM pg_proc p JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    UNION ALL
    SELECT format('aggregate %s: kind %s, sfunc %s, stype %s, sspace %s, final %s (extra %s, modify %s), combine %s, serial %s, deserial %s, msfunc %s, minv %s, mfinal %s, mstype %s, sortop %s, initval %s, minitval %s, direct args %s',
                  a.aggfnoid::regprocedure, a.aggkind, a.aggtransfn::regprocedure, a.aggtranstype::regtype,
                  a.aggtransspace, a.aggfinalfn::regprocedure, a.aggfinalextra, a.aggfinalmodify,
                  a.aggcombinefn::regprocedure, a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure,
                  a.aggmtransfn::regprocedure, a.aggminvtransfn::regprocedure, a.aggmfinalfn::regprocedure,
                  a.aggmtranstype::regtype, a.aggsortop::regoperator, a.agginitval, a.aggminitval, a.aggnumdirectargs)
      FROM pg_aggregate a JOIN members m ON m.classid = 'pg_proc'::regclass AND m.objid = a.aggfnoid
    UNION ALL
    -- types
    SELECT format('type %s: type %s, len %s, byval %s, align %s, storage %s, category %s, preferred %s, delim %s, in %s, out %s, recv %s, send %s, typmodin %s, analyze %s, subscript %s, element %s, base %s, notnull %s, default %s, collatable %s',
                  t.oid::regtype, t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typcategory,
                  t.typispreferred, t.typdelim, t.typinput::regprocedure, t.typoutput::regprocedure,
                  t.typreceive::regprocedure, t.typsend::regprocedure, t.typmodin::regprocedure,
                  t.typanalyze::regprocedure, t.typsubscript::regprocedure, t.typelem::regtype,
                  t.typbasetype::regtype, t.typnotnull, t.typdefault, t.typcollation <> 0)
      FROM pg_type t JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
    UNION ALL
    SELECT format('type %s: enum label %s at %s', e.enumtypid::regtype, e.enumlabel, e.enumsortorder)
      FROM pg_enum e JOIN members m ON m.classid = 'pg_type'::regclass AND m.objid = e.enumtypid
    UNION ALL
    -- operators, their classes and families
    SELECT format('operator %s: code %s, commutator %s, negator %s, restrict %s, join %s, merges %s, hashes %s',
                  o.oid::regoperator, o.oprcode::regprocedure, o.oprcom::regoperator, o.oprnegate::regoperator,
                  o.oprrest::regprocedure, o.oprjoin::regprocedure, o.oprcanmerge, o.oprcanhash)
      FROM pg_operator o JOIN members m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
    UNION ALL
    SELECT format('operator class %s.%s using %s: for %s, family %s, default %s, storage %s',
                  c.opcnamespace::regnamespace, c.opcname, am.amname, c.opcintype::regtype,
                  f.opfname, c.opcdefault, c.opckeytype::regtype)
      FROM pg_opclass c JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
      JOIN members m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid
    UNION ALL
    SELECT format('operator family %s using %s: strategy %s for (%s, %s) is %s, purpose %s',
                  f.opfname, am.amname, o.amopstrategy, o.amoplefttype::regtype, o.amoprighttype::regtype,
                  o.amopopr::regoperator, o.amoppurpose)
      FROM pg_amop o JOIN pg_opfamily f ON f.oid = o.amopfamily JOIN pg_am am ON am.oid = f.opfmethod
     WHERE f.opfnamespace IN ('tb'::regnamespace, to_regnamespace('tb_bi'))
    UNION ALL
    SELECT format('operator family %s using %s: support %s for (%s, %s) is %s',
                  f.opfname, am.amname, p.amprocnum, p.amproclefttype::regtype, p.amprocrighttype::regtype,
                  p.amproc::regprocedure)
      FROM pg_amproc p JOIN pg_opfamily f ON f.oid = p.amprocfamily JOIN pg_am am ON am.oid = f.opfmethod
     WHERE f.opfnamespace IN ('tb'::regnamespace, to_regnamespace('tb_bi'))
    UNION ALL
    -- casts
    SELECT format('cast (%s AS %s): function %s, context %s, method %s',
                  c.castsource::regtype, c.casttarget::regtype, c.castfunc::regprocedure, c.castcontext, c.castmethod)
      FROM pg_cast c JOIN members m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
    UNION ALL
    -- relations: kind, options, row security, columns, constraints, indexes,
    -- triggers, policies, view bodies
    SELECT format('relation %s: kind %s, persistence %s, row security %s (forced %s), options %s',
                  c.oid::regclass, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions)
      FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
    UNION ALL
    SELECT format('column %s.%s: #%s %s, not null %s, default %s, generated %s, identity %s, collation %s',
                  c.oid::regclass, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                  pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated, a.attidentity, a.attcollation::regcollation)
      FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
    UNION ALL
    SELECT format('constraint %s on %s: %s', k.conname, k.conrelid::regclass, pg_get_constraintdef(k.oid))
      FROM pg_constraint k JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = k.conrelid
    UNION ALL
    SELECT format('index on %s: %s', i.indrelid::regclass, regexp_replace(pg_get_indexdef(i.indexrelid), '^CREATE (UNIQUE )?INDEX \S+', 'CREATE \1INDEX'))
      FROM pg_index i JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = i.indrelid
    UNION ALL
    SELECT format('trigger %s on %s: %s', t.tgname, t.tgrelid::regclass, pg_get_triggerdef(t.oid))
      FROM pg_trigger t JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = t.tgrelid
     WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('policy %s on %s: %s for %s to %s using %s check %s',
                  p.polname, p.polrelid::regclass, p.polpermissive, p.polcmd,
                  (SELECT string_agg(CASE r WHEN 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
                     FROM unnest(p.polroles) r),
                  pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
      FROM pg_policy p JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = p.polrelid
    UNION ALL
    SELECT format('view %s: %s', c.oid::regclass, pg_get_viewdef(c.oid))
      FROM pg_class c JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
     WHERE c.relkind IN ('v', 'm')
    UNION ALL
    SELECT format('sequence %s: %s from %s by %s, %s..%s, cycle %s', s.seqrelid::regclass, s.seqtypid::regtype,
                  s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle)
      FROM pg_sequence s JOIN members m ON m.classid = 'pg_class'::regclass AND m.objid = s.seqrelid
    UNION ALL
    -- comments on every member, its columns, and the schemas
    SELECT format('comment on %s: %s', pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description)
      FROM pg_description d JOIN members m ON m.classid = d.classoid AND m.objid = d.objoid
    UNION ALL
    SELECT format('comment on %s: %s', pg_describe_object(d.classoid, d.objoid, 0), d.description)
      FROM pg_description d
     WHERE d.classoid = 'pg_namespace'::regclass AND d.objoid IN ('tb'::regnamespace, to_regnamespace('tb_bi'))
    UNION ALL
    -- privileges, one grant per line
    SELECT format('grant on %s %s: %s to %s%s', a.kind, a.object, x.privilege_type,
                  CASE x.grantee WHEN 0 THEN 'public' ELSE x.grantee::regrole::text END,
                  CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END)
      FROM acl a CROSS JOIN LATERAL aclexplode(a.grants) x
     WHERE a.grants IS NOT NULL
    UNION ALL
    -- configuration tables that pg_dump saves, and with which filter
    SELECT format('dumped with the data: %s %s', c::regclass, coalesce(e.extcondition[i], ''))
      FROM pg_extension e, unnest(e.extconfig) WITH ORDINALITY AS u(c, i)
     WHERE e.extname = 'trafficking_baseline'
    UNION ALL
    SELECT format('extension: version %s, schema %s, relocatable %s', e.extversion, e.extnamespace::regnamespace, e.extrelocatable)
      FROM pg_extension e WHERE e.extname = 'trafficking_baseline'
) facts
ORDER BY line COLLATE "C";
