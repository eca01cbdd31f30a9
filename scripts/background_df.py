#!/usr/bin/env python3
"""Derive the background document frequencies of common English news words.

    background_df.py NEWS_DIR... > data/links/background.tsv

Each NEWS_DIR is a folder of news articles, one a file (.txt, or .md with
TOML front matter, which is skipped), in any sub-folders. The shipped list
is made from news that no link evaluation uses: the TempEval-3 training
documents of shared/eval/external (256 articles of 1989-2000), so the
word rarities are not learnt from the BBC set or the ECB+ stories that the
links are judged on (and not from CoNLL-2003, whose text may be used for
measurement only).
For each word written in lower case somewhere in the text (so names, which
are written capitalised, are left out), counts in how many articles it
occurs; words found in fewer than MIN_DF articles are left out too (rare
words need no entry: a word missing from the list counts as rare). Words are
split as the link stage splits them: at anything but a letter or digit,
apostrophes and hyphens split too; a possessive "'s" dropped. The output is a
comment header, `# documents N`, then `word<TAB>df` lines, most frequent first.

Standard library only (Python 3.11+).
"""
import collections
import pathlib
import re
import sys

MIN_DF = 3
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def words(text):
    for m in WORD.finditer(text):
        w = m.group()
        for suffix in ("'s", "’s"):
            if w.endswith(suffix):
                w = w[: -len(suffix)]
        for part in re.split(r"['’]", w):
            if len(part) >= 2:
                yield part


def main():
    files = []
    for arg in sys.argv[1:]:
        root = pathlib.Path(arg)
        files += sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".md") and p.name.upper() != "README.TXT")
    df = collections.Counter()
    lower_seen = set()
    for p in files:
        text = p.read_text(encoding="utf-8", errors="replace")
        if text.startswith("+++"):
            end = text.find("\n+++", 3)
            text = text[end + 4:] if end >= 0 else text
        seen = set()
        for w in words(text):
            lw = w.lower()
            if w == lw:
                lower_seen.add(lw)
            seen.add(lw)
        df.update(seen)
    rows = [(w, n) for w, n in df.items() if n >= MIN_DF and w in lower_seen]
    rows.sort(key=lambda r: (-r[1], r[0]))
    out = sys.stdout
    out.write("# Background document frequencies of common English news words.\n")
    out.write("# Used in: src/analysis/links/background.rs (word rarity in news at large).\n")
    out.write("# Matched: lower case, stemmed when loaded.\n")
    out.write(f"# Derived by scripts/background_df.py from {len(files)} news articles (TempEval-3 training\n")
    out.write("# documents, 1989-2000): per word, how many articles use it; only words\n")
    out.write(f"# written in lower case somewhere (no names) and found in {MIN_DF} articles or more.\n")
    out.write(f"# documents {len(files)}\n")
    for w, n in rows:
        out.write(f"{w}\t{n}\n")


if __name__ == "__main__":
    main()
