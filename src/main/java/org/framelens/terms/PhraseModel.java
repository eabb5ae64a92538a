package org.framelens.terms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.framelens.text.TextAnalyzer;

/**
 * Counts the terms of each document: its content unigrams and the phrases the {@link PhraseDetector} kept. The
 * output column is the document's bag of terms, array&lt;struct&lt;term, n, count&gt;&gt; sorted by term, so that
 * per-document counts need no shuffle. The phrase set travels to the executors as a broadcast variable.
 */
public final class PhraseModel extends Model<PhraseModel> implements MLWritable {
  static final String DEFAULT_OUTPUT = "terms";
  public static final StructType TERM = new StructType()
      .add("term", DataTypes.StringType, false)
      .add("n", DataTypes.IntegerType, false)
      .add("count", DataTypes.IntegerType, false);
  public static final ArrayType BAG = DataTypes.createArrayType(TERM, false);

  private final String uid;
  private final String[] phrases;
  private final long[] counts;
  private final double[] npmi;
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  // Same names as the detector's, so that fit() hands them over with copyValues and save() records them.
  private final IntParam maxN;
  private final StringArrayParam stopWords;
  private final BooleanParam keepNumbers;

  PhraseModel(String uid, String[] phrases, long[] counts, double[] npmi) {
    this.uid = uid;
    this.phrases = phrases;
    this.counts = counts;
    this.npmi = npmi;
    inputCol = new Param<>(this, "inputCol", "column of sentences: array<array<string>>");
    outputCol = new Param<>(this, "outputCol", "output bag of terms: array<struct<term,n,count>>");
    maxN = new IntParam(this, "maxN", "longest phrase in words", ParamValidators.inRange(1, 3));
    stopWords = new StringArrayParam(this, "stopWords", "tokens that are never terms");
    keepNumbers = new BooleanParam(this, "keepNumbers", "whether tokens without letters are terms");
    setDefault(inputCol, "sentences");
    setDefault(outputCol, DEFAULT_OUTPUT);
    setDefault(maxN, 3);
    setDefault(stopWords, new String[0]);
    setDefault(keepNumbers, false);
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public IntParam maxN() { return maxN; }
  public StringArrayParam stopWords() { return stopWords; }
  public BooleanParam keepNumbers() { return keepNumbers; }

  /** The phrases as a table (term, n, count, npmi), for the phrases output. */
  public Dataset<Row> phrases(SparkSession spark) {
    List<Row> rows = new ArrayList<>(phrases.length);
    for (int i = 0; i < phrases.length; i++) {
      rows.add(RowFactory.create(phrases[i], phrases[i].split(" ").length, counts[i], npmi[i]));
    }
    StructType schema = new StructType().add("term", DataTypes.StringType, false).add("n", DataTypes.IntegerType, false)
        .add("count", DataTypes.LongType, false).add("npmi", DataTypes.DoubleType, false);
    return spark.createDataFrame(rows, schema);
  }

  public int size() {
    return phrases.length;
  }

  @Override
  public String uid() {
    return uid;
  }

  static StructType checkAndAdd(StructType schema, String in, String out) {
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("input column '" + in + "' not found in " + schema.simpleString());
    }
    if (!schema.apply(in).dataType().sameType(TextAnalyzer.SENTENCES_TYPE)) {
      throw new IllegalArgumentException("input column '" + in + "' must be array<array<string>>, not "
          + schema.apply(in).dataType().simpleString());
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("output column '" + out + "' already exists");
    }
    return schema.add(new StructField(out, BAG, false, Metadata.empty()));
  }

