/*-------------------------------------------------------------------------
 *
 * answer.c
 *	  tb_parse_answer: one survey answer, as typed by a person, into a
 *	  value and a status, for an indicator of a given kind.
 *
 * Words come from a baseline's table answer_vocabulary (data the analyst
 * extends, passed as an argument), matched on the answer folded by tb_fold;
 * the table is read once per command into a hash table kept for the rest
 * of the command.  Numbers go through the form-number parser of number.c.  An answer "below a limit"
 * ("<5", "menos de 5", "less than 5") keeps the limit as its value with
 * the status 'below': a suppressed small count is an answer, not a value.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "tb_fold.h"
#include "tb_number.h"

PG_FUNCTION_INFO_V1(tb_parse_answer);

#define TERM_LEN 256

enum
{
	APPLIES_BINARY = 1, APPLIES_ORDINAL = 2, APPLIES_ANY = 4
};

typedef struct VocabEntry
{
	char		term[TERM_LEN];
	int			applies;
	const char *meaning;		/* "value", "not_applicable", "unknown" */
	double		value;
} VocabEntry;

typedef struct AnswerCache
{
	TupleDesc	tupdesc;
} AnswerCache;

/*
 * The vocabulary last read, kept for the rest of the command that read it.
 * A call site's own cache would not do: a baseline's three-argument
 * tb_parse_answer is a SQL function, whose query (and so our FmgrInfo) is
 * made anew at every call.  The key makes a read last exactly as long as a
 * query's snapshot of the table: the same table read as the same role, in
 * the same transaction, statement, subtransaction and command.
 */
typedef struct VocabKey
{
	Oid			rel;
	Oid			role;
	TimestampTz transaction;
	SubTransactionId subxid;
	CommandId	cid;
	TimestampTz statement;
} VocabKey;

static VocabKey vocab_key;
static HTAB *vocab_hash = NULL;
static MemoryContext vocab_context = NULL;

/* Prefixes, after folding, of an answer below a limit. */static const char *const below_prefixes[] = {
	"<", "\xe2\x89\xa4",		/* U+2264 LESS-THAN OR EQUAL TO */
	"menos de", "menor que", "menor a", "menor de", "inferior a", "abaixo de",
	"less than", "below", "under", "fewer than"
};

/* The result descriptor, made once per call site. */
static AnswerCache *
answer_cache(FunctionCallInfo fcinfo)
{
	AnswerCache *c = (AnswerCache *) fcinfo->flinfo->fn_extra;
	TupleDesc	td;
	MemoryContext old;

	if (c != NULL)
		return c;
	c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(AnswerCache));
	if (get_call_result_type(fcinfo, NULL, &td) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "tb_parse_answer must return a record");
	/* the descriptor must live as long as the cache, not the current row */
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	c->tupdesc = BlessTupleDesc(CreateTupleDescCopy(td));
	MemoryContextSwitchTo(old);
	fcinfo->flinfo->fn_extra = c;
	return c;
}

/*
 * The vocabulary of the table vocab_rel as the current command sees it:
 * read through SPI, with the caller's privileges, once per command.
 */
static HTAB *
vocabulary(Oid vocab_rel)
{
	VocabKey	key;
	HASHCTL		ctl;
	char	   *relname;
	char	   *qualified;
	char	   *query;
	uint64		i;

	memset(&key, 0, sizeof(key));
	key.rel = vocab_rel;
	key.role = GetUserId();
	key.transaction = GetCurrentTransactionStartTimestamp();
	key.subxid = GetCurrentSubTransactionId();
	key.cid = GetCurrentCommandId(false);
	key.statement = GetCurrentStatementStartTimestamp();
	if (vocab_hash != NULL && memcmp(&key, &vocab_key, sizeof(key)) == 0)
		return vocab_hash;

	relname = get_rel_name(vocab_rel);
	if (relname == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("vocabulary table with OID %u does not exist", vocab_rel)));
	qualified = quote_qualified_identifier(get_namespace_name(get_rel_namespace(vocab_rel)),
										   relname);

	/* forget the old one first: an error below leaves no half-read table */
	vocab_hash = NULL;
	if (vocab_context == NULL)
		vocab_context = AllocSetContextCreate(TopMemoryContext, "tb_parse_answer vocabulary",
											  ALLOCSET_SMALL_SIZES);
	else
		MemoryContextReset(vocab_context);

	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = TERM_LEN;
	ctl.entrysize = sizeof(VocabEntry);
	ctl.hcxt = vocab_context;

	query = psprintf("SELECT term::text, applies_to::text, meaning::text, value::float8 FROM %s",
					 qualified);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "could not read %s", qualified);
	{
		HTAB	   *h = hash_create("tb_parse_answer vocabulary", 256, &ctl,
									HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);

		for (i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			char	   *term = SPI_getvalue(tup, desc, 1);
			char	   *applies = SPI_getvalue(tup, desc, 2);
			char	   *meaning = SPI_getvalue(tup, desc, 3);
			bool		isnull;
			Datum		v = SPI_getbinval(tup, desc, 4, &isnull);
			VocabEntry *e;

			CHECK_FOR_INTERRUPTS();
			if (term == NULL || applies == NULL || meaning == NULL || strlen(term) >= TERM_LEN)
				continue;		/* no answer that long could match anyway */
			e = (VocabEntry *) hash_search(h, term, HASH_ENTER, NULL);
			e->applies = strcmp(applies, "binary") == 0 ? APPLIES_BINARY :
				strcmp(applies, "ordinal") == 0 ? APPLIES_ORDINAL : APPLIES_ANY;
			e->meaning = strcmp(meaning, "value") == 0 ? "value" :
				strcmp(meaning, "not_applicable") == 0 ? "not_applicable" : "unknown";
			e->value = isnull ? 0 : DatumGetFloat8(v);
		}
		SPI_finish();
		vocab_hash = h;
		vocab_key = key;
	}
	return vocab_hash;
}

