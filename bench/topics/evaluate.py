#!/usr/bin/env python3
"""One evaluator for every method of the topic benchmark, independent of framelens's own diagnostics.

NPMI of each topic: mean over the 45 pairs of its 10 top terms of ln(p(a,b) / (p(a) p(b))) / -ln p(a,b), p the
share of documents of tokens.tsv containing the term(s); a pair never seen together counts -1. NMI: between each
document's main topic and its label, normalised by the arithmetic mean of the two entropies (scikit-learn's default).

usage: evaluate.py WORK_DIR    (reads WORK_DIR/tokens.tsv and WORK_DIR/results/<method>/{topic_terms,doc_main_topic}.tsv,
                                WORK_DIR/results/<method>/{wall_s,rss_mb} and prints the table)

A result folder named <method>-s<seed> is one seed's run; after the table of runs, each method's runs over its seeds:
the mean of the mean NPMI, of the minimum NPMI and of NMI, the median wall time and the largest peak RSS.
"""
import math
import os
import re
import statistics
import sys
from collections import Counter, defaultdict


def read_tokens(path):
    docs, labels = {}, {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            doc, label, words = line.rstrip("\n").split("\t", 2)
            docs[doc] = set(words.split()) if words else set()
            labels[doc] = label
    return docs, labels


def npmi_of(top, index, n):
    total, pairs = 0.0, 0
    for i in range(len(top)):
        for j in range(i):
            a, b = index.get(top[i], set()), index.get(top[j], set())
            both = len(a & b)
            if both == 0:
                total += -1
            elif both == n:
                total += 1
            else:
                pab = both / n
                total += math.log(pab / ((len(a) / n) * (len(b) / n))) / -math.log(pab)
            pairs += 1
    return total / pairs


def nmi(x, y):
    n = len(x)
    cx, cy, cxy = Counter(x), Counter(y), Counter(zip(x, y))
    hx = -sum(c / n * math.log(c / n) for c in cx.values())
    hy = -sum(c / n * math.log(c / n) for c in cy.values())
    mi = sum(c / n * math.log((c / n) / ((cx[a] / n) * (cy[b] / n))) for (a, b), c in cxy.items())
    return 0.0 if hx + hy == 0 else 2 * mi / (hx + hy)


def main(work):
    docs, labels = read_tokens(os.path.join(work, "tokens.tsv"))
    n = len(docs)
    results = os.path.join(work, "results")
    methods = sorted(os.listdir(results))
    tops = {}
    for m in methods:
        t = defaultdict(list)
        path = os.path.join(results, m, "topic_terms.tsv")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            for line in f:
                topic, rank, term = line.rstrip("\n").split("\t")
                if int(rank) <= 10:
                    t[int(topic)].append((int(rank), term))
        tops[m] = {k: [w for _, w in sorted(v)] for k, v in t.items()}
    wanted = {w for t in tops.values() for ws in t.values() for w in ws}
    index = defaultdict(set)
    for d, words in docs.items():
        for w in words & wanted:
            index[w].add(d)
    with_labels = len(set(labels.values())) > 1
    print(f"documents {n:,}, terms in tokens.tsv {sum(1 for _ in open(os.path.join(work, 'tokens.tsv'))):,} lines")
    head = f"{'run':<26}{'wall_s':>9}{'peak_rss_MB':>13}{'mean_NPMI':>11}{'min_NPMI':>10}"
    print(head + (f"{'NMI':>8}" if with_labels else ""))
    runs = defaultdict(list)   # method without its seed -> (wall, rss, mean NPMI, min NPMI, NMI) of each run
    for m in methods:
        def read(name):
            p = os.path.join(results, m, name)
            return open(p).read().strip() if os.path.exists(p) else "-"
        if m not in tops:
            print(f"{m:<26}{read('wall_s'):>9}{read('rss_mb'):>13}   failed: {read('status')}")
            continue
        scores = [npmi_of(ws, index, n) for ws in tops[m].values()]
        mean, low = sum(scores) / len(scores), min(scores)
        line = f"{m:<26}{read('wall_s'):>9}{read('rss_mb'):>13}{mean:>11.3f}{low:>10.3f}"
        score = None
        main_topic = {}
        mt = os.path.join(results, m, "doc_main_topic.tsv")
        if with_labels and os.path.exists(mt):
            with open(mt) as f:
                for l in f:
                    d, t = l.split()
                    main_topic[d] = t
            common = [d for d in docs if d in main_topic]
            score = nmi([main_topic[d] for d in common], [labels[d] for d in common])
            line += f"{score:>8.3f}"
        print(line)
        runs[re.sub(r"-s\d+$", "", m)].append((read("wall_s"), read("rss_mb"), mean, low, score))
    print()
    print(f"{'method (over seeds)':<26}{'runs':>5}{'median_wall_s':>15}{'max_rss_MB':>12}{'mean_NPMI':>11}{'min_NPMI':>10}"
          + (f"{'NMI':>8}" if with_labels else ""))
    for m, rs in sorted(runs.items()):
        walls = [float(r[0]) for r in rs if r[0] != "-"]
        rss = [int(r[1]) for r in rs if r[1] != "-"]
        line = (f"{m:<26}{len(rs):>5}{(statistics.median(walls) if walls else float('nan')):>15.1f}"
                f"{(max(rss) if rss else 0):>12}{statistics.mean(r[2] for r in rs):>11.3f}"
                f"{statistics.mean(r[3] for r in rs):>10.3f}")
        if with_labels and all(r[4] is not None for r in rs):
            line += f"{statistics.mean(r[4] for r in rs):>8.3f}"
        print(line)

if __name__ == "__main__":
    main(sys.argv[1])
