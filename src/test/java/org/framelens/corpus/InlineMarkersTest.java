package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Links, addresses, handles and embed markers inside article lines: removed, recorded, countable; the expected texts
 * are written out by hand.
 */
class InlineMarkersTest {

  private static String cleaned(String text) {
    return (String) InlineMarkers.remove(text, Set.of()).get(0);
  }

  private static List<String> removed(String text) {
    @SuppressWarnings("unchecked")   // a Java list: the row is the UDF's, before Spark converts it
    List<Row> r = (List<Row>) InlineMarkers.remove(text, Set.of()).get(1);
    return r.stream().map(x -> x.getString(0) + ":" + x.getString(1)).toList();
  }

  /**
   * A text is matched only against the kinds whose needs it meets: each kind's forms must meet them (or they would be
   * missed), and prose without them must be read against the others alone.
   */
  @Test
  void aTextIsReadForTheKindsWhoseNeedsItMeets() {
    int at = 1;
    int link = 2;
    int clock = 4;
    int embedded = 8;
    Map<String, Integer> needs = new java.util.LinkedHashMap<>();
    needs.put("Write to tips@example.org now.", at | link);
    needs.put("See https://example.com now.", link);
    needs.put("See www.example.org now.", link);
    needs.put("From video.foxnews.com today.", link);
    needs.put("At usat.ly/2x today.", link);
    needs.put("Up at 8:30 a.m. ET today.", clock);
    needs.put("Up at 8pm ET today.", clock);
    needs.put("Up at 8\u00a0PM EST today.", clock);
    needs.put("An EmbedTweet here.", embedded);
    needs.put("Senators met at 8 to vote (LAUGHTER) in Washington, D.C. - again.", 0);
    needs.forEach((text, expected) -> assertEquals(expected, InlineMarkers.possible(text), text));
    // and what each needs is what the kind is found by
    assertEquals(List.of("url:video.foxnews.com"), removed("From video.foxnews.com today."));
    assertEquals(List.of("zone:ET"), removed("Up at 8pm ET today."));
    assertEquals(List.of("embed:embedtweet"), removed("An EmbedTweet here."));
  }

  @Test
  void eachKindIsRemovedFromInsideALineAndRecorded() {
    String line = "Guy Benson (@guypbenson) wrote that the vote was rigged https://t.co/AbC123. "
        + "Write to tips@example.org or see www.example.com/news/story?id=4, "
        + "pic.twitter.com/xYz9 embedtweet and the army denied it.";
    assertEquals("Guy Benson wrote that the vote was rigged . Write to or see , and the army denied it.", cleaned(line));
    assertEquals(List.of("handle:@guypbenson", "url:t.co", "email:example.org", "url:example.com", "url:pic.twitter.com",
        "embed:embedtweet"), removed(line));
  }

  @Test
  void anEmbeddedPostsSignatureGoesAndItsTextStays() {
    String tweet = "Sounds much more confident on tax reform today. #fwiw \u2014 Guy Benson (@guypbenson) November 30, 2017\n\n"
        + "That was the state of play.";
    assertEquals("Sounds much more confident on tax reform today. #fwiw\n\nThat was the state of play.", cleaned(tweet));
    assertEquals(List.of("signature:@guypbenson"), removed(tweet));
    // the post's link goes as a link, the signature as a signature
    String withLink = "She sent some, too.https://t.co/Xxd7sbM8wg -- Guy Benson (@guypbenson) July 24, 2016";
    assertEquals("She sent some, too.", cleaned(withLink));
    assertEquals(List.of("url:t.co", "signature:@guypbenson"), removed(withLink));
    // a handle in a sentence, with no signature's dash and date, is a handle
    assertEquals(List.of("handle:@guypbenson"), removed("Guy Benson \u2014 the writer (@guypbenson) \u2014 said so."));
  }

  /** The text once cleaned, then what was recorded, kind:text. */
  private static void cleansTo(String text, String expected, String... recorded) {
    assertEquals(expected, cleaned(text), text);
    assertEquals(List.of(recorded), removed(text), text);
  }

