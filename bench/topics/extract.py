#!/usr/bin/env python3
"""Turns framelens's Parquet outputs into the plain files the benchmark's peer and evaluator read (DuckDB).

usage: extract.py tokens OUTPUT_DIR K TOKENS_TSV [--labels]
         the modelled tokens: doc_terms unigrams of the saved model's vocabulary (models/topics_k<K>), one line
         per document with at least one such term: doc_id TAB label (the outlet column, or '-') TAB terms
       extract.py results OUTPUT_DIR K DEST_DIR
         DEST_DIR/topic_terms.tsv (topic, rank, term) and doc_main_topic.tsv (doc_id, heaviest topic)
"""
import os
import sys

import duckdb


def tokens(out, k, dest, labels):
    con = duckdb.connect()
    label = "any_value(t.outlet)" if labels else "'-'"
    rows = con.execute(f"""
        select t.doc_id, {label}, string_agg(repeat(t.term || ' ', t.count), '' order by t.term)
        from read_parquet('{out}/doc_terms/*.parquet') t
        join read_parquet('{out}/models/topics_k{k}/vocabulary/*.parquet') v on v.term = t.term
        where t.n = 1
        group by t.doc_id order by t.doc_id""").fetchall()
    with open(dest, "w", encoding="utf-8") as f:
        for doc, lab, words in rows:
            f.write(f"{doc}\t{lab}\t{words.strip()}\n")
    print(f"{len(rows):,} documents, {sum(len(w.split()) for _, _, w in rows):,} tokens -> {dest}")


def results(out, k, dest):
    os.makedirs(dest, exist_ok=True)
    con = duckdb.connect()
    with open(os.path.join(dest, "topic_terms.tsv"), "w", encoding="utf-8") as f:
        for topic, rank, term in con.execute(f"""select topic, rank, term from read_parquet('{out}/topic_terms/*.parquet')
                                                 where k = {k} order by topic, rank""").fetchall():
            f.write(f"{topic}\t{rank}\t{term}\n")
    with open(os.path.join(dest, "doc_main_topic.tsv"), "w", encoding="utf-8") as f:
        for doc, topic in con.execute(f"""select doc_id, arg_max(topic, weight) from read_parquet('{out}/doc_topics/*.parquet')
                                          where k = {k} group by doc_id""").fetchall():
            f.write(f"{doc}\t{topic}\n")


if __name__ == "__main__":
    if sys.argv[1] == "tokens":
        tokens(sys.argv[2], int(sys.argv[3]), sys.argv[4], "--labels" in sys.argv)
    elif sys.argv[1] == "results":
        results(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(__doc__)