/*
 * The vocabulary table: the fourth argument since 0.3.  The three-argument
 * form of versions 0.1 and 0.2, whose SQL definition a database keeps
 * until ALTER EXTENSION UPDATE, reads answer_vocabulary of the function's
 * own schema, as it did then.
 */
static Oid
vocabulary_arg(FunctionCallInfo fcinfo)
{
	Oid			rel;

	if (PG_NARGS() >= 4)
	{
		if (PG_ARGISNULL(3))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("tb_parse_answer needs a vocabulary table"),
					 errhint("Pass a baseline's answer_vocabulary, or call the baseline's own tb_parse_answer(raw, kind, lang).")));
		return PG_GETARG_OID(3);
	}
	rel = get_relname_relid("answer_vocabulary",
							get_func_namespace(fcinfo->flinfo->fn_oid));
	if (!OidIsValid(rel))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"answer_vocabulary\" does not exist")));
	return rel;
}

static int
kind_code(const char *kind)
{
	if (strcmp(kind, "binary") == 0)
		return APPLIES_BINARY;
	if (strcmp(kind, "ordinal") == 0)
		return APPLIES_ORDINAL;
	if (strcmp(kind, "count") == 0 || strcmp(kind, "rate") == 0 ||
		strcmp(kind, "percentage") == 0)
		return 0;
	return -1;
}

static Datum
result(AnswerCache *c, bool has_value, double value, const char *status, const char *error)
{
	Datum		values[3];
	bool		nulls[3] = {!has_value, status == NULL, error == NULL};

	values[0] = Float8GetDatum(value);
	values[1] = status ? CStringGetTextDatum(status) : (Datum) 0;
	values[2] = error ? CStringGetTextDatum(error) : (Datum) 0;
	return HeapTupleGetDatum(heap_form_tuple(c->tupdesc, values, nulls));
}

/*
 * tb_parse_answer(raw text, kind text, lang text, vocabulary regclass)
 *	  -> (value float8, status text, error text)
 * status is value, below, not_applicable or unknown; or NULL with an error
 * saying why the answer was not understood.  Not strict: a NULL answer is
 * an empty one.  An unknown language is an error, as in tb_parse_number.
 */
Datum
tb_parse_answer(PG_FUNCTION_ARGS)
{
	AnswerCache *c;
	char	   *raw;
	char	   *kind;
	int			kcode;
	char		mark = 0;
	char	   *folded;
	VocabEntry *e = NULL;
	double		v;
	int			i;
	const char *why;
	HTAB	   *vocab;

	c = answer_cache(fcinfo);
	vocab = vocabulary(vocabulary_arg(fcinfo));
	if (PG_ARGISNULL(1))
		PG_RETURN_DATUM(result(c, false, 0, NULL, "unknown indicator kind NULL"));
	kind = text_to_cstring(PG_GETARG_TEXT_PP(1));
	kcode = kind_code(kind);
	if (kcode < 0)
		PG_RETURN_DATUM(result(c, false, 0, NULL, psprintf("unknown indicator kind %s",
															quote_literal_cstr(kind))));
	if (!PG_ARGISNULL(2))
	{
		char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(2));

		if (!tb_decimal_mark(lang, &mark))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown form language \"%s\"", lang),
					 errhint("Use one of es, pt, en, fr, or NULL.")));
	}
	if (PG_ARGISNULL(0))
		PG_RETURN_DATUM(result(c, false, 0, NULL, "empty answer"));
	raw = text_to_cstring(PG_GETARG_TEXT_PP(0));
	folded = tb_fold_cstring(raw, strlen(raw));
	if (folded[0] == '\0')
		PG_RETURN_DATUM(result(c, false, 0, NULL, "empty answer"));

	if (strlen(folded) < TERM_LEN)
		e = (VocabEntry *) hash_search(vocab, folded, HASH_FIND, NULL);
	if (e != NULL && (e->applies == APPLIES_ANY || e->applies == kcode))
		PG_RETURN_DATUM(result(c, strcmp(e->meaning, "value") == 0, e->value, e->meaning, NULL));
	if (kcode != 0)
		PG_RETURN_DATUM(result(c, false, 0, NULL,
							   psprintf("%s is not a known %s answer", quote_literal_cstr(raw), kind)));

	/* a number, or a number below which the value lies */
	for (i = 0; i < (int) lengthof(below_prefixes); i++)
	{
		size_t		len = strlen(below_prefixes[i]);

		if (strncmp(folded, below_prefixes[i], len) == 0)
		{
			const char *rest = folded + len;

			if (tb_number_parse(rest, strlen(rest), mark, &v) == NULL)
				PG_RETURN_DATUM(result(c, true, v, "below", NULL));
			break;
		}
	}
	why = tb_number_parse(folded, strlen(folded), mark, &v);
	if (why == NULL)
		PG_RETURN_DATUM(result(c, true, v, "value", NULL));
	PG_RETURN_DATUM(result(c, false, 0, NULL,
						   psprintf("%s is not a number: %s", quote_literal_cstr(raw), why)));
}
