#!/usr/bin/env python3
"""Every inline SVG of an HTML page is well-formed XML, in the SVG namespace,
with a size and a title (what a screen reader and a tooltip show).
Usage: svg_check.py FILE; prints one line per problem and a summary, exits 1
on any problem or when the page has no SVG at all."""
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def main():
    path = sys.argv[1]
    page = open(path, encoding="utf-8").read()
    # each outermost <svg> with everything inside it (pictures may nest an svg)
    svgs, depth, start = [], 0, 0
    for m in re.finditer(r"<(/?)svg\b[^>]*?(/?)>", page):
        if m.group(1):
            depth -= 1
            if depth == 0:
                svgs.append(page[start:m.end()])
        elif not m.group(2):
            if depth == 0:
                start = m.start()
            depth += 1
    if depth:
        print(f"# {path}: an <svg> is not closed")
        svgs.append(page[start:])
    problems = 0
    for i, text in enumerate(svgs, 1):
        try:
            root = ET.fromstring(text)
        except ET.ParseError as e:
            print(f"# {path}: SVG {i} is not well-formed: {e}")
            problems += 1
            continue
        if root.tag != NS + "svg":
            print(f"# {path}: SVG {i} is not in the SVG namespace ({root.tag})")
            problems += 1
        if not root.get("width") or not root.get("height"):
            print(f"# {path}: SVG {i} has no width or height")
            problems += 1
        if root.find(NS + "title") is None:
            print(f"# {path}: SVG {i} has no title")
            problems += 1
    print(f"# {path}: {len(svgs)} SVG, {problems} problems")
    return 0 if svgs and problems == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
