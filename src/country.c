/*-------------------------------------------------------------------------
 *
 * country.c
 *	  The tb_country type: an ISO 3166-1 country, stored as its alpha-2 code
 *	  in two bytes, read from codes and names as people write them.
 *
 * Input accepts the alpha-2, alpha-3 and numeric codes and the names in
 * Spanish, Portuguese, English and French of every country ICU knows
 * (those with an ISO numeric code), case-, accent-, space- and
 * punctuation-insensitively: "Perú", "PERU", "per", "604", "Pérou",
 * "República  Dominicana", "dominican republic", "DOM", "214".  Names come
 * from ICU's own locale data (uloc_getDisplayCountry), never from a list
 * typed here; a few common short forms that ICU does not give ("EE. UU.",
 * "Reino Unido"...) are added below.  The index is built once per backend.
 *
 * Output is the alpha-2 code.  Order is alphabetical by that code.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/hash.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uregion.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "tb_compat.h"
#include "tb_fold.h"

PG_FUNCTION_INFO_V1(tb_country_in);
PG_FUNCTION_INFO_V1(tb_country_out);
PG_FUNCTION_INFO_V1(tb_country_recv);
PG_FUNCTION_INFO_V1(tb_country_send);
PG_FUNCTION_INFO_V1(tb_try_country);
PG_FUNCTION_INFO_V1(tb_country_suggest);
PG_FUNCTION_INFO_V1(tb_country_name);
PG_FUNCTION_INFO_V1(tb_country_alpha3);
PG_FUNCTION_INFO_V1(tb_country_numeric);
PG_FUNCTION_INFO_V1(tb_country_codes);
PG_FUNCTION_INFO_V1(tb_country_eq);
PG_FUNCTION_INFO_V1(tb_country_ne);
PG_FUNCTION_INFO_V1(tb_country_lt);
PG_FUNCTION_INFO_V1(tb_country_le);
PG_FUNCTION_INFO_V1(tb_country_gt);
PG_FUNCTION_INFO_V1(tb_country_ge);
PG_FUNCTION_INFO_V1(tb_country_cmp);
PG_FUNCTION_INFO_V1(tb_country_hash);

/* The value: the two letters of the alpha-2 code, first in the high byte. */
typedef int16 TbCountry;

#define COUNTRY_CODE(c, buf) ((buf)[0] = (char) ((c) >> 8), (buf)[1] = (char) ((c) & 0xFF), (buf)[2] = '\0')
#define MAKE_COUNTRY(a, b) ((TbCountry) (((a) << 8) | (b)))

#define KEY_LEN 96				/* longest matching key kept, in bytes */
#define AMBIGUOUS (-1)

/* Languages whose names are accepted. */
static const char *const name_langs[] = {"es", "pt", "en", "fr"};

/* Short forms ICU's display names do not give, in the four languages. */
static const char *const aliases[][2] = {
	{"US", "EE. UU."}, {"US", "EEUU"}, {"US", "Estados Unidos de America"},
	{"US", "United States of America"}, {"US", "Etats-Unis d'Amerique"},
	{"GB", "Reino Unido"}, {"GB", "Great Britain"}, {"GB", "England"},
	{"NL", "Holanda"}, {"NL", "Holland"}, {"VE", "Republica Bolivariana de Venezuela"},
	{"BO", "Estado Plurinacional de Bolivia"}, {"CD", "Republica Democratica del Congo"},
	{"CD", "Democratic Republic of the Congo"}, {"CG", "Republic of the Congo"},
	{"CI", "Ivory Coast"}, {"CI", "Costa de Marfil"}, {"KR", "South Korea"},
	{"KP", "North Korea"}, {"RU", "Russian Federation"}, {"CZ", "Czech Republic"},
	{"MK", "Macedonia"}, {"SZ", "Swaziland"}, {"TL", "East Timor"}
};

typedef struct CountryInfo
{
	TbCountry	code;
	char		alpha3[4];
	int			numeric;
} CountryInfo;

typedef struct KeyEntry
{
	char		key[KEY_LEN];
	int			idx;			/* into countries[], or AMBIGUOUS */
	int			other;			/* the other country, when ambiguous */
} KeyEntry;

static bool index_ready = false;
static CountryInfo *countries = NULL;
static int	ncountries = 0;
static HTAB *by_key = NULL;
static int16 by_numeric[1000];	/* index + 1, 0 when unknown */

/*
 * The matching key of a name: folded (tb_fold), then only letters and
 * digits kept, so that "Côte d’Ivoire", "Cote d'Ivoire" and "cote divoire"
 * meet.
 */