  @Test
  void aNameCardGoesAndTheNameAsShownStays() {
    cleansTo("It came as President Trump Donald John TrumpGOP senators balk at lengthy impeachment trial Warren goes "
        + "local in race to build 2020 movement MORE faces a deadline.", "It came as President Trump faces a deadline.",
        "card:donald john trump");
    // a nickname in brackets, a card with no headline, a surname with a capital inside
    cleansTo("Kudlow Lawrence (Larry) Alan KudlowMORE is warning.", "Kudlow is warning.", "card:lawrence (larry) alan kudlow");
    cleansTo("Leader Mitch McConnell Addison (Mitch) Mitchell McConnellTrump signs bill MORE (R-Ky.) said no.",
        "Leader Mitch McConnell (R-Ky.) said no.", "card:addison (mitch) mitchell mcconnell");
    // no MORE on the line: only the full name goes, and the card's headline is set apart
    cleansTo("Rep. Waters Maxine Moore WatersDivides over China.\n\nMORE news.", "Rep. Waters Divides over China.\n\nMORE news.",
        "card:maxine moore waters");
  }

  @Test
  void aHostOfThreeLabelsIsALinksResidue() {
    assertEquals("Watch the latest video at", cleaned("Watch the latest video at video.foxnews.com"));
    assertEquals(List.of("url:video.foxnews.com"), removed("Watch the latest video at video.foxnews.com"));
    assertEquals(List.of(), removed("It ran on foxnews.com and Breitbart.com first."), "a bare domain is prose");
  }

  @Test
  void aTranscriptsSpeakerLabelsAndStageDirectionsGoAndWhatIsSaidStays() {
    cleansTo("STEVE INSKEEP, HOST:\n\nIt's Morning Edition.\n\nINSKEEP: Welcome back. (LAUGHTER)\n\n"
        + "(SOUNDBITE OF ARCHIVED RECORDING)\n\nSEN. TED CRUZ (R-TX): We will not.",
        "It's Morning Edition.\n\nWelcome back.\n\nWe will not.",
        "label:STEVE INSKEEP, HOST", "label:INSKEEP", "direction:LAUGHTER", "direction:SOUNDBITE OF ARCHIVED RECORDING",
        "label:SEN. TED CRUZ (R-TX)");
    // a direction and the label after it, inside a line
    cleansTo("Not unique, by any stretch. [AUDIO PLAYBACK] ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH): Madame Speaker.",
        "Not unique, by any stretch. Madame Speaker.", "direction:AUDIO PLAYBACK",
        "label:ARCHIVED RECORDING (PRESIDENT GEORGE W. BUSH)");
    // a blog's updates and a wire's dateline
    cleansTo("UPDATE - Some Democrats balk.\n\nUPDATE II: More.\n\nWASHINGTON (Reuters) - The Senate voted.",
        "Some Democrats balk.\n\nMore.\n\nThe Senate voted.", "label:UPDATE", "label:UPDATE II", "label:WASHINGTON (Reuters)");
  }

  @Test
  void aClockTimeKeepsItsTimeAndLosesItsZone() {
    cleansTo("Update at 8:30 a.m. ET. The debate starts at 9 p.m. EST, or 6 pm PT.",
        "Update at 8:30 a.m. The debate starts at 9 p.m., or 6 pm.", "zone:ET", "zone:EST", "zone:PT");
    for (String kept : List.of("The ET and the EST filed.", "At 9 p.m. Etta said it.", "Team ET won 9 to 2.")) {
      assertEquals(kept, cleaned(kept), kept);
    }
  }

  @Test
  void capitalsInsideSentencesAreNotLabelsNorDirections() {
    for (String kept : List.of("The Congressional Budget Office (CBO) said so.", "Senator Mitch McConnell (R-KY) said no.",
        "Washington (AP) - The vote failed.", "He told NATO: no.", "The FBI - and the CIA - agreed.",
        "Update: the vote failed.", "NATO members met. The allies (NATO, EU) agreed.", "It was (SO) loud.")) {
      assertEquals(kept, cleaned(kept), kept);
      assertEquals(List.of(), removed(kept), kept);
    }
  }

