"""Quotes and speakers, and main actors, of a framelens output against BASIL's gold (issue 21's measures).

usage: score.py BASIL.jsonl OUTPUT_DIR [--misses N]

BASIL.jsonl is basil-dev.jsonl (id, text, main_entities, quoted_spans); OUTPUT_DIR a framelens output of the same
articles fed with only id, outlet, date, title, text, url (ingest, entities, quotes). Measures:
- quote recall: of the quoted spans whose speaker is named (not "other ..."), found by their text in the article
  (BASIL's offsets refer to its own sentence split), the share lying inside a framelens quote of any kind;
- speaker accuracy: of those spans, the share whose framelens quote's speaker (its entity's canonical name, or the
  speaker as written) contains the gold speaker's last word, case-insensitive (a span in no quote counts as wrong);
- main actors: the share of the annotators' main_entities found among the article's entities (canonical name or an
  alias equal to the gold name, case-insensitive, or a canonical name ending with the gold name's last word); all of
  them, and those written in Title Case that are not collective (a heuristic: every word capitalised).
Counts are printed with every share: about 150 spans have a named speaker, so one span moves a share by ~0.7 points.
"""
import argparse
import json
import re
from collections import defaultdict

import pyarrow.parquet as pq


def last_word(s):
    words = re.findall(r"[\w'’.-]+", s.lower())
    return words[-1].strip(".") if words else ""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("gold")
    p.add_argument("out")
    p.add_argument("--misses", type=int, default=0, help="print this many misses of each kind")
    a = p.parse_args()
    gold = [json.loads(l) for l in open(a.gold)]
    docs = {r["doc_id"]: r for r in pq.read_table(f"{a.out}/documents", columns=["doc_id", "text"]).to_pylist()}
    quotes = defaultdict(list)
    for q in pq.read_table(f"{a.out}/quotes").to_pylist():
        quotes[q["doc_id"]].append(q)
    names = {}
    for e in pq.read_table(f"{a.out}/entities", columns=["entity_id", "canonical_name", "aliases"]).to_pylist():
        names[e["entity_id"]] = e
    doc_entities = defaultdict(set)
    for m in pq.read_table(f"{a.out}/mentions", columns=["doc_id", "entity_id"]).to_pylist():
        if m["entity_id"]:
            doc_entities[m["doc_id"]].add(m["entity_id"])

    spans = found = inside = right = 0
    misses, wrong = [], []
    actors = actors_found = named = named_found = 0
    actor_misses = []
    for g in gold:
        d = docs.get(g["id"])
        if d is None:
            continue
        text = d["text"]
        for s in g.get("quoted_spans") or []:
            if s["speaker"].lower().startswith("other"):
                continue
            spans += 1
            at = text.find(s["text"])
            if at < 0:
                continue
            found += 1
            end = at + len(s["text"])
            q = next((q for q in quotes[g["id"]] if q["start"] <= at and end <= q["end"]), None)
            if q is None:
                misses.append((g["id"], s["speaker"], s["text"], text[max(0, at - 120):end + 60]))
                continue
            inside += 1
            speaker = (q["speaker"] or q["speaker_surface"] or "").lower()
            if last_word(s["speaker"]) and last_word(s["speaker"]) in speaker:
                right += 1
            else:
                wrong.append((g["id"], s["speaker"], q["speaker_surface"], q["speaker"], q["resolution"], q["kind"],
                              text[max(0, q["start"] - 100):q["end"] + 80]))
        ents = [names[e] for e in doc_entities[g["id"]]]
        for m in g.get("main_entities") or []:
            gname = m.strip()
            if not gname:
                continue
            lw = last_word(gname)
            hit = any(e["canonical_name"].lower() == gname.lower()
                      or any(x.lower() == gname.lower() for x in (e["aliases"] or []))
                      or (lw and e["canonical_name"].lower().endswith(lw)) for e in ents)
            actors += 1
            actors_found += hit
            title = all(w[:1].isupper() for w in gname.split())
            if title:
                named += 1
                named_found += hit
            if not hit:
                actor_misses.append((g["id"], gname))

    def share(x, n):
        return f"{x / n:.3f} ({x}/{n})" if n else "n/a"

    print(f"quoted spans with a named speaker: {spans}, found by their text in the article: {found}")
    print(f"quote recall (inside a framelens quote): {share(inside, found)}")
    print(f"speaker accuracy (last word of the gold speaker in framelens's): {share(right, found)}"
          f"; among spans inside a quote: {share(right, inside)}")
    print(f"main actors found: all {share(actors_found, actors)}; Title Case names {share(named_found, named)}")
    for m in misses[:a.misses]:
        print("MISS", m[0], "|", m[1], "|", m[2][:80], "|", m[3].replace("\n", " "))
    for w in wrong[:a.misses]:
        print("WRONG", w[0], "| gold:", w[1], "| got:", w[2], "/", w[3], w[4], w[5], "|", w[6].replace("\n", " "))
    for m in actor_misses[:a.misses]:
        print("ACTOR", m[0], "|", m[1])


if __name__ == "__main__":
    main()
