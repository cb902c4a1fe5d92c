/*-------------------------------------------------------------------------
 *
 * fold.c
 *	  Fold free text for matching: case folded, compatibility-decomposed,
 *	  accents (nonspacing marks) removed, recomposed, white space collapsed.
 *
 * All character knowledge comes from ICU: u_strFoldCase for case (so "ß"
 * and "ss" meet), the NFKD normaliser to split "é" into "e" + U+0301 and
 * "ﬁ" or full-width letters into plain ones, the general category Mn to
 * recognise a mark, u_isUWhiteSpace for blanks, and NFC to recompose what
 * is left.  No accent table is written here.  The normalisers are ICU
 * singletons, fetched once per backend.
 *
 * Text that is all ASCII takes a shortcut with the same result: NFKD and
 * NFC leave ASCII alone and its case folding is tolower.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/uversion.h>

#include "tb_compat.h"
#include "tb_fold.h"

PG_FUNCTION_INFO_V1(tb_fold);
PG_FUNCTION_INFO_V1(tb_icu_version);
PG_FUNCTION_INFO_V1(tb_unicode_version);

/* Longest input accepted, in bytes: keeps every ICU length inside int32. */
#define TB_FOLD_MAX_BYTES	(64 * 1024 * 1024)

static const UNormalizer2 *nfkd = NULL;
static const UNormalizer2 *nfc = NULL;

static void
icu_check(UErrorCode status, const char *what)
{
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("ICU could not %s: %s", what, u_errorName(status))));
}

static void
check_encoding_and_length(int len)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("text folding requires a UTF8 database"),
				 errdetail("The database encoding is %s.",
						   GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
	if (len > TB_FOLD_MAX_BYTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text to fold is too long: %d bytes", len),
				 errdetail("At most %d bytes can be folded.", TB_FOLD_MAX_BYTES)));
}

/* ASCII shortcut: lower case, white space collapsed and trimmed. */
static char *
fold_ascii(const char *src, int len)
{
	char	   *out = palloc(len + 1);
	int			j = 0;
	bool		in_space = true;	/* drops leading white space */
	int			i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) src[i];

		CHECK_FOR_INTERRUPTS();
		/* the ASCII characters u_isUWhiteSpace accepts: \t \n \v \f \r, space */
		if (c == ' ' || (c >= '\t' && c <= '\r'))
		{
			if (!in_space)
				out[j++] = ' ';
			in_space = true;
			continue;
		}
		out[j++] = (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
		in_space = false;
	}
	if (j > 0 && out[j - 1] == ' ')
		j--;
	out[j] = '\0';
	return out;
}

/*
 * Run an ICU UTF-16 -> UTF-16 step into a palloc'd buffer, growing it once
 * if ICU asks for more room.
 */
typedef int32_t (*u16_step) (const void *arg, const UChar *src, int32_t srclen,
							 UChar *dst, int32_t cap, UErrorCode *status);

static int32_t
step_foldcase(const void *arg, const UChar *src, int32_t srclen,
			  UChar *dst, int32_t cap, UErrorCode *status)
{
	return u_strFoldCase(dst, cap, src, srclen, U_FOLD_CASE_DEFAULT, status);
}

static int32_t
step_normalize(const void *arg, const UChar *src, int32_t srclen,
			   UChar *dst, int32_t cap, UErrorCode *status)
{
	return unorm2_normalize((const UNormalizer2 *) arg, src, srclen, dst, cap, status);
}

static UChar *
run_step(u16_step step, const void *arg, const UChar *src, int32_t srclen,
		 int32_t *outlen, const char *what)
{
	int32_t		cap = srclen * 2 + 16;
	UChar	   *dst = palloc(cap * sizeof(UChar));
	UErrorCode	status = U_ZERO_ERROR;

	*outlen = step(arg, src, srclen, dst, cap, &status);
	if (status == U_BUFFER_OVERFLOW_ERROR)
	{
		cap = *outlen + 1;
		dst = repalloc(dst, cap * sizeof(UChar));
		status = U_ZERO_ERROR;
		*outlen = step(arg, src, srclen, dst, cap, &status);
	}
	icu_check(status, what);
	return dst;
}

