package org.framelens.terms;

import static org.apache.spark.sql.types.DataTypes.*;

import java.util.List;
import org.framelens.output.Column;
import org.framelens.output.TableSpec;

/**
 * The tables of the terms and distinctive stages. Bump a table's version whenever a column is added, removed, renamed or changes meaning;
 * docs/tables.md is generated from these specs (a test fails when they differ).
 */
public final class TermTables {
  private TermTables() {}

  public static final TableSpec PHRASES = new TableSpec("phrases", 1,
      "Collocations kept as terms: n-grams whose normalised PMI and count pass the thresholds.",
      List.of(
          new Column("term", StringType, false, "The phrase, words joined by single spaces."),
          new Column("n", IntegerType, false, "Words in the phrase: 2 or 3."),
          new Column("count", LongType, false, "Occurrences in the counted documents (within sentences)."),
          new Column("npmi", DoubleType, false,
              "Normalised PMI: ln(p(phrase) / prod p(word)) / ((n - 1) * -ln p(phrase)), p over token positions; 1 = the words only occur together.")));

  public static final TableSpec DOC_TERMS = new TableSpec("doc_terms", 1,
      "Term counts per document (unigrams and detected phrases), duplicates excluded.",
      List.of(
          new Column("doc_id", StringType, false, "Document."),
          new Column("outlet", StringType, false, "The document's outlet."),
          new Column("term", StringType, false, "Unigram, or a phrase of n words joined by single spaces (see the phrases table)."),
          new Column("n", IntegerType, false, "Words in the term: 1, 2 or 3."),
          new Column("count", IntegerType, false, "Occurrences in the document."),
          new Column("tf", DoubleType, false, "count / the document's unigram term count (stop words excluded)."),
          new Column("tfidf", DoubleType, false,
              "tf * ln((N + 1) / (df + 1)), N the number of counted documents, df the documents containing the term (Spark ML's IDF formula).")));

  public static final TableSpec OUTLET_TERMS = new TableSpec("outlet_terms", 1,
      "Term totals per outlet.",
      List.of(
          new Column("outlet", StringType, false, "Outlet."),
          new Column("term", StringType, false, "Term, as in doc_terms."),
          new Column("n", IntegerType, false, "Words in the term."),
          new Column("count", LongType, false, "Occurrences in the outlet's documents."),
          new Column("doc_freq", LongType, false, "The outlet's documents that contain the term."),
          new Column("rate_per_10k", DoubleType, false, "count per 10,000 unigram terms of the outlet (stop words excluded).")));

  public static final TableSpec DISTINCTIVE_TERMS = new TableSpec("distinctive_terms", 1,
      "Keyness of each term for each group against the other groups (or one named reference group).",
      List.of(
          new Column("group_by", StringType, false, "The document column that defines groups (outlet by default)."),
          new Column("target", StringType, false, "The group whose terms are scored (an outlet, or a value of the group_by column)."),
          new Column("reference", StringType, false, "`(all others)`, or the named group it is compared with."),
          new Column("term", StringType, false, "Term, as in doc_terms."),
          new Column("n", IntegerType, false, "Words in the term."),
          new Column("count", LongType, false, "Occurrences in the target group (only terms it uses at least once are listed)."),
          new Column("count_rest", LongType, false, "Occurrences in the reference."),
          new Column("log_odds", DoubleType, false,
              "Log-odds ratio, target against reference, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): positive = the target uses it more; 0 for a term that is all of the corpus's terms of its n."),
          new Column("z", DoubleType, false, "log_odds divided by its estimated standard deviation."),
          new Column("g2", DoubleType, false, "Dunning's log-likelihood G2 of the 2x2 table (term vs other terms of the same n, target vs reference)."),
          new Column("chi2", DoubleType, false, "Pearson's chi-squared of the same 2x2 table, without continuity correction."),
          new Column("rank", IntegerType, false, "1 = most distinctive for the group (largest z), over all n.")));
}