static void
country_key(const char *src, int len, char *key)
{
	char	   *folded = tb_fold_cstring(src, len);
	int32_t		flen = strlen(folded);
	int32_t		i = 0;
	int			k = 0;

	while (i < flen)
	{
		int32_t		start = i;
		UChar32		c;

		U8_NEXT(folded, i, flen, c);
		if (c < 0 || !u_isalnum(c))
			continue;
		if (k + (i - start) >= KEY_LEN)
			break;
		memcpy(key + k, folded + start, i - start);
		k += i - start;
	}
	key[k] = '\0';
	pfree(folded);
}

static void
add_key(const char *text, int idx)
{
	char		key[KEY_LEN];
	KeyEntry   *e;
	bool		found;

	country_key(text, strlen(text), key);
	if (key[0] == '\0')
		return;
	e = (KeyEntry *) hash_search(by_key, key, HASH_ENTER, &found);
	if (!found)
	{
		e->idx = idx;
		e->other = -1;
	}
	else if (e->idx != idx && e->idx != AMBIGUOUS)
	{
		e->other = e->idx;
		e->idx = AMBIGUOUS;
	}
}

/* ICU's name of the country in a language, as palloc'd UTF-8. */
static char *
icu_country_name(TbCountry code, const char *lang)
{
	char		loc[16];
	char		cc[3];
	UChar		buf[256];
	char	   *out;
	int32_t		len;
	int32_t		outlen;
	UErrorCode	status = U_ZERO_ERROR;

	COUNTRY_CODE(code, cc);
	snprintf(loc, sizeof(loc), "und_%s", cc);
	len = uloc_getDisplayCountry(loc, lang, buf, lengthof(buf), &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("ICU has no name for country %s in \"%s\": %s", cc, lang, u_errorName(status))));
	out = palloc(len * 3 + 1);
	status = U_ZERO_ERROR;
	u_strToUTF8(out, len * 3 + 1, &outlen, buf, len, &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not convert a country name from ICU: %s", u_errorName(status))));
	out[outlen] = '\0';
	return out;
}

static int
find_code(TbCountry code)
{
	int			lo = 0,
				hi = ncountries - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (countries[mid].code == code)
			return mid;
		if (countries[mid].code < code)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static void
build_index(void)
{
	const char *const *iso;
	MemoryContext old;
	HASHCTL		ctl;
	int			n = 0;
	int			i,
				l;

	if (index_ready)
		return;
	/* a build cut short by an error starts again from nothing (and leaks) */
	ncountries = 0;
	old = MemoryContextSwitchTo(TopMemoryContext);
	for (iso = uloc_getISOCountries(); *iso; iso++)
		n++;
	countries = palloc0(n * sizeof(CountryInfo));
	memset(by_numeric, 0, sizeof(by_numeric));
	memset(&ctl, 0, sizeof(ctl));
	ctl.keysize = KEY_LEN;
	ctl.entrysize = sizeof(KeyEntry);
	by_key = hash_create("tb_country names", 2048, &ctl, HASH_ELEM | HASH_STRINGS);
	MemoryContextSwitchTo(old);

	/* ICU lists the codes in alphabetical order: countries[] stays sorted */
	for (iso = uloc_getISOCountries(); *iso; iso++)
	{
		char		loc[16];
		UErrorCode	status = U_ZERO_ERROR;
		const URegion *r = uregion_getRegionFromCode(*iso, &status);
		int			num = U_SUCCESS(status) ? uregion_getNumericCode(r) : -1;
		CountryInfo *c;

		/* DG, EA, IC: reserved codes ICU knows, without an ISO numeric code */
		if (num <= 0 || num > 999 || strlen(*iso) != 2)
			continue;
		c = &countries[ncountries];
		c->code = MAKE_COUNTRY((*iso)[0], (*iso)[1]);
		snprintf(loc, sizeof(loc), "und_%s", *iso);
		strlcpy(c->alpha3, uloc_getISO3Country(loc), sizeof(c->alpha3));
		c->numeric = num;
		by_numeric[num] = ncountries + 1;
		ncountries++;
	}
	for (i = 0; i < ncountries; i++)
	{
		char		cc[3];

		COUNTRY_CODE(countries[i].code, cc);
		add_key(cc, i);
		add_key(countries[i].alpha3, i);
		for (l = 0; l < (int) lengthof(name_langs); l++)
			add_key(icu_country_name(countries[i].code, name_langs[l]), i);
	}
	for (i = 0; i < (int) lengthof(aliases); i++)
	{
		int			idx = find_code(MAKE_COUNTRY(aliases[i][0][0], aliases[i][0][1]));

		if (idx >= 0)
			add_key(aliases[i][1], idx);
	}
	index_ready = true;
}

/* Levenshtein distance of two short byte strings. */
static int
distance(const char *a, const char *b)
{
	int			la = strlen(a),
				lb = strlen(b);
	int			prev[KEY_LEN + 1],
				cur[KEY_LEN + 1];
	int			i,
				j;

	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++)
	{
		cur[0] = i;
		for (j = 1; j <= lb; j++)
		{
			int			d = prev[j - 1] + (a[i - 1] != b[j - 1]);

			d = Min(d, prev[j] + 1);
			d = Min(d, cur[j - 1] + 1);
			cur[j] = d;
		}
		memcpy(prev, cur, (lb + 1) * sizeof(int));
	}
	return prev[lb];
}

