/*
 * fuzz.c: feeds the input functions of every type of the extension, text
 * and binary (typreceive), with generated and mutated values through a
 * live server, and reports crashes (the connection is lost), hangs
 * (statement_timeout) and values accepted but not reading back to
 * themselves.  Each input is a query "SELECT $1::tb.T" with the value as a
 * parameter, in text or binary format.
 *
 *     fuzz N "connection string"      (N inputs per type and format)
 *
 * Built and run by test/fuzz/run.sh; not part of the tests (it takes
 * minutes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <libpq-fe.h>

static uint64_t rng = 20220418;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

typedef struct Seed
{
	char	   *data;
	int			len;
} Seed;

typedef struct Type
{
	const char *name;
	const char *samples;		/* SQL returning sample values of the type */
	Seed		text[16];
	Seed		bin[16];
	int			n;
} Type;

static Type types[] = {
	{"tb_summary", "SELECT tb.tb_summary(x) FROM (VALUES (1), (2.5), (-3), (NULL), (1e300), (5e-324)) v(x) GROUP BY x IS NULL "
	 "UNION ALL SELECT tb.tb_summary(x::float8) FROM generate_series(1, 100) x "
	 "UNION ALL SELECT tb.tb_summary(NULL::float8)"},
	{"tb_composite", "SELECT tb.tb_composite(x, w) FROM (VALUES (1, 1), (NULL, 2), (0, 1), (-2, 0.5)) v(x, w) "
	 "UNION ALL SELECT tb.tb_composite(x, 1) FROM generate_series(1, 50) x"},
	{"tb_country", "SELECT c FROM tb.tb_country_codes() c WHERE c::text IN ('PE', 'BR', 'DO', 'CW', 'US')"},
	{"tb_topk", "SELECT tb.tb_top_gaps_state(i, g, w, 3, f) FROM (VALUES ('A', 0.5, 1, true), ('B\"x', 0.25, 2, false), ('C', 1, 1, false)) v(i, g, w, f) "
	 "UNION ALL SELECT tb.tb_top_gaps_state('I' || x, x / 100.0, 1, 5, x % 2 = 0) FROM generate_series(1, 20) x"},
	{"tb_agreement", "SELECT tb.tb_agreement(u, v) FROM (VALUES ('a', 1), ('a', 2), ('b', NULL), ('c\"', 3)) x(u, v) "
	 "UNION ALL SELECT tb.tb_agreement('u' || (x % 7), (x % 3)::float8) FROM generate_series(1, 60) x"},
	{"tb_practices", "SELECT '{GOV01,PREV01,\"x, y\"}'::tb.tb_practices UNION ALL SELECT '{}' "
	 "UNION ALL SELECT tb.tb_practice_set('P' || x) FROM generate_series(1, 40) x"},
	{"tb_did", "SELECT tb.tb_did(t, b, a) FROM (VALUES (true, 1, 2), (false, 0.5, NULL), (false, -3, 1e300), (true, 0, 0)) v(t, b, a) "
	 "UNION ALL SELECT tb.tb_did(x % 3 = 0, x, x * 1.5) FROM generate_series(1, 30) x"},
	{"tb_matrix", "SELECT tb.tb_matrix(u, i, v, a, w, d) FROM (VALUES ('AR', 'GOV01', 1, 'GOV', 1, 'higher'), ('BR\"x', 'GOV01', NULL, 'GOV', 1, 'higher'), "
	 "('AR', 'PREV01', -2.5, 'PREV', 2, 'lower')) v(u, i, v, a, w, d) "
	 "UNION ALL SELECT tb.tb_matrix('c' || (x % 5), 'i' || (x / 5), x * 0.5, 'ax' || (x / 5 % 2), 1 + x / 5, 'higher') FROM generate_series(0, 24) x"},
};

static const char *const nasty[] = {
	"NaN", "Infinity", "-Infinity", "1e309", "-0", "99999999999999999999999", "-9223372036854775808",
	"9223372036854775807", "0x", "0xfffffffffffffffffffffffffffffffffffffffffffp-99999", "\"", "\\", "[", "]", "{", "}",
	"\xff\xfe", "\xc3\x28", "\xe2\x82", "n=", "k=", "missing=", "p", "0x1p-2148", "0x1p4000", ":", "\"\"", "  ", "\t"
};

static void
fetch_seeds(PGconn *conn, Type *t)
{
	char		q[1024];
	PGresult   *r;
	int			i;

	snprintf(q, sizeof(q), "SELECT s::text, tb.%s_send(s) FROM (%s) q(s) LIMIT 16",
			 strcmp(t->name, "tb_summary") == 0 ? "tb_summary" : t->name, t->samples);
	r = PQexecParams(conn, q, 0, NULL, NULL, NULL, NULL, 1);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
	{
		fprintf(stderr, "seeds of %s: %s", t->name, PQerrorMessage(conn));
		exit(2);
	}
	t->n = PQntuples(r);
	for (i = 0; i < t->n; i++)
	{
		int			bl;

		t->text[i].len = PQgetlength(r, i, 0);
		t->text[i].data = malloc(t->text[i].len + 1);
		memcpy(t->text[i].data, PQgetvalue(r, i, 0), t->text[i].len);
		/* the send function's result arrives as bytea (binary format): raw bytes */
		bl = PQgetlength(r, i, 1);
		t->bin[i].len = bl;
		t->bin[i].data = malloc(bl + 1);
		memcpy(t->bin[i].data, PQgetvalue(r, i, 1), bl);
	}
	PQclear(r);
}

