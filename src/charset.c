/*-------------------------------------------------------------------------
 *
 * charset.c
 *	  Files as people export them: tb_detect_csv(sample) tells, from the
 *	  first bytes of a CSV file, what COPY needs to be told to read it: its
 *	  encoding, whether it starts with a byte order mark, its delimiter and
 *	  its line ending, and the names in its header.
 *
 * A form exported by Excel in a Spanish or Portuguese locale is separated
 * by semicolons and written in Windows-1252, unless it is saved as "CSV
 * UTF-8", which adds a byte order mark; LibreOffice writes commas and
 * UTF-8.  The encoding is ICU's charset detector's (ucsdet) first guess
 * that the sample actually decodes in, named as PostgreSQL names it
 * (ISO-8859-1 is read as WIN1252, which Excel writes and which agrees with
 * it on every printable character).  The delimiter is the one of , ; tab |
 * that splits the header and every other line into the same number of
 * fields, quotes respected the way COPY respects them.
 *
 * Whatever COPY would refuse is refused here with what was found and what
 * to do: UTF-16, NUL bytes (a workbook rather than a CSV), bytes no
 * candidate encoding decodes, mixed line endings, blank lines, and lines
 * that no delimiter splits consistently.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#include <unicode/ucsdet.h>

#include "tb_compat.h"

PG_FUNCTION_INFO_V1(tb_detect_csv);

/* A longer sample is read up to this many bytes. */
#define TB_CSV_SAMPLE_MAX (1024 * 1024)

/* The delimiters tried, in the order that breaks a tie. */
#define TB_CSV_NCAND 4
static const char csv_candidates[TB_CSV_NCAND] = {',', ';', '\t', '|'};

/* What the hints tell an analyst to do with a file COPY cannot read. */
#define TB_CSV_SAVE_AS_HINT \
	"Save the sheet again as \"CSV UTF-8 (Comma delimited)\" (Excel) or as \"Text CSV\" with the character set UTF-8 (LibreOffice)."

/* ICU's charset names and PostgreSQL's names of the same encodings. */
typedef struct CharsetName
{
	const char *icu;
	const char *pg;
} CharsetName;

static const CharsetName charset_names[] = {
	{"UTF-8", "UTF8"},
	/* Excel writes Windows-1252; ICU says ISO-8859-1 when no 0x80-0x9F */
	{"ISO-8859-1", "WIN1252"},
	{"windows-1252", "WIN1252"},
	{"ISO-8859-2", "LATIN2"},
	{"windows-1250", "WIN1250"},
	{"ISO-8859-5", "ISO_8859_5"},
	{"windows-1251", "WIN1251"},
	{"KOI8-R", "KOI8R"},
	{"ISO-8859-6", "ISO_8859_6"},
	{"windows-1256", "WIN1256"},
	{"ISO-8859-7", "ISO_8859_7"},
	{"windows-1253", "WIN1253"},
	{"ISO-8859-8", "ISO_8859_8"},
	{"ISO-8859-8-I", "ISO_8859_8"},
	{"windows-1255", "WIN1255"},
	{"ISO-8859-9", "LATIN5"},
	{"windows-1254", "WIN1254"},
	{"Shift_JIS", "SJIS"},
	{"EUC-JP", "EUC_JP"},
	{"EUC-KR", "EUC_KR"},
	{"GB18030", "GB18030"},
	{"Big5", "BIG5"},
};

/* One of ICU's guesses: its name, PostgreSQL's (NULL: none) and confidence. */
typedef struct CharsetGuess
{
	char	   *icu;
	const char *pg;
	int32		confidence;
} CharsetGuess;

/* How one candidate delimiter splits the lines of the sample. */
typedef struct DelimStats
{
	int			header;			/* fields in the header */
	int			lines;			/* complete lines after the header */
	int			same;			/* ... split into as many fields */
	int			min;			/* fewest and most fields in the others */
	int			max;
	int			first_line;		/* first line split differently, or 0 */
	int			first_fields;	/* ... into this many fields */
	bool		consistent;
} DelimStats;

static const char *
pg_charset_name(const char *icu)
{
	int			i;

	for (i = 0; i < (int) lengthof(charset_names); i++)
		if (strcmp(charset_names[i].icu, icu) == 0)
			return charset_names[i].pg;
	return NULL;
}

