package org.framelens.corpus;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.framelens.Runs;
import org.framelens.TestSpark;
import org.junit.jupiter.api.Test;

/** An outlet's names for itself: their forms, the masking of its own documents' terms, and only its own. */
class SelfReferencesTest {

  @Test
  void namesLoseTheirQualifiersAndDomainsTheirHosts() {
    assertEquals(List.of("CNN"), SelfReferences.nameForms("CNN (Web News)"));
    assertEquals(List.of("Fox Online News", "Fox News", "Fox"), SelfReferences.nameForms("Fox Online News"));
    assertEquals(List.of("New York Times", "The Times"), SelfReferences.nameForms("New York Times - News"));
    assertEquals(List.of("Christian Science Monitor", "The Monitor"), SelfReferences.nameForms("Christian Science Monitor"));
    assertEquals(List.of("USA TODAY"), SelfReferences.nameForms("USA TODAY"), "a name in capitals has no short form");
    assertEquals(List.of("The Hill"), SelfReferences.nameForms("The Hill"));
    assertEquals(List.of("The News"), SelfReferences.nameForms("The News"), "never a bare 'The'");
    assertEquals(List.of(), SelfReferences.nameForms("(unknown)"));
    assertEquals("bbc.co.uk", SelfReferences.domain("news.bbc.co.uk"));
    assertEquals("foxnews.com", SelfReferences.domain("www.foxnews.com"));
    assertNull(SelfReferences.domain("localhost"));
    assertEquals(List.of("Fox Online News", "foxnews.com", "Fox News", "foxnews", "Fox"),
        SelfReferences.forms(List.of("Fox Online News"), List.of("www.foxnews.com")));
    assertEquals(List.of("medium.com", "Salon"), SelfReferences.forms(List.of("Salon"), List.of("medium.com")),
        "a host's label only when it is the name run together");
  }

  private static final String DOCS = String.join("\n",
      "{\"id\": \"f1\", \"outlet\": \"Fox Online News\", \"url\": \"https://www.foxnews.com/politics/a\", \"text\": \"The senator told Fox News that the budget failed. Read more at foxnews.com today. FOX NEWS ALERT: the fox escaped.\"}",
      "{\"id\": \"f2\", \"outlet\": \"Fox Online News\", \"url\": \"https://www.foxnews.com/politics/b\", \"text\": \"The budget vote, Fox News has learned, failed again on Capitol Hill.\"}",
      "{\"id\": \"h1\", \"outlet\": \"The Hill\", \"url\": \"https://thehill.com/x\", \"text\": \"Lawmakers on Capitol Hill told The Hill the budget failed, Fox News reported.\"}",
      "");

  @Test
  void anOutletsOwnNamesAreNotTermsOfItsDocumentsButOthersNamesAre() throws Exception {
    Path dir = TestSpark.tempDir("selfref");
    Files.writeString(dir.resolve("c.jsonl"), DOCS);
    Runs.Settings s = Runs.settings(dir.resolve("c.jsonl").toString(), dir.resolve("out").toString());
    Runs.ingestAndTerms(s);
    Map<String, Set<String>> terms = new java.util.TreeMap<>();
    for (Row r : TestSpark.get().read().parquet(dir.resolve("out/doc_terms").toString()).collectAsList()) {
      terms.computeIfAbsent(r.getAs("doc_id"), k -> new TreeSet<>()).add(r.getAs("term"));
    }
    for (String d : List.of("f1", "f2")) {
      for (String t : terms.get(d)) {
        assertFalse(t.contains("news") || t.contains("told fox") || t.contains("foxnews"), d + ": " + t);
      }
    }
    assertFalse(terms.get("f2").contains("fox"), terms.get("f2").toString());
    assertTrue(terms.get("f1").containsAll(List.of("fox", "escaped", "senator", "budget")),
        "the words around a self-reference stay, and the animal: " + terms.get("f1"));
    assertFalse(terms.get("f1").contains("told"), "told Fox News is the outlet's credit: " + terms.get("f1"));
    assertFalse(terms.get("h1").contains("told"), "told The Hill, in The Hill: " + terms.get("h1"));
    assertTrue(terms.get("f2").contains("capitol") || terms.get("f2").contains("hill"), terms.get("f2").toString());
    // The Hill names Fox News: not its own name, a term of its document; its own name is masked, Capitol Hill is not.
    assertTrue(terms.get("h1").contains("fox"), terms.get("h1").toString());
    assertTrue(terms.get("h1").contains("hill"), "Capitol Hill stays: " + terms.get("h1"));
    assertEquals(1, terms.get("h1").stream().filter(t -> t.equals("hill")).count());
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("out/run_manifest.json").toFile());
    assertEquals(5, manifest.at("/counts/self_references_masked").asLong());
    assertEquals(4, manifest.at("/counts/self_references_by_outlet/Fox Online News").asLong());
    // The text keeps them, for concordances.
    assertTrue(TestSpark.get().read().parquet(dir.resolve("out/documents").toString()).filter("doc_id = 'f1'")
        .first().<String>getAs("text").contains("told Fox News"));

