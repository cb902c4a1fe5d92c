#!/usr/bin/env bash
# Makes the map's shapes: Natural Earth admin-0 boundaries at 1:50m from the
# npm package world-atlas (public domain data), the members of the Quito
# Process and their neighbours, projected, clipped and simplified into SVG
# paths in a fixed viewBox.  Writes data/map/countries.csv and the baseline
# template file src/baseline/map.sql that ships them as rows of map_shapes.
# Needs npm (to fetch the package) and python3; the build does not run it: its
# output is committed.  Usage: scripts/make_map.sh [world-atlas version]
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-2.0.2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "world-atlas@$version" >/dev/null && tar xzf "world-atlas-$version.tgz")
mkdir -p data/map
python3 - "$work/package/countries-50m.json" "$version" data/map/countries.csv src/baseline/map.sql <<'PY'
import csv, json, math, sys

src, version, csv_out, sql_out = sys.argv[1:5]
topo = json.load(open(src, encoding='utf-8'))

# The view: longitude -118 to -33, latitude 33.5 to -56.5, equirectangular
# (true to scale at the equator, which crosses the middle of the region).
LON0, LAT0, K = -118.0, 33.5, 5.6
W, H = round(85 * K), round(90 * K)
TOL = 0.35          # Douglas-Peucker tolerance, in pixels
PAD = 2.0           # clip a little outside the view so no edge shows

def project(lon, lat):
    return ((lon - LON0) * K, (LAT0 - lat) * K)

# TopoJSON: each arc is quantized and delta-encoded; the transform maps the
# running sums back to degrees.
(sx, sy), (tx, ty) = topo['transform']['scale'], topo['transform']['translate']
arcs = []
for arc in topo['arcs']:
    x = y = 0
    pts = []
    for dx, dy in arc:
        x += dx
        y += dy
        pts.append(project(x * sx + tx, y * sy + ty))
    arcs.append(pts)

def dp(pts):
    """Douglas-Peucker on an open line, keeping both ends."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = pts[a], pts[b]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = (abs(dy * (px - x1) - dx * (py - y1)) / norm) if norm > 0 else math.hypot(px - x1, py - y1)
            if d > best:
                best, at = d, i
        if best > TOL:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]

# Simplify arcs, not rings: a border shared by two countries is one arc, so
# both sides move together and no gap opens between neighbours.
arcs = [dp(a) for a in arcs]

def ring(indices):
    out = []
    for i in indices:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out

def clip(pts):
    """Sutherland-Hodgman against the padded view rectangle."""
    edges = [(lambda p: p[0] >= -PAD, lambda p, q: cut_x(p, q, -PAD)),
             (lambda p: p[0] <= W + PAD, lambda p, q: cut_x(p, q, W + PAD)),
             (lambda p: p[1] >= -PAD, lambda p, q: cut_y(p, q, -PAD)),
             (lambda p: p[1] <= H + PAD, lambda p, q: cut_y(p, q, H + PAD))]
    for inside, cut in edges:
        if not pts:
            break
        res = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    res.append(cut(prev, cur))
                res.append(cur)
            elif inside(prev):
                res.append(cut(prev, cur))
            prev = cur
        pts = res
    return pts

def cut_x(p, q, x):
    t = (x - p[0]) / (q[0] - p[0])
    return (x, p[1] + t * (q[1] - p[1]))

def cut_y(p, q, y):
    t = (y - p[1]) / (q[1] - p[1])
    return (p[0] + t * (q[0] - p[0]), y)

def area_centroid(pts):
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1]):
        c = x1 * y2 - x2 * y1
        a += c
        cx += (x1 + x2) * c
        cy += (y1 + y2) * c
    if abs(a) < 1e-9:
        return 0.0, pts[0]
    return a / 2, (cx / (3 * a), cy / (3 * a))

# ISO 3166-1 alpha-2 of the countries the view can show (world-atlas gives
# the numeric code only); the members are those of the baseline's countries.
ALPHA2 = {
    32: 'AR', 44: 'BS', 52: 'BB', 68: 'BO', 76: 'BR', 84: 'BZ', 124: 'CA', 152: 'CL',
    170: 'CO', 188: 'CR', 192: 'CU', 212: 'DM', 214: 'DO', 218: 'EC', 222: 'SV', 238: 'FK',
    239: 'GS', 250: 'FR', 308: 'GD', 320: 'GT', 328: 'GY', 332: 'HT', 340: 'HN', 388: 'JM',
    484: 'MX', 500: 'MS', 531: 'CW', 533: 'AW', 534: 'SX', 558: 'NI', 591: 'PA', 600: 'PY',
    604: 'PE', 630: 'PR', 659: 'KN', 660: 'AI', 662: 'LC', 670: 'VC', 740: 'SR', 780: 'TT',
    796: 'TC', 840: 'US', 850: 'VI', 858: 'UY', 862: 'VE', 92: 'VG', 136: 'KY', 652: 'BL',
    663: 'MF', 28: 'AG', 60: 'BM', 535: 'BQ', 16: 'AS',
}
MIN_AREA = 1.5      # px²: smaller islands of neighbours are dropped; members keep every island

members = {32, 76, 152, 170, 188, 214, 218, 328, 484, 591, 600, 604, 858, 531}
rows = []
for g in topo['objects']['countries']['geometries']:
    if g.get('id') is None or not g['id'].isdigit() or g['type'] not in ('Polygon', 'MultiPolygon'):
        continue
    gid = int(g['id'])
    polys = [g['arcs']] if g['type'] == 'Polygon' else g['arcs']
    parts, best = [], (0.0, None)
    for poly in polys:
        for k, r in enumerate(poly):
            pts = clip(ring(r))
            if len(pts) < 3:
                continue
            a, c = area_centroid(pts)
            if abs(a) < MIN_AREA and gid not in members:
                continue
            if k == 0 and abs(a) > best[0]:
                best = (abs(a), c)
            # drop repeated points left by rounding
            seq = []
            for x, y in pts:
                p = (round(x, 1), round(y, 1))
                if not seq or seq[-1] != p:
                    seq.append(p)
            if len(seq) >= 3:
                parts.append('M' + ' '.join('%g %g' % p for p in seq) + 'Z')
    if not parts:
        continue
    rows.append((gid, ALPHA2.get(gid, ''), g['properties']['name'],
                 round(best[1][0], 1), round(best[1][1], 1), ''.join(parts)))
rows.sort()
missing = [r[0] for r in rows if not r[1]]
if missing:
    sys.exit('no alpha-2 code for numeric codes %s: add them to ALPHA2' % missing)

with open(csv_out, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['iso_numeric', 'iso2', 'name', 'label_x', 'label_y', 'd'])
    w.writerows(rows)

def lit(s):
    return "'" + str(s).replace("'", "''") + "'"

with open(sql_out, 'w', encoding='utf-8') as f:
    f.write(f"""------------------------------------------------------------------------------
