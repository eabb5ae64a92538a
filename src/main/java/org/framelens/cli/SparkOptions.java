package org.framelens.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Where Spark runs. Under spark-submit the master and confs it was given win unless set here explicitly. */
public class SparkOptions {

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*], local[N], spark://host:7077, yarn, k8s://... (default: local[*], or what spark-submit set).")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Any Spark setting, repeatable (e.g. --conf spark.sql.shuffle.partitions=64).")
  Map<String, String> conf = new LinkedHashMap<>();

  /**
   * The Hadoop configuration the session will have (its spark.hadoop.* settings on Hadoop's defaults), built without
   * starting Spark, so that side files can be checked before the seconds a session takes to start.
   */
  org.apache.hadoop.conf.Configuration hadoop() {
    org.apache.hadoop.conf.Configuration c = new org.apache.hadoop.conf.Configuration();
    for (scala.Tuple2<String, String> kv : conf().getAll()) {
      if (kv._1().startsWith("spark.hadoop.")) {
        c.set(kv._1().substring("spark.hadoop.".length()), kv._2());
      }
    }
    return c;
  }

  SparkSession session() {
    return SparkSession.builder().config(conf()).getOrCreate();
  }

  private SparkConf conf() {
    SparkConf sc = new SparkConf(true);   // picks up spark-submit's spark.* system properties
    if (master != null) {
      sc.setMaster(master);
    } else if (!sc.contains("spark.master")) {
      sc.setMaster("local[*]");
    }
    sc.setIfMissing("spark.app.name", "framelens");
    if (sc.get("spark.master").startsWith("local")) {
      sc.setIfMissing("spark.ui.enabled", "false");   // a laptop run needs no web UI, nor its port
    }
    // AQE merges small shuffle partitions, so a generous default stays cheap on a laptop and scales on a cluster.
    sc.setIfMissing("spark.sql.shuffle.partitions", "64");
    sc.setIfMissing("spark.sql.adaptive.enabled", "true");
    conf.forEach(sc::set);
    return sc;
  }
}
