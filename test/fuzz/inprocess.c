/*-------------------------------------------------------------------------
 *
 * inprocess.c
 *	  libFuzzer target for the input, output, send and receive functions of
 *	  tb_summary, tb_composite, tb_topk, tb_agreement and tb_practices, and
 *	  for the number parser, linked straight to the extension's C files.
 *
 * The type functions are called through fmgr's calling convention as the
 * server calls them.  What they need from the server (palloc, ereport,
 * StringInfo, the pq_ message readers and writers, escape_json) is supplied
 * here by a small stand-in: palloc allocates from an arena freed after every
 * input, and ereport(ERROR) jumps back to the harness, as the server's
 * error recovery would.  StringInfo, d2s and the UTF-8 verifier come from
 * PostgreSQL's own libpgcommon.  Anything else the linked files reference is
 * never reached from these functions; unreachable.c makes it abort if it is.
 *
 * The first byte chooses the type and the format; the rest is the input.
 * A failed property aborts, which libFuzzer reports with the input:
 *	- text accepted: its output reads back, and prints the same again;
 *	- binary accepted (and wholly consumed): its send reads back and sends
 *	  the same bytes, and its text output reads back.
 *
 * Built and run by test/fuzz/inprocess.sh.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <setjmp.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/memutils.h"

#include "../../src/tb_number.h"

/* ---------------------------------------------------------------------------
 * The stand-in for the server
 * ---------------------------------------------------------------------------
 */

MemoryContext CurrentMemoryContext = NULL;
MemoryContext TopMemoryContext = NULL;

/* Every allocation of the current input, freed when it is done. */
typedef struct Chunk
{
	struct Chunk *next;
	struct Chunk *prev;
	size_t		size;
	max_align_t align[];
} Chunk;

static Chunk arena = {&arena, &arena, 0};

static void *
arena_alloc(Size size, bool zero)
{
	Chunk	   *c;

	if (!AllocSizeIsValid(size))
		elog(ERROR, "invalid memory alloc request size %zu", size);
	c = malloc(sizeof(Chunk) + size);
	if (c == NULL)
		abort();
	if (zero)
		memset(c->align, 0, size);
	c->size = size;
	c->next = arena.next;
	c->prev = &arena;
	arena.next->prev = c;
	arena.next = c;
	return c->align;
}

static void
arena_reset(void)
{
	while (arena.next != &arena)
	{
		Chunk	   *c = arena.next;

		arena.next = c->next;
		free(c);
	}
	arena.prev = &arena;
}

void *
palloc(Size size)
{
	return arena_alloc(size, false);
}

void *
palloc0(Size size)
{
	return arena_alloc(size, true);
}

void *
palloc_extended(Size size, int flags)
{
	return arena_alloc(size, (flags & MCXT_ALLOC_ZERO) != 0);
}

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return arena_alloc(size, false);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return arena_alloc(size, true);
}

void
pfree(void *pointer)
{
	Chunk	   *c = (Chunk *) ((char *) pointer - offsetof(Chunk, align));

	c->prev->next = c->next;
	c->next->prev = c->prev;
	free(c);
}

void *
repalloc(void *pointer, Size size)
{
	Chunk	   *old = (Chunk *) ((char *) pointer - offsetof(Chunk, align));
	void	   *p = arena_alloc(size, false);

	memcpy(p, pointer, Min(old->size, size));
	pfree(pointer);
	return p;
}

char *
pstrdup(const char *in)
{
	return strcpy(palloc(strlen(in) + 1), in);
}

char *
pnstrdup(const char *in, Size len)
{
	char	   *out;

	len = strnlen(in, len);
	out = palloc(len + 1);
	memcpy(out, in, len);
	out[len] = '\0';
	return out;
}

/* ereport: ERROR and above jump back to the harness. */
static sigjmp_buf *error_jump = NULL;
static int	error_level;

