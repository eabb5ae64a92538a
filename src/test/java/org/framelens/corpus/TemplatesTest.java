package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * Page templates planted inside the article lines of hand-made outlets: removed where they stand apart, recorded,
 * counted; an outlet's own recurring phrase and a name used in sentences stay. Expected texts are written by hand.
 */
class TemplatesTest {
  private static final Set<String> STOP = Set.of("the", "a", "of", "and", "to", "in", "on", "at", "for", "this", "or");

  private static boolean standsApart(String line, String seq) {
    List<Templates.Word> w = Templates.words(line, STOP);
    int n = seq.split(" ").length;
    for (int i = 0; i + n <= w.size(); i++) {
      if (seq.equals(Templates.key(w, i, n))) {
        return Templates.fragment(w, i, n, false);
      }
    }
    throw new AssertionError("'" + seq + "' is not in '" + line + "'");
  }

  @Test
  void aSequenceStandsApartWhenBothItsEndsAreBounded() {
    assertTrue(standsApart("Enlarge this image toggle caption Jeff Mitchell/Getty Images", "Enlarge this image toggle caption"));
    assertFalse(standsApart("Enlarge this image toggle caption Jeff Mitchell/Getty Images", "Enlarge this image"));
    assertTrue(standsApart("The senator spoke. Advertisement Continue reading the main story The vote", "Advertisement Continue reading the main story"));
    assertFalse(standsApart("The senator spoke. Advertisement Continue reading", "Advertisement"),
        "a capitalised word before a capitalised word: a name, unless punctuation sets it apart");
    assertTrue(standsApart("The senator spoke. Advertisement. The vote", "Advertisement"));
    assertTrue(standsApart("Reuters Image caption John McCain's funeral", "Image caption"));
    assertTrue(standsApart("Storm damage. Hide Caption 3 of 14 Photos: Storm damage", "Hide Caption # of # Photos"));
    assertFalse(standsApart("Storm damage. Hide Caption 3 of 14 Photos: Storm damage", "Hide Caption # of #"));
    assertTrue(standsApart("WASHINGTON \u2014 The Senate voted.", "WASHINGTON"));
    // inside sentences
    assertFalse(standsApart("What the radical left wants is power.", "radical left"));
    assertFalse(standsApart("Radical left groups marched.", "Radical left"));
    // a name chain: capitalised neighbours bound only a sequence with a lower-case content word
    assertFalse(standsApart("Secretary of State John Kerry said", "of State John"));
    assertFalse(standsApart("But Mr Trump said", "But Mr"));
    // an abbreviation's dot ends no sentence
    assertFalse(standsApart("He met Donald J. Trump in May.", "Donald J"));
    assertFalse(standsApart("Officials met. The U.S. said no.", "The U.S"));
    assertFalse(standsApart("It rained. While Mr. Obama spoke, it rained.", "While Mr"));
    assertNull(Templates.key(Templates.words("He said it.", STOP), 0, 1), "too short to be a template");
    assertNull(Templates.key(Templates.words("Of the", STOP), 0, 2), "only stop words");
  }

  @Test
  void aNameLineAtAnEdgeIsABylineAndAHeadlineIsNot() {
    List<org.apache.spark.sql.Row> removed = new ArrayList<>();
    assertEquals("The vote failed.", Templates.withoutBylines("Doug Stanglin\n\nThe vote failed.", "Vote fails", STOP, removed));
    assertEquals("The vote failed.", Templates.withoutBylines("The vote failed.\n\nBy Bart Jansen and Kevin Johnson", null, STOP, removed));
    assertEquals(List.of("byline:Doug Stanglin", "byline:By Bart Jansen and Kevin Johnson"),
        removed.stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList());
    for (String kept : List.of("Croatia's Army On Alert As It Tries To Slow Border Crossings\n\nText.",
        "Vote Fails\n\nThe vote failed.", "Story highlights\n\nText.", "Text one.\n\nThe End.", "Only One Line")) {
      assertEquals(kept, Templates.withoutBylines(kept, "Vote Fails", STOP, new ArrayList<>()), kept);
    }
  }

  private static String removed(String text) {
    return (String) remove(text).get(0);
  }

