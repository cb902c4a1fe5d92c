/*-------------------------------------------------------------------------
 *
 * fold.c
 *	  Fold free text for matching: Unicode compatibility normalisation,
 *	  accents (combining marks) removed, case folded, white space collapsed.
 *
 * The work is done by one ICU transliterator, opened once per backend and
 * kept for its lifetime: opening a transliterator parses its rules, which
 * costs far more than folding one short answer.  No accent table is written
 * here; ICU's Unicode data decides what a mark is.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "tb_fold.h"

PG_FUNCTION_INFO_V1(tb_fold);

/*
 * Case is folded first with u_strFoldCase (not just lowered, so "ß" and
 * "ss" meet, and a mark that folding adds, as in "İ", is removed below).
 * Then NFKD splits "é" into "e" + U+0301 and compatibility forms ("ﬁ",
 * full-width letters) into plain ones; the marks are removed; NFC puts
 * what is left back together.
 */
static const char fold_rules[] =
"::NFKD; ::[:Nonspacing Mark:] Remove; ::NFC;";

static UTransliterator *fold_trans = NULL;

/* Longest input accepted, in bytes: keeps every ICU length inside int32. */
#define TB_FOLD_MAX_BYTES	(64 * 1024 * 1024)

static UTransliterator *
get_fold_transliterator(void)
{
	UChar		id[64];
	UChar		rules[sizeof(fold_rules)];
	UErrorCode	status = U_ZERO_ERROR;
	UParseError perr;

	if (fold_trans != NULL)
		return fold_trans;

	u_uastrcpy(id, "tb-fold");
	u_uastrcpy(rules, fold_rules);
	/* ICU allocates with malloc: the transliterator outlives every context. */
	fold_trans = utrans_openU(id, -1, UTRANS_FORWARD, rules, -1, &perr, &status);
	if (U_FAILURE(status))
	{
		fold_trans = NULL;
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not open ICU transliterator: %s",
						u_errorName(status))));
	}
	return fold_trans;
}

/*
 * Convert UTF-8 to UTF-16 in *buf (of *cap units, grown if needed) and fold
 * its case in place.  Returns false if ICU refuses the text.
 */
static bool
utf16_folded(const char *src, int len, UChar **buf, int32_t *cap, int32_t *ulen)
{
	UErrorCode	status = U_ZERO_ERROR;
	UChar	   *tmp;
	int32_t		tmplen;

	tmp = palloc((len + 1) * sizeof(UChar));
	u_strFromUTF8(tmp, len + 1, &tmplen, src, len, &status);
	if (U_FAILURE(status))
		return false;
	for (;;)
	{
		status = U_ZERO_ERROR;
		*ulen = u_strFoldCase(*buf, *cap, tmp, tmplen, U_FOLD_CASE_DEFAULT, &status);
		if (status != U_BUFFER_OVERFLOW_ERROR)
			break;
		*cap = *ulen + 16;
		*buf = repalloc(*buf, *cap * sizeof(UChar));
	}
	pfree(tmp);
	return U_SUCCESS(status);
}

/*
 * Fold a UTF-8 string; returns a palloc'd, NUL-terminated UTF-8 string.
 */
char *
tb_fold_cstring(const char *src, int len)
{
	UTransliterator *trans;
	UErrorCode	status = U_ZERO_ERROR;
	UChar	   *ubuf;
	int32_t		ulen;
	int32_t		ucap;
	int32_t		limit;
	int32_t		i,
				j;
	bool		in_space;
	char	   *out;
	int32_t		outlen;

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

	trans = get_fold_transliterator();

	/*
	 * Folding can lengthen text (NFKD of "ﬃ" gives three letters); start
	 * with room to spare and grow once if ICU asks for more.
	 */
	ucap = len * 2 + 16;
	ubuf = palloc(ucap * sizeof(UChar));
	if (!utf16_folded(src, len, &ubuf, &ucap, &ulen))
		ereport(ERROR,
				(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				 errmsg("could not convert text to UTF-16 for folding")));
	for (;;)
	{
		int32_t		textlen = ulen;

		limit = ulen;
		status = U_ZERO_ERROR;
		utrans_transUChars(trans, ubuf, &textlen, ucap, 0, &limit, &status);
		if (status == U_BUFFER_OVERFLOW_ERROR)
		{
			/* ubuf was changed in place; redo from the original text */
			ucap = textlen + 16;
			ubuf = repalloc(ubuf, ucap * sizeof(UChar));
			if (!utf16_folded(src, len, &ubuf, &ucap, &ulen))
				break;
			continue;
		}
		ulen = textlen;
		break;
	}
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("ICU could not fold text: %s", u_errorName(status))));

	/* Collapse every run of Unicode white space into one blank; trim ends. */
	j = 0;
	in_space = true;			/* drops leading white space */
	for (i = 0; i < ulen; i++)
	{
		if (u_isUWhiteSpace(ubuf[i]))
		{
			if (!in_space)
				ubuf[j++] = ' ';
			in_space = true;
		}
		else
		{
			ubuf[j++] = ubuf[i];
			in_space = false;
		}
	}
	if (j > 0 && ubuf[j - 1] == ' ')
		j--;

	/* A UTF-16 unit becomes at most three UTF-8 bytes. */
	out = palloc(j * 3 + 1);
	status = U_ZERO_ERROR;
	u_strToUTF8(out, j * 3 + 1, &outlen, ubuf, j, &status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not convert folded text to UTF-8: %s",
						u_errorName(status))));
	out[outlen] = '\0';
	pfree(ubuf);
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
