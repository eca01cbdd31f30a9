#!/usr/bin/env python3
"""Scores dossier's reading of saved web pages against Mozilla Readability's
test pages (the `html-dev` set of the shared evaluation folder).

For every `test-pages/NAME/source.html` it runs
`dossier analyze source.html --format json --no-cache`, joins the exported
sentences, and compares them with the text of `expected.html` by token F1
(multiset overlap of lower-cased word tokens); it also compares the title,
author (byline), source (siteName) and published date (publishedTime, as
YYYY-MM-DD) with `expected-metadata.json`, on the pages where the expected
metadata has them. A page dossier refuses scores 0.

    scripts/score_html.py target/release/dossier [../shared/eval/external/html-dev] [--explain]

Standard library only.
"""

import collections
import html.parser
import json
import os
import re
import subprocess
import sys


class TextOf(html.parser.HTMLParser):
    """The text of an HTML fragment, block elements separated."""

    SKIP = {"script", "style", "noscript"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text_of(fragment):
    p = TextOf()
    p.feed(fragment)
    p.close()
    return "".join(p.parts)


def tokens(text):
    return re.findall(r"\w+", text.lower())


def f1(got, want):
    g, w = collections.Counter(tokens(got)), collections.Counter(tokens(want))
    common = sum((g & w).values())
    if not g and not w:
        return 1.0, 1.0, 1.0
    if common == 0:
        return 0.0, 0.0, 0.0
    p = common / sum(g.values())
    r = common / sum(w.values())
    return p, r, 2 * p * r / (p + r)


def norm(s):
    return re.sub(r"\s+", " ", s or "").strip()


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    explain = "--explain" in sys.argv
    if not args:
        print(__doc__)
        return 2
    binary = args[0]
    here = os.path.dirname(os.path.abspath(__file__))
    root = args[1] if len(args) > 1 else os.path.join(
        here, "..", "..", "shared", "eval", "external", "html-dev")
    pages_dir = os.path.join(root, "test-pages")
    if not os.path.isdir(pages_dir):
        print(f"no html-dev pages at {pages_dir}")
        return 2
    env = dict(os.environ)
    scores = []
    fields = {"title": [0, 0], "author": [0, 0], "source": [0, 0], "published": [0, 0]}
    refused = []
    for name in sorted(os.listdir(pages_dir)):
        page = os.path.join(pages_dir, name)
        want = text_of(open(os.path.join(page, "expected.html"), encoding="utf-8").read())
        meta = json.load(open(os.path.join(page, "expected-metadata.json"), encoding="utf-8"))
        run = subprocess.run(
            [binary, "analyze", os.path.join(page, "source.html"), "--format", "json", "--no-cache"],
            capture_output=True, env=env)
        art = None
        if run.returncode == 0:
            out = json.loads(run.stdout)
            if out["articles"]:
                art = out["articles"][0]
        if art is None:
            refused.append((name, run.stderr.decode("utf-8", "replace").strip()))
            got = ""
            art = {}
        else:
            got = " ".join(art["sentences"])
        p, r, f = f1(got, want)
        scores.append((name, p, r, f, meta.get("readerable", True)))
        checks = {
            "title": (meta.get("title"), art.get("title")),
            "author": (meta.get("byline"), art.get("author")),
            "source": (meta.get("siteName"), art.get("source")),
            "published": ((meta.get("publishedTime") or "")[:10] or None, art.get("published")),
        }
        for field, (expected, value) in checks.items():
            if not expected:
                continue
            fields[field][1] += 1
            ok = norm(expected) == norm(value)
            fields[field][0] += ok
            if explain and not ok:
                print(f"  {name}: {field} expected {expected!r}, got {value!r}")
        if explain and f < 0.9:
            print(f"  {name}: body P {p:.3f} R {r:.3f} F1 {f:.3f}")
    n = len(scores)
    avg = lambda i: sum(s[i] for s in scores) / n
    print(f"html-dev  {n} pages  body P {avg(1):.3f} R {avg(2):.3f} F1 {avg(3):.3f}  refused {len(refused)}")
    readable = [s for s in scores if s[4]]
    if readable:
        ravg = lambda i: sum(s[i] for s in readable) / len(readable)
        print(f"  the {len(readable)} pages Readability calls readerable: "
              f"body P {ravg(1):.3f} R {ravg(2):.3f} F1 {ravg(3):.3f}  "
              f"refused {sum(1 for s in readable if s[0] in dict(refused))}")
    for field, (ok, total) in fields.items():
        print(f"  {field:<10} {ok}/{total}" + (f"  {ok / total:.3f}" if total else ""))
    for name, why in refused:
        print(f"  refused {name}: {why[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