  @Test
  void wordsThatLookAlikeStay() {
    for (String kept : List.of("The U.S./Mexico border and 9/11.", "He met Fox News at 4 p.m. in Washington.",
        "Foxnews.com reported it first.", "The rate is 1.5/10 and e.g. that.", "A price of $5 @ the store.",
        "Supporters of \"Run Warren Run\" -- MoveOn.org among them.", "New York New York is a song.",
        "Donald Trump Jr. met Trump Tower staff.", "Boston Red Sox Boston fans cheered.")) {
      assertEquals(kept, cleaned(kept), kept);
      assertEquals(List.of(), removed(kept), kept);
    }
  }

  @Test
  void keptKindsStayAndTheOthersGo() {
    Row r = InlineMarkers.remove("See https://example.com/a and @someone.", EnumSet.of(InlineMarkers.Kind.url));
    assertEquals("See https://example.com/a and .", r.getString(0));
    assertEquals(1, ((List<?>) r.get(1)).size());
  }

  @Test
  void ingestRemovesThemAndTheRemovedTextTableCountsThemPerOutlet() throws Exception {
    Path dir = TestSpark.tempDir("markers");
    Files.writeString(dir.resolve("c.jsonl"), String.join("\n",
        "{\"id\": \"a1\", \"outlet\": \"A\", \"text\": \"Protests grew, @policia said (pic.twitter.com/x1). More at https://a.com/1.\"}",
        "{\"id\": \"a2\", \"outlet\": \"A\", \"text\": \"Police fired gas. Follow @Policia and pic.twitter.com/x2 pic.twitter.com/x3\"}",
        "{\"id\": \"b1\", \"outlet\": \"B\", \"text\": \"Congress met, said Jen Psaki Jennifer Rene PsakiSenate passes "
            + "stopgap bill MORE today. Mail news@b.org.\"}", ""));
    Runs.Settings s = Runs.settings(dir.resolve("c.jsonl").toString(), dir.resolve("out").toString());
    Runs.ingestOnly(s);
    Map<String, String> texts = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/documents").toString()).collectAsList()
        .forEach(r -> texts.put(r.getAs("doc_id"), r.getAs("text")));
    assertEquals(Map.of("a1", "Protests grew, said . More at .", "a2", "Police fired gas. Follow and",
        "b1", "Congress met, said Jen Psaki today. Mail ."), texts);
    Map<String, String> rows = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).collectAsList()
        .forEach(r -> rows.put(r.getAs("outlet") + " " + r.getAs("kind") + " " + r.getAs("text"),
            r.getAs("documents") + "/" + r.getAs("occurrences")));
    assertEquals(Map.of("A handle @policia", "2/2", "A url pic.twitter.com", "2/3", "A url a.com", "1/1",
        "B email b.org", "1/1", "B card jennifer rene psaki", "1/1"), rows);
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/run_manifest.json").toFile());
    assertEquals(4, manifest.at("/counts/markers_removed/url").asLong());
    assertEquals(2, manifest.at("/counts/markers_removed/handle").asLong());
    assertEquals(1, manifest.at("/counts/markers_removed/email").asLong());
    assertEquals(1, manifest.at("/counts/markers_removed/card").asLong());

    s.ingest.keepMarkers = List.of(InlineMarkers.Kind.values());
    Runs.ingestOnly(s);
    assertEquals(0, TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).count(), "all kept");
    String b1 = TestSpark.get().read().parquet(dir.resolve("out/documents").toString()).filter("doc_id = 'b1'")
        .first().getAs("text");
    assertTrue(b1.contains("news@b.org") && b1.contains("Jen Psaki Jennifer Rene PsakiSenate"), b1);
  }
}
