package org.framelens.quotes;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quotation rules on hand-written texts, one style or pattern each, with CoreNLP's tokens and quotation marks
 * and mentions placed by hand (the entities stage's output is tested on its own). Every expectation is read off the
 * text by a person: the quoted words, the kind, the verb's lemma and the speaker.
 */
class QuoteFinderTest {
  private static final QuoteFinder FINDER = new QuoteFinder(ReportingVerbs.load(null, new org.apache.hadoop.conf.Configuration()),
      SpeakerNouns.load(null, new org.apache.hadoop.conf.Configuration()));

  /** A mention of {@code surface} at its n-th occurrence (from 0) in text. */
  record M(String surface, int occurrence, String type, String entityId) {}

  static List<QuoteFinder.Quote> quotes(String text, M... mentions) {
    List<QuoteFinder.Mention> ms = new ArrayList<>();
    for (M m : mentions) {
      int at = -1;
      for (int i = 0; i <= m.occurrence(); i++) {
        at = text.indexOf(m.surface(), at + 1);
      }
      assertTrue(at >= 0, m.surface());
      ms.add(new QuoteFinder.Mention(at, at + m.surface().length(), m.type(), m.entityId(), m.surface(), List.of()));
    }
    QuoteNlp.Parsed p = QuoteNlp.parse(text);
    return FINDER.find(text, p.tokens(), p.marked(), ms).quotes();
  }

  /** text | kind | verb | speaker as written | entity | resolution */
  static String row(QuoteFinder.Quote q) {
    return String.join(" | ", q.text(), q.kind(), String.valueOf(q.verb()), String.valueOf(q.speakerSurface()),
        String.valueOf(q.speakerEntityId()), q.resolution());
  }

  static List<String> rows(String text, M... mentions) {
    return quotes(text, mentions).stream().map(QuoteFinderTest::row).toList();
  }

  /** The sentence numbers of the text's tokens, each once. */
  static List<Integer> sentences(String text) {
    return QuoteNlp.parse(text).tokens().stream().map(QuoteFinder.Tok::sentence).distinct().toList();
  }

  private static final M WARREN = new M("Sen. Elizabeth Warren", 0, "PERSON", "per:elizabeth_warren");

  @Test
  void aQuoteAfterWhichTheVerbPrecedesTheNameAndTheSentenceAfterItThatContinuesIt() {
    assertEquals(List.of(
            "We will not back down, | direct | say | Sen. Elizabeth Warren | per:elizabeth_warren | mention",
            "This is a coup. | direct | say | Sen. Elizabeth Warren | per:elizabeth_warren | previous_quote"),
        rows("\"We will not back down,\" said Sen. Elizabeth Warren. \"This is a coup.\"", WARREN));
  }

  @Test
  void curlySingleAndGuillemetQuotesWithTheNameBeforeOrAfterTheVerb() {
    assertEquals(List.of(
            "Curly quotes, | direct | say | Castillo | per:pedro_castillo | mention",
            "Single ones, | direct | add | Boluarte | per:dina_boluarte | mention",
            "Ni un paso atr\u00e1s | direct | say | Boluarte | per:dina_boluarte | mention"),
        rows("\u201cCurly quotes,\u201d Castillo said. \u2018Single ones,\u2019 added Boluarte. Boluarte said: \u00abNi un paso atr\u00e1s\u00bb.",
            new M("Castillo", 0, "PERSON", "per:pedro_castillo"), new M("Boluarte", 0, "PERSON", "per:dina_boluarte"),
            new M("Boluarte", 1, "PERSON", "per:dina_boluarte")));
  }

  @Test
  void aQuoteRunningOverParagraphsIsOneQuoteAttributedAtItsEnd() {
    String text = "Dina Boluarte spoke first. The minister then took the floor: \"This is the first paragraph.\n\n"
        + "\"This is the second one.\n\n\"And the last,\" she added.";
    assertEquals(List.of("This is the first paragraph.\n\nThis is the second one.\n\nAnd the last, | direct | add | she | per:dina_boluarte | pronoun"),
        rows(text, new M("Dina Boluarte", 0, "PERSON", "per:dina_boluarte")));
    // The same with curly marks, which the annotator alone counts as nested and leaves open.
    assertEquals(List.of("This is the first paragraph.\n\nThis is the second one.\n\nAnd the last, | direct | add | she | per:dina_boluarte | pronoun"),
        rows(text.replaceAll("\"(?=[TA])", "\u201c").replace(",\"", ",\u201d").replace(".\"", ".\u201d"),
            new M("Dina Boluarte", 0, "PERSON", "per:dina_boluarte")));
    // Marks that pair across a paragraph which does not reopen are a stray mark, not a quotation.
    QuoteNlp.Parsed p = QuoteNlp.parse("He said \"this.\n\nThen the vote came\" late.");
    QuoteFinder.Result r = FINDER.find("He said \"this.\n\nThen the vote came\" late.", p.tokens(), p.marked(), List.of());
    assertEquals(List.of(), r.quotes().stream().filter(q -> !q.kind().equals(QuoteFinder.INDIRECT)).toList());
    assertEquals(1, r.rejected());
  }

  @Test
  void partialQuotesTakeTheSpeakerOfTheirSentencesVerbAndScareQuotesHaveNone() {
    assertEquals(List.of(
            "coup regime | partial | call | Protesters | null | nominal",
            "No entry | partial | null | null | null | none"),
        rows("Protesters called it a \"coup regime\" on Sunday. The sign read \"No entry\" at the gate."));
    // "..., saying": the sentence's subject speaks.
    assertEquals(List.of("courage | partial | say | Obama | per:barack_obama | mention"),
        rows("Obama endorsed Hillary Clinton on Thursday, saying she has the \"courage\" for the job.",
            new M("Obama", 0, "PERSON", "per:barack_obama"), new M("Hillary Clinton", 0, "PERSON", "per:hillary_clinton")));
  }

  @Test
  void aListOfFragmentsIsPartialAndAnUnattributedQuoteTakesTheVoiceOfItsSentence() {
    M boluarte = new M("Dina Boluarte", 0, "PERSON", "per:dina_boluarte");
    M castillo = new M("Castillo", 0, "PERSON", "per:pedro_castillo");
    assertEquals(List.of(
            "show some respect, | partial | write | Dina Boluarte | per:dina_boluarte | mention",
            "stop the leaks, | partial | write | Dina Boluarte | per:dina_boluarte | mention",
            "keep their word | partial | write | Dina Boluarte | per:dina_boluarte | mention",
            "Radio Nacional | partial | say | Castillo | per:pedro_castillo | mention",
            "We will not resign. | direct | say | Castillo | per:pedro_castillo | previous_quote"),
        rows("Dina Boluarte wrote that the ministers should \"show some respect,\" \"stop the leaks,\" and, above all, "
            + "\"keep their word\" at every meeting. Castillo said on \"Radio Nacional\" that the choice was clear: "
            + "\"We will not resign.\"", boluarte, castillo));
  }

  @Test
  void apostrophesAreNotQuotationMarks() {
    assertEquals(List.of(), rows("Peru's '90s were worse, the rock 'n' roll years. Voters' rights and the nation's future."));
  }

  @Test
  void indirectSpeechAfterAReportingVerbOrAccordingTo() {
    assertEquals(List.of(
            "the wall would be built | indirect | say | Donald Trump | per:donald_trump | mention",
            "the crowd dispersed at dawn | indirect | according to | police | null | nominal",
            "The economy is strong | indirect | say | officials | null | nominal"),
        rows("Donald Trump said Tuesday that the wall would be built. According to police, the crowd dispersed at dawn. "
            + "The economy is strong, officials said.", new M("Donald Trump", 0, "PERSON", "per:donald_trump")));
    // A noun phrase that is no speaker noun does not make reported speech: "the notes said" is left out.
    assertEquals(List.of(), rows("The yellow sticky notes said nothing useful about the plan."));
  }

  @Test
  void pronounsStandForThePersonTheTextLastNamesOrQuotesAndAgreeWithTitles() {
    String text = "Ms. Keiko Fujimori met Mr. Pedro Castillo on Monday.\n\n\"We will see,\" she said.";
    assertEquals(List.of("We will see, | direct | say | she | per:keiko_fujimori | pronoun"),
        rows(text, new M("Ms. Keiko Fujimori", 0, "PERSON", "per:keiko_fujimori"), new M("Mr. Pedro Castillo", 0, "PERSON", "per:pedro_castillo")));
    // With no person named before it, a pronoun keeps its surface and no entity.
    assertEquals(List.of("Not now, | direct | say | he | null | pronoun"), rows("\"Not now,\" he said."));
  }

  @Test
  void aDefiniteNounPhraseIsThePersonLastGivenThatLabel() {
    M obama = new M("President Barack Obama", 0, "PERSON", "per:barack_obama");
    String text = "President Barack Obama spoke in Ohio. \"Hillary will be good at it,\" the president said.";
    QuoteNlp.Parsed p = QuoteNlp.parse(text);
    int at = text.indexOf(obama.surface());
    var r = FINDER.find(text, p.tokens(), p.marked(), List.of(new QuoteFinder.Mention(at, at + obama.surface().length(),
        "PERSON", "per:barack_obama", obama.surface(), List.of("president"))));
    assertEquals(List.of("Hillary will be good at it, | direct | say | the president | per:barack_obama | descriptor"),
        r.quotes().stream().map(QuoteFinderTest::row).toList());
  }

  @Test
  void theNewsStylesOfAttributionBeforeTheQuote() {
    M sherman = new M("Brad Sherman", 0, "PERSON", "per:brad_sherman");
    assertEquals(List.of(
            "It is time. | direct | tell | Brad Sherman | per:brad_sherman | mention",
            "We wait, | direct | say | Brad Sherman | per:brad_sherman | mention"),
        rows("Brad Sherman told reporters: \"It is time.\"\n\n\"We wait,\" Brad Sherman, a Democrat from California, said.",
            sherman, new M("Brad Sherman", 1, "PERSON", "per:brad_sherman"), new M("California", 0, "LOCATION", "loc:california")));
    // The verb at the end of the paragraph before: "tweeting:".
    assertEquals(List.of("He should resign! | direct | tweet | Donald Trump | per:donald_trump | mention"),
        rows("Donald Trump went further on Thursday, tweeting:\n\n\"He should resign!\"", new M("Donald Trump", 0, "PERSON", "per:donald_trump")));
  }

  @Test
  void aQuestionOrExclamationEndsItsSentenceAndTheAttributionFollowsInTheNext() {
    M romney = new M("Romney", 0, "PERSON", "per:mitt_romney");
    M akin = new M("Akin", 0, "PERSON", "per:todd_akin");
    assertEquals(List.of(
            "It was wrong, | direct | say | Romney | per:mitt_romney | mention",
            "Why can't he run his race and I'll run mine? | direct | continue | Akin | per:todd_akin | mention",
            "Enough! | direct | say | Akin | per:todd_akin | mention"),
        rows("\"It was wrong,\" Romney said. \"Why can't he run his race and I'll run mine?\" Akin continued. \"Enough!\" said Akin.",
            romney, akin, new M("Akin", 1, "PERSON", "per:todd_akin")));
    // A verb before the quotation attributes it first; the sentence after it is then news.
    assertEquals(List.of("How do you impeach a president? | direct | ask | Mr. Trump | per:donald_trump | mention"),
        rows("Mr. Trump had asked on Twitter, \u201cHow do you impeach a president? \u201d He continued the theme.",
            new M("Mr. Trump", 0, "PERSON", "per:donald_trump")));
    // A quotation closed by a full stop ends what it says: the sentence after it is the speaker's next statement.
    assertEquals(List.of("We will win. | direct | say | Romney | per:mitt_romney | previous_quote"),
        rows("\"It is over,\" Romney said. \"We will win.\" Akin said the count would take a week.", romney, akin).subList(1, 2));
  }

  @Test
  void aLongAppositiveStandsBetweenTheNameAndTheVerb() {
    M lauten = new M("Elizabeth Lauten", 0, "PERSON", "per:elizabeth_lauten");
    M fincher = new M("Rep. Stephen Fincher", 0, "PERSON", "per:stephen_fincher");
    assertEquals(List.of("try showing a little class, | partial | write | Elizabeth Lauten | per:elizabeth_lauten | mention"),
        rows("Elizabeth Lauten, the communications director for Rep. Stephen Fincher (R-Tenn.), wrote that the two"
            + " teenagers should \"try showing a little class,\" and more.", lauten, fincher));
    // The splitter ends a sentence at "(R-Tenn.)"; the comma after it shows that the sentence goes on.
    assertEquals(List.of(0), sentences("Lauten, an aide to Fincher (R-Tenn.), wrote it."));
    // The quote keeps the splitter's number of its sentence, as mentions number it.
    assertEquals(List.of(0, 1), QuoteNlp.parse("Lauten, an aide to Fincher (R-Tenn.), wrote it.").tokens().stream()
        .map(QuoteFinder.Tok::split).distinct().toList());
    assertEquals(1, quotes("Lauten, an aide to Fincher (R-Tenn.), wrote \"a letter\" to them.",
        new M("Lauten", 0, "PERSON", "per:elizabeth_lauten")).get(0).sentence());
    assertEquals(List.of(0, 1), sentences("Lauten wrote it (in Tenn.). Then she resigned."));
    // Nested appositives: the person before the first, not the organisation inside it.
    assertEquals(List.of("a cruel idea | partial | call | Jess Morales Rocketto | per:jess_morales_rocketto | mention"),
        rows("Jess Morales Rocketto, the chairwoman of Families Belong Together, an immigrant advocacy group, called the "
            + "plan \"a cruel idea\" on Monday.", new M("Jess Morales Rocketto", 0, "PERSON", "per:jess_morales_rocketto"),
            new M("Families Belong Together", 0, "ORGANIZATION", "org:families_belong_together")));
    // A participle after the comma inside a closing mark.
    assertEquals("fake news | partial | say | Trump | per:donald_trump | mention",
        rows("Trump urged the companies to \u201clet everybody participate,\u201d saying that networks might be \u201cfake news\u201d now.",
            new M("Trump", 0, "PERSON", "per:donald_trump")).get(1));
    // An adverb between the appositive's comma and the verb.
    assertEquals(List.of("For the record, I love my sister. | direct | post | Mary Cheney | per:mary_cheney | mention"),
        rows("Mary Cheney, openly lesbian and married to Heather Poe since 2012, reportedly posted to her page: "
            + "\u201cFor the record, I love my sister.\u201d", new M("Mary Cheney", 0, "PERSON", "per:mary_cheney"),
            new M("Heather Poe", 0, "PERSON", "per:heather_poe")));
  }

  @Test
  void aStraightMarkClosesOrOpensACurlyQuoteOnItsLine() {
    M labrador = new M("Labrador", 0, "PERSON", "per:raul_labrador");
    assertEquals(List.of("Americans are looking for a change, | direct | say | Labrador | per:raul_labrador | mention"),
        rows("\u201cAmericans are looking for a change,\" Labrador said in a statement.", labrador));
    assertEquals("\u201cA,\u201d he said.\n\u201cB,\u201d she said.", QuoteNlp.mixedMarksPaired("\u201cA,\" he said.\n\"B,\u201d she said."));
    // A straight pair inside a curly one stays, and so does a line of straight marks only.
    assertEquals("\u201cHe said \"no\" to me.\u201d", QuoteNlp.mixedMarksPaired("\u201cHe said \"no\" to me.\u201d"));
    assertEquals("\"A,\" he said.\n\"B.\"", QuoteNlp.mixedMarksPaired("\"A,\" he said.\n\"B.\""));
  }

  @Test
  void aPronounInARelativeClauseIsNotThePersonTheClauseDescribes() {
    M cohen = new M("Mr. Cohen", 0, "PERSON", "per:michael_cohen");
    M trump = new M("Mr. Trump", 0, "PERSON", "per:donald_trump");
    assertEquals(List.of("led me to choose a path of darkness over light. | direct | say | he | per:michael_cohen | pronoun"),
        rows("Mr. Cohen was sentenced in December. He said he acted out of loyalty to Mr. Trump, who he said "
            + "\u201cled me to choose a path of darkness over light.\u201d", cohen, trump).stream()
            .filter(r -> !r.contains("indirect")).toList());
  }

  @Test
  void theClauseAColonClosesAndAVerbAfterToIntroduceTheQuote() {
    M lauten = new M("Ms. Lauten", 0, "PERSON", "per:elizabeth_lauten");
    assertEquals(List.of("Rise to the occasion. | direct | write | Ms. Lauten | per:elizabeth_lauten | mention"),
        rows("Ms. Lauten wrote what she thought the daughters should have done: \u201cRise to the occasion.\u201d", lauten));
    assertEquals(List.of("coming up a little short | partial | say | She | per:elizabeth_lauten | pronoun"),
        rows("Ms. Lauten resigned on Monday. She went on to say that they were \u201ccoming up a little short\u201d then.",
            lauten));
  }

  @Test
  void theSubjectOfAParticipleIsTheFirstPersonPronounOrDescribedPersonOfTheSentence() {
    M rubio = new M("Sen. Marco Rubio", 0, "PERSON", "per:marco_rubio");
    M clinton = new M("Hillary Clinton", 0, "PERSON", "per:hillary_clinton");
    String text = "Sen. Marco Rubio spoke on Wednesday. In the speech the senator also took a swipe at Hillary Clinton, "
        + "calling her tenure \"ineffective at best.\"";
    QuoteNlp.Parsed p = QuoteNlp.parse(text);
    List<QuoteFinder.Mention> ms = new ArrayList<>();
    for (M m : List.of(rubio, clinton)) {
      int at = text.indexOf(m.surface());
      ms.add(new QuoteFinder.Mention(at, at + m.surface().length(), "PERSON", m.entityId(), m.surface(),
          m == rubio ? List.of("sen.") : List.of()));
    }
    assertEquals(List.of("ineffective at best. | partial | call | the senator | per:marco_rubio | descriptor"),
        FINDER.find(text, p.tokens(), p.marked(), ms).quotes().stream().map(QuoteFinderTest::row).toList());
    assertEquals(List.of("disgraceful | partial | call | He | per:marco_rubio | pronoun"),
        rows("Sen. Marco Rubio spoke on Wednesday. He also took a swipe at Hillary Clinton, calling her tenure \"disgraceful\" twice.",
            rubio, clinton));
  }

  @Test
  void aRelativeWhoAndACoordinatedVerbTakeTheirSubject() {
    M klobuchar = new M("Sen. Amy Klobuchar", 0, "PERSON", "per:amy_klobuchar");
    M minnesota = new M("Minnesota", 0, "LOCATION", "loc:minnesota");
    assertEquals(List.of("the report must be public. | partial | tweet | Sen. Amy Klobuchar | per:amy_klobuchar | mention"),
        rows("It was a call from Sen. Amy Klobuchar of Minnesota, who tweeted that \u201cthe report must be public.\u201d",
            klobuchar, minnesota));
    M orourke = new M("Beto O'Rourke", 0, "PERSON", "per:beto_orourke");
    M trump = new M("Trump", 0, "PERSON", "per:donald_trump");
    assertEquals(List.of("one of the most racist presidents | partial | say | He | per:beto_orourke | pronoun"),
        rows("Beto O'Rourke spoke in Iowa. He did not comment on Sunday, but did say that Trump is "
            + "\u201cone of the most racist presidents\u201d in a speech.", orourke, trump));
  }

  @Test
  void aPassiveOrAParentheticalVerbReportsNoOne() {
    M castillo = new M("Castillo", 0, "PERSON", "per:pedro_castillo");
    assertEquals(List.of("rebellion and conspiracy | partial | null | null | null | none"),
        rows("Castillo was arrested. He was charged with \u201crebellion and conspiracy\u201d on Monday. "
            + "He was then told that a plan had been agreed upon.", castillo));
    assertEquals(List.of("test the waters | partial | null | null | null | none"),
        rows("Some officers published it to \u2018test the waters\u2019, seeking support (the generals have referred to all "
            + "protesters as terrorists).", new M("protesters", 0, "GROUP", "grp:protesters")));
  }

  @Test
  void aQuotationLaterInTheSentenceThatAttributedTheOneBeforeContinuesIt() {
    M corfman = new M("Corfman", 0, "PERSON", "per:leigh_corfman");
    assertEquals(List.of(
            "I have prayed over this, | direct | tell | Corfman | per:leigh_corfman | mention",
            "I wanted it out. | direct | tell | Corfman | per:leigh_corfman | previous_quote"),
        rows("\u201cI have prayed over this,\u201d Corfman told the Post as to why she came forward at last, \u201cI wanted it out.\u201d",
            corfman));
  }

  @Test
  void aNameWithItsStateBeforeTheVerbIsTheSpeaker() {
    M mccarthy = new M("Representative Kevin McCarthy", 0, "PERSON", "per:kevin_mccarthy");
    M california = new M("California", 0, "LOCATION", "loc:california");
    assertEquals(List.of("Is this the behavior we want? | direct | ask | Representative Kevin McCarthy | per:kevin_mccarthy | mention"),
        rows("\u201cIs this the behavior we want?\u201d Representative Kevin McCarthy of California, the Republican leader, "
            + "asked at a news conference.", mccarthy, california));
    M harris = new M("Sen. Kamala Harris", 0, "PERSON", "per:kamala_harris");
    assertEquals(List.of("The report must be public, | direct | write | Sen. Kamala Harris | per:kamala_harris | mention"),
        rows("\u201cThe report must be public,\u201d Sen. Kamala Harris of California wrote on Twitter.", harris,
            new M("California", 0, "LOCATION", "loc:california")));
    // In reported speech too, the name before a long appositive speaks, not the name with its place inside it.
    assertEquals(List.of("the group was exploring places to intervene | indirect | say | Faiz Shakir | per:faiz_shakir | mention"),
        rows("Faiz Shakir, the political director of the group and an adviser to former Senator Harry Reid of Nevada, said "
            + "the group was exploring places to intervene.", new M("Faiz Shakir", 0, "PERSON", "per:faiz_shakir"),
            new M("Senator Harry Reid", 0, "PERSON", "per:harry_reid"), new M("Nevada", 0, "LOCATION", "loc:nevada")));
  }

  @Test
  void aPronounAfterAQuotationOfSeveralSentencesIsTheSubjectBeforeIt() {
    M harris = new M("Sen. Kamala Harris", 0, "PERSON", "per:kamala_harris");
    M warren = new M("Sen. Elizabeth Warren", 0, "PERSON", "per:elizabeth_warren");
    assertEquals("Congress did not ask for a summary. The people deserve the report. | direct | write | she | per:elizabeth_warren | pronoun",
        rows("\u201cThe report must be public,\u201d Sen. Kamala Harris wrote on Sunday.\n\nSen. Elizabeth Warren pointed to "
            + "the vote in the House.\n\n\u201cCongress did not ask for a summary. The people deserve the report.\u201d she wrote on Twitter.",
            harris, warren).get(1));
    // The sentence before opens with a pronoun: the person it names is not its subject.
    M king = new M("Rep. Peter King", 0, "PERSON", "per:peter_king");
    M obama = new M("Obama", 0, "PERSON", "per:barack_obama");
    assertEquals("It is wrong. They should not, | direct | tell | he | per:peter_king | pronoun",
        rows("\"It is a mistake,\" Rep. Peter King said on Monday. He said Obama was \"clearly\" taking a side.\n\n"
            + "\"It is wrong. They should not,\" he told Fox News.", king, obama).stream().filter(r -> r.contains("It is wrong")).findFirst().orElseThrow());
  }
}
