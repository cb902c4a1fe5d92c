/*-------------------------------------------------------------------------
 *
 * number.c
 *	  Numbers as people type them on survey forms: "1.234" (Spanish and
 *	  Portuguese thousands), "1,234" (English thousands), "12,5 %", " 87 ".
 *
 * The language of the form decides which of '.' and ',' is the decimal
 * mark.  Without a language, a number is read only when it is unambiguous:
 * "1.234" could be 1234 or 1.234, so it is refused rather than guessed.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

#include "tb_compat.h"
#include "tb_number.h"

PG_FUNCTION_INFO_V1(tb_parse_number);
PG_FUNCTION_INFO_V1(tb_try_parse_number);

/* Longest text considered a number; anything longer is not one. */
#define TB_NUMBER_MAX_CHARS 64

static bool
is_blank(const char *p, const char *end, int *skip)
{
	unsigned char c = (unsigned char) *p;

	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
	{
		*skip = 1;
		return true;
	}
	/* U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE, in UTF-8 */
	if (end - p >= 2 && c == 0xC2 && (unsigned char) p[1] == 0xA0)
	{
		*skip = 2;
		return true;
	}
	if (end - p >= 3 && c == 0xE2 && (unsigned char) p[1] == 0x80 &&
		(unsigned char) p[2] == 0xAF)
	{
		*skip = 3;
		return true;
	}
	return false;
}

/* The same blanks, ending just before end: their length, or 0. */
static int
blank_before(const char *p, const char *end)
{
	int			n;
	int			skip;

	for (n = 1; n <= 3 && end - n >= p; n++)
		if (is_blank(end - n, end, &skip) && skip == n)
			return n;
	return 0;
}

/*
 * Decimal mark of a language: ',' for es/pt/fr, '.' for en, 0 if unknown.
 * Returns false for a language code we do not know.
 */
bool
tb_decimal_mark(const char *lang, char *mark)
{
	if (lang == NULL)
		*mark = 0;
	else if (strcmp(lang, "es") == 0 || strcmp(lang, "pt") == 0 ||
			 strcmp(lang, "fr") == 0)
		*mark = ',';
	else if (strcmp(lang, "en") == 0)
		*mark = '.';
	else
		return false;
	return true;
}

/*
 * Parse src[0..len) as a number written with decimal mark `mark` (',' or
 * '.', or 0 to infer).  On success stores the value and returns NULL; on
 * failure returns a static string saying why.
 */
