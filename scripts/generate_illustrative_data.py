#!/usr/bin/env python3
"""Generate the ILLUSTRATIVE data set of the Quito Process baseline survey.

The files written here are ILLUSTRATIVE: they are generated with a fixed
seed (random.Random(20220418)) in the shape of the real baseline survey of
the Regional Coordination Mechanism of the Quito Process against
trafficking in persons.  They are NOT real survey results: the real survey
items and the countries' answers are not public.  Indicator wording,
institutions and every answer are invented so that the loader and the
analysis have realistic input, including the mess of hand-typed answers.

Usage: /usr/bin/python3 scripts/generate_illustrative_data.py [OUTPUT_DIR]
(default OUTPUT_DIR: data/illustrative/ at the repository root)
"""

import csv
import random
import sys
from pathlib import Path

SEED = 20220418
# A planted effect, for the impact analysis to find: PLANTED_ADOPTERS more
# member countries without the practice at the baseline adopt it by the
# follow-up round, and every adopter's outcome (a count) is multiplied by
# PLANTED_FACTOR in that round.  No other practice has any effect.  Drawn
# from its own generator, after everything else, so the rest of the data
# is what it was without it.
PLANTED_PRACTICE, PLANTED_OUTCOME = "PROS03", "PROS07"
PLANTED_ADOPTERS, PLANTED_FACTOR, PLANTED_SEED = 3, 2.5, 20261130

# Members in the order of the Quito Process, with population in millions
# (approximate, 2022) so that counts scale with country size.  CW (Curaçao)
# is an observer: it answers the follow-up round only.
COUNTRIES = (("AR", 46.2), ("BR", 215.3), ("CL", 19.6), ("CO", 51.9),
             ("CR", 5.2), ("DO", 11.2), ("EC", 18.0), ("GY", 0.8),
             ("MX", 127.5), ("PA", 4.4), ("PE", 34.0), ("PY", 6.8),
             ("UY", 3.4), ("CW", 0.15))
OBSERVER = "CW"

# (country, code, name, answer language).  The foreign ministries DO-MIREX
# and MX-SRE answer in English on purpose: real exports mix languages.
INSTITUTIONS = (
    ("AR", "AR-MJ", "Ministerio de Justicia y Derechos Humanos", "es"),
    ("AR", "AR-PROTEX", "Procuraduría de Trata y Explotación de Personas",
     "es"),
    ("AR", "AR-CE", "Comité Ejecutivo para la Lucha contra la Trata y "
     "Explotación de Personas", "es"),
    ("BR", "BR-MJSP", "Ministério da Justiça e Segurança Pública", "pt"),
    ("BR", "BR-MPF", "Ministério Público Federal", "pt"),
    ("BR", "BR-MMFDH", "Ministério da Mulher, da Família e dos Direitos "
     "Humanos", "pt"),
    ("CL", "CL-MISP", "Ministerio del Interior y Seguridad Pública", "es"),
    ("CL", "CL-FN", "Fiscalía Nacional", "es"),
    ("CL", "CL-SERNAMEG", "Servicio Nacional de la Mujer y la Equidad de "
     "Género", "es"),
    ("CO", "CO-MI", "Ministerio del Interior", "es"),
    ("CO", "CO-FGN", "Fiscalía General de la Nación", "es"),
    ("CR", "CR-CONATT", "Coalición Nacional contra el Tráfico Ilícito de "
     "Migrantes y la Trata de Personas", "es"),
    ("CR", "CR-MP", "Ministerio Público", "es"),
    ("CW", "CW-MJ", "Ministry of Justice", "en"),
    ("CW", "CW-OM", "Public Prosecutor's Office", "en"),
    ("DO", "DO-MIREX", "Ministerio de Relaciones Exteriores", "en"),
    ("DO", "DO-PGR", "Procuraduría General de la República", "es"),
    ("DO", "DO-MMUJER", "Ministerio de la Mujer", "es"),
    ("EC", "EC-MDG", "Ministerio de Gobierno", "es"),
    ("EC", "EC-FGE", "Fiscalía General del Estado", "es"),
    ("GY", "GY-MOHA", "Ministry of Home Affairs", "en"),
    ("GY", "GY-MHSSS", "Ministry of Human Services and Social Security",
     "en"),
    ("GY", "GY-DPP", "Office of the Director of Public Prosecutions", "en"),
    ("MX", "MX-SEGOB", "Secretaría de Gobernación", "es"),
    ("MX", "MX-FGR", "Fiscalía General de la República", "es"),
    ("MX", "MX-SRE", "Secretaría de Relaciones Exteriores", "en"),
    ("PA", "PA-MINSEG", "Ministerio de Seguridad Pública", "es"),
    ("PA", "PA-MP", "Ministerio Público", "es"),
    ("PE", "PE-MININTER", "Ministerio del Interior", "es"),
    ("PE", "PE-MP", "Ministerio Público - Fiscalía de la Nación", "es"),
    ("PE", "PE-MIMP", "Ministerio de la Mujer y Poblaciones Vulnerables",
     "es"),
    ("PY", "PY-MINMUJER", "Ministerio de la Mujer", "es"),
    ("PY", "PY-MP", "Ministerio Público", "es"),
    ("UY", "UY-MI", "Ministerio del Interior", "es"),
    ("UY", "UY-FGN", "Fiscalía General de la Nación", "es"),
    ("UY", "UY-MIDES", "Ministerio de Desarrollo Social", "es"),
)

