/*-------------------------------------------------------------------------
 *
 * label.c
 *	  Reading back a label written by escape_json: a double-quoted string
 *	  with backslash escapes, \u00XX for the control characters.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "tb_label.h"

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * p points at the opening quote.  Appends the label to out and returns the
 * position after the closing quote, or NULL with *why set.
 */
const char *
tb_read_label(const char *p, StringInfo out, const char **why)
{
	if (*p != '"')
	{
		*why = "expected a quoted label";
		return NULL;
	}
	p++;
	while (*p && *p != '"')
	{
		if (*p != '\\')
		{
			appendStringInfoChar(out, *p++);
			continue;
		}
		p++;
		switch (*p)
		{
			case 'n':
				appendStringInfoChar(out, '\n');
				break;
			case 't':
				appendStringInfoChar(out, '\t');
				break;
			case 'r':
				appendStringInfoChar(out, '\r');
				break;
			case 'b':
				appendStringInfoChar(out, '\b');
				break;
			case 'f':
				appendStringInfoChar(out, '\f');
				break;
			case '"':
			case '\\':
			case '/':
				appendStringInfoChar(out, *p);
				break;
			case 'u':
				{
					int			v = 0,
								i;

					for (i = 1; i <= 4; i++)
					{
						int			h = hexval(p[i]);

						if (h < 0)
						{
							*why = "\\u needs four hexadecimal digits";
							return NULL;
						}
						v = v * 16 + h;
					}
					/* escape_json escapes only ASCII control characters */
					if (v == 0 || v > 0x7F)
					{
						*why = "\\u escapes stand for ASCII characters other than NUL only";
						return NULL;
					}
					appendStringInfoChar(out, (char) v);
					p += 4;
				}
				break;
			default:
				*why = "unknown escape in a label";
				return NULL;
		}
		p++;
	}
	if (*p != '"')
	{
		*why = "unterminated label";
		return NULL;
	}
	return p + 1;
}