    Runs.Settings keep = Runs.settings(dir.resolve("c.jsonl").toString(), dir.resolve("kept").toString());
    keep.analysis.keepSelfReferences = true;
    Runs.ingestAndTerms(keep);
    assertTrue(TestSpark.get().read().parquet(dir.resolve("kept/doc_terms").toString())
        .filter("doc_id = 'f1' and term = 'fox'").count() == 1);
  }

  @Test
  void theSectionsOfItsSiteThatAnArticleNamesAreTheOutletsToo() throws Exception {
    assertEquals(List.of("Political Junkie"), SelfReferences.sectionNames(
        "http://www.npr.org/blogs/politicaljunkie/2012/11/19/165249986/both-sides-itching",
        "Last week's Political Junkie column said so; a political junkie agreed."));
    assertEquals(List.of("G-File", "The Two-Way"), SelfReferences.sectionNames("https://x.com/g-file/thetwo-way/a",
        "From The Two-Way blog and the G-File."));
    assertEquals(List.of("It\u2019s All Politics"), SelfReferences.sectionNames("http://npr.org/blogs/itsallpolitics/1",
        "On It\u2019s All Politics."));
    // a section that is one word of the language; a segment written in lower case
    assertEquals(List.of(), SelfReferences.sectionNames("https://x.com/politics/world/senate-votes-no/",
        "Politics and the World: the senate votes no."));
    assertEquals(List.of(), SelfReferences.sectionNames(null, "Political Junkie"));
    // in a pipeline's forms: a section its articles name in three documents; an article's own slug is in one
    String doc = "{\"outlet\": \"NPR\", \"outlet_raw\": \"NPR\", \"url\": \"http://npr.org/blogs/politicaljunkie/%s\", "
        + "\"text\": \"The Political Junkie says: %s.\"}";
    SelfReferences npr = SelfReferences.of(TestSpark.get().read().schema(
        "outlet string, outlet_raw string, url string, author string, text string").json(TestSpark.get().createDataset(
            List.of(String.format(doc, "tea-party-lost", "Tea Party Lost"), String.format(doc, "gop-wins-big", "GOP Wins Big"),
                String.format(doc, "senate-votes-no", "Senate Votes No"),
                // a section on a region is the NYT's filing, not its name: other outlets write it more
                region("New York Times", 1), region("New York Times", 2), region("New York Times", 3),
                region("Reuters", 4), region("Reuters", 5), region("Reuters", 6), region("Reuters", 7)),   // not filed so
            org.apache.spark.sql.Encoders.STRING())));
    assertTrue(npr.forms().get("NPR").contains("Political Junkie"), npr.forms().toString());
    assertFalse(npr.forms().get("NPR").contains("Tea Party Lost"), npr.forms().toString());
    assertFalse(npr.forms().get("New York Times").contains("Middle East"), npr.forms().toString());
    assertEquals(List.of("Newscast", "Constitution"), SelfReferences.ourNames(
        "She told our Newscast unit that our Constitution holds; Our Town and your Newscast; four Newscast."));
  }

  /** The self-references of documents given as JSON lines (outlet, outlet_raw, url, author, text). */
  private static SelfReferences of(List<String> docs) {
    return SelfReferences.of(TestSpark.get().read().schema("outlet string, outlet_raw string, url string, author string, "
        + "text string").json(TestSpark.get().createDataset(docs, org.apache.spark.sql.Encoders.STRING())));
  }

  /** The self-references of three documents of each (outlet, text) pair, the outlet's name as its raw name. */
  private static SelfReferences thrice(String... outletText) {
    List<String> docs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < outletText.length; j += 2) {
        docs.add("{\"outlet\": \"" + outletText[j] + "\", \"outlet_raw\": \"" + outletText[j] + "\", \"text\": \""
            + outletText[j + 1] + "\"}");
      }
    }
    return of(docs);
  }

  @Test
  void anOutletsInitialsAreItsNameWhereItWritesThemMoreThanAllOthers() throws Exception {
    assertEquals(List.of("NR"), SelfReferences.initials(List.of("National Review", "nationalreview.com", "nationalreview")));
    assertEquals(List.of("NYT"), SelfReferences.initials(List.of("The New York Times", "New York Times", "CNN")));
    assertEquals(List.of("NR"), SelfReferences.written("NRA and INR and NR Editorial, NR.", List.of("NR", "NRA!")));
    SelfReferences self = thrice("National Review", "NR Editorial: the NRA in DC.", "Daily Caller", "Sources in DC told the DC.",
        "CNN", "Washington, DC, was calm.");
    assertTrue(self.forms().get("National Review").contains("NR"), self.forms().toString());
    assertFalse(self.forms().get("Daily Caller").contains("DC"), "every outlet's Washington, DC: " + self.forms());
  }

  /** A concordance masks the forms the terms stage recorded in the manifest, in their order, without reading the corpus. */
  @Test
  void theFormsRecordedInAManifestMaskAsTheyDidInTheCounts() throws Exception {
    var manifest = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"counts\": {\"self_reference_forms\": {\"Lima Times\": [\"The Lima Times\", \"Lima Times\", \"limatimes.pe\"]}}}");
    SelfReferences self = SelfReferences.recorded(manifest);
    assertEquals(List.of("The Lima Times", "Lima Times", "limatimes.pe"), self.forms().get("Lima Times"));
    Row masked = self.masker().call("Lima Times", "She told the Lima Times, see www.limatimes.pe; Lima is calm.");
    assertEquals("She \n\n, see \n\n; Lima is calm.", masked.getString(0));
    assertEquals(2, masked.getInt(1));
    assertEquals(0, self.masker().call("Andes Post", "The Lima Times said so.").getInt(1), "only in the outlet's own texts");
    assertNull(SelfReferences.recorded(new com.fasterxml.jackson.databind.ObjectMapper().readTree("{\"counts\": {}}")));
  }

  /** The names a text writes, against a plain search of each name in turn, on random texts over a few characters. */
  @Test
  void writtenFindsEveryNameThatStandsAsWholeWords() {
    java.util.Random random = new java.util.Random(11);
    String alphabet = "aAb1 -'.";
    for (int round = 0; round < 2_000; round++) {
      List<String> names = new ArrayList<>();
      for (int k = 0; k < 1 + random.nextInt(6); k++) {
        names.add(randomString(random, alphabet, 1 + random.nextInt(3)));
      }
      String text = randomString(random, alphabet, random.nextInt(30));
      List<String> expected = new ArrayList<>();
      for (String n : names) {
        for (int at = text.indexOf(n); at >= 0 && !expected.contains(n); at = text.indexOf(n, at + 1)) {
          int end = at + n.length();
          if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
              && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            expected.add(n);
          }
        }
      }
      assertEquals(expected, SelfReferences.written(text, names), "'" + text + "' " + names);
    }
  }

  private static String randomString(java.util.Random random, String alphabet, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  @Test
  void aNameAfterOurIsTheOutletsWhereItWritesItMoreThanAllOthers() throws Exception {
    SelfReferences self = thrice("NPR", "Jo reports for our Newscast unit: we love our Constitution.",
        "Fox", "The Constitution says so, and our Constitution holds.", "CNN", "A Newscast by NPR. The Constitution is clear.");
    assertTrue(self.forms().get("NPR").contains("Newscast"), self.forms().toString());
    assertFalse(self.forms().get("NPR").contains("Constitution"), "everyone writes it");
    assertFalse(self.forms().get("Fox").contains("Constitution"), "three of nine documents that write it");
  }

  private static String region(String outlet, int i) {
    return "{\"outlet\": \"" + outlet + "\", \"outlet_raw\": \"" + outlet + "\", \"url\": \"https://x.com/world/"
        + (outlet.equals("Reuters") ? "" : "middleeast/") + i + "\", \"text\": \"Peace in the Middle East, again.\"}";
  }

  @Test
  void aMentionThatIsTheOutletsOwnNameIsRecognisedWhole() throws Exception {
    SelfReferences self = SelfReferences.of(TestSpark.get().read().schema(
        "id string, outlet string, outlet_raw string, url string, author string, text string").json(TestSpark.get().createDataset(
            List.of("{\"outlet\": \"Fox Online News\", \"outlet_raw\": \"Fox News (Online)\", \"url\": \"https://www.foxnews.com/a\", "
                    + "\"author\": \"By Ken Rudin and Mara Liasson\", \"text\": \"Fox News' Chad Pergram reported it. NPR's Steve Inskeep did too. Photo: Ken Rudin.\"}",
                // a URL java.net.URI rejects (a second '#'), as in AllSides: no host, no failure
                "{\"outlet\": \"Fox Online News\", \"outlet_raw\": \"Fox News\", \"url\": \"https://www.foxnews.com/a/#https://www.foxnews.com/a/#\", "
                    + "\"author\": \"Ken Rudin, Bret Baier\", \"text\": \"He told Fox News\u2019 Chad Pergram so. Fox News' Bret Baier asked. Ken Rudin collection.\"}",
                "{\"outlet\": \"Fox Online News\", \"outlet_raw\": \"Fox News\", \"author\": \"ken rudin; Ken Rudin\", "
                    + "\"text\": \"FOX NEWS' Chad Pergram said. Fox's The Five aired, wrote Ken Rudin.\"}",
                "{\"outlet\": \"The Hill\", \"outlet_raw\": \"The Hill\", \"text\": \"Fox News' Bret Baier and the Hill's Bob Cusack.\"}"),
            org.apache.spark.sql.Encoders.STRING())));
    assertTrue(self.forms().get("Fox Online News").contains("Chad Pergram"), self.forms().toString());
    assertFalse(self.forms().get("Fox Online News").contains("Pergram"), "a surname alone is too often someone else's");
    assertFalse(self.forms().get("Fox Online News").contains("Bret Baier"),
        "named so in one of its documents and author of another: not three");
    assertTrue(self.forms().get("Fox Online News").contains("Ken Rudin"), "the author of three of its documents that name him");
    assertFalse(self.forms().get("Fox Online News").contains("Mara Liasson"));
    assertFalse(self.forms().get("Fox Online News").contains("Steve Inskeep"), "another outlet's people");
    var own = self.isOwnName();
    assertTrue(own.call("Fox Online News", "Fox News"));
    assertTrue(own.call("Fox Online News", "Fox News's"));
    assertTrue(own.call("Fox Online News", "FOX"));
    assertFalse(own.call("Fox Online News", "Fox News Sunday"), "a programme is named as a whole");
    assertFalse(own.call("The Hill", "Fox News"), "another outlet's name is a mention");
    assertTrue(own.call("Fox Online News", "Chad Pergram"), "its own people");
    assertFalse(own.call("The Hill", "Chad Pergram"));
    SelfReferences world = SelfReferences.of(TestSpark.get().read().schema("outlet string, outlet_raw string, url string, "
        + "author string, text string").json(TestSpark.get().createDataset(List.of(
            "{\"outlet\": \"People's World\", \"outlet_raw\": \"People's World\", \"text\": \"x\"}"),
        org.apache.spark.sql.Encoders.STRING())));
    var masked = world.masker().call("People's World", "He told the World that the World Bank and People's World erred.");
    assertEquals("He \n\n that the World Bank and \n\n erred.", masked.getString(0),
        "a short form is not a longer name's start; told goes with the name");
    assertEquals("She told reporters \n\n would print it.",
        world.masker().call("People's World", "She told reporters the World would print it.").getString(0));
    assertEquals(3, SelfReferences.creditStart("He told Fox", 8));
    assertEquals(0, SelfReferences.creditStart("Told\u00a0Fox", 5));
    assertEquals(7, SelfReferences.creditStart("untold Fox", 7), "a word ending in told");
    assertEquals(8, SelfReferences.creditStart("He said Fox", 8));
    assertEquals(9, SelfReferences.creditStart("He told, Fox", 9), "told must stand right before the name");
  }
}
