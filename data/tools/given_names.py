"""Builds data/lexicon/given_names.txt from open lists (run by hand).

Sources: the US Census 1990 first-name lists (public domain), as shipped in
the `names` package on PyPI (0.3.0, MIT); Faker's person providers
(`faker` on PyPI, MIT), Latin-script locales, Cyrillic locales transliterated.
"""
import importlib, os, sys, unicodedata
FK, NAMES, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, FK)
CYR = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye"))
CYR.update({"ё": "yo", "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
            "ю": "yu", "я": "ya", "ь": "", "ъ": "", "і": "i", "ї": "yi", "є": "ye", "ґ": "g"})
def translit(n):
    out = []
    for i, c in enumerate(n.lower()):
        if c == "е" and i == 0:
            out.append("ye")
        elif c in CYR:
            out.append(CYR[c])
        elif c.isascii():
            out.append(c)
        else:
            return None
    s = "".join(out)
    return s[:1].upper() + s[1:]
def fold(n):
    n2 = n.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return unicodedata.normalize("NFKD", n2).encode("ascii", "ignore").decode()
names = set()
base = os.path.join(FK, "faker/providers/person")
for loc in sorted(os.listdir(base)):
    if not os.path.isdir(os.path.join(base, loc)) or loc.startswith("_"):
        continue
    try:
        P = importlib.import_module("faker.providers.person." + loc).Provider
    except Exception:
        continue
    for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
        v = P.__dict__.get(attr)
        if v is None:
            for k in P.__mro__:
                if attr in k.__dict__:
                    v = k.__dict__[attr]; break
        if v is None or isinstance(v, property):
            continue
        if isinstance(v, dict):
            v = list(v.keys())
        for n in v:
            if not isinstance(n, str):
                continue
            if any("\u0400" <= c <= "\u04ff" for c in n):
                n = translit(n)
                if not n:
                    continue
            names.add(n)
for f in ("dist.male.first", "dist.female.first"):
    for line in open(os.path.join(NAMES, f)):
        w = line.split()[0]
        names.add(w[:1] + w[1:].lower())
out = set()
for n in names:
    for part in n.replace("'", "-").split("-"):
        part = part.strip()
        for p in {part, fold(part)}:
            if len(p) >= 3 and p.isalpha() and p[0].isupper() and p[1:].islower() and all(ord(c) < 0x250 for c in p):
                out.add(p)
with open(OUT, "w") as f:
    f.write("# Given names: a capitalised word from this list opening a run of\n"
            "# person-shaped words makes the run a person (\"Sandrine Testud\").\n"
            "# Used in: src/analysis/entities/evidence.rs, src/analysis/entities/chunk.rs\n"
            "# Matched: as written (a word in capitals is compared in title case)\n"
            "# Source: US Census 1990 first-name lists (public domain), from the `names`\n"
            "# package 0.3.0 on PyPI (MIT); Faker's person providers (`faker` 40.63.0 on\n"
            "# PyPI, MIT), Latin-script locales, Cyrillic ones transliterated; ASCII\n"
            "# foldings added (\"Jürgen\" -> \"Juergen\", \"Jurgen\"). Built by data/tools/given_names.py.\n")
    for n in sorted(out):
        f.write(n + "\n")
print(len(out))
