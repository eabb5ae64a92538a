/*
 * What tagging only where tags are read saves, measured so that the machine's drift cancels out: this VM's speed for
 * the same CoreNLP work moves by a fifth within an hour, more than the saving. The standard pipeline
 * (Nlp.properties()) and the stage's calls (Nlp.annotate) take turns over blocks of 20 documents in one thread, in the
 * order A B B A A B B A ..., over the same texts as CoreNlpAlone (every K-th non-duplicate document).
 *
 *   java <spark --add-opens list> -Xmx3g -XX:+UseParallelGC -cp target/classes:$(cat target/runtime-classpath.txt) \
 *        bench/entities/TaggingAB.java <framelens output folder> [K]
 *
 * Prints "TAGGING_AB docs=<n> tokens=<n> standard_seconds=<s> stage_seconds=<s>" (each over all the documents).
 */

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.framelens.entities.Nlp;

public class TaggingAB {
  static final int BLOCK = 20;

  public static void main(String[] args) {
    List<String> texts = new ArrayList<>();
    SparkSession spark = SparkSession.builder().master("local[1]").appName("tagging-ab-read")
        .config("spark.ui.enabled", "false").getOrCreate();
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

    StanfordCoreNLP standard = new StanfordCoreNLP(Nlp.properties());
    Nlp.annotate("Load the models.");
    long[] nanos = new long[2];
    long tokens = 0;
    for (int from = 0, block = 0; from < texts.size(); from += BLOCK, block++) {
      List<String> docs = texts.subList(from, Math.min(texts.size(), from + BLOCK));
      boolean standardFirst = block % 2 == 0;   // A B, then B A: each side goes first as often
      for (int turn = 0; turn < 2; turn++) {
        boolean useStandard = (turn == 0) == standardFirst;
        long t0 = System.nanoTime();
        for (String text : docs) {
          Annotation a;
          if (useStandard) {
            a = new Annotation(text);
            standard.annotate(a);
            tokens += a.get(CoreAnnotations.TokensAnnotation.class).size();
          } else {
            Nlp.annotate(text);
          }
        }
        nanos[useStandard ? 0 : 1] += System.nanoTime() - t0;
      }
    }
    System.out.printf(Locale.ROOT, "TAGGING_AB docs=%d tokens=%d standard_seconds=%.2f stage_seconds=%.2f%n",
        texts.size(), tokens, nanos[0] / 1e9, nanos[1] / 1e9);
  }
}
