package org.framelens.text;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: a text column to a column of sentences, each an array of normalised word tokens (see
 * {@link FramelensAnalyzer} and {@link Segmenter}). The analyzer is built once per executor JVM.
 */
public final class TextAnalyzer extends Transformer implements DefaultParamsWritable {

  public static final ArrayType SENTENCES_TYPE =
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.StringType, false), false);

  private final String uid;
  // Assigned after uid: a Param records its parent's uid when it is created.
  private final Param<String> inputCol;
  private final Param<String> outputCol;
  private final Param<String> stem;
  private final BooleanParam keepAccents;
  private final BooleanParam splitHyphens;
  private final StringArrayParam stopWords;

  public TextAnalyzer(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "text column to analyze");
    outputCol = new Param<>(this, "outputCol", "output column: array<array<string>>, one array per sentence");
    stem = new Param<>(this, "stem", "none, porter or minimal",
        ParamValidators.inArray(new String[] {"none", "porter", "minimal"}));
    keepAccents = new BooleanParam(this, "keepAccents", "keep accents instead of folding to ASCII");
    splitHyphens = new BooleanParam(this, "splitHyphens", "split hyphenated compounds");
    stopWords = new StringArrayParam(this, "stopWords", "words the stemmer leaves alone");
    setDefault(inputCol, "text");
    setDefault(outputCol, "sentences");
    setDefault(stem, "none");
    setDefault(keepAccents, false);
    setDefault(splitHyphens, false);
    setDefault(stopWords, new String[0]);
  }

  public TextAnalyzer() {
    this(Identifiable$.MODULE$.randomUID("textAnalyzer"));
  }

  /** A stage configured from the command-line settings. */
  public static TextAnalyzer of(AnalysisOptions o, Set<String> stopWords) {
    TextAnalyzer t = new TextAnalyzer();
    t.set(t.stem, o.stem.name());
    t.set(t.keepAccents, o.keepAccents);
    t.set(t.splitHyphens, o.splitHyphens);
    t.set(t.stopWords, stopWords.toArray(new String[0]));
    return t;
  }

  public Param<String> inputCol() { return inputCol; }
  public Param<String> outputCol() { return outputCol; }
  public Param<String> stem() { return stem; }
  public BooleanParam keepAccents() { return keepAccents; }
  public BooleanParam splitHyphens() { return splitHyphens; }
  public StringArrayParam stopWords() { return stopWords; }

  public TextAnalyzer setInputCol(String v) { set(inputCol, v); return this; }
  public TextAnalyzer setOutputCol(String v) { set(outputCol, v); return this; }

  @Override
  public String uid() {
    return uid;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getOrDefault(inputCol);
    String out = getOrDefault(outputCol);
    if (!Arrays.asList(schema.fieldNames()).contains(in)) {
      throw new IllegalArgumentException("TextAnalyzer: input column '" + in + "' not found in " + schema.simpleString());
    }
    if (!(schema.apply(in).dataType() instanceof StringType)) {
      throw new IllegalArgumentException("TextAnalyzer: input column '" + in + "' must be a string, not " + schema.apply(in).dataType().simpleString());
    }
    if (Arrays.asList(schema.fieldNames()).contains(out)) {
      throw new IllegalArgumentException("TextAnalyzer: output column '" + out + "' already exists");
    }
    return schema.add(new StructField(out, SENTENCES_TYPE, false, org.apache.spark.sql.types.Metadata.empty()));
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    UserDefinedFunction f = udf(analyzeFn(), SENTENCES_TYPE).asNonNullable();
    return dataset.withColumn(getOrDefault(outputCol), f.apply(col(getOrDefault(inputCol))));
  }

  public static final StructType COUNTS_TYPE = new StructType()
      .add("n_tokens", DataTypes.IntegerType, false).add("n_sentences", DataTypes.IntegerType, false);

  /**
   * A function of the text column that gives only the number of tokens and of sentences, with this stage's
   * settings: far cheaper than building the sentences when only their sizes are wanted.
   */
  public UserDefinedFunction countsUdf() {
    Analyze fn = analyzeFn();
    return udf((UDF1<String, Row>) text -> {
      List<List<String>> sentences = fn.call(text);
      int tokens = 0;
      for (List<String> s : sentences) {
        tokens += s.size();
      }
      return org.apache.spark.sql.RowFactory.create(tokens, sentences.size());
    }, COUNTS_TYPE).asNonNullable();
  }

  @Override
  public TextAnalyzer copy(ParamMap extra) {
    return (TextAnalyzer) defaultCopy(extra);
  }

  /** Spark ML's loaders (Pipeline.load among them) look for this static method. */
  public static org.apache.spark.ml.util.MLReader<TextAnalyzer> read() {
    return new DefaultParamsReader<>();
  }

  public static TextAnalyzer load(String path) {
    return read().load(path);
  }

  private Analyze analyzeFn() {
    return new Analyze(getOrDefault(stem), (Boolean) getOrDefault(keepAccents), (Boolean) getOrDefault(splitHyphens),
        new TreeSet<>(Arrays.asList(getOrDefault(stopWords))));
  }

  /** Serializable settings; the analyzer itself is looked up on the executor. */
  private record Analyze(String stem, boolean keepAccents, boolean splitHyphens, TreeSet<String> stopWords)
      implements UDF1<String, List<List<String>>> {
    @Override
    public List<List<String>> call(String text) {
      return Tokens.sentences(Tokens.analyzer(stem, keepAccents, splitHyphens, stopWords), text);
    }
  }
}