bool
errstart(int elevel, const char *domain)
{
	error_level = elevel;
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (error_level >= ERROR)
	{
		if (error_jump == NULL)
			abort();
		siglongjmp(*error_jump, 1);
	}
}

int
errcode(int sqlerrcode)
{
	return 0;
}

int
errmsg(const char *fmt,...)
{
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	return 0;
}

int
errdetail(const char *fmt,...)
{
	return 0;
}

int
errhint(const char *fmt,...)
{
	return 0;
}

/* Values built here are never toasted or short-headered. */
struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	return datum;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	return datum;
}

struct varlena *
pg_detoast_datum_copy(struct varlena *datum)
{
	struct varlena *copy = palloc(VARSIZE(datum));

	memcpy(copy, datum, VARSIZE(datum));
	return copy;
}

text *
cstring_to_text_with_len(const char *s, int len)
{
	text	   *t = palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

text *
cstring_to_text(const char *s)
{
	return cstring_to_text_with_len(s, strlen(s));
}

char *
text_to_cstring(const text *t)
{
	return pnstrdup(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
}

/* The message readers and writers of libpq/pqformat.c, same checks. */
void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	appendStringInfoSpaces(buf, VARHDRSZ);
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendbytes(StringInfo buf, const char *data, int datalen)
{
	appendBinaryStringInfo(buf, data, datalen);
}

void
pq_sendstring(StringInfo buf, const char *str)
{
	appendBinaryStringInfo(buf, str, strlen(str) + 1);
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.f = f;
	pq_sendint64(buf, swap.i);
}

static void
insufficient(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROTOCOL_VIOLATION),
			 errmsg("insufficient data left in message")));
}

int
pq_getmsgbyte(StringInfo msg)
{
	if (msg->cursor >= msg->len)
		insufficient();
	return (unsigned char) msg->data[msg->cursor++];
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
	const char *result;

	if (datalen < 0 || datalen > (msg->len - msg->cursor))
		insufficient();
	result = &msg->data[msg->cursor];
	msg->cursor += datalen;
	return result;
}

void
pq_copymsgbytes(StringInfo msg, char *buf, int datalen)
{
	memcpy(buf, pq_getmsgbytes(msg, datalen), datalen);
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	unsigned char n8;
	uint16		n16;
	uint32		n32;

	switch (b)
	{
		case 1:
			pq_copymsgbytes(msg, (char *) &n8, 1);
			return n8;
		case 2:
			pq_copymsgbytes(msg, (char *) &n16, 2);
			return pg_ntoh16(n16);
		case 4:
			pq_copymsgbytes(msg, (char *) &n32, 4);
			return pg_ntoh32(n32);
	}
	abort();
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		n64;

	pq_copymsgbytes(msg, (char *) &n64, sizeof(n64));
	return pg_ntoh64(n64);
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		float8		f;
		int64		i;
	}			swap;

	swap.i = pq_getmsgint64(msg);
	return swap.f;
}

const char *
pq_getmsgstring(StringInfo msg)
{
	char	   *str = &msg->data[msg->cursor];
	int			slen = strnlen(str, msg->len - msg->cursor);

	if (msg->cursor + slen >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("invalid string in message")));
	msg->cursor += slen + 1;
	return str;
}

/* As utils/adt/json.c writes a JSON string. */
void
escape_json(StringInfo buf, const char *str)
{
	const char *p;

	appendStringInfoCharMacro(buf, '"');
	for (p = str; *p; p++)
	{
		switch (*p)
		{
			case '\b':
				appendStringInfoString(buf, "\\b");
				break;
			case '\f':
				appendStringInfoString(buf, "\\f");
				break;
			case '\n':
				appendStringInfoString(buf, "\\n");
				break;
			case '\r':
				appendStringInfoString(buf, "\\r");
				break;
			case '\t':
				appendStringInfoString(buf, "\\t");
				break;
			case '"':
				appendStringInfoString(buf, "\\\"");
				break;
			case '\\':
				appendStringInfoString(buf, "\\\\");
				break;
			default:
				if ((unsigned char) *p < ' ')
					appendStringInfo(buf, "\\u%04x", (int) *p);
				else
					appendStringInfoCharMacro(buf, *p);
				break;
		}
	}
	appendStringInfoCharMacro(buf, '"');
}