# (code, kind, direction, weight, extra, name_es, name_pt, name_en).
# extra: count -> (unit, target, typical value per million people at full
# capacity, population exponent); rate -> (target, upper bound);
# percentage -> target; binary and ordinal -> None (bounds fixed by kind).
B, O, C, R, P = "binary", "ordinal", "count", "rate", "percentage"
INDICATORS = (
    ("PREV01", B, "higher", 2, None,
     "Plan nacional de acción contra la trata de personas vigente",
     "Plano nacional de enfrentamento ao tráfico de pessoas em vigor",
     "National action plan against trafficking in force"),
    ("PREV02", B, "higher", 1, None,
     "Campaña nacional de sensibilización en los últimos 12 meses",
     "Campanha nacional de conscientização nos últimos 12 meses",
     "National awareness campaign in the last 12 months"),
    ("PREV03", B, "higher", 1, None,
     "Línea telefónica gratuita de denuncia",
     "Linha telefônica gratuita de denúncia", "Toll-free hotline"),
    ("PREV04", B, "higher", 0.5, None,
     "Contenidos sobre trata de personas en el currículo escolar",
     "Conteúdos sobre tráfico de pessoas no currículo escolar",
     "Trafficking in persons in the school curriculum"),
    ("PREV05", B, "higher", 1, None,
     "Partida presupuestaria específica para prevención",
     "Rubrica orçamentária específica para prevenção",
     "Dedicated budget line for prevention"),
    ("PREV06", O, "higher", 1, None,
     "Capacitación de funcionarios de migración y fronteras",
     "Capacitação de servidores de migração e fronteiras",
     "Training of migration and border officials"),
    ("PREV07", O, "higher", 1, None,
     "Fiscalización de agencias privadas de empleo y reclutamiento",
     "Fiscalização de agências privadas de emprego e recrutamento",
     "Oversight of private employment and recruitment agencies"),
    ("PREV08", O, "higher", 1, None,
     "Prevención dirigida a pueblos indígenas y población migrante",
     "Prevenção dirigida a povos indígenas e população migrante",
     "Prevention targeting indigenous peoples and migrants"),
    ("PREV09", C, "higher", 1, ("persons", None, 25, 1),
     "Funcionarios capacitados en trata de personas en el último año",
     "Servidores capacitados em tráfico de pessoas no último ano",
     "Officials trained on trafficking in the last year"),
    ("PREV10", R, "higher", 0.5, (60, 200),
     "Inspecciones laborales por cada 100.000 habitantes",
     "Inspeções do trabalho por 100.000 habitantes",
     "Labour inspections per 100,000 population"),
    ("PREV11", P, "higher", 1, 90,
     "Porcentaje de municipios con comité local contra la trata",
     "Percentual de municípios com comitê local contra o tráfico",
     "Share of municipalities with a local anti-trafficking committee"),
    ("PROT01", B, "higher", 2, None,
     "Protocolo de identificación de víctimas",
     "Protocolo de identificação de vítimas",
     "Victim identification protocol"),
    ("PROT02", B, "higher", 1, None,
     "Albergues especializados para víctimas de trata",
     "Casas-abrigo especializadas para vítimas de tráfico",
     "Specialised shelters for trafficking victims"),
    ("PROT03", B, "higher", 1, None,
     "Permiso de residencia para víctimas extranjeras",
     "Autorização de residência para vítimas estrangeiras",
     "Residence permit for foreign victims"),
    ("PROT04", B, "higher", 1, None,
     "Programa de retorno voluntario asistido",
     "Programa de retorno voluntário assistido",
     "Assisted voluntary return programme"),
    ("PROT05", B, "higher", 0.5, None,
     "Fondo de reparación para víctimas", "Fundo de reparação para vítimas",
     "Victim compensation fund"),
    ("PROT06", O, "higher", 2, None,
     "Mecanismo nacional de derivación de víctimas",
     "Mecanismo nacional de encaminhamento de vítimas",
     "National referral mechanism for victims"),
    ("PROT07", O, "higher", 1, None,
     "Atención especializada a niñas, niños y adolescentes víctimas",
     "Atendimento especializado a crianças e adolescentes vítimas",
     "Specialised care for child and adolescent victims"),
    ("PROT08", O, "higher", 1, None,
     "Apoyo psicosocial y jurídico a las víctimas",
     "Apoio psicossocial e jurídico às vítimas",
     "Psychosocial and legal support for victims"),
    ("PROT09", C, "higher", 1, ("persons", None, 6, 1),
     "Víctimas identificadas", "Vítimas identificadas",
     "Identified victims"),
    ("PROT10", R, "higher", 1, (0.1, 0.5),
     "Albergues para víctimas por cada 100.000 habitantes",
     "Abrigos para vítimas por 100.000 habitantes",
     "Shelters for victims per 100,000 population"),
    ("PROT11", P, "higher", 1, 90,
     "Porcentaje de víctimas derivadas a servicios de asistencia",
     "Percentual de vítimas encaminhadas a serviços de assistência",
     "Share of identified victims referred to assistance services"),
    ("PROS01", B, "higher", 2, None,
     "Tipificación penal conforme al Protocolo de Palermo",
     "Tipificação penal conforme o Protocolo de Palermo",
     "Criminal offence in line with the Palermo Protocol"),
    ("PROS02", B, "higher", 1, None,
     "Unidad fiscal especializada en trata de personas",
     "Unidade do Ministério Público especializada em tráfico",
     "Specialised prosecution unit on trafficking"),
    ("PROS03", B, "higher", 1, None,
     "Unidad policial especializada en trata de personas",
     "Unidade policial especializada em tráfico de pessoas",
     "Specialised police unit on trafficking"),
    ("PROS04", B, "higher", 0.5, None,
     "Decomiso de bienes aplicado en casos de trata",
     "Perdimento de bens aplicado em casos de tráfico",
     "Asset confiscation applied in trafficking cases"),
    ("PROS05", O, "higher", 1, None,
     "Sistema de registro de casos judicializados",
     "Sistema de registro de processos judiciais",
     "Case management system for prosecuted cases"),
    ("PROS06", O, "higher", 1, None,
     "Protección de víctimas y testigos en el proceso penal",
     "Proteção de vítimas e testemunhas no processo penal",
     "Victim and witness protection in criminal proceedings"),
    ("PROS07", C, "higher", 1, ("cases", None, 10, 1),
     "Investigaciones abiertas por trata de personas",
     "Inquéritos instaurados por tráfico de pessoas",
     "Investigations opened for trafficking"),
    ("PROS08", C, "higher", 1, ("cases", None, 1.2, 1),
     "Condenas por trata de personas", "Condenações por tráfico de pessoas",
     "Convictions for trafficking"),
    ("PROS09", C, "lower", 1, ("months", 18, 48, 0),
     "Mediana de duración de los procesos penales en meses",
     "Mediana de duração dos processos penais em meses",
     "Median length of criminal proceedings in months"),
    ("PROS10", R, "higher", 1, (0.5, 3),
     "Procesamientos por trata por cada 100.000 habitantes",
     "Processos por tráfico de pessoas por 100.000 habitantes",
     "Prosecutions for trafficking per 100,000 population"),
    ("PROS11", P, "lower", 1, 10,
     "Porcentaje de casos archivados", "Percentual de casos arquivados",
     "Share of cases dismissed"),
    ("GOV01", B, "higher", 2, None,
     "Instancia nacional de coordinación contra la trata",
     "Instância nacional de coordenação contra o tráfico",
     "National anti-trafficking coordination body"),
    ("GOV02", B, "higher", 1, None,
     "Ley integral contra la trata de personas",
     "Lei específica de enfrentamento ao tráfico de pessoas",
     "Comprehensive anti-trafficking law"),
    ("GOV03", B, "higher", 0.5, None,
     "Punto focal designado ante el Proceso de Quito",
     "Ponto focal designado junto ao Processo de Quito",
     "Designated focal point for the Quito Process"),
    ("GOV04", B, "higher", 1, None,
     "Informe público anual sobre trata de personas",
     "Relatório público anual sobre tráfico de pessoas",
     "Annual public report on trafficking"),
    ("GOV05", O, "higher", 1, None,
     "Sistema nacional unificado de datos sobre trata",
     "Sistema nacional unificado de dados sobre tráfico",
     "Unified national data system on trafficking"),
    ("GOV06", O, "higher", 0.5, None,
     "Participación de la sociedad civil en la política pública",
     "Participação da sociedade civil na política pública",
     "Civil society participation in public policy"),
    ("GOV07", O, "higher", 1, None,
     "Monitoreo y evaluación del plan nacional de acción",
     "Monitoramento e avaliação do plano nacional",
     "Monitoring and evaluation of the national action plan"),
    ("GOV08", C, "higher", 0.5, ("meetings", 12, 12, 0),
     "Reuniones de la instancia de coordinación en el último año",
     "Reuniões da instância de coordenação no último ano",
     "Coordination body meetings in the last year"),
    ("GOV09", C, "higher", 1, ("persons", None, 4, 0.5),
     "Personal dedicado a tiempo completo a la coordinación",
     "Servidores dedicados em tempo integral à coordenação",
     "Full-time staff assigned to coordination"),
    ("GOV10", R, "higher", 1, (0.5, 5),
     "Personal especializado en trata por cada 100.000 habitantes",
     "Pessoal especializado em tráfico por 100.000 habitantes",
     "Specialised anti-trafficking staff per 100,000 population"),
    ("GOV11", P, "higher", 1, 90,
     "Porcentaje de actividades del plan de acción ejecutadas",
     "Percentual de atividades do plano de ação executadas",
     "Share of action plan activities carried out"),
)