  private static org.apache.spark.sql.Row remove(String text) {
    try {
      return Templates.remover(null, STOP, 10, 10, true, false, Set.of()).call("X", text, null,
          scala.jdk.javaapi.CollectionConverters.asScala(List.<org.apache.spark.sql.Row>of()).toSeq());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aPhotoCreditThatStandsApartGoesWithoutATemplate() {
    assertEquals("A family walks to the square.", removed("Chip Somodevilla/Getty Images Chip Somodevilla/Getty Images\n\n"
        + "A family walks to the square."));
    assertEquals("Troops enter Raqqa, October 17, 2017.", removed("Troops enter Raqqa, October 17, 2017. (Erik De Castro/Reuters)"));
    assertEquals("People light candles.", removed("People light candles. Christian Hartmann/Reuters /Landov"));
    @SuppressWarnings("unchecked")
    List<org.apache.spark.sql.Row> what = (List<org.apache.spark.sql.Row>) remove("Vigil. (Aaron P. Bernstein/Reuters)").get(1);
    assertEquals(List.of("credit:Aaron P Bernstein/Reuters"), what.stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList());
    // an agency after a slash behind a lower-case one (dpa), and a credit after a caption and a comma, in a list
    @SuppressWarnings("unchecked")
    List<org.apache.spark.sql.Row> list = (List<org.apache.spark.sql.Row>) remove("Photos: Health officials, "
        + "Sonja Wurtscheid/dpa/picture-alliance/Newscom; Haircut in Michigan, Jim West/ZUMA Press/Newscom.").get(1);
    assertEquals(List.of("credit:Sonja Wurtscheid/dpa/picture-alliance/Newscom", "credit:Jim West/ZUMA Press/Newscom"),
        list.stream().map(r -> r.getString(0) + ":" + r.getString(1)).toList());
    // a credit that opens a caption run into it
    assertEquals("Supporters of Bobi Wine gather.\n\nA guide closes the cell.", removed("Melanie Stetson Freeman/Staff "
        + "Supporters of Bobi Wine gather.\n\nMelanie Stetson Freeman/Staff/File A guide closes the cell."));
    // a slash inside a sentence, or between words that are not names, is not a credit
    for (String kept : List.of("The U.S./Mexico border is closed.", "Clinton/Kaine signs lined the road.",
        "He backed the Clinton/Kaine ticket.", "The rate is 1.5/10.", "Credit: Rainier Ehrhardt/Reuters: the vote",
        "In Ohio, Trump/Pence signs lined the road.", "Sales rose 10%/year, analysts said.",
        "Trump/Pence Signs lined the road.",
        "The latest polls by CNN, Quinnipiac University, National Journal/Heartland Monitor and NBC News/Wall Street Journal.")) {
      assertEquals(kept, removed(kept), kept);
    }
  }

  private static String removedWith(Map<String, Templates.Kind> templates, String text) {
    Map<Long, Templates.Kind> byHash = new java.util.HashMap<>();
    templates.forEach((seq, kind) -> byHash.put(Templates.sequenceHash(seq), kind));
    var sets = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(TestSpark.get().sparkContext())
        .broadcast(Map.of("X", byHash));
    try {
      return Templates.remover(sets, STOP, 10, 10, true, false, Set.of()).call("X", text, null,
          scala.jdk.javaapi.CollectionConverters.asScala(List.<org.apache.spark.sql.Row>of()).toSeq()).getString(0);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aCreditBetweenTwoTemplatesGoesThoughTheSentenceRunsOnAfterThem() {
    Map<String, Templates.Kind> captions = Map.of("Image copyright", Templates.Kind.F, "Image caption", Templates.Kind.F);
    // The credit ends where the next template starts: kept, it ran into the caption's first name ("William Hennessy
    // Maria Butina", one person to the tagger).
    assertEquals("Maria Butina addressed the judge on 26 April. She was sentenced.", removedWith(captions,
        "Image copyright William Hennessy Image caption Maria Butina addressed the judge on 26 April. She was sentenced."));
    assertEquals("Troops enter the city.", removedWith(captions, "Image copyright AFP/Getty Images Image caption Troops enter the city."));
  }

  @Test
  void whatADocumentRepeatsInATemplatesSlotGoesWithIt() {
    Map<String, Templates.Kind> gallery = Map.of("Photos", Templates.Kind.F, "Hide Caption # of # Photos", Templates.Kind.F,
        "Hide Caption # of #", Templates.Kind.F);
    assertEquals("\u2013 Protesters gather in Kiev. \u2013 Police stand guard. \u2013 A man waves a flag.", removedWith(gallery,
        "Photos: Crisis in Ukraine Crisis in Ukraine \u2013 Protesters gather in Kiev. Hide Caption 1 of 3 "
        + "Photos: Crisis in Ukraine Crisis in Ukraine \u2013 Police stand guard. Hide Caption 2 of 3 "
        + "Photos: Crisis in Ukraine Crisis in Ukraine \u2013 A man waves a flag. Hide Caption 3 of 3"));
    // the gallery's label and its title, each printed twice, go slot after slot
    assertEquals("Pope waves. \u2013 He waves again. \u2013 He leaves.", removedWith(Map.of("Hide Caption # of # Photos",
        Templates.Kind.F), "Pope waves. Hide Caption 1 of 3 Photos: Photos: Pope Benedict XVI Pope Benedict XVI \u2013 He waves "
        + "again. Hide Caption 2 of 3 Photos: Photos: Pope Benedict XVI Pope Benedict XVI \u2013 He leaves. Hide Caption 3 of 3 "
        + "Photos: Photos: Pope Benedict XVI Pope Benedict XVI"));
    // a capitalised label runs into the caption it opens
    assertEquals("People hold signs.\n\nA police officer walks.\n\nRescuers work.", removedWith(Map.of(),
        "Hide caption People hold signs.\n\nHide caption A police officer walks.\n\nHide caption Rescuers work."));
    String thanks = "Thank you.\n\nThe vote is close.\n\nThank you.\n\nIt passed.\n\nThank you.";
    assertEquals(thanks, removedWith(Map.of(), thanks), "a sentence a transcript repeats ends in punctuation");
    // a label in brackets takes no credit: the name before it is the person it labels
    assertEquals("Senate Minority Leader Chuck Schumer said no.", removedWith(Map.of("D-N.Y", Templates.Kind.F),
        "Senate Minority Leader Chuck Schumer (D-N.Y.) said no."));
    // twice is not a page's habit
    assertEquals("Crisis in Ukraine \u2013 Protesters gather. Crisis in Ukraine \u2013 Police stand guard.", removedWith(gallery,
        "Photos: Crisis in Ukraine \u2013 Protesters gather. Hide Caption 1 of 2 Photos: Crisis in Ukraine \u2013 Police stand guard."));
    // A transcript's labels open its lines in lower case; what the speakers say stays.
    String transcript = removedWith(Map.of(), "archived recording (donald trump) This is a great day.\n\nmichael barbaro\n\n"
        + "So what happened next?\n\narchived recording We are going to win.\n\nmichael barbaro\n\nAnd then?\n\n"
        + "archived recording (nancy pelosi) The president is wrong.\n\nmichael barbaro\n\nThat was it.");
    assertEquals("(donald trump) This is a great day.\n\nSo what happened next?\n\nWe are going to win.\n\nAnd then?\n\n"
        + "(nancy pelosi) The president is wrong.\n\nThat was it.", transcript);
    assertEquals("Just to clarify \u2014 (donald trump) You say so. More \u2014 (nancy pelosi) Yes. Then \u2014 (mitch mcconnell) No.",
        removedWith(Map.of(), "Just to clarify \u2014 archived recording (donald trump) You say so. More \u2014 archived recording "
            + "(nancy pelosi) Yes. Then \u2014 archived recording (mitch mcconnell) No."), "a label after a dash");
    // A speech's refrain opens its lines with a capital: a sentence, not a label.
    String speech = "I have a dream that one day this nation will rise up.\n\nI have a dream that one day on the red hills of "
        + "Georgia we will sit down together.\n\nI have a dream that my four little children will be judged by character.";
    assertEquals(speech, removedWith(Map.of(), speech));
    String wrapped = "the senator said\nthe vote would come.\nthe senator said\nit would not.\nthe senator said\nno more.";
    assertEquals(wrapped, removedWith(Map.of(), wrapped), "lines broken inside sentences");
  }

  @Test
  void aSentenceLeftGluedToTheNextGetsItsSpaceBack() {
    assertEquals("It was over, he said. The vote failed.", Cleaning.sentenceSpace("It was over, he said.The vote failed."));
    assertEquals("More: White House backs down", Cleaning.sentenceSpace("More:White House backs down"));
    for (String kept : List.of("The U.S.Army", "a Ph.D. in law", "at 9:40 p.m.", "he said. The", "e.g.Some", "iPhone.X")) {
      assertEquals(kept, Cleaning.sentenceSpace(kept), kept);
    }
  }

  /**
   * Outlet C: a caption template whose last words also stand alone in a third of its pages, and a donation pitch
   * inside the sentences of 15 of its 40 pages.
   */
  private static String docC(int d) {
    String[] t = TOPICS[d % TOPICS.length];
    String opener = d % 10 < 7 ? "Enlarge this image toggle caption " : "toggle caption ";
    String pitch = d % 8 < 3 ? " Support our nonprofit newsroom with a gift of any size today" : "";
    // The words around the pitch vary from page to page, as sentences do.
    return opener + List.of("Jeff Mitchell", "Alex Wong", "Evan Vucci", "Susan Walsh").get(d % 4) + " for AP\\n\\n"
        + "Officials said the " + t[d % 5] + " and the " + t[(d + 1) % 5] + " dominated day " + d + ". The " + t[(d + 2) % 5]
        + " office's " + List.of("spokeswoman", "press aide", "chief of staff").get(d % 3) + pitch + " "
        + List.of("called", "found", "declared", "ruled").get(d % 4) + " it urgent"
        + (d % 3 == 0 ? " Related: " + OPENERS.get(d % 15) + " " + t[(d + 3) % 5] : "") + "."
        + (d % 4 == 1 ? " Sen. Rob Portman (R-Ohio) agreed with the " + t[(d + 4) % 5] + " plan." : "");
  }

  @Test
  void aTemplateNestedInALongerOneIsFoundWhereItStandsAloneAndARecurringRunWhereverItIs() throws Exception {
    Path dir = TestSpark.tempDir("nested-templates");
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 40; d++) {
      lines.add("{\"id\": \"c" + d + "\", \"outlet\": \"C\", \"text\": \"" + docC(d) + "\"}");
    }
    Map<String, String> texts = ingested(dir, lines);
    assertEquals("Officials said the flood and the river dominated day 0. The rain office's spokeswoman called it urgent "
        + "Storm levee.", texts.get("c0"), "the pitch goes from inside the sentence, the label before its colon");
    assertEquals("Officials said the virus and the dose dominated day 8. The vaccine office's chief of staff called it urgent.",
        texts.get("c8"), "the short caption form goes too");
    assertEquals("Officials said the voters and the turnout dominated day 17. The precinct office's chief of staff found it urgent. "
        + "Sen. Rob Portman (R-Ohio) agreed with the ballots plan.", texts.get("c17"),
        "a party label in brackets is the article's, not a template");
    assertEquals("Officials said the flood and the river dominated day 5. The rain office's chief of staff found it urgent. "
        + "Sen. Rob Portman (R-Ohio) agreed with the evacuation plan.", texts.get("c5"),
        "a page without the pitch keeps its sentence whole");
    Map<String, String> rows = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).filter("kind = 'template'").collectAsList()
        .forEach(r -> rows.put(r.getAs("text"), r.getAs("documents") + "/" + r.getAs("occurrences")));
    assertEquals(Map.of("Enlarge this image toggle caption", "28/28", "toggle caption", "12/12", "Related", "14/14",
        "Support our nonprofit newsroom with a gift of any size today", "15/15"), rows);
  }

  private static final String[][] TOPICS = {
      {"flood", "river", "rain", "levee", "evacuation"}, {"budget", "deficit", "taxes", "spending", "treasury"},
      {"election", "ballots", "voters", "turnout", "precinct"}, {"vaccine", "clinic", "doctors", "virus", "dose"},
      {"border", "asylum", "migrants", "crossing", "patrol"}};

  private static final List<String> OPENERS = List.of("Storm", "Court", "Senate", "Market", "Police", "School", "Border",
      "Budget", "Vaccine", "Election", "Protest", "Harbor", "Bridge", "Factory", "Airport");
  private static final List<String> CLOSERS = List.of("Today", "Live", "Update", "Explained", "Recap", "Watch", "Latest",
      "Tonight", "Now", "Briefing", "Special", "Report", "Roundup", "Review", "Preview");

  /** Outlet A: 30 documents on five topics, each with A's page furniture and, in 20 of them, A's own phrase. */
  private static String docA(int d) {
    String[] t = TOPICS[d % TOPICS.length];
    String photographer = List.of("Jeff Mitchell", "Alex Wong", "Jung Yeon-Je", "Evan Vucci", "Susan Walsh",
        "Mark Wilson", "Andrew Harnik", "Win McNamee", "Chip Somodevilla", "Drew Angerer").get(d % 10);
    StringBuilder b = new StringBuilder();
    b.append("Enlarge this image toggle caption ").append(photographer).append("/AP\\n\\n");
    // The framing phrase's context varies with the topic, as an outlet's own sentences do.
    b.append("Officials said the ").append(t[0]).append(" and the ").append(t[1]).append(" ")
        .append(List.of("dominated the week", "led the news", "drew crowds", "took center stage", "made headlines").get(d % 5))
        .append(". ");
    if (d % 3 != 2) {
      b.append("Critics say the radical left wants more ").append(t[2]).append(" rules. ");
    }
    b.append("Advertisement Continue reading the main story ");
    // What follows the advertisement varies, as an article's next sentence does.
    String lead = List.of("On " + List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        .get(d % 7) + ", ", "Later, ", "").get(d % 3);
    b.append(lead).append(d % 2 == 0 ? "White House press secretary Jen Psaki" : lead.isEmpty() ? "Senators" : "senators")
        .append(" said the ").append(t[3])
        .append(" would follow.\\n\\n");
    // Paragraphs that open with the same words and run on as sentences: the outlet's reporting, not a template, though
    // they stand at a line's start with varying words after them as a caption's label does.
    b.append("The president ").append(List.of("has said", "was asked about", "spoke about", "did not mention", "met",
        "praised", "criticised", "visited", "avoided", "defended", "welcomed", "questioned", "toured", "funded", "blamed")
        .get(d % 15)).append(" the ").append(t[2])
        .append(".\\n\\nMeanwhile, the ").append(t[4]).append(" ").append(List.of("continued", "slowed", "grew").get(d % 3))
        .append(".\\n\\n");
    b.append("Local reports on the ").append(t[4]).append(" continued on day ").append(d).append(". ");
    b.append("Read or Share this story: ").append("\\n\\nThe ").append(t[1]).append(" debate goes on.");
    // A video block whose titles vary: set apart at one edge, with a slot of varying words on the other side.
    // A name opens a fifth of the titles: what follows a label in capitals may recur.
    String title = (d % 5 == 0 ? "Trump" : OPENERS.get(d % 15)) + " " + t[0] + " " + CLOSERS.get(d * 7 % 15);
    b.append("\\n\\nJUST WATCHED ").append(title).append(" Replay More Videos ... MUST WATCH ").append(title).append(" 05:35");
    // A credit line: the template, and the names it credits.
    b.append("\\n\\n").append(List.of("Maggie Haberman", "Ken Thomas", "Lisa Mascaro", "Zeke Miller", "Eli Stokols")
        .get(d % 5)).append(" contributed to this report.");
    return b.toString();
  }

  @Test
  void aWholeLineThatRecursInDifferentlyTitledDocumentsGoesWhateverTheOutletsSize() throws Exception {
    Path dir = TestSpark.tempDir("recurring-lines");
    List<String> lines = new ArrayList<>();
    // With --template-share 0.5 a sequence must stand apart in 15 of S's 30 documents (20 of U's 40): the pitch, in 12
    // of them, is found by the recurring-line rule alone.
    for (int d = 0; d < 30; d++) {
      String pitch = d < 12 ? "Get the latest on the storm and more, delivered daily at " + (6 + d % 3) + " a.m. to your inbox."
          + "\\n\\nSign up now\\n\\n" : "";
      lines.add("{\"id\": \"s" + d + "\", \"outlet\": \"S\", \"title\": \"S story " + d + "\", \"text\": \"Officials in district "
          + d + " said the " + TOPICS[d % 5][0] + " plan would move ahead.\\n\\n" + pitch + "The " + TOPICS[d % 5][1]
          + " vote is next week.\"}");
    }
    // U's twelve updates of one story (one title) share their first paragraph: it is the story's, and stays.
    for (int d = 0; d < 40; d++) {
      lines.add("{\"id\": \"u" + d + "\", \"outlet\": \"U\", \"title\": \"" + (d < 12 ? "Storm hits coast" : "U story " + d)
          + "\", \"text\": \"" + (d < 12 ? "The storm hit the coast on Monday and officials ordered an evacuation of the harbor."
          + "\\n\\nCrews were at work in district " + d + "." : "Officials in ward " + d + " said the " + TOPICS[d % 5][2]
          + " plan stalled.") + "\"}");
    }
    Map<String, String> texts = ingested(dir, lines, o -> o.templateShare = 0.5);
    assertEquals("Officials in district 0 said the flood plan would move ahead.\n\nSign up now\n\nThe river vote is next week.",
        texts.get("s0"), "the pitch goes whole; a line of three words stays");
    assertEquals("The storm hit the coast on Monday and officials ordered an evacuation of the harbor.\n\n"
        + "Crews were at work in district 3.", texts.get("u3"));
    Map<String, String> rows = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).filter("kind = 'template'").collectAsList()
        .forEach(r -> rows.put(r.getAs("outlet") + " " + r.getAs("text"), r.getAs("documents") + "/" + r.getAs("occurrences")));
    assertEquals(Map.of("S Get the latest on the storm and more delivered daily at # a.m to your inbox", "12/12"), rows,
        "digits vary, the line is one");
  }

  @Test
  void anOutletOfExactlyTheMinimumIsSearchedAndASmallerCorpusStillLosesRepeatedLines() throws Exception {
    // Ingest skips the searches when no outlet reaches a rule's minimum; the outlet that just reaches it is searched.
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      lines.add("{\"id\": \"t" + d + "\", \"outlet\": \"T\", \"title\": \"T story " + d + "\", \"text\": \"The "
          + TOPICS[d][0] + " plan moved ahead in district " + d + ".\\n\\nRead our full coverage of the storm season here."
          + "\\n\\nThe " + TOPICS[d][1] + " vote is next week.\\n\\nThe " + TOPICS[d][1] + " vote is next week.\"}");
    }
    Map<String, String> three = ingested(TestSpark.tempDir("minimum-3"), lines, o -> o.templateMinDocs = 3);
    assertEquals("The " + TOPICS[0][0] + " plan moved ahead in district 0.\n\nThe " + TOPICS[0][1] + " vote is next week.",
        three.get("t0"), "the recurring line goes, and so does the line the document repeats");
    Map<String, String> four = ingested(TestSpark.tempDir("minimum-4"), lines, o -> o.templateMinDocs = 4);
    assertEquals("The " + TOPICS[0][0] + " plan moved ahead in district 0.\n\nRead our full coverage of the storm season "
        + "here.\n\nThe " + TOPICS[0][1] + " vote is next week.", four.get("t0"),
        "below the minimum the line stays; the repeated line still goes");
  }