const char *
tb_number_parse(const char *src, int len, char mark, double *result)
{
	const char *p = src;
	const char *end = src + len;
	char		buf[TB_NUMBER_MAX_CHARS + 1];
	int			n = 0;
	bool		neg = false;
	int			ndigits = 0;
	int			nsep[2] = {0, 0};	/* counts of '.' and ',' */
	const char *lastsep = NULL;
	const char *q;
	int			skip;
	char		group;
	int			run;
	bool		first_group;
	bool		saw_mark = false;

	/* trim blanks at both ends, then an optional trailing percent sign */
	while (p < end && is_blank(p, end, &skip))
		p += skip;
	while ((skip = blank_before(p, end)) > 0)
		end -= skip;
	if (end > p && end[-1] == '%')
	{
		end--;
		while ((skip = blank_before(p, end)) > 0)
			end -= skip;
	}
	if (p == end)
		return "it is empty";
	if (end - p > TB_NUMBER_MAX_CHARS)
		return "it is too long to be a number";
	if (*p == '-' || *p == '+')
	{
		neg = (*p == '-');
		p++;
	}
	if (p == end)
		return "it has a sign but no digits";

	for (q = p; q < end; q++)
	{
		if (*q >= '0' && *q <= '9')
			ndigits++;
		else if (*q == '.' || *q == ',')
		{
			nsep[*q == ',']++;
			lastsep = q;
		}
		else
			return "it contains characters other than digits, '.', ',' and a final '%'";
	}
	if (ndigits == 0)
		return "it has no digits";
	if (*p == '.' || *p == ',' || end[-1] == '.' || end[-1] == ',')
		return "it begins or ends with a separator";

	if (mark == 0)
	{
		if (nsep[0] > 0 && nsep[1] > 0)
			mark = *lastsep;	/* "1.234,5" or "1,234.5": the last one */
		else if (nsep[0] + nsep[1] == 0)
			mark = '.';			/* plain digits */
		else if (nsep[0] + nsep[1] > 1)
			mark = (nsep[0] > 0) ? ',' : '.';	/* repeated: thousands */
		else if (end - lastsep - 1 == 3)
			return "it is ambiguous without the form's language ('.' or ',' could be the thousands or the decimal separator)";
		else
			mark = *lastsep;
	}
	group = (mark == ',') ? '.' : ',';

	if (nsep[mark == ','] > 1)
		return "it has more than one decimal separator";

	/* digits grouped by thousands: 1-3 digits, then groups of exactly 3 */
	run = 0;
	first_group = true;
	if (neg)
		buf[n++] = '-';
	for (q = p; q < end; q++)
	{
		if (*q == group)
		{
			if ((first_group && run > 3) || (!first_group && run != 3))
				return "its digits are not grouped by thousands";
			first_group = false;
			run = 0;
			continue;
		}
		if (*q == mark)
		{
			if (!first_group && run != 3)
				return "its digits are not grouped by thousands";
			buf[n++] = '.';
			saw_mark = true;
			/* the rest are decimals: no more groups allowed */
			for (q++; q < end; q++)
			{
				if (*q == group || *q == mark)
					return "it has a thousands separator among its decimals";
				buf[n++] = *q;
			}
			break;
		}
		buf[n++] = *q;
		run++;
	}
	if (!saw_mark && !first_group && run != 3)
		return "its digits are not grouped by thousands";
	buf[n] = '\0';

	*result = strtod(buf, NULL);
	if (isinf(*result))
		return "it is out of range for double precision";
	if (*result == 0)
		*result = 0;			/* no negative zero */
	return NULL;
}

static char
lang_arg(FunctionCallInfo fcinfo)
{
	char		mark;
	char	   *lang;

	if (PG_NARGS() < 2 || PG_ARGISNULL(1))
		return 0;
	lang = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (!tb_decimal_mark(lang, &mark))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown form language \"%s\"", lang),
				 errhint("Use one of es, pt, en, fr, or NULL to accept only unambiguous numbers.")));
	return mark;
}

/*
 * tb_parse_number(raw text, lang text DEFAULT NULL) -> float8
 *	  Raises invalid_text_representation, naming the value and the reason.
 */
Datum
tb_parse_number(PG_FUNCTION_ARGS)
{
	text	   *raw;
	char		mark;
	double		value;
	const char *why;

	/* not STRICT, so that a NULL language is allowed: a NULL answer is NULL */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	raw = PG_GETARG_TEXT_PP(0);
	mark = lang_arg(fcinfo);

	why = tb_number_parse(VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw), mark, &value);
	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid number: \"%s\"", text_to_cstring(raw)),
				 errdetail("The answer is not a number because %s.", why),
				 errhint("Write digits with an optional sign, thousands separators, one decimal mark and an optional final %%; pass the form's language (es, pt, en, fr) to tell \"1.234\" from \"1,234\".")));
	PG_RETURN_FLOAT8(value);
}

/*
 * tb_try_parse_number(raw text, lang text DEFAULT NULL) -> float8
 *	  NULL instead of an error, for bulk loads that record the reason.
 */
Datum
tb_try_parse_number(PG_FUNCTION_ARGS)
{
	text	   *raw;
	char		mark;
	double		value;

	/* not STRICT, so that a NULL language is allowed: a NULL answer is NULL */
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	raw = PG_GETARG_TEXT_PP(0);
	mark = lang_arg(fcinfo);

	if (tb_number_parse(VARDATA_ANY(raw), VARSIZE_ANY_EXHDR(raw), mark, &value) != NULL)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(value);
}