# Answer vocabulary; the first spelling of each list is the tidy one.
YES = {"es": ("Sí", "si", "SI", "sí "), "pt": ("Sim", "SIM", "sim"),
       "en": ("Yes", "yes ", " YES")}
NO = {"es": ("No", "NO", " no"), "pt": ("Não", "NAO", "nao"),
      "en": ("No", "no")}
LEVELS = {  # 0 none, 1 planned, 2 partial, 3 implemented, 4 institutionalized
    "es": (("Ninguno", "No existe"), ("Planificado", "En planificación"),
           ("Parcial", "Parcialmente implementado",
            "parcialmente implementada"),
           ("Implementado", "implementada", "IMPLEMENTADO"),
           ("Institucionalizado", "institucionalizada")),
    "pt": (("Nenhum",), ("Planejado",),
           ("Parcial", "Parcialmente implementado"),
           ("Implementado", "implementada"), ("Institucionalizado",)),
    "en": (("None",), ("Planned",), ("Partial", "Partially implemented"),
           ("Implemented", "implemented "),
           ("Institutionalized", "Institutionalised")),
}
NOT_APPLICABLE = {"es": ("No aplica", "N/A", "no aplica"),
                  "pt": ("Não se aplica", "N/A"),
                  "en": ("Not applicable", "n/a")}
