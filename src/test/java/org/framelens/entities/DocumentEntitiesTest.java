package org.framelens.entities;

import static org.junit.jupiter.api.Assertions.*;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.util.CoreMap;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.framelens.pipeline.FramelensException;
import org.junit.jupiter.api.Test;

/**
 * One document at a time, without Spark: mentions and types, every in-document alias rule, the actor dictionary and
 * the descriptors, on short texts written for the test. Where a rule must not depend on what the CRF happens to tag,
 * the test sets the NER labels itself.
 */
class DocumentEntitiesTest {
  static final CollectiveActors COLLECTIVE = CollectiveActors.load(null, new org.apache.hadoop.conf.Configuration());

  static DocumentEntities.Result extract(String text) {
    return extract(text, ActorDictionary.empty(), a -> {});
  }

  static DocumentEntities.Result extract(String text, ActorDictionary dictionary, Consumer<List<CoreLabel>> relabel) {
    Annotation a = Nlp.annotate(text);
    List<CoreLabel> tokens = a.get(CoreAnnotations.SentencesAnnotation.class).stream()
        .flatMap((CoreMap s) -> s.get(CoreAnnotations.TokensAnnotation.class).stream()).toList();
    relabel.accept(tokens);
    return DocumentEntities.extract(text, a, new ActorMatcher(dictionary), COLLECTIVE);
  }

  /** Sets the NER label of the tokens with these words (all their occurrences). */
  static Consumer<List<CoreLabel>> label(String ner, String... words) {
    return tokens -> tokens.stream().filter(t -> List.of(words).contains(t.word())).forEach(t -> t.setNER(ner));
  }

  static DocumentEntities.Mention only(DocumentEntities.Result r, String surface) {
    List<DocumentEntities.Mention> l = r.mentions().stream().filter(m -> m.surface().equals(surface)).toList();
    assertEquals(1, l.size(), surface + " in " + r.mentions());
    return l.get(0);
  }

  @Test
  void collectiveActorsAreGroupsWithTheirPartyOrNationalityButNeverInsideAName() {
    String text = "Peruvian police fired on protesters in Lima. Republican lawmakers and the armed forces backed the "
        + "National Police of Peru. Demonstrators said American diplomats and the Democrats stayed silent.";
    DocumentEntities.Result r = extract(text);
    Map<String, String> groups = r.mentions().stream().filter(m -> m.type().equals("GROUP"))
        .collect(Collectors.toMap(DocumentEntities.Mention::surface, DocumentEntities.Mention::resolvedKey));
    assertEquals(Map.of("Peruvian police", "peruvian police", "protesters", "protesters",
        "Republican lawmakers", "republican lawmakers", "armed forces", "armed forces", "Demonstrators", "protesters",
        "American diplomats", "american diplomats", "Democrats", "democrats"), groups);
    // "National Police" is CoreNLP's organisation: its "Police" is no group.
    for (DocumentEntities.Mention g : r.mentions().stream().filter(m -> m.type().equals("GROUP")).toList()) {
      assertTrue(r.mentions().stream().filter(m -> !m.type().equals("GROUP")).noneMatch(m -> m.start() < g.end() && g.start() < m.end()), g.surface());
    }
    assertTrue(r.mentions().stream().filter(m -> m.type().equals("GROUP")).allMatch(m -> m.resolution().equals(DocumentEntities.COLLECTIVE)));
  }