/* "Dominican Republic (DO), Dominica (DM)": the names closest to key. */
static char *
suggestions(const char *key)
{
	HASH_SEQ_STATUS seq;
	KeyEntry   *e;
	int			best[3] = {-1, -1, -1};
	int			bestd[3] = {INT_MAX, INT_MAX, INT_MAX};
	StringInfoData buf;
	int			i;

	hash_seq_init(&seq, by_key);
	while ((e = (KeyEntry *) hash_seq_search(&seq)) != NULL)
	{
		int			d;
		int			idx = e->idx == AMBIGUOUS ? e->other : e->idx;

		if (strlen(e->key) <= 3)
			continue;			/* codes make poor suggestions */
		d = distance(key, e->key);
		for (i = 0; i < 3; i++)
		{
			if (best[i] == idx)
			{
				if (d < bestd[i])
					bestd[i] = d;
				break;
			}
		}
		if (i < 3)
			continue;
		for (i = 0; i < 3; i++)
		{
			if (d < bestd[i])
			{
				memmove(&best[i + 1], &best[i], (2 - i) * sizeof(int));
				memmove(&bestd[i + 1], &bestd[i], (2 - i) * sizeof(int));
				best[i] = idx;
				bestd[i] = d;
				break;
			}
		}
	}
	/* keep the order stable when distances tie: by code */
	for (i = 0; i < 2; i++)
		if (bestd[i] == bestd[i + 1] && best[i + 1] >= 0 && best[i] > best[i + 1])
		{
			int			t = best[i];

			best[i] = best[i + 1];
			best[i + 1] = t;
		}
	initStringInfo(&buf);
	for (i = 0; i < 3 && best[i] >= 0; i++)
	{
		char		cc[3];

		COUNTRY_CODE(countries[best[i]].code, cc);
		appendStringInfo(&buf, "%s%s (%s)", i ? ", " : "",
						 icu_country_name(countries[best[i]].code, "en"), cc);
	}
	return buf.data;
}

/*
 * Parse a country.  Returns its index, or -1 with *why (and *hint) set.
 */
static int
parse_country(const char *str, int len, const char **why, char **hint)
{
	char		key[KEY_LEN];
	KeyEntry   *e;
	int			i = 0;

	build_index();
	*hint = NULL;
	while (i < len && (str[i] == ' ' || str[i] == '\t'))
		i++;
	if (i < len && isdigit((unsigned char) str[i]))
	{
		int			j = i;
		int			num = 0;

		while (j < len && isdigit((unsigned char) str[j]) && j - i < 4)
			num = num * 10 + (str[j++] - '0');
		while (j < len && (str[j] == ' ' || str[j] == '\t'))
			j++;
		if (j == len && num < 1000 && by_numeric[num] > 0)
			return by_numeric[num] - 1;
		*why = "no country has that ISO 3166-1 numeric code";
		return -1;
	}
	country_key(str, len, key);
	if (key[0] == '\0')
	{
		*why = "it has no letters or digits";
		return -1;
	}
	e = (KeyEntry *) hash_search(by_key, key, HASH_FIND, NULL);
	if (e != NULL && e->idx != AMBIGUOUS)
		return e->idx;
	if (e != NULL)
	{
		*why = "it names more than one country";
		*hint = suggestions(key);
		return -1;
	}
	/* two or three letters read as a code: names would make poor suggestions */
	if ((strlen(key) == 2 || strlen(key) == 3) && strspn(key, "abcdefghijklmnopqrstuvwxyz") == strlen(key))
	{
		*why = strlen(key) == 2 ? "no country has that ISO 3166-1 alpha-2 code"
			: "no country has that ISO 3166-1 alpha-3 code";
		return -1;
	}
	*why = "it is not an ISO 3166-1 code nor a country name in Spanish, Portuguese, English or French";
	*hint = suggestions(key);
	return -1;
}

Datum
tb_country_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *why;
	char	   *hint;
	int			idx = parse_country(str, strlen(str), &why, &hint);

	if (idx < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("unknown country: \"%s\"", str),
				 errdetail("The value is not a country because %s.", why),
				 hint ? errhint("Did you mean %s?", hint) :
				 errhint("Write an ISO 3166-1 code (PE, PER, 604) or a name (Perú, Peru, Pérou).")));
	PG_RETURN_INT16(countries[idx].code);
}