DONT_KNOW = {"es": ("No sabe", "NS"), "pt": ("Não sabe", "NS"),
             "en": ("Don't know", "Unknown")}
# Answers no parser should accept: the loader must reject them with a reason.
INVALID = {"es": ("ver anexo", "??", "muchos", "-", "pendiente", "12 a 15",
                  "", "sí y no"),
           "pt": ("ver anexo", "??", "-", ""),
           "en": ("see attached", "??", "-", "")}

P_ANSWERED, P_INVALID, P_SPECIAL = 0.85, 0.01, 0.03


def pick(rng, variants):
    """Mostly the tidy spelling, sometimes any of the messy ones."""
    return variants[0] if rng.random() < 0.6 else rng.choice(variants)


def decimal_text(value, places, lang):
    text = f"{value:.{places}f}"
    return text if lang == "en" else text.replace(".", ",")


def count_text(rng, n, lang):
    text = str(n)
    if n >= 1000 and rng.random() < 0.7:
        text = f"{n:,}".replace(",", "," if lang == "en" else ".")
    if rng.random() < 0.05:  # stray blanks from copy and paste
        text = rng.choice((" " + text, text + " ", " " + text + " "))
    return text


def answer(rng, ind, q, pop, lang):
    """Raw answer text of one institution; q in [0, 1) is its performance."""
    kind, direction, extra = ind[1], ind[2], ind[4]
    r = rng.random()
    if r < P_INVALID:
        return rng.choice(INVALID[lang])
    if r < P_INVALID + P_SPECIAL:
        return pick(rng, rng.choice((NOT_APPLICABLE, DONT_KNOW))[lang])
    higher = direction == "higher"
    if kind == B:
        return pick(rng, YES[lang] if q > 0.5 else NO[lang])
    if kind == O:
        return pick(rng, LEVELS[lang][int(q * 5)])
    if kind == C:
        _, _, base, exponent = extra
        factor = 0.15 + q if higher else 1.15 - q
        n = base * pop ** exponent * factor * rng.lognormvariate(0, 0.25)
        return count_text(rng, max(0, round(n)), lang)
    if kind == R:
        target, upper = extra
        value = min(upper, 2 * target * (q if higher else 1 - q))
        return decimal_text(value, 2 if value < 10 else 1, lang)
    # Percentage: lower-is-better shares (dismissals) stay well below 100.
    value = min(100.0, 100 * q if higher else 80 * (1 - q))
    text = (decimal_text(value, 1, lang) if rng.random() < 0.25
            else str(round(value)))
    return text + rng.choice(("", "", "%", " %") if lang != "en"
                             else ("", "", "%"))