  @Test
  void aLinesKeyIsItsWordsWithoutPunctuationAndWithDigitsAsOne() {
    long h = Templates.lineHash("WITH YOUR SECOND CUP OF COFFEE...", 4);
    assertNotEquals(0, h);
    assertEquals(h, Templates.lineHash("  WITH YOUR  SECOND CUP OF COFFEE… ", 4), "spaces and an ellipsis aside");
    assertNotEquals(h, Templates.lineHash("With your second cup of coffee...", 4), "case kept");
    assertNotEquals(h, Templates.lineHash("WITH YOUR SECOND CUPOF COFFEE...", 4), "words apart");
    assertEquals(Templates.lineHash("Top 10 handguns in the U.S.", 4), Templates.lineHash("Top 2 handguns in the US", 4));
    assertEquals(0, Templates.lineHash("• • Read more — now", 4), "three words: tokens with no letter are none");
  }

  /** The texts of documents after ingest of these JSON lines into dir/out. */
  private static Map<String, String> ingested(Path dir, List<String> lines) throws Exception {
    return ingested(dir, lines, o -> { });
  }

  private static Map<String, String> ingested(Path dir, List<String> lines,
      java.util.function.Consumer<IngestOptions> options) throws Exception {
    Files.writeString(dir.resolve("c.jsonl"), String.join("\n", lines) + "\n");
    Runs.Settings settings = Runs.settings(dir.resolve("c.jsonl").toString(), dir.resolve("out").toString());
    options.accept(settings.ingest);
    Runs.ingestOnly(settings);
    Map<String, String> texts = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/documents").toString()).collectAsList()
        .forEach(r -> texts.put(r.getAs("doc_id"), r.getAs("text")));
    return texts;
  }

