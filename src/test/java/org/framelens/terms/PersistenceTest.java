package org.framelens.terms;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.framelens.TestSpark;
import org.framelens.text.AnalysisOptions;
import org.framelens.text.TextAnalyzer;
import org.junit.jupiter.api.Test;

/** The text and phrase stages compose into a Spark ML Pipeline that saves and loads like Spark's own models. */
class PersistenceTest {

  @Test
  void aFittedPipelineSavesLoadsAndCountsTheSame() throws Exception {
    StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
    Dataset<Row> docs = TestSpark.get().createDataFrame(List.of(
        RowFactory.create("a", "The state of emergency continues. A state of emergency again."),
        RowFactory.create("b", "Another state of emergency was declared in Lima."),
        RowFactory.create("c", "Protests in Lima grew.")), schema);
    Set<String> stop = Set.of("the", "of", "a", "was", "in");
    TermsOptions t = new TermsOptions();
    t.phraseMinCount = 3;
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
        TextAnalyzer.of(new AnalysisOptions(), stop), PhraseDetector.of(t, stop, false)});
    PipelineModel fitted = pipeline.fit(docs);

    Path dir = TestSpark.tempDir("ml-persist").resolve("model");
    fitted.write().save(dir.toString());
    assertTrue(Files.exists(dir.resolve("stages")), "Spark ML layout: metadata and stages");
    PipelineModel loaded = PipelineModel.load(dir.toString());

    PhraseModel phrases = (PhraseModel) loaded.stages()[1];
    assertEquals(List.of("state of emergency"),
        phrases.phrases(TestSpark.get()).select("term").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    List<Row> before = fitted.transform(docs).select("id", "terms").orderBy("id").collectAsList();
    List<Row> after = loaded.transform(docs).select("id", "terms").orderBy("id").collectAsList();
    assertEquals(before, after);
    // Document a: emergency, state and "state of emergency" twice each, continues and again once.
    Row a = after.get(0);
    assertTrue(a.getList(1).stream().anyMatch(r -> ((Row) r).getString(0).equals("state of emergency") && ((Row) r).getInt(2) == 2),
        a.toString());
    assertEquals(3, (int) phrases.getOrDefault(phrases.maxN()));
  }
}