def clamp(q):
    return min(0.999, max(0.0, q))


def latent(rng):
    """Performance of each country on each indicator in rounds 0 and 1.

    A country's capacity makes it consistently strong or weak; each
    indicator has its own ease; most countries progress between rounds,
    two chosen at random regress on about a third of the indicators.
    """
    capacity = {c: rng.uniform(0.25, 0.85) for c, _ in COUNTRIES}
    ease = {ind[0]: rng.uniform(-0.25, 0.25) for ind in INDICATORS}
    members = [c for c, _ in COUNTRIES if c != OBSERVER]
    regressing = rng.sample(members, 2)
    perf = {}
    for country, _ in COUNTRIES:
        progress = rng.uniform(0.02, 0.08)
        for ind in INDICATORS:
            base = capacity[country] + ease[ind[0]] + rng.gauss(0, 0.12)
            step = progress
            if country in regressing and rng.random() < 0.4:
                step = -rng.uniform(0.2, 0.4)
            perf[country, ind[0], 0] = base
            perf[country, ind[0], 1] = base + step + rng.gauss(0, 0.03)
    return perf


# How forms write the country: its code, or its name as the institution
# writes it.  (es, pt, en, alpha-3, numeric)
COUNTRY_FORMS = {
    "AR": ("Argentina", "Argentina", "Argentina", "ARG", "032"),
    "BR": ("Brasil", "Brasil", "Brazil", "BRA", "076"),
    "CL": ("Chile", "Chile", "Chile", "CHL", "152"),
    "CO": ("Colombia", "Colômbia", "Colombia", "COL", "170"),
    "CR": ("Costa Rica", "Costa Rica", "Costa Rica", "CRI", "188"),
    "DO": ("República Dominicana", "República Dominicana",
           "Dominican Republic", "DOM", "214"),
    "EC": ("Ecuador", "Equador", "Ecuador", "ECU", "218"),
    "GY": ("Guyana", "Guiana", "Guyana", "GUY", "328"),
    "MX": ("México", "México", "Mexico", "MEX", "484"),
    "PA": ("Panamá", "Panamá", "Panama", "PAN", "591"),
    "PE": ("Perú", "Peru", "Peru", "PER", "604"),
    "PY": ("Paraguay", "Paraguai", "Paraguay", "PRY", "600"),
    "UY": ("Uruguay", "Uruguai", "Uruguay", "URY", "858"),
    "CW": ("Curazao", "Curaçao", "Curaçao", "CUW", "531"),
}


