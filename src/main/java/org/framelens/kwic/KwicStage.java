package org.framelens.kwic;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.framelens.corpus.CorpusTables;
import org.framelens.output.OutputSpec;
import org.framelens.pipeline.RunContext;
import org.framelens.pipeline.Section;
import org.framelens.pipeline.Stage;
import org.framelens.pipeline.Validation;
import org.framelens.terms.TermTables;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.StopWords;

/**
 * `framelens kwic --save`: the concordance of the given terms as the kwic table. Never part of `framelens run` (it
 * needs terms to look for); a rerun of terms makes its table stale, as for any stage that reads doc_terms.
 */
public final class KwicStage implements Stage {
  private final KwicOptions options;

  public KwicStage(KwicOptions options) {
    this.options = options;
  }

  @Override
  public String name() {
    return "kwic";
  }

  @Override
  public List<OutputSpec> requires() {
    return List.of(CorpusTables.DOCUMENTS, TermTables.DOC_TERMS);
  }

  @Override
  public List<OutputSpec> provides() {
    return List.of(KwicTables.KWIC);
  }

  @Override
  public Map<String, Object> settings() {
    return Map.of("kwic", options);
  }

  @Override
  public void validate(Validation v) {
    check(options, v);
  }

  /** The options' ranges and the terms themselves, analyzed as the folder's doc_terms was. */
  static void check(KwicOptions o, Validation v) {
    v.require(!o.terms.isEmpty(), "--term", "(none)", "at least one term");
    v.require(o.window >= 0, "--window", o.window, "0 or more characters");
    v.require(o.limit >= 1, "--limit", o.limit, "at least 1 line");
    v.check("--term", () -> concordance(o, manifest(v.hadoop(), v.output()), v.hadoop()));
  }

  /** The folder's committed run manifest, read before Spark starts; null when it has none. */
  private static com.fasterxml.jackson.databind.JsonNode manifest(org.apache.hadoop.conf.Configuration hadoop, String output) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(output, org.framelens.output.OutputStore.MANIFEST);
    try {
      org.apache.hadoop.fs.FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) {
        return null;
      }
      try (java.io.InputStream in = fs.open(p)) {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
      }
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  public static Concordance concordance(KwicOptions o, com.fasterxml.jackson.databind.JsonNode manifest,
      org.apache.hadoop.conf.Configuration hadoop) {
    AnalysisOptions a = Kwic.analysis(manifest);
    return new Concordance(a, StopWords.load(a, hadoop), o.terms);
  }

  @Override
  public void run(RunContext ctx) {
    AnalysisOptions a = Kwic.analysis(ctx.manifest());
    Concordance c = new Concordance(a, StopWords.load(a, ctx.spark.sparkContext().hadoopConfiguration()), options.terms);
    long rows = ctx.out.write(KwicTables.KWIC,
        Kwic.lines(ctx.table(CorpusTables.DOCUMENTS), c, ctx.manifest(), options.outlet, options.groupBy, options.window));
    ctx.count("kwic_lines", rows);
    ctx.count("kwic_terms", c.given());
  }

  @Override
  public Optional<Section> report(RunContext ctx) {
    if (!ctx.has(KwicTables.KWIC)) {
      return Optional.empty();
    }
    var c = ctx.manifest().path("counts");
    String line = String.format(Locale.ROOT, "KWIC       %,d lines saved in kwic for %s%n",
        c.path("kwic_lines").asLong(), c.path("kwic_terms").toString());
    return Optional.of(new Section(line, "```\n" + line + "```\n"));
  }
}