  @Test
  void aLabelInLowerCaseThatADocumentRepeatsWhereSentencesStartGoes() {
    // the speakers it opens go when they recur too (here twice: they stay), scare quotes never
    assertEquals("I'll yield to you. (elise stefanik) Thank you, Mr. Nunes. (elise stefanik) Ambassador, thank you. "
        + "The inquiry is over. 2 Bans on gatherings. We \"fake news\" said. The \"fake news\" ran. Their \"fake news\" too.",
        removedWith(Map.of(), "I'll yield to you. archived recording (elise stefanik) Thank you, Mr. Nunes. "
            + "archived recording (elise stefanik) Ambassador, thank you. archived recording The inquiry is over. "
            + "archived recording 2 Bans on gatherings. We \"fake news\" said. The \"fake news\" ran. Their \"fake news\" too."));
    // twice is not a label's pattern
    String twice = "It ended. archived recording The vote. archived recording The count.";
    assertEquals(twice, removedWith(Map.of(), twice));
  }

  @Test
  void aSlotHoldsVaryingWordsAndMayStartWithATitlesStopWord() throws Exception {
    Path dir = TestSpark.tempDir("slots");
    List<String> lines = new ArrayList<>();
    List<String> first = List.of("Senate", "Governors", "House", "Voters", "Judges", "Mayors", "Donors", "Critics",
        "Courts", "Unions", "Farmers", "Teachers", "Nurses", "Pilots", "Miners", "Bankers", "Sheriffs", "Regulators",
        "Tenants", "Landlords", "Students", "Veterans", "Retirees", "Doctors", "Lawyers", "Builders", "Truckers",
        "Scientists", "Pastors", "Coaches");
    for (int d = 0; d < 30; d++) {
      String topic = TOPICS[d % 5][0];
      // a headline's first word varies, and "The" opens a fifth of them
      String head = (d % 5 == 0 ? "The " + first.get(d).toLowerCase(java.util.Locale.ROOT) : first.get(d)) + " weigh " + topic;
      lines.add("{\"id\": \"p" + d + "\", \"outlet\": \"P\", \"text\": \"Lawmakers met on the " + topic + " again. | AP Photos "
          + head + "\\n\\nOfficials said the " + topic + " plan " + List.of("failed", "passed", "stalled").get(d % 3)
          + " on day " + d + ".\"}");
    }
    Map<String, String> texts = ingested(dir, lines);
    assertEquals("Lawmakers met on the flood again. | The senate weigh flood\n\nOfficials said the flood plan failed on day 0.",
        texts.get("p0"));
    assertEquals("Lawmakers met on the budget again. | Governors weigh budget\n\nOfficials said the budget plan passed on day 1.",
        texts.get("p1"));
  }

