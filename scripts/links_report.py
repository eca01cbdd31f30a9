#!/usr/bin/env python3
"""Report on the links of an export whose article ids name their section.

    links_report.py EXPORT.json [--sample N] [--seed S] [--dated]

For a folder whose articles sit in one sub-folder per section (the BBC news
set: `business/001`, `sport/114`), an article's id is `section/name`, so the
two ids of a link say whether it joins two sections. Prints:

- how many links there are, by relation, and the share that join articles of
  different sections (overall and among `differs`);
- N `differs` links drawn at random (seeded, so the draw can be repeated),
  each with its score, why, and both sentences, for reading by hand;
- with `--dated`, every `differs` link both of whose sentences hold a date
  (the timeline marks such a row as differing), with the dates.

Standard library only (Python 3.11+).
"""
import argparse
import collections
import json
import random


def section(article_id):
    return article_id.split("/", 1)[0] if "/" in article_id else ""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("export")
    ap.add_argument("--sample", type=int, default=30, help="how many differs links to draw (default 30)")
    ap.add_argument("--seed", type=int, default=15, help="seed of the draw (default 15)")
    ap.add_argument("--dated", action="store_true", help="list differs links between dated sentences")
    a = ap.parse_args()
    with open(a.export, encoding="utf-8") as fh:
        export = json.load(fh)
    arts = export["articles"]
    by_id = {x["id"]: x for x in arts}
    links = export.get("links", [])
    rel = collections.Counter(ln["relation"] for ln in links)
    cross = [ln for ln in links if section(ln["a"]["article"]) != section(ln["b"]["article"])]
    differs = [ln for ln in links if ln["relation"] == "differs"]
    cross_d = [ln for ln in differs if section(ln["a"]["article"]) != section(ln["b"]["article"])]
    n = len(links)
    print(f"articles {len(arts)}  links {n}  " + "  ".join(f"{k} {v}" for k, v in sorted(rel.items())))
    print(f"cross-section links {len(cross)}/{n} = {len(cross) / n if n else 0:.3f}; "
          f"among differs {len(cross_d)}/{len(differs)} = {len(cross_d) / len(differs) if differs else 0:.3f}")

    def sentence(ref):
        art = by_id.get(ref["article"])
        if art is None:
            return "?"
        ss = art.get("sentences", [])
        return ss[ref["sentence"]] if ref["sentence"] < len(ss) else "?"

    def dates_of(ref):
        art = by_id.get(ref["article"])
        if art is None:
            return []
        return [d for d in art.get("dates", []) if d.get("sentence") == ref["sentence"]]

    if a.sample:
        rng = random.Random(a.seed)
        draw = rng.sample(differs, min(a.sample, len(differs)))
        print(f"\n{len(draw)} differs links drawn at random (seed {a.seed}):")
        for k, ln in enumerate(draw, 1):
            print(f"\n[{k}] {ln['a']['article']}#{ln['a']['sentence']} ~ {ln['b']['article']}#{ln['b']['sentence']}"
                  f"  score {ln['score']:.2f}  why: {ln['why']}")
            print(f"  A: {sentence(ln['a'])}")
            print(f"  B: {sentence(ln['b'])}")
    if a.dated:
        dated = [ln for ln in differs if dates_of(ln["a"]) and dates_of(ln["b"])]
        print(f"\ndiffers links between dated sentences: {len(dated)}")
        for ln in dated:
            da = ", ".join(f"{d.get('text')}={d.get('value')}" for d in dates_of(ln["a"]))
            db = ", ".join(f"{d.get('text')}={d.get('value')}" for d in dates_of(ln["b"]))
            print(f"\n{ln['a']['article']}#{ln['a']['sentence']} [{da}] ~ "
                  f"{ln['b']['article']}#{ln['b']['sentence']} [{db}]  why: {ln['why']}")
            print(f"  A: {sentence(ln['a'])}")
            print(f"  B: {sentence(ln['b'])}")


if __name__ == "__main__":
    main()