/*
 * Fold a UTF-8 string; returns a palloc'd, NUL-terminated UTF-8 string.
 */
char *
tb_fold_cstring(const char *src, int len)
{
	UErrorCode	status = U_ZERO_ERROR;
	UChar	   *u;
	UChar	   *tmp;
	int32_t		ulen;
	int32_t		tmplen;
	int32_t		i;
	int32_t		j;
	bool		in_space;
	char	   *out;
	int32_t		outlen;

	check_encoding_and_length(len);

	for (i = 0; i < len; i++)
		if ((unsigned char) src[i] >= 0x80)
			break;
	if (i == len)
		return fold_ascii(src, len);

	if (nfkd == NULL)
	{
		nfkd = unorm2_getNFKDInstance(&status);
		icu_check(status, "open the NFKD normaliser");
		nfc = unorm2_getNFCInstance(&status);
		icu_check(status, "open the NFC normaliser");
	}

	/* UTF-8 -> UTF-16 never needs more units than bytes */
	tmp = palloc((len + 1) * sizeof(UChar));
	u_strFromUTF8(tmp, len + 1, &tmplen, src, len, &status);
	icu_check(status, "read the text as UTF-8");

	u = run_step(step_foldcase, NULL, tmp, tmplen, &ulen, "fold case");
	pfree(tmp);
	tmp = run_step(step_normalize, nfkd, u, ulen, &tmplen, "decompose (NFKD)");
	pfree(u);

	/* drop nonspacing marks; collapse runs of white space; trim the ends */
	j = 0;
	in_space = true;
	for (i = 0; i < tmplen;)
	{
		int32_t		start = i;
		UChar32		c;

		CHECK_FOR_INTERRUPTS();
		U16_NEXT(tmp, i, tmplen, c);
		if (u_charType(c) == U_NON_SPACING_MARK)
			continue;
		if (u_isUWhiteSpace(c))
		{
			if (!in_space)
				tmp[j++] = ' ';
			in_space = true;
			continue;
		}
		while (start < i)
			tmp[j++] = tmp[start++];
		in_space = false;
	}
	if (j > 0 && tmp[j - 1] == ' ')
		j--;

	u = run_step(step_normalize, nfc, tmp, j, &ulen, "recompose (NFC)");
	pfree(tmp);

	/* a UTF-16 unit becomes at most three UTF-8 bytes */
	out = palloc(ulen * 3 + 1);
	status = U_ZERO_ERROR;
	u_strToUTF8(out, ulen * 3 + 1, &outlen, u, ulen, &status);
	icu_check(status, "write the folded text as UTF-8");
	out[outlen] = '\0';
	pfree(u);
	return out;
}

/*
 * tb_fold(text) -> text
 */
Datum
tb_fold(PG_FUNCTION_ARGS)
{
	text	   *in = PG_GETARG_TEXT_PP(0);

	PG_RETURN_TEXT_P(cstring_to_text(tb_fold_cstring(VARDATA_ANY(in),
													 VARSIZE_ANY_EXHDR(in))));
}

/*
 * The versions of the ICU library this backend runs with, and of the Unicode
 * data inside it.  tb_fold and the country names follow them, so a value
 * folded, or an index built, under one version may differ under another;
 * tb.text_rules records the version they were made under.
 */
static text *
version_text(UVersionInfo v)
{
	char		buf[U_MAX_VERSION_STRING_LENGTH];

	u_versionToString(v, buf);
	return cstring_to_text(buf);
}

/*
 * tb_icu_version() -> text
 */
Datum
tb_icu_version(PG_FUNCTION_ARGS)
{
	UVersionInfo v;

	u_getVersion(v);
	PG_RETURN_TEXT_P(version_text(v));
}

/*
 * tb_unicode_version() -> text
 */
Datum
tb_unicode_version(PG_FUNCTION_ARGS)
{
	UVersionInfo v;

	u_getUnicodeVersion(v);
	PG_RETURN_TEXT_P(version_text(v));
}