  @Test
  void personsOrganisationsAndPlacesWithOffsetsSentencesAndParagraphs() {
    String text = "Pedro Castillo met officials of the Central Intelligence Agency in Lima.\n\nHe said she would call them. They agreed.";
    DocumentEntities.Result r = extract(text);
    Map<String, String> types = r.mentions().stream().collect(Collectors.toMap(DocumentEntities.Mention::surface,
        DocumentEntities.Mention::type));
    assertEquals(Map.of("Pedro Castillo", "PERSON", "officials", "GROUP", "Central Intelligence Agency", "ORGANIZATION", "Lima", "LOCATION"), types,
        "pronouns (he, she, them, they) are never mentions");
    DocumentEntities.Mention lima = only(r, "Lima");
    assertEquals("Lima", text.substring(lima.start(), lima.end()));
    assertEquals(0, lima.sentence());
    assertEquals(0, lima.paragraph());
    assertEquals(3, r.sentences());
    assertEquals(2, r.paragraphs());
    assertEquals(DocumentEntities.EXACT, only(r, "Pedro Castillo").resolution());
    assertEquals("pedro castillo", only(r, "Pedro Castillo").resolvedKey());
  }

  @Test
  void anEditorsSquareBracketsAndANicknamesQuotationMarksAreNoPartOfTheName() {
    String text = "\"[Robert] Mueller was fair to [George W.] Bush,\" she said. Robert Mueller left.";
    DocumentEntities.Result r = extract(text, ActorDictionary.empty(), tokens -> tokens.stream()
        .filter(t -> t.word().matches("\\W*(Robert|Mueller|George|W\\.|Bush)\\W*")).forEach(t -> t.setNER("PERSON")));
    List<DocumentEntities.Mention> persons = r.mentions().stream().filter(m -> m.type().equals("PERSON")).toList();
    assertEquals(List.of("Robert Mueller", "George W. Bush", "Robert Mueller"), persons.stream().map(DocumentEntities.Mention::display).toList());
    assertEquals(List.of("robert mueller", "george w bush", "robert mueller"),
        persons.stream().map(DocumentEntities.Mention::resolvedKey).toList());
    assertEquals(List.of("Robert] Mueller", "George W.] Bush", "Robert Mueller"), persons.stream().map(DocumentEntities.Mention::surface).toList(),
        "the surface is as written, at the text's offsets");

    // The tagger may take a nickname's closing mark into the name that follows it.
    r = extract("Chief of Staff William \"Mo\" Cowan spoke.", ActorDictionary.empty(),
        tokens -> {
          for (int i = 0; i < tokens.size(); i++) {   // "Mo", its closing mark and "Cowan"
            tokens.get(i).setNER(i >= 5 && i <= 7 ? "PERSON" : "O");
          }
        });
    DocumentEntities.Mention mo = r.mentions().stream().filter(m -> m.type().equals("PERSON")).findFirst().orElseThrow();
    assertEquals("Mo\" Cowan", mo.surface());
    assertEquals("Mo Cowan", mo.display());
    assertEquals("mo cowan", mo.resolvedKey());
  }

  @Test
  void aBlankLineEndsASentence() {
    DocumentEntities.Result r = extract("Talks with Pedro Castillo\n\nDina Boluarte spoke in Lima.");
    assertEquals(2, r.sentences());
    assertEquals(0, only(r, "Pedro Castillo").sentence());
    assertEquals(1, only(r, "Dina Boluarte").sentence());
    assertEquals(1, only(r, "Dina Boluarte").paragraph());
  }

  @Test
  void shortFormsTakeTheFullNameTheDocumentUses() {
    DocumentEntities.Result r = extract("Pedro Castillo spoke on Monday. Later, President Castillo left the palace. "
        + "Castillo was arrested. José Williams Zapata leads Congress. Williams Zapata said so. Jose Williams agreed.");
    List<DocumentEntities.Mention> castillo = r.mentions().stream().filter(m -> m.surface().equals("Castillo")).toList();
    assertEquals(2, castillo.size(), "President Castillo (title outside the tagger's span) and Castillo");
    for (DocumentEntities.Mention m : castillo) {
      assertEquals("pedro castillo", m.resolvedKey());
      assertEquals(DocumentEntities.DOCUMENT_ALIAS, m.resolution());
    }
    assertEquals(List.of("president"), castillo.get(0).descriptors(), "the title is a descriptor");
    for (String s : List.of("Williams Zapata", "Jose Williams")) {
      assertEquals("jose williams zapata", only(r, s).resolvedKey(), s + ": accents do not split an entity");
      assertEquals(DocumentEntities.DOCUMENT_ALIAS, only(r, s).resolution());
    }
  }

