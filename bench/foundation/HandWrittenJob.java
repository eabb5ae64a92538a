/*
 * The benchmark's peer: the term-statistics job a Spark user writes by hand with stock Spark ML, for less work than
 * framelens. Deliberately plain: default Spark settings (200 shuffle partitions, default memory fractions), stock
 * transformers, no tuning. The only additions over the bare minimum are the two cache() calls, because a user who
 * fits on a DataFrame and then transforms it again does that, and because without them the step times below would be
 * meaningless (Spark is lazy: everything would be charged to the first action).
 *
 * Run it as a single-file source program, no build needed (Java 11+):
 *   java <spark --add-opens list> -Xmx8g -cp "$(cat target/runtime-classpath.txt)" \
 *        bench/foundation/HandWrittenJob.java <input json path or glob> <output dir>
 *
 * Pipeline: read JSON -> RegexTokenizer(\W+, lower-case) -> StopWordsRemover(English) -> NGram(2) beside the
 * unigrams -> CountVectorizer(minDF 2, vocab 2^18) fit + transform -> IDF fit + transform -> Parquet:
 *   <output>/doc_terms     (id, outlet, term_index, term, count, tfidf), one row per non-zero term of a document
 *   <output>/outlet_terms  (outlet, term, count), counts summed per outlet
 *
 * It prints one "STEP <name> <seconds>" line per step and a "COUNTS" line; bench/foundation/run.sh parses them.
 */

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.feature.CountVectorizer;
import org.apache.spark.ml.feature.CountVectorizerModel;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.ml.feature.IDFModel;
import org.apache.spark.ml.feature.NGram;
import org.apache.spark.ml.feature.RegexTokenizer;
import org.apache.spark.ml.feature.StopWordsRemover;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;

public class HandWrittenJob {

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: HandWrittenJob <input json path or glob> <output dir>");
            System.exit(2);
        }
        String input = args[0];
        String output = args[1];

        // The JVM start to here is JVM boot plus the in-memory compile of this file (single-file launch): report it
        // so the reader can tell it apart from Spark's own work.
        step("jvm_start_and_compile",
                (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0);

        // The source launcher loads this class from memory, and the thread context class loader does not see it;
        // local-mode executors take that loader as their parent, so without this they cannot deserialise the lambda
        // below (ClassCastException: SerializedLambda -> scala.Function1).
        Thread.currentThread().setContextClassLoader(HandWrittenJob.class.getClassLoader());

        long t = System.nanoTime();
        SparkSession spark = SparkSession.builder()
                .appName("hand-written-peer")
                .master("local[*]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        t = step("spark_session", t);

        // Schema inference makes this a full pass over the input, so it is a real step, not a lazy no-op.
        Dataset<Row> docs = spark.read().json(input);
        t = step("read", t);

        RegexTokenizer tokenizer = new RegexTokenizer()
                .setInputCol("text").setOutputCol("tokens")
                .setPattern("\\W+").setToLowercase(true);
        StopWordsRemover stopWords = new StopWordsRemover()
                .setInputCol("tokens").setOutputCol("words");   // English defaults
        NGram bigrams = new NGram().setN(2).setInputCol("words").setOutputCol("bigrams");

        Dataset<Row> terms = bigrams.transform(stopWords.transform(tokenizer.transform(docs)))
                .withColumn("terms", concat(col("words"), col("bigrams")))
                .select(col("id"), col("outlet"), col("terms"), size(col("tokens")).as("n_tokens"))
                .cache();
        // One action materialises the cache and yields the counts for the docs/s and tokens/s figures.
        Row totals = terms.agg(org.apache.spark.sql.functions.count("*"), sum("n_tokens")).first();
        long documents = totals.getLong(0);
        long tokens = totals.isNullAt(1) ? 0L : totals.getLong(1);
        t = step("tokenize_ngrams", t);

        CountVectorizerModel cvModel = new CountVectorizer()
                .setInputCol("terms").setOutputCol("tf")
                .setMinDF(2).setVocabSize(1 << 18)
                .fit(terms);
        t = step("countvectorizer_fit", t);

        Dataset<Row> tf = cvModel.transform(terms);
        IDFModel idfModel = new IDF().setInputCol("tf").setOutputCol("tfidf").fit(tf);
        Dataset<Row> weighted = idfModel.transform(tf).select("id", "outlet", "tf", "tfidf").cache();
        weighted.count();
        terms.unpersist();
        t = step("transform_idf", t);

        // Explode the two parallel sparse vectors into rows; the vocabulary is broadcast so each row carries its term.
        Broadcast<String[]> vocab = spark.sparkContext().broadcast(cvModel.vocabulary(),
                scala.reflect.ClassTag$.MODULE$.apply(String[].class));
        StructType docTermSchema = new StructType()
                .add("id", DataTypes.StringType)
                .add("outlet", DataTypes.StringType)
                .add("term_index", DataTypes.IntegerType)
                .add("term", DataTypes.StringType)
                .add("count", DataTypes.LongType)
                .add("tfidf", DataTypes.DoubleType);
        FlatMapFunction<Row, Row> explode = row -> {
            SparseVector counts = ((org.apache.spark.ml.linalg.Vector) row.getAs("tf")).toSparse();
            SparseVector weights = ((org.apache.spark.ml.linalg.Vector) row.getAs("tfidf")).toSparse();
            String[] words = vocab.value();
            int[] idx = counts.indices();
            List<Row> out = new ArrayList<>(idx.length);
            for (int k = 0; k < idx.length; k++) {
                // IDF keeps the sparsity pattern of its input, so position k is the same term in both vectors.
                out.add(RowFactory.create(row.getAs("id"), row.getAs("outlet"), idx[k], words[idx[k]],
                        (long) counts.values()[k], weights.values()[k]));
            }
            return out.iterator();
        };
        Dataset<Row> docTerms = weighted.flatMap(explode, Encoders.row(docTermSchema));

        docTerms.write().mode("overwrite").parquet(output + "/doc_terms");
        t = step("write_doc_terms", t);

        docTerms.groupBy("outlet", "term").agg(sum("count").as("count"))
                .write().mode("overwrite").parquet(output + "/outlet_terms");
        t = step("write_outlet_terms", t);

        System.out.printf(Locale.ROOT, "COUNTS documents=%d tokens=%d vocabulary=%d heap_max_mb=%d%n",
                documents, tokens, cvModel.vocabulary().length, Runtime.getRuntime().maxMemory() >> 20);
        spark.stop();
    }

    /** Prints the time since {@code startNanos} as a STEP line and returns a fresh start time. */
    private static long step(String name, long startNanos) {
        step(name, (System.nanoTime() - startNanos) / 1e9);
        return System.nanoTime();
    }

    private static void step(String name, double seconds) {
        System.out.printf(Locale.ROOT, "STEP %s %.1f%n", name, seconds);
        System.out.flush();
    }
}