def country_text(row):
    """The country as this line of the form writes it.

    Drawn from the line's own key, so that a line repeated verbatim in the
    export stays identical, and the main random stream is not disturbed.
    """
    rnd, country, inst, ind, lang = row[:5]
    r = random.Random(f"{rnd}/{inst}/{ind}").random()
    es, pt, en, alpha3, numeric = COUNTRY_FORMS[country]
    name = {"es": es, "pt": pt, "en": en}[lang]
    if r < 0.60:
        return country
    if r < 0.80:
        return name
    if r < 0.88:
        return name.upper()
    if r < 0.92:
        return " " + name.lower() + " "
    if r < 0.97:
        return alpha3
    return numeric


def responses(rng, rnd, perf, observer_items):
    rows = []
    for country, pop in COUNTRIES:
        if country == OBSERVER and rnd == 0:
            continue
        for inst in INSTITUTIONS:
            if inst[0] != country:
                continue
            lang = inst[3]
            for ind in INDICATORS:
                if country == OBSERVER and ind[0] not in observer_items:
                    continue
                if rng.random() >= P_ANSWERED:
                    continue
                # Institutions of one country disagree a little.
                q = clamp(perf[country, ind[0], rnd] + rng.gauss(0, 0.08))
                rows.append([rnd, country, inst[1], ind[0], lang,
                             answer(rng, ind, q, pop, lang)])
    # Form exports repeat some lines verbatim.
    for i in sorted(rng.sample(range(len(rows)), 3)):
        rows.append(list(rows[i]))
    if rnd == 1:
        # References the loader must reject: unknown indicators, and an
        # institution that is not registered for its country.
        rows.append([1, "AR", "AR-MJ", "PREV99", "es", "Sí"])
        rows.append([1, "BR", "BR-MPF", "PROT31", "pt", "Implementado"])
        rows.append([1, "CO", "CO-MJD", "PROS02", "es", "Sí"])
    rows.sort(key=lambda row: (row[1], row[2], row[3]))  # stable
    return rows


