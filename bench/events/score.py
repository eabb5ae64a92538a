"""Pairwise precision, recall and F1 of "same event" against BASIL's gold event ids.

usage: score.py GOLD.jsonl EVENT_DOCUMENTS_DIR [--label NAME]

GOLD.jsonl is basil-dev.jsonl (id, event_id). Every pair of gold articles is scored: a pair is predicted "same
event" when both articles are in one event of event_documents (an article in no event is in a pair with no one).
Documents of event_documents that are not gold articles (distractors) are not in the pairs; the script counts those
joined to an event holding a gold article.
"""
import argparse
import itertools
import json
import sys

import pyarrow.parquet as pq


def main():
    p = argparse.ArgumentParser()
    p.add_argument("gold")
    p.add_argument("event_documents")
    p.add_argument("--label", default="")
    a = p.parse_args()
    gold = {}
    with open(a.gold) as f:
        for line in f:
            r = json.loads(line)
            gold[r["id"]] = r["event_id"]
    t = pq.read_table(a.event_documents, columns=["event_id", "doc_id"]).to_pylist()
    pred = {r["doc_id"]: r["event_id"] for r in t}
    gold_events = {pred[d] for d in gold if d in pred}
    distractors = sum(1 for r in t if r["doc_id"] not in gold and r["event_id"] in gold_events)
    tp = fp = fn = 0
    for x, y in itertools.combinations(sorted(gold), 2):
        same_gold = gold[x] == gold[y]
        same_pred = x in pred and y in pred and pred[x] == pred[y]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = {"label": a.label, "pairs": len(gold) * (len(gold) - 1) // 2, "tp": tp, "fp": fp, "fn": fn,
           "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
           "distractors_joined": distractors}
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