  @Test
  void accentsAndCaseDoNotSplitAFullName() {
    DocumentEntities.Result r = extract("José Williams Zapata spoke. Later Jose Williams Zapata left.");
    assertEquals(only(r, "José Williams Zapata").key(), only(r, "Jose Williams Zapata").key());
    assertEquals(DocumentEntities.EXACT, only(r, "Jose Williams Zapata").resolution());
  }

  @Test
  void titlesAreStrippedFromPersonNames() {
    // The tagger decides whether a title is inside the span; set it inside to test the rule itself.
    DocumentEntities.Result r = extract("Gen. Walter Cordova resigned. Mr. Bobbio stayed.", ActorDictionary.empty(),
        label("PERSON", "Gen.", "Walter", "Cordova", "Mr.", "Bobbio"));
    DocumentEntities.Mention cordova = only(r, "Gen. Walter Cordova");
    assertEquals("walter cordova", cordova.key());
    assertEquals("Walter Cordova", cordova.display());
    assertEquals(DocumentEntities.TITLE_STRIPPED, cordova.resolution());
    assertEquals("bobbio", only(r, "Mr. Bobbio").resolvedKey());
    assertTrue(cordova.descriptors().contains("gen."), cordova.descriptors().toString());
  }

  @Test
  void aShortFormOfTwoNamesStaysAmbiguous() {
    DocumentEntities.Result r = extract("Keiko Fujimori lost the election to Pedro Castillo. Her father, Alberto Fujimori, "
        + "ruled Peru in the 1990s. Fujimori said nothing.");
    DocumentEntities.Mention bare = only(r, "Fujimori");
    assertEquals(DocumentEntities.AMBIGUOUS, bare.resolution());
    assertNull(bare.resolvedKey(), "not silently given to Keiko or Alberto");
    assertEquals("keiko fujimori", only(r, "Keiko Fujimori").resolvedKey());
  }

  @Test
  void aSurnameStandsForTheNameItEndsAndForOneNameWrittenWithAndWithoutInitials() {
    // The tagger's "Rubio Doctrine" is a person name that starts with the surname: "Rubio" is the senator.
    DocumentEntities.Result rubio = extract("Marco Rubio set out the Rubio Doctrine on Wednesday. Rubio spoke for an hour.",
        ActorDictionary.empty(), label("PERSON", "Marco", "Rubio", "Doctrine"));
    assertEquals("marco rubio", only(rubio, "Rubio").resolvedKey());
    assertEquals(DocumentEntities.DOCUMENT_ALIAS, only(rubio, "Rubio").resolution());
    // Donald J. Trump and Donald Trump are one person: Trump is not ambiguous between them.
    DocumentEntities.Result trump = extract("Donald J. Trump won. Later Donald Trump spoke, and Mr. Trump left.",
        ActorDictionary.empty(), label("PERSON", "Donald", "J.", "Trump"));
    assertEquals("donald trump", only(trump, "Trump").resolvedKey());
    assertEquals(DocumentEntities.DOCUMENT_ALIAS, only(trump, "Trump").resolution());
    // Two initialled names of one base are two people, as in the corpus-wide step.
    DocumentEntities.Result bush = extract("George W. Bush met George H. W. Bush. Bush spoke.",
        ActorDictionary.empty(), label("PERSON", "George", "W.", "H.", "Bush"));
    assertEquals(DocumentEntities.AMBIGUOUS, only(bush, "Bush").resolution());
    assertEquals(List.of("donald trump"), DocumentEntities.narrow("trump", List.of("donald j trump", "donald trump")));
    assertEquals(List.of("george w bush", "george h w bush"),
        DocumentEntities.narrow("bush", List.of("george w bush", "george h w bush")));
  }

