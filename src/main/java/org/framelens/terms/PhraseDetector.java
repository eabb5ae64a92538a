package org.framelens.terms;

import static org.apache.spark.sql.functions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML estimator: finds collocations (2- and 3-word phrases such as "state of emergency", "vice president")
 * in a column of tokenized sentences and fits a {@link PhraseModel} that counts unigrams and those phrases.
 *
 * <p>A candidate n-gram lies inside one sentence and starts and ends with a content token (stop words may sit in
 * the middle). It is kept when it occurs at least minCount times and its normalised PMI reaches minNpmi:
 * npmi = ln(p(g) / prod p(w_i)) / ((n - 1) * -ln p(g)), probabilities over token positions. Spark ML has n-grams
 * but no collocation scoring, hence this stage; all counting is distributed and only the kept phrases (at most
 * maxPhrases) reach the driver, as CountVectorizer's vocabulary does.
 */
public final class PhraseDetector extends Estimator<PhraseModel> implements DefaultParamsWritable {
  private final String uid;
  private final Param<String> inputCol;
  private final IntParam maxN;
  private final IntParam minCount;
  private final DoubleParam minNpmi;
  private final IntParam maxPhrases;
  private final StringArrayParam stopWords;
  private final BooleanParam keepNumbers;

  public PhraseDetector(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "column of sentences: array<array<string>>");
    maxN = new IntParam(this, "maxN", "longest phrase in words (1 = no phrases)", ParamValidators.inRange(1, 3));
    minCount = new IntParam(this, "minCount", "minimum corpus count of a phrase", ParamValidators.gtEq(1));
    minNpmi = new DoubleParam(this, "minNpmi", "minimum normalised PMI of a phrase", ParamValidators.inRange(-1, 1));
    maxPhrases = new IntParam(this, "maxPhrases", "most phrases kept, most frequent first", ParamValidators.gtEq(0));
    stopWords = new StringArrayParam(this, "stopWords", "tokens that are never terms and cannot start or end a phrase");
    keepNumbers = new BooleanParam(this, "keepNumbers", "whether tokens without letters are terms");
    setDefault(inputCol, "sentences");
    setDefault(maxN, 3);
    setDefault(minCount, 3);
    setDefault(minNpmi, 0.35);
    setDefault(maxPhrases, 200_000);
    setDefault(stopWords, new String[0]);
    setDefault(keepNumbers, false);
  }

  public PhraseDetector() {
    this(Identifiable$.MODULE$.randomUID("phraseDetector"));
  }

  public static PhraseDetector of(TermsOptions t, java.util.Set<String> stop, boolean keepNumbers) {
    PhraseDetector d = new PhraseDetector();
    d.set(d.maxN, t.maxNgram);
    d.set(d.minCount, t.phraseMinCount);
    d.set(d.minNpmi, t.phraseMinNpmi);
    d.set(d.maxPhrases, t.maxPhrases);
    d.set(d.stopWords, stop.toArray(new String[0]));
    d.set(d.keepNumbers, keepNumbers);
    return d;
  }

  public Param<String> inputCol() { return inputCol; }
  public IntParam maxN() { return maxN; }
  public IntParam minCount() { return minCount; }
  public DoubleParam minNpmi() { return minNpmi; }
  public IntParam maxPhrases() { return maxPhrases; }
  public StringArrayParam stopWords() { return stopWords; }
  public BooleanParam keepNumbers() { return keepNumbers; }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return PhraseModel.checkAndAdd(schema, getOrDefault(inputCol), PhraseModel.DEFAULT_OUTPUT);
  }

  @Override
  public PhraseModel fit(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int n = (Integer) getOrDefault(maxN);
    ContentTokens content = new ContentTokens(new HashSet<>(Arrays.asList(getOrDefault(stopWords))),
        (Boolean) getOrDefault(keepNumbers));
    List<Row> kept = List.of();
    if (n >= 2) {
      // One pass over the text: each document's tokens and candidate n-grams, counted in the document first, then
      // summed over the corpus. The three uses below (unigram counts, their total, candidates) read that one
      // aggregation: their filters mention the count as well as the gram, so Spark cannot push them below the
      // aggregation and compute it three times, and the shared exchange is reused.
      Dataset<Row> grams = dataset.select(explode(udf(new Grams(n, content), GRAM_COUNTS).apply(col(getOrDefault(inputCol)))).as("x"))
          .groupBy(col("x.g").as("g")).agg(sum(col("x.c").cast("long")).as("c"));
      Column isUnigram = not(col("g").contains(" "));
      Dataset<Row> unigrams = grams.filter(when(col("c").gt(0), isUnigram).otherwise(false))
          .select(col("g").as("w"), col("c").as("c_w"));
      Dataset<Row> positions = unigrams.agg(sum("c_w").as("positions"));
      Dataset<Row> scored = grams
          .filter(when(col("c").geq((Integer) getOrDefault(minCount)), not(isUnigram)).otherwise(false))
          .select(col("g").as("term"), col("c").as("count"), posexplode(split(col("g"), " ")).as(new String[] {"i", "w"}))
          .join(unigrams, "w")
          .groupBy("term", "count").agg(sum(org.apache.spark.sql.functions.log(col("c_w"))).as("sum_ln_cw"), count(lit(1)).as("n"))
          .crossJoin(positions)
          .withColumn("npmi", expr("(ln(count) - sum_ln_cw + (n - 1) * ln(positions)) / ((n - 1) * (ln(positions) - ln(count)))"))
          .filter(col("npmi").geq((Double) getOrDefault(minNpmi)))
          .orderBy(col("count").desc(), col("term").asc())
          .limit((Integer) getOrDefault(maxPhrases));
      kept = scored.select(col("term"), col("n").cast("int"), col("count"), col("npmi")).collectAsList();
    }
    List<String> terms = new ArrayList<>();
    long[] counts = new long[kept.size()];
    double[] npmi = new double[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      terms.add(kept.get(i).getString(0));
      counts[i] = kept.get(i).getLong(2);
      npmi[i] = kept.get(i).getDouble(3);
    }
    return copyValues(new PhraseModel(uid, terms.toArray(new String[0]), counts, npmi), ParamMap.empty()).setParent(this);
  }

  @Override
  public PhraseDetector copy(ParamMap extra) {
    return (PhraseDetector) defaultCopy(extra);
  }

  /** Spark ML's loaders (Pipeline.load among them) look for this static method. */
  public static org.apache.spark.ml.util.MLReader<PhraseDetector> read() {
    return new DefaultParamsReader<>();
  }

  public static PhraseDetector load(String path) {
    return read().load(path);
  }

  private static final ArrayType GRAM_COUNTS = DataTypes.createArrayType(new StructType()
      .add("g", DataTypes.StringType, false).add("c", DataTypes.IntegerType, false), false);

  /** Counts of every token of one document and of its candidate n-grams (2..maxN), sentence by sentence. */
  private record Grams(int maxN, ContentTokens content)
      implements UDF1<scala.collection.Seq<scala.collection.Seq<String>>, List<Row>> {
    @Override
    public List<Row> call(scala.collection.Seq<scala.collection.Seq<String>> sentences) {
      java.util.Map<String, int[]> counts = new java.util.HashMap<>();
      for (scala.collection.Seq<String> s : scala.jdk.javaapi.CollectionConverters.asJava(sentences)) {
        add(scala.jdk.javaapi.CollectionConverters.asJava(s), counts);
      }
      List<Row> out = new ArrayList<>(counts.size());
      counts.forEach((g, c) -> out.add(org.apache.spark.sql.RowFactory.create(g, c[0])));
      return out;
    }

    private void add(List<String> tokens, java.util.Map<String, int[]> counts) {
      for (String t : tokens) {
        counts.computeIfAbsent(t, k -> new int[1])[0]++;
      }
      boolean[] isContent = new boolean[tokens.size()];
      for (int i = 0; i < tokens.size(); i++) {
        isContent[i] = content.isContent(tokens.get(i));
      }
      for (int i = 0; i < tokens.size(); i++) {
        if (!isContent[i]) {
          continue;
        }
        StringBuilder g = new StringBuilder(tokens.get(i));
        for (int len = 2; len <= maxN && i + len <= tokens.size(); len++) {
          g.append(' ').append(tokens.get(i + len - 1));
          if (isContent[i + len - 1]) {
            counts.computeIfAbsent(g.toString(), k -> new int[1])[0]++;
          }
        }
      }
    }
  }
}
