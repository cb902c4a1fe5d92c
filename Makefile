# trafficking_baseline: built with PGXS.
#   make && make install           build and install into the server of pg_config
#   make installcheck              pg_regress suite (sql/ -> expected/) on a running server
#   scripts/test.sh                everything, on a throwaway cluster (README command 2)

EXTENSION  = trafficking_baseline
MODULE_big = trafficking_baseline
EXTVERSION = 0.4

OBJS = \
	src/trafficking_baseline.o \
	src/fold.o \
	src/number.o \
	src/exact.o \
	src/summary.o \
	src/normalise.o \
	src/composite.o \
	src/country.o \
	src/answer.o \
	src/gap.o \
	src/topk.o \
	src/agreement.o \
	src/dispersion.o \
	src/quantile.o \
	src/adoption.o \
	src/practices.o \
	src/similarity.o \
	src/uncertainty.o \
	src/impact.o \
	src/matrix.o \
	src/sensitivity.o \
	src/label.o \
	src/roles.o \
	src/typeio.o \
	src/charset.o


# the bootstrap gives the same bits on every machine: no fused multiply-add
src/uncertainty.o src/impact.o src/matrix.o src/sensitivity.o: CFLAGS += -ffp-contract=off

# The install script of the current version is built from one SQL file per
# family, beside its C (src/*.sql), and the baseline's definitions
# (src/baseline/*.sql), which the script carries as templates for
# tb_create_baseline.  Released scripts (0.1, 0.2, 0.3 and the steps between them)
# are frozen files at the top level, as in contrib.
LIBRARY_SQL = $(addprefix src/,fold.sql number.sql country.sql answer.sql summary.sql normalise.sql \
	composite.sql gap.sql topk.sql agreement.sql practices.sql similarity.sql adoption.sql dispersion.sql quantile.sql \
	roles.sql uncertainty.sql impact.sql matrix.sql sensitivity.sql charset.sql text_rules.sql)
BASELINE_SQL = $(addprefix src/baseline/,catalogue.sql settings.sql languages.sql profile_strings.sql map.sql answers.sql load.sql coverage.sql scoring.sql \
	harmonization.sql gaps.sql practices.sql standards.sql impact.sql indicator_matrix.sql refresh.sql access.sql pictures.sql report.sql profiles.sql)
# families new in 0.4, which the update from 0.3 creates whole
NEW_IN_0_4_SQL = src/similarity.sql src/quantile.sql src/charset.sql src/uncertainty.sql src/impact.sql src/matrix.sql src/sensitivity.sql
# what both the install script and the update from 0.2 define
SHARED_SQL = src/baseline_templates.sql src/baseline.sql src/text_rules_check.sql
# what both the install script and the update from 0.3 define: the templates
# (the baseline model changed) and the upgrade of a baseline to it
MODEL_SQL = src/baseline_templates.sql src/baseline_upgrade.sql

DATA = trafficking_baseline--0.1.sql trafficking_baseline--0.1--0.2.sql trafficking_baseline--0.2.sql \
	trafficking_baseline--0.2--0.3.sql trafficking_baseline--0.3.sql
DATA_built = trafficking_baseline--$(EXTVERSION).sql trafficking_baseline--0.3--0.4.sql


REGRESS = install fold parse_number country answers constraints load coverage summary normalise composite scoring gaps harmonization practices quantile similarity uncertainty charset impact matrix sensitivity text_rules reinstall
REGRESS_OPTS = --inputdir=. --outputdir=. --encoding=UTF8

ICU_CFLAGS := $(shell pkg-config --cflags icu-uc icu-i18n)
ICU_LIBS   := $(shell pkg-config --libs icu-uc icu-i18n)

# -Wextra is on; the two warnings it adds that PostgreSQL's own headers and
# fmgr conventions trigger everywhere are turned back off.
PG_CFLAGS  = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifdef WERROR
PG_CFLAGS += -Werror
endif
PG_CPPFLAGS = $(ICU_CFLAGS)
SHLIB_LINK  = $(ICU_LIBS)

EXTRA_CLEAN = results regression.diffs regression.out src/baseline_templates.sql

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# every object is rebuilt when a shared header changes (PGXS tracks no
# header dependencies unless the server was configured with them); after
# the include, so that "all" stays the default goal
$(OBJS): $(wildcard src/*.h)

src/baseline_templates.sql: scripts/sql_template.sh $(BASELINE_SQL) src/baseline/reference_rows.sql src/baseline/roles.sql
	{ bash scripts/sql_template.sh tb_baseline_template \
	    'The SQL tb_create_baseline runs to create a baseline, with @baseline@ standing for its schema.' $(BASELINE_SQL) && \
	  bash scripts/sql_template.sh tb_baseline_reference_rows \
	    'The reference rows a new baseline gets (axes, member countries, answer vocabulary, rating bands), with @baseline@ standing for its schema.' src/baseline/reference_rows.sql && \
	  bash scripts/sql_template.sh tb_baseline_roles_template \
	    'The grants and row-level security policies tb_create_baseline_roles runs, with @baseline@ standing for the schema.' src/baseline/roles.sql; } >$@.tmp && mv $@.tmp $@

trafficking_baseline--$(EXTVERSION).sql: src/install_header.sql $(LIBRARY_SQL) $(SHARED_SQL) src/baseline_upgrade.sql
	cat $^ >$@

trafficking_baseline--0.3--0.4.sql: src/upgrade/0.3--0.4.sql $(NEW_IN_0_4_SQL) $(MODEL_SQL)
	cat $^ >$@

# Test tiers, so a contributor runs the one they touched; scripts/test.sh
# runs them all on throwaway clusters.  prove-installcheck and upgradecheck
# use the server the PG* variables point to (after make install); the others
# start their own.
PROVE_DB ?= tb_prove
prove-installcheck:
	dropdb --if-exists $(PROVE_DB) && createdb $(PROVE_DB)
	psql -X -q -v ON_ERROR_STOP=1 -d $(PROVE_DB) -c 'CREATE EXTENSION trafficking_baseline' \
	    -c 'CREATE EXTENSION pgtap' -f scripts/load_baseline.sql >/dev/null
	pg_prove -d $(PROVE_DB) test/*.sql

upgradecheck:
	mkdir -p results/upgrade && bash test/upgrade/run.sh results/upgrade

sanitizecheck:
	bash scripts/sanitize.sh

memcheck:
	bash scripts/memcheck.sh

pg18check:
	bash scripts/pg18.sh

.PHONY: prove-installcheck upgradecheck sanitizecheck memcheck pg18check
