/*
 * The ceiling of the entities benchmark: CoreNLP alone, in one thread, over the same texts the entities stage
 * annotates (the non-duplicate documents of a framelens output folder): the standard pipeline with the stage's
 * annotators and properties (org.framelens.entities.Nlp.properties()), what one would run by hand for the same labels.
 * Spark is used only to read the texts into memory before the clock starts.
 *
 *   java <spark --add-opens list> -Xmx4g -cp target/classes:$(cat target/runtime-classpath.txt) \
 *        bench/entities/CoreNlpAlone.java <framelens output folder> [K [T]] [--stage-tagging]
 *
 * With K, only every K-th document (in doc_id order) is annotated: a spread-out sample of a corpus too large to
 * annotate twice in the time at hand. With T, T threads share one pipeline (as an executor's tasks do) and take the
 * documents from one queue: how much more than one thread this machine's cores give CoreNLP, whatever Spark does.
 * With --stage-tagging (after the other arguments), the texts go through Nlp.annotate instead, the stage's own way
 * of calling CoreNLP (the same labels, part-of-speech tags only where they are read): Spark's cost alone.
 * With --interleave, what that way saves, measured so that the machine's drift cancels out (this VM's speed for the
 * same work moves by a third within an hour, more than the saving): the standard pipeline and Nlp.annotate take
 * turns over blocks of 20 documents in one thread (A B B A A B B A ...). Prints
 * "TAGGING_AB docs=<n> tokens=<n> standard_seconds=<s> stage_seconds=<s>" instead.
 *
 * Prints "CORENLP docs=<n> tokens=<n> seconds=<s> load_seconds=<s> threads=<n>"; run.sh parses it.
 */

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.entities.Nlp;

public class CoreNlpAlone {
  public static void main(String[] args) throws InterruptedException {
    List<String> texts = new ArrayList<>();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("corenlp-alone-read")
        .config("spark.ui.enabled", "false").getOrCreate();
    boolean stageTagging = List.of(args).contains("--stage-tagging");
    boolean interleave = List.of(args).contains("--interleave");
    args = java.util.Arrays.stream(args).filter(a -> !a.startsWith("--")).toArray(String[]::new);
    int every = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Iterator<Row> it = spark.read().parquet(args[0] + "/documents").filter("duplicate_of is null")
        .orderBy("doc_id").select("text").toLocalIterator();
    for (long i = 0; it.hasNext(); i++) {
      String text = it.next().getString(0);
      if (i % every == 0) {
        texts.add(text);
      }
    }
    spark.stop();
    if (interleave) {
      interleaved(texts);
      return;
    }

    long t0 = System.nanoTime();
    StanfordCoreNLP standard = stageTagging ? null : new StanfordCoreNLP(Nlp.properties());
    if (stageTagging) {
      Nlp.annotate("Load the models.");
    }
    double load = (System.nanoTime() - t0) / 1e9;
    int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
        Annotation a = annotate(standard, texts.get(i));
        tokens.addAndGet(a.get(CoreAnnotations.TokensAnnotation.class).size());
      }
    };
    long t1 = System.nanoTime();
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(worker, "corenlp-" + t);
      th.start();
      pool.add(th);
    }
    for (Thread th : pool) {
      th.join();
    }
    double seconds = (System.nanoTime() - t1) / 1e9;
    System.out.printf(java.util.Locale.ROOT, "CORENLP docs=%d tokens=%d seconds=%.2f load_seconds=%.2f threads=%d%n",
        texts.size(), tokens.get(), seconds, load, threads);
  }

  /** With the standard pipeline, or as the stage calls CoreNLP when there is none. */
  private static Annotation annotate(StanfordCoreNLP standard, String text) {
    if (standard == null) {
      return Nlp.annotate(text);
    }
    Annotation a = new Annotation(text);
    standard.annotate(a);
    return a;
  }

  private static void interleaved(List<String> texts) {
    int block = 20;
    StanfordCoreNLP standard = new StanfordCoreNLP(Nlp.properties());
    Nlp.annotate("Load the models.");
    long[] nanos = new long[2];
    long tokens = 0;
    for (int from = 0, turnOrder = 0; from < texts.size(); from += block, turnOrder++) {
      List<String> docs = texts.subList(from, Math.min(texts.size(), from + block));
      boolean standardFirst = turnOrder % 2 == 0;   // A B, then B A: each side goes first as often
      for (int turn = 0; turn < 2; turn++) {
        boolean useStandard = (turn == 0) == standardFirst;
        long t0 = System.nanoTime();
        for (String text : docs) {
          Annotation a = annotate(useStandard ? standard : null, text);
          if (useStandard) {
            tokens += a.get(CoreAnnotations.TokensAnnotation.class).size();
          }
        }
        nanos[useStandard ? 0 : 1] += System.nanoTime() - t0;
      }
    }
    System.out.printf(java.util.Locale.ROOT, "TAGGING_AB docs=%d tokens=%d standard_seconds=%.2f stage_seconds=%.2f%n",
        texts.size(), tokens, nanos[0] / 1e9, nanos[1] / 1e9);
  }
}