  @Test
  void generationalSuffixesKeepFatherAndSonApart() {
    DocumentEntities.Result r = extract("Donald Trump Jr. spoke after Donald Trump arrived.", ActorDictionary.empty(),
        label("PERSON", "Donald", "Trump", "Jr."));
    assertEquals("donald trump", only(r, "Donald Trump").resolvedKey());
    assertEquals(DocumentEntities.EXACT, only(r, "Donald Trump").resolution());
  }

  @Test
  void aLoneSurnameTaggedAsAPlaceIsThePersonOfThatName() {
    DocumentEntities.Result r = extract("Dina Boluarte was sworn in. Protesters in Boluarte marched.", ActorDictionary.empty(),
        tokens -> tokens.stream().filter(t -> t.word().equals("Boluarte") && t.beginPosition() > 20)
            .forEach(t -> t.setNER("LOCATION")));
    DocumentEntities.Mention lone = r.mentions().stream().filter(m -> m.surface().equals("Boluarte")).findFirst().orElseThrow();
    assertEquals("PERSON", lone.type());
    assertEquals("dina boluarte", lone.resolvedKey());
  }

  @Test
  void theActorDictionaryWinsAndFindsWhatTheTaggerMisses() {
    ActorDictionary d = ActorDictionary.parse("actors.csv", new StringReader("""
        canonical_name,type,aliases
        Dina Ercilia Boluarte Zegarra,PERSON,Dina Boluarte|Boluarte
        Peruvian National Police,ORGANIZATION,PNP|re:(?i)national police
        """));
    DocumentEntities.Result r = extract("Dina Boluarte thanked the national police and the PNP. Boluarte left.", d, t -> {});
    DocumentEntities.Mention dina = only(r, "Dina Boluarte");
    assertEquals(DocumentEntities.DICTIONARY, dina.resolution());
    assertEquals("dina ercilia boluarte zegarra", dina.resolvedKey());
    assertEquals("Dina Ercilia Boluarte Zegarra", dina.canonical());
    assertEquals("PERSON", dina.type());
    assertEquals("dina ercilia boluarte zegarra", only(r, "Boluarte").resolvedKey());
    DocumentEntities.Mention police = only(r, "national police");
    assertEquals("ORGANIZATION", police.type());
    assertEquals("peruvian national police", police.resolvedKey());
    assertEquals("peruvian national police", only(r, "PNP").resolvedKey());
  }

  @Test
  void descriptorsOfTheIssuesFourExamples() {
    assertEquals(List.of("coup president"),
        only(extract("Protesters denounced coup President Dina Boluarte on Friday."), "Dina Boluarte").descriptors());
    assertEquals(List.of("de facto president"),
        only(extract("They met de facto president Dina Boluarte in Lima."), "Dina Boluarte").descriptors());
    assertEquals(List.of("the vice-president"),
        only(extract("The vice-president, Dina Boluarte, was sworn in."), "Dina Boluarte").descriptors());
    DocumentEntities.Mention kenna = only(extract("Lisa Kenna, a former agent of the CIA, met him."), "Lisa Kenna");
    assertEquals(List.of("a former agent of the cia"), kenna.descriptors());
    assertEquals("Lisa Kenna, a former agent of the CIA, met him.", kenna.example());
  }

  @Test
  void descriptorsOfOtherCommonForms() {
    assertEquals(List.of("retired general"),
        only(extract("Congress is led by retired general José Williams Zapata."), "José Williams Zapata").descriptors());
    assertEquals(List.of("defense minister"),
        only(extract("She met Defense Minister Gustavo Bobbio."), "Gustavo Bobbio").descriptors());
    assertEquals(List.of("her opponent"),
        only(extract("Keiko Fujimori ran against her opponent, Pedro Castillo, who won."), "Pedro Castillo").descriptors());
  }

