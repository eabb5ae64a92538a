"""Issue 18's entity criterion: how the cleaning changes each entity's mention count.

usage: python bench/cleaning/entities.py CLEANED UNCLEANED [N]

CLEANED and UNCLEANED are framelens output folders of the same input, both with `ingest` and `entities` run, the
second with every cleaning step off (see bench/cleaning/run.sh). Two views:
- all mentions, entity by entity, with the outlets' own names and the names in removed bylines, credits, labels and
  cards set apart, and the entities named in other removed page text (captions, galleries) too;
- the text that cleaning kept: a mention counts when the 30 characters either side of it (white space normalised)
  are found in the other run's text of the same document, so that what cleaning removed does not count and what is
  left is the tagger's and the resolver's reading of the same words.
N (default 20): the largest changes printed for each view.
"""
import collections
import re
import sys

import duckdb

WINDOW = 30


def main(cleaned, uncleaned, n):
    db = duckdb.connect()
    table = lambda run, t: f"read_parquet('{run}/{t}/*.parquet')"
    outlets = [o for (o,) in db.execute(f"select distinct outlet from {table(cleaned, 'documents')}").fetchall()]
    # The outlets' names for themselves: each name without its bracketed part, with and without "The" and "News",
    # and the hosts of its documents' links.
    own = set()
    for o in outlets:
        base = re.sub(r"\s*\(.*\)", "", o).strip().lower()
        own |= {base, base.removeprefix("the "), base.removesuffix(" news")}
    for (h,) in db.execute(f"select distinct lower(regexp_extract(url, '^[a-z]+://(?:www\\.)?([^/]+)', 1)) "
                           f"from {table(cleaned, 'documents')} where url is not null").fetchall():
        if h:
            own |= {h, h.split(".")[0]}
    removed = lambda kinds: [t.lower() for (t,) in db.execute(
        f"select distinct text from {table(cleaned, 'removed_text')} where kind {kinds}").fetchall()]
    credits = removed("in ('byline', 'credit', 'signature', 'label', 'card')")
    page = removed("not in ('byline', 'credit', 'signature', 'label', 'card')")

    def named_in(forms, texts):
        return any(re.search(r"\b" + re.escape(f) + r"\b", t) for f in forms if len(f) >= 4 for t in texts)

    rows = db.execute(f"""
        select coalesce(c.entity_id, u.entity_id), coalesce(c.canonical_name, u.canonical_name),
               coalesce(c.mentions, 0), coalesce(u.mentions, 0), coalesce(c.aliases, u.aliases)
        from {table(cleaned, 'entities')} c full outer join {table(uncleaned, 'entities')} u using (entity_id)""").fetchall()
    groups = collections.defaultdict(list)
    for eid, name, after, before, aliases in rows:
        forms = {name.lower()} | {a.lower() for a in aliases or []}
        group = ("own name" if forms & own else "byline, credit, label or card" if named_in({name.lower()}, credits)
                 else "in other removed page text" if named_in(forms, page) else "other")
        groups[group].append((eid, name, after, before))
    print("All mentions, cleaned against uncleaned:")
    for g in ("own name", "byline, credit, label or card", "in other removed page text", "other"):
        xs = groups[g]
        a, b = sum(x[2] for x in xs), sum(x[3] for x in xs)
        print(f"  {g:30s} entities {len(xs):6d}  mentions {b:8d} -> {a:8d} ({100 * (a - b) / max(b, 1):+.2f}%)")
    report(groups["other"], n, "other entities")

    texts = {r: dict(db.execute(f"select doc_id, text from {table(r, 'documents')}").fetchall()) for r in (cleaned, uncleaned)}
    flat = {r: {d: re.sub(r"\s+", " ", t or "") for d, t in ts.items()} for r, ts in texts.items()}
    kept = {}
    for run, other in ((cleaned, uncleaned), (uncleaned, cleaned)):
        counts = collections.Counter()
        for d, s, e, eid in db.execute(f"select doc_id, start, \"end\", entity_id from {table(run, 'mentions')} "
                                       "where entity_id is not null").fetchall():
            t = texts[run][d]
            if re.sub(r"\s+", " ", t[max(0, s - WINDOW):min(len(t), e + WINDOW)]) in flat[other].get(d, ""):
                counts[eid] += 1
        kept[run] = counts
    names = {eid: name for eid, name, _, _ in (x for xs in groups.values() for x in xs)}
    both = [(eid, names.get(eid, eid), kept[cleaned][eid], kept[uncleaned][eid])
            for eid in set(kept[cleaned]) | set(kept[uncleaned])]
    print(f"\nOn the text that cleaning kept: {sum(kept[uncleaned].values())} mentions uncleaned, "
          f"{sum(kept[cleaned].values())} cleaned")
    report(both, n, "entities")


def report(xs, n, what):
    changed = [x for x in xs if abs(x[2] - x[3]) >= 0.01 * x[3] and x[2] != x[3]]
    print(f"  {what} whose count changed by 1% or more: {len(changed)} of {len(xs)}")
    for least in (100, 20, 5):
        big = [x for x in xs if x[3] >= least]
        moved = [x for x in big if abs(x[2] - x[3]) >= 0.01 * x[3] and x[2] != x[3]]
        print(f"    with {least} or more mentions uncleaned: {len(moved)} of {len(big)}; net "
              f"{sum(x[2] - x[3] for x in big):+d} of {sum(x[3] for x in big)}")
    for eid, name, after, before in sorted(xs, key=lambda x: -abs(x[2] - x[3]))[:n]:
        print(f"    {name[:45]:45s} {before:6d} -> {after:6d}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 20)