-- Map shapes (made by scripts/make_map.sh from Natural Earth via world-atlas
-- {version}; public domain; do not edit by hand: run the script)
------------------------------------------------------------------------------

CREATE TABLE @baseline@.map_shapes (
    iso_numeric smallint PRIMARY KEY CHECK (iso_numeric BETWEEN 1 AND 999),
    iso2        text NOT NULL UNIQUE CHECK (iso2 ~ '^[A-Z]{{2}}$'),
    name        text NOT NULL CHECK (name <> ''),
    label_x     real NOT NULL,
    label_y     real NOT NULL,
    d           text NOT NULL CHECK (d ~ '^M[-0-9. MZ]+$'),
    shipped     boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @baseline@.map_shapes IS 'Country shapes for the maps: Natural Earth admin-0 boundaries at 1:50m (public domain, via the npm package world-atlas {version}), the members of the Quito Process and their neighbours, equirectangular, clipped and simplified into SVG paths in the viewBox 0 0 {W} {H} (longitude {LON0:g} to {LON0 + W / K:g}, latitude {LAT0:g} to {LAT0 - H / K:g}). Made by scripts/make_map.sh; data/map/ holds the same rows as CSV.';
COMMENT ON COLUMN @baseline@.map_shapes.iso_numeric IS 'ISO 3166-1 numeric code (as in countries.iso_numeric).';
COMMENT ON COLUMN @baseline@.map_shapes.iso2 IS 'ISO 3166-1 alpha-2 code.';
COMMENT ON COLUMN @baseline@.map_shapes.name IS 'Natural Earth''s short English name (the reports use the catalogue''s names where the country is in it).';
COMMENT ON COLUMN @baseline@.map_shapes.label_x IS 'x of the centroid of the largest part, in the viewBox.';
COMMENT ON COLUMN @baseline@.map_shapes.label_y IS 'y of the centroid of the largest part, in the viewBox.';
COMMENT ON COLUMN @baseline@.map_shapes.d IS 'SVG path data (absolute moves and lines, one closed subpath per ring).';
COMMENT ON COLUMN @baseline@.map_shapes.shipped IS 'True for the rows tb_create_baseline installs.';

-- The map must work right after tb_create_baseline: the shapes are part of
-- the model, like the interface strings.
INSERT INTO @baseline@.map_shapes (iso_numeric, iso2, name, label_x, label_y, d, shipped) VALUES
""")
    f.write(',\n'.join('  (%d, %s, %s, %s, %s, %s, true)' % (r[0], lit(r[1]), lit(r[2]), r[3], r[4], lit(r[5]))
                       for r in rows))
    f.write(';\n')
print('%d shapes, %d bytes of path data, viewBox 0 0 %d %d' % (len(rows), sum(len(r[5]) for r in rows), W, H))
PY