/* A UTF8 database, as the extension requires. */
int
GetDatabaseEncoding(void)
{
	return PG_UTF8;
}

bool
pg_verifymbstr(const char *mbstr, int len, bool noError)
{
	if (pg_encoding_verifymbstr(PG_UTF8, mbstr, len) == len)
		return true;
	if (noError)
		return false;
	ereport(ERROR,
			(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
			 errmsg("invalid byte sequence for encoding \"UTF8\"")));
	return false;
}

/*
 * No interrupt ever arrives here: CHECK_FOR_INTERRUPTS in the loops reads
 * the flag and goes on, and the sorts need no interruptible variant.
 */
volatile sig_atomic_t InterruptPending = false;

void
ProcessInterrupts(void)
{
	abort();
}

void
qsort_interruptible(void *base, size_t nel, size_t elsize,
					qsort_arg_comparator cmp, void *arg)
{
	qsort_arg(base, nel, elsize, cmp, arg);
}

/* ---------------------------------------------------------------------------
 * The harness
 * ---------------------------------------------------------------------------
 */

typedef struct TypeFunctions
{
	const char *name;
	PGFunction	in;
	PGFunction	out;
	PGFunction	recv;
	PGFunction	send;
} TypeFunctions;

#define TYPE(t) {#t, t##_in, t##_out, t##_recv, t##_send}

extern Datum tb_summary_in(PG_FUNCTION_ARGS);
extern Datum tb_summary_out(PG_FUNCTION_ARGS);
extern Datum tb_summary_recv(PG_FUNCTION_ARGS);
extern Datum tb_summary_send(PG_FUNCTION_ARGS);
extern Datum tb_composite_in(PG_FUNCTION_ARGS);
extern Datum tb_composite_out(PG_FUNCTION_ARGS);
extern Datum tb_composite_recv(PG_FUNCTION_ARGS);
extern Datum tb_composite_send(PG_FUNCTION_ARGS);
extern Datum tb_topk_in(PG_FUNCTION_ARGS);
extern Datum tb_topk_out(PG_FUNCTION_ARGS);
extern Datum tb_topk_recv(PG_FUNCTION_ARGS);
extern Datum tb_topk_send(PG_FUNCTION_ARGS);
extern Datum tb_agreement_in(PG_FUNCTION_ARGS);
extern Datum tb_agreement_out(PG_FUNCTION_ARGS);
extern Datum tb_agreement_recv(PG_FUNCTION_ARGS);
extern Datum tb_agreement_send(PG_FUNCTION_ARGS);
extern Datum tb_practices_in(PG_FUNCTION_ARGS);
extern Datum tb_practices_out(PG_FUNCTION_ARGS);
extern Datum tb_practices_recv(PG_FUNCTION_ARGS);
extern Datum tb_practices_send(PG_FUNCTION_ARGS);

static const TypeFunctions types[] = {
	TYPE(tb_summary),
	TYPE(tb_composite),
	TYPE(tb_topk),
	TYPE(tb_agreement),
	TYPE(tb_practices),
};

#define NTYPES lengthof(types)

static void
fail(const char *type, const char *what)
{
	fprintf(stderr, "%s: %s\n", type, what);
	abort();
}