/*
 * ICU's guesses for the bytes, best first, copied out of the detector,
 * which is always closed before this returns or raises.
 */
static CharsetGuess *
icu_guesses(const char *bytes, int len, int *nguesses)
{
	UCharsetDetector *volatile csd = NULL;
	CharsetGuess *volatile guesses = NULL;
	volatile int n = 0;
	UErrorCode	status = U_ZERO_ERROR;

	csd = ucsdet_open(&status);
	if (U_FAILURE(status))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("could not open ICU's charset detector: %s",
						u_errorName(status))));
	PG_TRY();
	{
		const UCharsetMatch **matches;
		int32		nmatches = 0;
		int			i;

		ucsdet_setText(csd, bytes, len, &status);
		matches = ucsdet_detectAll(csd, &nmatches, &status);
		/* what ICU says when no charset matches at all */
		if (status == U_INVALID_CHAR_FOUND)
		{
			status = U_ZERO_ERROR;
			nmatches = 0;
		}
		if (U_FAILURE(status))
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("ICU's charset detector failed: %s",
							u_errorName(status))));
		guesses = palloc0(sizeof(CharsetGuess) * Max(nmatches, 1));
		for (i = 0; i < nmatches; i++)
		{
			const char *name = ucsdet_getName(matches[i], &status);
			int32		conf = ucsdet_getConfidence(matches[i], &status);

			if (U_FAILURE(status) || name == NULL)
				break;
			guesses[n].icu = pstrdup(name);
			guesses[n].pg = pg_charset_name(name);
			guesses[n].confidence = conf;
			n++;
		}
	}
	PG_FINALLY();
	{
		ucsdet_close(csd);
	}
	PG_END_TRY();

	*nguesses = n;
	return guesses;
}

/*
 * The length of bytes without a multibyte character that the end of the
 * sample cut short: the first bytes of a file end anywhere.
 */
static int
without_cut_character(int encoding, const char *bytes, int len)
{
	int			valid = pg_encoding_verifymbstr(encoding, bytes, len);

	if (valid < len && len - valid < pg_encoding_max_length(encoding) &&
		pg_encoding_mblen(encoding, bytes + valid) > len - valid)
		return valid;
	return len;
}

/* The line (1-based) holding byte offset of bytes (offset < len). */
static int
line_of(const char *bytes, int len, int offset)
{
	int			line = 1;
	int			i;

	for (i = 0; i < offset && i < len; i++)
		if (bytes[i] == '\n' ||
			(bytes[i] == '\r' && (i + 1 >= len || bytes[i + 1] != '\n')))
			line++;
	return line;
}

/*
 * Decodes bytes of the given encoding into the database's encoding.
 * Returns NULL when they do not decode, with *bad set to the offset of the
 * first byte that does not.
 */
static char *
decode_sample(int encoding, const char *bytes, int len, int *bad)
{
	int			db = GetDatabaseEncoding();
	unsigned char *out;
	Oid			proc;
	int			done;

	len = without_cut_character(encoding, bytes, len);
	if (encoding == db || db == PG_SQL_ASCII)
	{
		done = pg_encoding_verifymbstr(encoding, bytes, len);
		if (done < len)
		{
			*bad = done;
			return NULL;
		}
		return pnstrdup(bytes, len);
	}
	proc = FindDefaultConversionProc(encoding, db);
	if (!OidIsValid(proc))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("no conversion from %s to %s",
						pg_encoding_to_char(encoding),
						pg_encoding_to_char(db)),
				 errhint("Create the database with ENCODING 'UTF8'.")));
	out = palloc((Size) len * MAX_CONVERSION_GROWTH + 1);
	done = pg_do_encoding_conversion_buf(proc, encoding, db,
										 (unsigned char *) bytes, len,
										 out, len * MAX_CONVERSION_GROWTH + 1,
										 true);
	if (done < len)
	{
		*bad = done;
		pfree(out);
		return NULL;
	}
	return (char *) out;
}

/* Up to three bytes from offset, in hex: "0xed 0x0d 0x0a". */
static char *
bytes_in_hex(const char *bytes, int len, int offset)
{
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	for (i = offset; i < len && i < offset + 3; i++)
		appendStringInfo(&buf, "%s0x%02x", i > offset ? " " : "",
						 (unsigned char) bytes[i]);
	return buf.data;
}