/* One mutation of a seed, into buf (returns the length). */
static int
mutate(const Seed *s, char *buf, int cap, int text)
{
	int			len = s->len < cap ? s->len : cap;
	int			ops = 1 + next() % 4;
	int			k;

	memcpy(buf, s->data, len);
	for (k = 0; k < ops; k++)
	{
		int			pos = len ? (int) (next() % len) : 0;

		switch (next() % 9)
		{
			case 0:				/* flip a bit */
				if (len)
					buf[pos] ^= 1 << (next() % 8);
				break;
			case 1:				/* random byte */
				if (len)
					buf[pos] = (char) next();
				break;
			case 2:				/* truncate */
				len = pos;
				break;
			case 3:				/* delete a byte */
				if (len)
				{
					memmove(buf + pos, buf + pos + 1, len - pos - 1);
					len--;
				}
				break;
			case 4:				/* insert a byte */
				if (len < cap - 1)
				{
					memmove(buf + pos + 1, buf + pos, len - pos);
					buf[pos] = text ? " 0123456789.-+e\"[]{}:,x=p"[next() % 25] : (char) next();
					len++;
				}
				break;
			case 5:				/* duplicate a chunk */
				{
					int			n = 1 + next() % 16;

					if (len + n < cap && pos + n <= len)
					{
						memmove(buf + pos + n, buf + pos, len - pos);
						len += n;
					}
				}
				break;
			case 6:				/* nasty token */
				{
					const char *t = nasty[next() % (sizeof(nasty) / sizeof(nasty[0]))];
					int			n = strlen(t);

					if (len + n < cap)
					{
						memmove(buf + pos + n, buf + pos, len - pos);
						memcpy(buf + pos, t, n);
						len += n;
					}
				}
				break;
			case 7:				/* extreme 4- or 8-byte integer (binary counts) */
				if (!text && len >= pos + 4)
				{
					uint32_t	v = (next() % 2) ? 0xFFFFFFFFu : 0x7FFFFFFFu;

					memcpy(buf + pos, &v, 4);
				}
				break;
			case 8:				/* random garbage */
				len = next() % 64;
				for (int i = 0; i < len; i++)
					buf[i] = (char) next();
				break;
		}
	}
	return len;
}

int
main(int argc, char **argv)
{
	long		per = argc > 1 ? atol(argv[1]) : 10000;
	PGconn	   *conn = PQconnectdb(argc > 2 ? argv[2] : "");
	char	   *buf = malloc(1 << 16);
	int			failed = 0;

	if (PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "connection: %s", PQerrorMessage(conn));
		return 2;
	}
	PQclear(PQexec(conn, "SET statement_timeout = '5s'"));
	for (size_t ti = 0; ti < sizeof(types) / sizeof(types[0]); ti++)
	{
		Type	   *t = &types[ti];
		char		q[256],
					rt[512];

		fetch_seeds(conn, t);
		snprintf(q, sizeof(q), "SELECT $1::tb.%s::text", t->name);
		/* an accepted value must read back to itself, in text */
		snprintf(rt, sizeof(rt), "SELECT $1::tb.%s::text::tb.%s::text = $1::tb.%s::text", t->name, t->name, t->name);
		for (int fmt = 0; fmt < 2; fmt++)
		{
			long		accepted = 0,
						rejected = 0,
						hangs = 0,
						unstable = 0;

			for (long i = 0; i < per; i++)
			{
				const Seed *s = fmt ? &t->bin[next() % t->n] : &t->text[next() % t->n];
				int			len = mutate(s, buf, (1 << 16) - 1, !fmt);
				const char *vals[1] = {buf};
				int			lens[1] = {len};
				int			fmts[1] = {fmt};
				PGresult   *r;

				buf[len] = '\0';
				if (!fmt && (int) strlen(buf) != len)
					len = strlen(buf);	/* text parameters end at a NUL */
				r = PQexecParams(conn, q, 1, NULL, vals, lens, fmts, 0);
				if (PQstatus(conn) != CONNECTION_OK)
				{
					printf("CRASH: %s %s input lost the connection; input (%d bytes) saved in crash.bin\n",
						   t->name, fmt ? "binary" : "text", len);
					FILE	   *f = fopen("crash.bin", "wb");

					fwrite(buf, 1, len, f);
					fclose(f);
					return 1;
				}
				if (PQresultStatus(r) == PGRES_TUPLES_OK)
				{
					PGresult   *r2;

					accepted++;
					/* read back what was accepted: the canonical text must be stable */
					r2 = PQexecParams(conn, rt, 1, NULL, vals, lens, fmts, 0);
					if (PQresultStatus(r2) != PGRES_TUPLES_OK || strcmp(PQgetvalue(r2, 0, 0), "t") != 0)
					{
						unstable++;
						if (unstable <= 3)
							printf("UNSTABLE: %s %s input accepted but its text does not read back: %s\n",
								   t->name, fmt ? "binary" : "text", PQgetvalue(r, 0, 0));
					}
					PQclear(r2);
				}
				else
				{
					const char *state = PQresultErrorField(r, PG_DIAG_SQLSTATE);

					if (state && strcmp(state, "57014") == 0)
						hangs++;
					rejected++;
				}
				PQclear(r);
			}
			printf("%-13s %-6s %9ld inputs: %8ld accepted, %8ld rejected with an error, %ld timeouts, %ld unstable\n",
				   t->name, fmt ? "binary" : "text", per, accepted, rejected, hangs, unstable);
			fflush(stdout);
			if (hangs || unstable)
				failed = 1;
		}
	}
	PQfinish(conn);
	return failed;
}