  @Override
  public StructType transformSchema(StructType schema) {
    return checkAndAdd(schema, getOrDefault(inputCol), getOrDefault(outputCol));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    Broadcast<Phrases> known = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext())
        .broadcast(Phrases.of(phrases));
    ContentTokens content = new ContentTokens(new HashSet<>(Arrays.asList(getOrDefault(stopWords))),
        (Boolean) getOrDefault(keepNumbers));
    return dataset.withColumn(getOrDefault(outputCol),
        udf(new Count(known, (Integer) getOrDefault(maxN), content), BAG).asNonNullable().apply(col(getOrDefault(inputCol))));
  }

  @Override
  public PhraseModel copy(ParamMap extra) {
    PhraseModel m = new PhraseModel(uid, phrases, counts, npmi);
    return copyValues(m, extra).setParent(parent());
  }

  /** Saved as Spark ML models are: params as JSON under metadata/, the phrases as Parquet under data/. */
  @Override
  public MLWriter write() {
    return new MLWriter() {
      @Override
      public void saveImpl(String path) {
        DefaultParamsWriter$.MODULE$.saveMetadata(PhraseModel.this, path, sparkSession());
        phrases(sparkSession()).repartition(1).write().parquet(new org.apache.hadoop.fs.Path(path, "data").toString());
      }
    };
  }

  public static MLReader<PhraseModel> read() {
    return new MLReader<>() {
      @Override
      public PhraseModel load(String path) {
        DefaultParamsReader.Metadata metadata =
            DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(), PhraseModel.class.getName());
        List<Row> rows = sparkSession().read().parquet(new org.apache.hadoop.fs.Path(path, "data").toString())
            .orderBy(col("count").desc(), col("term").asc()).collectAsList();
        String[] terms = new String[rows.size()];
        long[] c = new long[rows.size()];
        double[] x = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
          terms[i] = rows.get(i).getAs("term");
          c[i] = rows.get(i).getAs("count");
          x[i] = rows.get(i).getAs("npmi");
        }
        PhraseModel model = new PhraseModel(metadata.uid(), terms, c, x);
        metadata.getAndSetParams(model, scala.Option.empty());
        return model;
      }
    };
  }

  public static PhraseModel load(String path) {
    return read().load(path);
  }

  /**
   * The kept phrases, and every phrase's proper prefixes in words ("state" and "state of" for "state of emergency"):
   * a longer n-gram can be a phrase only if it extends a prefix, so a document's n-grams are built and looked up only
   * as far as one is (on AllSides, building and looking up every n-gram from every content word took a tenth of the
   * terms stage: 210 s against 190 s; bench/README.md). The counts are those of looking every n-gram up.
   */
  record Phrases(Set<String> phrases, Set<String> prefixes) implements java.io.Serializable {
    static Phrases of(String[] phrases) {
      Set<String> prefixes = new HashSet<>();
      for (String p : phrases) {
        for (int at = p.indexOf(' '); at >= 0; at = p.indexOf(' ', at + 1)) {
          prefixes.add(p.substring(0, at));
        }
      }
      return new Phrases(new HashSet<>(Arrays.asList(phrases)), prefixes);
    }
  }

  private record Count(Broadcast<Phrases> phrases, int maxN, ContentTokens content)
      implements UDF1<scala.collection.Seq<scala.collection.Seq<String>>, List<Row>> {
    @Override
    public List<Row> call(scala.collection.Seq<scala.collection.Seq<String>> sentences) {
      Set<String> known = phrases.value().phrases();
      Set<String> prefixes = phrases.value().prefixes();
      Map<String, int[]> bag = new HashMap<>();
      for (scala.collection.Seq<String> s : scala.jdk.javaapi.CollectionConverters.asJava(sentences)) {
        List<String> tokens = scala.jdk.javaapi.CollectionConverters.asJava(s);
        for (int i = 0; i < tokens.size(); i++) {
          if (!content.isContent(tokens.get(i))) {
            continue;
          }
          bag.computeIfAbsent(tokens.get(i), k -> new int[1])[0]++;
          if (!prefixes.contains(tokens.get(i))) {
            continue;   // no phrase starts with this word
          }
          StringBuilder g = new StringBuilder(tokens.get(i));
          for (int len = 2; len <= maxN && i + len <= tokens.size(); len++) {
            g.append(' ').append(tokens.get(i + len - 1));
            String gram = g.toString();
            if (known.contains(gram)) {
              bag.computeIfAbsent(gram, k -> new int[1])[0]++;
            }
            if (len < maxN && !prefixes.contains(gram)) {
              break;   // no phrase extends this n-gram
            }
          }
        }
      }
      List<Row> out = new ArrayList<>(bag.size());
      new TreeMap<>(bag).forEach((term, c) -> out.add(RowFactory.create(term, words(term), c[0])));
      return out;
    }

    private static int words(String term) {
      int n = 1;
      for (int i = 0; i < term.length(); i++) {
        if (term.charAt(i) == ' ') {
          n++;
        }
      }
      return n;
    }
  }
}