static const char *
delimiter_name(char c)
{
	switch (c)
	{
		case ',':
			return "\",\"";
		case ';':
			return "\";\"";
		case '\t':
			return "tab";
		default:
			return "\"|\"";
	}
}

/*
 * The fields of one line split at delim, quotes removed the way COPY
 * removes them: a quote opens or closes a quoted part anywhere in a field,
 * and two quotes inside a quoted part stand for one.
 */
static ArrayType *
header_fields(const char *text, int len, char delim)
{
	ArrayBuildState *astate = NULL;
	StringInfoData field;
	bool		in_quote = false;
	int			i;

	initStringInfo(&field);
	for (i = 0; i <= len; i++)
	{
		char		c = i < len ? text[i] : '\0';

		if (i < len && c == '"')
		{
			if (in_quote && i + 1 < len && text[i + 1] == '"')
			{
				appendStringInfoChar(&field, '"');
				i++;
			}
			else
				in_quote = !in_quote;
			continue;
		}
		if (i == len || (!in_quote && c == delim))
		{
			astate = accumArrayResult(astate,
									  CStringGetTextDatum(field.data),
									  false, TEXTOID, CurrentMemoryContext);
			resetStringInfo(&field);
			continue;
		}
		appendStringInfoChar(&field, c);
	}
	return DatumGetArrayTypeP(makeArrayResult(astate, CurrentMemoryContext));
}