def as_written(rows):
    """The rows with the country as each line of the form writes it."""
    for row in rows:
        row[1] = country_text(row)
    return rows


def words_value(text, lang):
    """1 or 0 for a yes or no word of the language, else None."""
    if text in YES[lang]:
        return 1
    if text in NO[lang]:
        return 0
    return None


def plant_effect(rows0, rows1):
    """Plant the effect of PLANTED_PRACTICE on PLANTED_OUTCOME in round 1.

    Countries are read as the loader reads them: the mean of their
    institutions' yes (1) and no (0); adopters go from below 0.5 at the
    baseline to 0.5 or more.  Rows keep their country code here (the forms'
    spellings are applied after)."""
    rng = random.Random(PLANTED_SEED)

    def means(rows):
        got = {}
        for rnd, country, inst, ind, lang, text in rows:
            v = words_value(text, lang) if ind == PLANTED_PRACTICE else None
            if v is not None:
                got.setdefault(country, []).append(v)
        return {c: sum(v) / len(v) for c, v in got.items()}

    before, after = means(rows0), means(rows1)
    never = sorted(c for c in before if c != OBSERVER and before[c] < 0.5
                   and c in after and after[c] < 0.5)
    for country in sorted(rng.sample(never, PLANTED_ADOPTERS)):
        for row in rows1:
            if row[1] == country and row[3] == PLANTED_PRACTICE and words_value(row[5], row[4]) == 0:
                row[5] = YES[row[4]][0]
    after = means(rows1)
    adopters = {c for c in before if c != OBSERVER and before[c] < 0.5 and after.get(c, 0) >= 0.5}
    for row in rows1:
        digits = row[5].strip().replace(".", "").replace(",", "").replace(" ", "")
        if row[1] in adopters and row[3] == PLANTED_OUTCOME and digits.isdigit():
            row[5] = count_text(rng, round(int(digits) * PLANTED_FACTOR), row[4])
    return sorted(adopters)


def number(value):
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(value)


def indicator_row(ind):
    code, kind, direction, weight, extra, es, pt, en = ind
    if kind == B:
        unit, target, lower, upper = "yes/no", 1, 0, 1
    elif kind == O:
        unit, target, lower, upper = "level 0-4", 4, 0, 4
    elif kind == C:  # counts have no natural upper bound
        unit, target, lower, upper = extra[0], extra[1], 0, None
    elif kind == R:
        unit, lower, (target, upper) = "per 100,000 population", 0, extra
    else:
        unit, target, lower, upper = "%", extra, 0, 100
    return [code, code.rstrip("0123456789"), kind, direction, unit, es, pt,
            en, number(target), number(lower), number(upper), number(weight)]


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{path.name}: {len(rows)} rows")


def main(argv):
    root = Path(__file__).resolve().parent.parent
    out = Path(argv[1]) if len(argv) > 1 else root / "data" / "illustrative"
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)

    write_csv(out / "indicators.csv",
              ["code", "axis", "kind", "direction", "unit", "name_es",
               "name_pt", "name_en", "target", "lower_bound", "upper_bound",
               "weight"],
              [indicator_row(ind) for ind in INDICATORS])
    write_csv(out / "institutions.csv", ["country", "code", "name", "lang"],
              [list(inst) for inst in INSTITUTIONS])

    perf = latent(rng)
    codes = [ind[0] for ind in INDICATORS]
    # The observer answers only about half of the form.
    observer_items = set(rng.sample(codes, len(codes) // 2))
    header = ["round", "country", "institution", "indicator", "lang",
              "answer"]
    rows = [responses(rng, rnd, perf, observer_items) for rnd in (0, 1)]
    adopters = plant_effect(rows[0], rows[1])
    print(f"planted: {PLANTED_PRACTICE} adopted by {', '.join(adopters)}; "
          f"{PLANTED_OUTCOME} x {PLANTED_FACTOR} for them in round 1")
    for rnd in (0, 1):
        write_csv(out / f"responses_round{rnd}.csv", header, as_written(rows[rnd]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
