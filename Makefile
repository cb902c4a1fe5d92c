# trafficking_baseline: built with PGXS.
#   make && make install           build and install into the server of pg_config
#   make installcheck              pg_regress suite (sql/ -> expected/) on a running server
#   scripts/test.sh                everything, on a throwaway cluster (README command 2)

EXTENSION  = trafficking_baseline
MODULE_big = trafficking_baseline
EXTVERSION = 0.2

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
	src/adoption.o \
	src/practices.o \
	src/label.o \
	src/typeio.o

# Versioned install script and every upgrade script live at the top level, as in contrib.
DATA = $(wildcard trafficking_baseline--*.sql)

REGRESS = install fold parse_number country answers constraints load coverage summary normalise composite scoring gaps harmonization practices text_rules reinstall
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

EXTRA_CLEAN = results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