Datum
tb_detect_csv(PG_FUNCTION_ARGS)
{
	bytea	   *sample = PG_GETARG_BYTEA_PP(0);
	const char *bytes = VARDATA_ANY(sample);
	int			len = VARSIZE_ANY_EXHDR(sample);
	TupleDesc	tupdesc;
	Datum		values[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	bool		bom = false;
	const char *encoding = NULL;
	int32		confidence = 100;
	char	   *text = NULL;
	int			tlen;
	int			i;
	bool		ascii = true;

	/* counts of line endings outside quotes */
	int			n_crlf = 0,
				n_lf = 0,
				n_cr = 0;

	/* records */
	DelimStats	stats[TB_CSV_NCAND];
	int			counts[TB_CSV_NCAND];
	int			header_end = -1;
	int			record = 0;		/* records seen, the header being 0 */
	int			record_line = 1;	/* line the current record starts on */
	int			record_len = 0;
	int			brk = 0;		/* where the last line break began */
	int			line = 1;
	int			blank_line = 0;
	bool		in_quote = false;
	int			best = -1;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning record called in context that cannot accept type record")));

	if (len > TB_CSV_SAMPLE_MAX)
		len = TB_CSV_SAMPLE_MAX;

	/* byte order marks */
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
	{
		bom = true;
		bytes += 3;
		len -= 3;
	}
	else if (len >= 2 && (memcmp(bytes, "\xFF\xFE", 2) == 0 ||
						  memcmp(bytes, "\xFE\xFF", 2) == 0))
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the file is in UTF-16, which COPY cannot read"),
				 errdetail("It starts with the byte order mark %s of UTF-16 (%s), which Excel writes for \"Unicode Text\".",
						   bytes_in_hex(bytes, 2, 0),
						   (unsigned char) bytes[0] == 0xFF ? "little-endian" : "big-endian"),
				 errhint(TB_CSV_SAVE_AS_HINT)));

	if (len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the sample is empty"),
				 errdetail(bom ? "It holds a UTF-8 byte order mark and nothing else."
						   : "It has no byte: the file is empty."),
				 errhint("Pass the first bytes of a CSV file with a header line and the lines of data.")));

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) bytes[i];

		if (c == 0)
			ereport(ERROR,
					(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
					 errmsg("the file is not a text CSV: byte %d is 0x00", i + 1),
					 errdetail("A CSV file has no NUL byte; this one may be UTF-16 without a byte order mark, or a workbook (an .xlsx file starts with \"PK\", an .xls file with 0xd0 0xcf 0x11 0xe0); it starts with %s.",
							   bytes_in_hex(bytes, len, 0)),
					 errhint(TB_CSV_SAVE_AS_HINT)));
		if (c >= 0x80)
			ascii = false;
	}

	/* the encoding */
	if (bom || ascii)
	{
		encoding = "UTF8";
		text = decode_sample(PG_UTF8, bytes, len, &i);
		if (text == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("the file starts with a UTF-8 byte order mark but line %d is not UTF-8",
							line_of(bytes, len, i)),
					 errdetail("Bytes %s there are not UTF-8.",
							   bytes_in_hex(bytes, len, i)),
					 errhint(TB_CSV_SAVE_AS_HINT)));
	}
	else
	{
		CharsetGuess *guesses;
		int			nguesses;
		int			first_bad = -1;
		int			g;
		int			icu_len = without_cut_character(PG_UTF8, bytes, len);
		StringInfoData tried;

		guesses = icu_guesses(bytes, icu_len, &nguesses);
		initStringInfo(&tried);
		for (g = 0; g < nguesses; g++)
		{
			int			bad = 0;

			if (guesses[g].pg == NULL)
				continue;
			text = decode_sample(pg_char_to_encoding(guesses[g].pg),
								 bytes, len, &bad);
			if (text != NULL)
			{
				encoding = guesses[g].pg;
				confidence = guesses[g].confidence;
				break;
			}
			appendStringInfo(&tried, "%s%s (confidence %d): line %d has %s",
							 tried.len > 0 ? "; " : "", guesses[g].icu,
							 guesses[g].confidence, line_of(bytes, len, bad),
							 bytes_in_hex(bytes, len, bad));
			if (first_bad < 0)
				first_bad = bad;
		}
		if (text == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("cannot tell the encoding of the file"),
					 nguesses == 0 ?
					 errdetail("ICU's charset detector recognises no encoding in it.") :
					 tried.len == 0 ?
					 errdetail("ICU's charset detector takes it for %s (confidence %d), which COPY cannot read.",
							   guesses[0].icu, guesses[0].confidence) :
					 errdetail("It does not decode in any encoding ICU's charset detector suggests: %s.",
							   tried.data),
					 errhint(TB_CSV_SAVE_AS_HINT)));
	}
	tlen = strlen(text);

	/*
	 * One pass over the decoded text: quotes, line endings and, for every
	 * candidate delimiter, the fields of every line.  A line break inside
	 * quotes is data; the text's last line, which the end of the sample may
	 * have cut, is checked apart below.
	 */
	memset(stats, 0, sizeof(stats));
	for (i = 0; i < TB_CSV_NCAND; i++)
		counts[i] = 1;
	for (i = 0; i < tlen; i++)
	{
		char		c = text[i];
		int			k;
		bool		eol = false;

		if (c == '"')
			in_quote = !in_quote;
		else if (c == '\n' || c == '\r')
		{
			brk = i;
			if (c == '\r' && i + 1 < tlen && text[i + 1] == '\n')
				i++;
			line++;
			if (!in_quote)
			{
				eol = true;
				if (c == '\n')
					n_lf++;
				else if (text[i] == '\n')
					n_crlf++;
				else if (i + 1 < tlen)
					n_cr++;		/* a CR ending the sample may be a cut CRLF */
			}
		}
		else if (!in_quote)
		{
			for (k = 0; k < TB_CSV_NCAND; k++)
				if (c == csv_candidates[k])
					counts[k]++;
		}
		if (!eol)
		{
			record_len++;
			continue;
		}

		/* the end of a line */
		CHECK_FOR_INTERRUPTS();
		if (record_len == 0)
		{
			if (blank_line == 0)
				blank_line = record_line;
		}
		else if (record == 0)
		{
			for (k = 0; k < TB_CSV_NCAND; k++)
				stats[k].header = counts[k];
			header_end = brk;
		}
		else
		{
			for (k = 0; k < TB_CSV_NCAND; k++)
			{
				DelimStats *s = &stats[k];

				s->lines++;
				if (counts[k] == s->header)
				{
					s->same++;
					continue;
				}
				if (s->first_line == 0)
				{
					s->first_line = record_line;
					s->first_fields = counts[k];
					s->min = s->max = counts[k];
				}
				s->min = Min(s->min, counts[k]);
				s->max = Max(s->max, counts[k]);
			}
		}
		if (record_len > 0)
			record++;
		record_line = line;
		record_len = 0;
		for (k = 0; k < TB_CSV_NCAND; k++)
			counts[k] = 1;
	}

	if (record == 0 && record_len == 0)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the file has no header: it holds only blank lines"),
				 errhint("Export the form again with its header line (round, country, ...) and its answers.")));
	if (blank_line == 1)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("line 1 of the file is blank"),
				 errdetail("COPY takes the first line for the header and cannot read a blank line."),
				 errhint("Delete the blank lines before the header.")));

	/* the last line, if the sample does not end with a line break */
	if (record == 0)
	{
		int			k;

		for (k = 0; k < TB_CSV_NCAND; k++)
			stats[k].header = counts[k];
		header_end = tlen;
	}
	else if (record_len > 0)
	{
		int			k;

		/*
		 * The end of the sample may have cut it short: it may have fewer
		 * fields than the header, not more.
		 */
		for (k = 0; k < TB_CSV_NCAND; k++)
		{
			DelimStats *s = &stats[k];

			s->lines++;
			if (counts[k] <= s->header)
			{
				s->same++;
				continue;
			}
			if (s->first_line == 0)
			{
				s->first_line = record_line;
				s->first_fields = counts[k];
				s->min = s->max = counts[k];
			}
			s->min = Min(s->min, counts[k]);
			s->max = Max(s->max, counts[k]);
		}
	}

	for (i = 0; i < TB_CSV_NCAND; i++)
	{
		DelimStats *s = &stats[i];

		s->consistent = s->header >= 2 && s->first_line == 0;
		if (s->consistent && (best < 0 || s->header > stats[best].header))
			best = i;
	}

	if (best < 0)
	{
		StringInfoData detail;

		initStringInfo(&detail);
		for (i = 0; i < TB_CSV_NCAND; i++)
		{
			DelimStats *s = &stats[i];

			appendStringInfo(&detail, "%s%s splits the header into %d field%s",
							 i > 0 ? "; " : "", delimiter_name(csv_candidates[i]),
							 s->header, s->header == 1 ? "" : "s");
			if (s->header < 2)
				continue;
			if (s->same == s->lines)
				appendStringInfo(&detail, " and the %d other line%s into as many",
								 s->lines, s->lines == 1 ? "" : "s");
			else if (s->min == s->max)
				appendStringInfo(&detail, ", %d of the %d other lines into as many and %d into %d",
								 s->same, s->lines, s->lines - s->same, s->min);
			else
				appendStringInfo(&detail, ", %d of the %d other lines into as many and %d into %d to %d",
								 s->same, s->lines, s->lines - s->same, s->min, s->max);
			if (s->first_line > 0)
				appendStringInfo(&detail, " (line %d into %d)",
								 s->first_line, s->first_fields);
		}
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("no delimiter splits every line of the file into as many fields as its header"),
				 errdetail("%s.", detail.data),
				 errhint("Separate the fields with one of , ; tab |, the same on every line, and quote a value that holds the delimiter (\"61,6\"); saving the sheet again as CSV from the spreadsheet does both.")));
	}

	if (blank_line > 0)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("line %d of the file is blank", blank_line),
				 errdetail("COPY reads a blank line as a row with one empty field, and refuses it."),
				 errhint("Delete the blank lines (often at the end of the file).")));

	if ((n_crlf > 0) + (n_lf > 0) + (n_cr > 0) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the lines of the file end in different ways"),
				 errdetail("%d end with CRLF, %d with LF and %d with CR; COPY reads one kind of line ending per file.",
						   n_crlf, n_lf, n_cr),
				 errhint("Save the file again from the spreadsheet, or convert its line endings (dos2unix).")));

	values[0] = CStringGetTextDatum(encoding);
	values[1] = Int32GetDatum(confidence);
	values[2] = BoolGetDatum(bom);
	values[3] = CStringGetTextDatum(psprintf("%c", csv_candidates[best]));
	if (n_crlf > 0)
		values[4] = CStringGetTextDatum("CRLF");
	else if (n_lf > 0)
		values[4] = CStringGetTextDatum("LF");
	else if (n_cr > 0)
		values[4] = CStringGetTextDatum("CR");
	else
		nulls[4] = true;
	values[5] = PointerGetDatum(header_fields(text, header_end,
											  csv_candidates[best]));

	tupdesc = BlessTupleDesc(tupdesc);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