  @Test
  void noDescriptorWhereNothingLabelsTheName() {
    for (String[] c : new String[][] {
        {"In the capital, Dina Boluarte said nothing.", "Dina Boluarte"},
        {"The last phone call Pedro Castillo took came from the embassy.", "Pedro Castillo"},
        {"The Lima oligarchy backed the plan.", "Lima"},
        {"Pedro Castillo, Dina Boluarte and Lisa Kenna met.", "Dina Boluarte"},
        {"Officials said Pedro Castillo was arrested.", "Pedro Castillo"},
        {"After a visit to a military cemetery in France, Donald Trump left.", "Donald Trump"},
        {"She met former U.S. Attorney John Smith.", "U.S."},
        {"Protests spread across southern Peru.", "Peru"},
        {"Congress ousted Pedro Castillo, an offer that was endorsed.", "Pedro Castillo"}}) {
      assertEquals(List.of(), only(extract(c[0]), c[1]).descriptors(), c[0]);
    }
  }

  @Test
  void actorDictionaryRowsAreCheckedWithTheirLineNumber() {
    String header = "canonical_name,type,aliases\n";
    Map<String, String> bad = Map.of(
        header + "Pedro Castillo,PERSON,Castillo\nPeru,COUNTRY,\n", "line 3: unknown type 'COUNTRY'",
        header + "# comment\nPedro Castillo,PERSON,Castillo,extra\n", "line 3: expected 3 fields",
        header + "Pedro Castillo,PERSON,re:(unclosed\n", "line 2: invalid pattern 're:(unclosed'",
        header + "Pedro Castillo,PERSON,Castillo\nJuan Castillo,PERSON,Castillo\n",
        "line 3: alias 'Castillo' already names 'Pedro Castillo' (line 2)",
        header + "Pedro Castillo,PERSON,he\n", "line 2: alias 'he' is a pronoun",
        header + ",PERSON,Castillo\n", "line 2: the canonical name is empty",
        header + "Pedro Castillo,PERSON,Castillo||Pedro\n", "line 2: empty alias",
        "name,type\nPedro Castillo,PERSON\n", "line 1: expected the header canonical_name,type,aliases",
        header + "Pedro Castillo,PERSON,\nPEDRO CASTILLO,PER,\n", "line 3: 'PEDRO CASTILLO' (PERSON) is already defined on line 2");
    bad.forEach((csv, message) -> {
      FramelensException e = assertThrows(FramelensException.class, () -> ActorDictionary.parse("actors.csv", new StringReader(csv)));
      assertTrue(e.getMessage().startsWith("actors.csv " + message.substring(0, message.indexOf(':') + 1))
          && e.getMessage().contains(message), e.getMessage() + " should contain " + message);
    });
    ActorDictionary ok = ActorDictionary.parse("actors.csv", new StringReader(
        header + "\"Castillo, Pedro\",per,\"Pedro Castillo|re:Castillo\\b\"\n\nCIA,ORG\n"));
    assertEquals(2, ok.actors().size());
    assertEquals(List.of("Castillo, Pedro", "Pedro Castillo"), ok.actors().get(0).names());
    assertEquals(List.of("Castillo\\b"), ok.actors().get(0).patterns());
    assertEquals("ORGANIZATION", ok.actors().get(1).type());
    assertEquals(4, ok.actors().get(1).line());
  }

  @Test
  void namesAndIds() {
    assertEquals("jose williams zapata", Names.key("José  Williams Zapata's", "PERSON"));
    assertEquals("us", Names.key("U.S.", "LOCATION"));
    assertTrue(Names.isPronoun("us") && Names.isPronoun("They") && !Names.isPronoun("US"));
    assertEquals("state department", Names.key("the State Department", "ORGANIZATION"));
    assertEquals("per:pedro_castillo", Names.entityId("PERSON", "pedro castillo"));
    assertTrue(Names.isShortFormOf("williams zapata", "jose williams zapata"));
    assertFalse(Names.isShortFormOf("donald trump", "donald trump jr"));
    assertFalse(Names.isShortFormOf("zapata williams", "jose williams zapata"));
  }
}
