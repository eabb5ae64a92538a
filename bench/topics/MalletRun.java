import cc.mallet.topics.ParallelTopicModel;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.IDSorter;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * The peer of the topic benchmark: MALLET 2.0.8's ParallelTopicModel, set as the issue asks (2 threads, 1000
 * iterations, hyperparameters optimised every 10 after a burn-in of 200), on exactly the tokens framelens modelled
 * (tokens.tsv: doc_id TAB label TAB space-separated terms, exported by export_tokens.sql).
 *
 * usage: java -cp MALLET_CLASSPATH MalletRun.java tokens.tsv OUT_DIR K [iterations] [threads] [seed]
 * writes OUT_DIR/topic_terms.tsv (topic, rank, term) and OUT_DIR/doc_main_topic.tsv (doc_id, topic)
 */
public class MalletRun {
  public static void main(String[] args) throws Exception {
    Path tokens = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int k = Integer.parseInt(args[2]);
    int iterations = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int seed = args.length > 5 ? Integer.parseInt(args[5]) : 1;
    Files.createDirectories(out);

    Alphabet alphabet = new Alphabet();
    InstanceList instances = new InstanceList(alphabet, null);
    List<String> ids = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(tokens, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        String[] f = line.split("\t", 3);
        String[] words = f[2].isEmpty() ? new String[0] : f[2].split(" ");
        FeatureSequence fs = new FeatureSequence(alphabet, words.length);
        for (String w : words) {
          fs.add(w);
        }
        instances.add(new Instance(fs, f[1], f[0], null));
        ids.add(f[0]);
      }
    }
    long t0 = System.nanoTime();
    ParallelTopicModel model = new ParallelTopicModel(k, 5.0, 0.01);   // MALLET's defaults: alpha sum 5, beta 0.01
    model.setRandomSeed(seed);
    model.addInstances(instances);
    model.setNumThreads(threads);
    model.setNumIterations(iterations);
    model.setOptimizeInterval(10);
    model.setBurninPeriod(200);
    model.estimate();
    System.out.printf("mallet: %d documents, k=%d, %d iterations, estimate %.1f s, LL/token %.4f%n", ids.size(), k,
        iterations, (System.nanoTime() - t0) / 1e9, model.modelLogLikelihood() / model.totalTokens);

    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("topic_terms.tsv")))) {
      List<TreeSet<IDSorter>> sorted = model.getSortedWords();
      for (int t = 0; t < k; t++) {
        Iterator<IDSorter> it = sorted.get(t).iterator();
        for (int rank = 1; rank <= 30 && it.hasNext(); rank++) {
          w.printf("%d\t%d\t%s%n", t, rank, alphabet.lookupObject(it.next().getID()));
        }
      }
    }
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out.resolve("doc_main_topic.tsv")))) {
      for (int d = 0; d < ids.size(); d++) {
        double[] p = model.getTopicProbabilities(d);
        int best = 0;
        for (int t = 1; t < k; t++) {
          if (p[t] > p[best]) {
            best = t;
          }
        }
        w.printf("%s\t%d%n", ids.get(d), best);
      }
    }
  }
}
