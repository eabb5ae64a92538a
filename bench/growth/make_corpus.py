#!/usr/bin/env python3
"""Builds one size of the growth benchmark's corpus from the AllSides shards (JSON Lines, gzip).

usage: make_corpus.py SIZE OUT_DIR SHARD...
  SIZE 1/8, 1/4 or 1/2: that share of the documents, chosen by a hash of each id, so that every smaller size is a
       subset of the larger ones and the choice does not depend on file order; the records are unchanged.
  SIZE 2, 4, ...: the corpus repeated SIZE times with new ids ("<id>~copy<c>") and the same outlets and other fields.
       Copy c of a document leaves out its own fifth of the document's sentences: the sentences are shuffled with a
       seed taken from the id, and copy c drops the c-th fifth of that order, so the copies of a document drop
       disjoint fifths and any two of them share about 3/5 of its sentences. That keeps them out of framelens's
       near-duplicate groups (5-word shingles, Jaccard >= 0.8) as well as its exact-duplicate check. A document with
       fewer than five sentences drops a fifth of its words instead, for the same reason.
One output file per input shard and copy (gzip, like the shards), so that Spark reads the corpus with the same number
of tasks per copy as the original. Titles, dates and URLs are kept: only the text varies.
"""
import gzip
import hashlib
import json
import os
import random
import re
import sys
from fractions import Fraction

# A sentence ends at . ! or ? (or one followed by a closing quote or bracket) before white space and a capital, digit
# or opening quote. Good enough to cut text into units to leave out; framelens never sees this split.
# Not after a title or an initial ("Mr. Smith", "J. Edgar", "U.S. Senate").
_NOT_AFTER = "".join(rf"(?<!\b{a}\.)" for a in ("Mr", "Mrs", "Ms", "Dr", "St", "Sen", "Rep", "Gov", "Gen", "Lt", "Jr",
                                                 "Sr", "Rev", "Prof", "No", "Vs", "vs")) + r"(?<!\b[A-Z]\.)"
SENTENCE_END = re.compile(r'(?:(?<=[.!?])|(?<=[.!?]["”’)\]]))' + _NOT_AFTER + r'\s+(?=["“‘(\[]?[A-Z0-9])')
LINE_BREAK = re.compile(r"(\s*\n\s*)")


def keep_share(doc_id, share):
    """True for about `share` of all ids, nested: an id kept at 1/8 is also kept at 1/4 and 1/2."""
    h = int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest(), "big")
    return Fraction(h % 1024, 1024) < share


def copy_text(doc_id, text, copy):
    """The text with copy `copy`'s fifth of its sentences (or, for short texts, words) left out."""
    # Lines (paragraphs) keep their own breaks, so that line-level cleaning sees the same lines in every copy.
    pieces = LINE_BREAK.split(text)
    paragraphs, breaks = pieces[0::2], pieces[1::2] + [""]
    units = [(pi, s) for pi, p in enumerate(paragraphs) for s in SENTENCE_END.split(p.strip()) if s.strip()]
    by_words = len(units) < 5
    if by_words:
        units = [(0, w) for w in text.split()]
    n = len(units)
    if n == 0:
        return text
    order = list(range(n))
    random.Random("growth:" + doc_id).shuffle(order)
    k = max(1, round(n / 5))
    dropped = {order[(copy * k + i) % n] for i in range(k)}
    if by_words:
        return " ".join(w for i, (_, w) in enumerate(units) if i not in dropped)
    kept = {}
    for i, (pi, s) in enumerate(units):
        if i not in dropped:
            kept.setdefault(pi, []).append(s)
    lines = sorted(kept)
    return "".join(" ".join(kept[pi]) + (breaks[pi] if pi != lines[-1] else "") for pi in lines)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    size, out_dir, shards = Fraction(argv[1]), argv[2], argv[3:]
    if size <= 0 or (size < 1 and size.numerator != 1) or (size > 1 and size.denominator != 1) or size == 1:
        sys.exit(f"make_corpus.py: SIZE must be 1/N or an integer above 1, not {argv[1]}")
    os.makedirs(out_dir, exist_ok=True)
    copies = int(size) if size > 1 else 1
    written = 0
    for si, shard in enumerate(sorted(shards)):
        outs = [gzip.open(os.path.join(out_dir, f"part-{si:02d}-{c}.jsonl.gz"), "wt", encoding="utf-8",
                          compresslevel=1) for c in range(copies)]
        with gzip.open(shard, "rt", encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                rec = json.loads(line)
                doc_id = str(rec.get("id"))
                if size < 1:
                    if keep_share(doc_id, size):
                        outs[0].write(line if line.endswith("\n") else line + "\n")
                        written += 1
                    continue
                for c, out in enumerate(outs):
                    copy = dict(rec)
                    copy["id"] = f"{doc_id}~copy{c}"
                    if isinstance(rec.get("text"), str):
                        copy["text"] = copy_text(doc_id, rec["text"], c)
                    out.write(json.dumps(copy, ensure_ascii=False) + "\n")
                    written += 1
        for out in outs:
            out.close()
    print(f"make_corpus.py: {written} records at size {argv[1]} in {out_dir}")


if __name__ == "__main__":
    main(sys.argv)