/* Calls an I/O function as the server does; false if it raised an error. */
static bool
call(PGFunction fn, Datum arg, Datum *result)
{
	sigjmp_buf	jump;
	sigjmp_buf *saved = error_jump;
	bool		ok;

	LOCAL_FCINFO(fcinfo, 3);
	InitFunctionCallInfoData(*fcinfo, NULL, 3, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = arg;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = ObjectIdGetDatum(InvalidOid);
	fcinfo->args[1].isnull = false;
	fcinfo->args[2].value = Int32GetDatum(-1);
	fcinfo->args[2].isnull = false;
	if (sigsetjmp(jump, 0) == 0)
	{
		error_jump = &jump;
		*result = fn(fcinfo);
		ok = !fcinfo->isnull;
	}
	else
		ok = false;
	error_jump = saved;
	return ok;
}

static bool
receive(const TypeFunctions *t, const char *data, int len, Datum *result)
{
	StringInfoData buf;

	/* the server hands receive functions a copy ending in a NUL byte */
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, data, len);
	if (!call(t->recv, PointerGetDatum(&buf), result))
		return false;
	/* the server rejects a value that leaves bytes unread */
	return buf.cursor == buf.len;
}

static void
check_text(const TypeFunctions *t, const char *input)
{
	Datum		v1,
				v2,
				o1,
				o2;

	if (!call(t->in, CStringGetDatum(input), &v1))
		return;
	if (!call(t->out, v1, &o1))
		fail(t->name, "an accepted text value does not print");
	if (!call(t->in, o1, &v2))
		fail(t->name, "the output of an accepted text value does not read back");
	if (!call(t->out, v2, &o2) || strcmp(DatumGetCString(o1), DatumGetCString(o2)) != 0)
		fail(t->name, "text output changes when read back");
}

static void
check_binary(const TypeFunctions *t, const char *data, int len)
{
	Datum		v1,
				v2,
				s1,
				s2,
				o1;

	if (!receive(t, data, len, &v1))
		return;
	if (!call(t->send, v1, &s1))
		fail(t->name, "an accepted binary value does not send");
	if (!receive(t, VARDATA(DatumGetByteaPP(s1)), VARSIZE(DatumGetByteaPP(s1)) - VARHDRSZ, &v2))
		fail(t->name, "the send of an accepted binary value does not receive back");
	if (!call(t->send, v2, &s2) ||
		VARSIZE(DatumGetByteaPP(s1)) != VARSIZE(DatumGetByteaPP(s2)) ||
		memcmp(VARDATA(DatumGetByteaPP(s1)), VARDATA(DatumGetByteaPP(s2)),
			   VARSIZE(DatumGetByteaPP(s1)) - VARHDRSZ) != 0)
		fail(t->name, "send output changes when received back");
	if (!call(t->out, v1, &o1))
		fail(t->name, "an accepted binary value does not print");
	if (!call(t->in, o1, &v2))
		fail(t->name, "the text output of an accepted binary value does not read back");
}

/*
 * The number parser, with each decimal mark and with none: a parsed number
 * is finite, and its digits (when printed without an exponent) parse back
 * to the same number.
 */
static void
check_number(const char *data, int len)
{
	static const char marks[] = {'.', ',', 0};
	double		v,
				again;
	char		printed[64];

	for (int i = 0; i < lengthof(marks); i++)
	{
		if (tb_number_parse(data, len, marks[i], &v) != NULL)
			continue;
		if (isnan(v) || isinf(v))
			fail("tb_parse_number", "a parsed number is not finite");
		snprintf(printed, sizeof(printed), "%.17g", v);
		if (strchr(printed, 'e') != NULL || marks[i] == 0)
			continue;
		if (marks[i] == ',')
			for (char *p = printed; *p; p++)
				if (*p == '.')
					*p = ',';
		if (tb_number_parse(printed, strlen(printed), marks[i], &again) != NULL || again != v)
			fail("tb_parse_number", "a parsed number does not parse back from its digits");
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned	which;
	const char *body;
	int			len;

	if (size < 1 || size > 1024 * 1024)
		return 0;
	which = data[0] % (2 * NTYPES + 1);
	body = (const char *) data + 1;
	len = size - 1;
	if (which == 2 * NTYPES)
		check_number(body, len);
	else if (which % 2 == 0)
		check_text(&types[which / 2], pnstrdup(body, len));
	else
		check_binary(&types[which / 2], body, len);
	arena_reset();
	return 0;
}