Datum
tb_country_out(PG_FUNCTION_ARGS)
{
	TbCountry	c = PG_GETARG_INT16(0);
	char	   *buf = palloc(3);

	COUNTRY_CODE(c, buf);
	PG_RETURN_CSTRING(buf);
}

Datum
tb_country_send(PG_FUNCTION_ARGS)
{
	TbCountry	c = PG_GETARG_INT16(0);
	StringInfoData buf;
	char		cc[3];

	COUNTRY_CODE(c, cc);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, cc, 2);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
tb_country_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *cc;
	TbCountry	c;

	if (buf->len - buf->cursor != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tb_country value"),
				 errdetail("A country is sent as the 2 bytes of its ISO alpha-2 code, not %d bytes.",
						   buf->len - buf->cursor)));
	cc = pq_getmsgbytes(buf, 2);
	c = MAKE_COUNTRY((unsigned char) cc[0], (unsigned char) cc[1]);
	build_index();
	if (find_code(c) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external tb_country value"),
				 errdetail("The bytes 0x%02x%02x are not an ISO 3166-1 alpha-2 code.",
						   (unsigned char) cc[0], (unsigned char) cc[1])));
	PG_RETURN_INT16(c);
}

/* tb_try_country(text): the country, or NULL when the text names none. */
Datum
tb_try_country(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *why;
	char	   *hint;
	int			idx = parse_country(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &why, &hint);

	if (idx < 0)
		PG_RETURN_NULL();
	PG_RETURN_INT16(countries[idx].code);
}

/* tb_country_suggest(text): why the text is not a country, and the closest names. */
Datum
tb_country_suggest(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *why;
	char	   *hint;
	int			idx = parse_country(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &why, &hint);

	if (idx >= 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(hint ? psprintf("%s; did you mean %s?", why, hint) : why));
}

static int
checked_index(TbCountry c)
{
	int			idx;

	build_index();
	idx = find_code(c);
	if (idx < 0)
		elog(ERROR, "tb_country value %d is not a known country", c);
	return idx;
}

/* tb_country_name(country, lang): ICU's name of the country in any locale. */
Datum
tb_country_name(PG_FUNCTION_ARGS)
{
	TbCountry	c = PG_GETARG_INT16(0);
	char	   *lang = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char		canon[ULOC_FULLNAME_CAPACITY];
	UErrorCode	status = U_ZERO_ERROR;

	checked_index(c);
	uloc_canonicalize(lang, canon, sizeof(canon), &status);
	if (U_FAILURE(status) || canon[0] == '\0' || strlen(lang) > 32)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid locale \"%s\"", lang),
				 errhint("Use an ICU locale: es, pt, en, fr, pt_BR, ...")));
	PG_RETURN_TEXT_P(cstring_to_text(icu_country_name(c, canon)));
}

Datum
tb_country_alpha3(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(countries[checked_index(PG_GETARG_INT16(0))].alpha3));
}

Datum
tb_country_numeric(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(countries[checked_index(PG_GETARG_INT16(0))].numeric);
}

/* tb_country_codes(): every country ICU knows, in code order. */
Datum
tb_country_codes(PG_FUNCTION_ARGS)
{
	FuncCallContext *fc;

	if (SRF_IS_FIRSTCALL())
	{
		fc = SRF_FIRSTCALL_INIT();
		build_index();
		fc->max_calls = ncountries;
	}
	fc = SRF_PERCALL_SETUP();
	if (fc->call_cntr < fc->max_calls)
	{
		/* SRF_RETURN_NEXT counts the call before it evaluates its result */
		Datum		d = Int16GetDatum(countries[fc->call_cntr].code);

		SRF_RETURN_NEXT(fc, d);
	}
	SRF_RETURN_DONE(fc);
}

/* comparison: by alpha-2 code */
#define COUNTRY_CMP(fname, op) \
Datum \
fname(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_INT16(0) op PG_GETARG_INT16(1)); \
}

COUNTRY_CMP(tb_country_eq, ==)
COUNTRY_CMP(tb_country_ne, !=)
COUNTRY_CMP(tb_country_lt, <)
COUNTRY_CMP(tb_country_le, <=)
COUNTRY_CMP(tb_country_gt, >)
COUNTRY_CMP(tb_country_ge, >=)

Datum
tb_country_cmp(PG_FUNCTION_ARGS)
{
	TbCountry	a = PG_GETARG_INT16(0);
	TbCountry	b = PG_GETARG_INT16(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

Datum
tb_country_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) (uint16) PG_GETARG_INT16(0));
}