  @Test
  void ingestRemovesAnOutletsTemplatesAndKeepsItsOwnWords() throws Exception {
    Path dir = TestSpark.tempDir("templates");
    List<String> lines = new ArrayList<>();
    for (int d = 0; d < 30; d++) {
      lines.add("{\"id\": \"a" + d + "\", \"outlet\": \"A\", \"text\": \"" + docA(d) + "\"}");
    }
    // Outlet B writes "Advertisement" inside its sentences, and has no templates of its own.
    for (int d = 0; d < 12; d++) {
      lines.add("{\"id\": \"b" + d + "\", \"outlet\": \"B\", \"text\": \"" + (d == 0 ? "Doug Stanglin\\n\\n" : "") + "Advertisement spending on the "
          + TOPICS[d % 5][0] + " " + List.of("rose", "fell", "stalled", "doubled").get(d % 4) + ", the agency said. "
          + List.of("Readers", "Viewers", "Shoppers").get(d % 3) + " saw an advertisement for the " + TOPICS[d % 5][1] + ".\"}");
    }
    Map<String, String> texts = ingested(dir, lines);
    // The caption template takes the photo credit after it, the contributed-to line the reporter before it.
    assertEquals("Officials said the flood and the river dominated the week. "
        + "Critics say the radical left wants more rain rules. "
        + "On Monday, White House press secretary Jen Psaki said the levee would follow.\n\n"
        + "The president has said the rain.\n\nMeanwhile, the evacuation continued.\n\n"
        + "Local reports on the evacuation continued on day 0.\n\nThe river debate goes on.\n\n"
        + "Trump flood Today ... Trump flood Today 05:35", texts.get("a0"));
    assertEquals("Officials said the budget and the deficit led the news. "
        + "Critics say the radical left wants more taxes rules. "
        + "Later, senators said the spending would follow.\n\n"
        + "The president was asked about the taxes.\n\nMeanwhile, the treasury slowed.\n\n"
        + "Local reports on the treasury continued on day 1.\n\nThe deficit debate goes on.\n\n"
        + "Court budget Tonight ... Court budget Tonight 05:35", texts.get("a1"));
    assertEquals("Advertisement spending on the flood rose, the agency said. Readers saw an advertisement for the river.",
        texts.get("b0"));

    Map<String, String> rows = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).filter("kind = 'template'").collectAsList()
        .forEach(r -> rows.put(r.getAs("outlet") + " " + r.getAs("text"), r.getAs("documents") + "/" + r.getAs("occurrences")));
    assertEquals(Map.of("A Enlarge this image toggle caption", "30/30", "A Advertisement Continue reading the main story", "30/30",
        "A Read or Share this story", "30/30", "A JUST WATCHED", "30/30", "A Replay More Videos", "30/30",
        "A MUST WATCH", "30/30", "A contributed to this report", "30/30"), rows);
    Map<String, String> credits = new TreeMap<>();
    TestSpark.get().read().parquet(dir.resolve("out/removed_text").toString()).filter("kind = 'credit'").collectAsList()
        .forEach(r -> credits.put(r.getAs("text"), r.getAs("documents") + "/" + r.getAs("occurrences")));
    assertEquals("3/3", credits.get("Jeff Mitchell/AP"), credits.toString());
    assertEquals("6/6", credits.get("Maggie Haberman"), credits.toString());
    assertEquals(15, credits.size(), "ten photographers, five reporters: " + credits);
    var manifest = new ObjectMapper().readTree(dir.resolve("out/run_manifest.json").toFile());
    assertEquals(210, manifest.at("/counts/templates_removed").asLong());
    assertEquals(7, manifest.at("/counts/template_sequences").asLong());
    assertEquals(60, manifest.at("/counts/credits_removed").asLong());
    assertEquals(1, manifest.at("/counts/bylines_removed").asLong(), "b0's first line");

    // Kept on request: one sequence, or all of them.
    Runs.Settings keepOne = Runs.settings(dir.resolve("c.jsonl").toString(), dir.resolve("out2").toString());
    keepOne.ingest.keepTemplate = List.of("Advertisement Continue reading the main story");
    Runs.ingestOnly(keepOne);
    assertEquals(6, TestSpark.get().read().parquet(dir.resolve("out2/removed_text").toString())
        .filter("kind = 'template'").count());
  }
}
