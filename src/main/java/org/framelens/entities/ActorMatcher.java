package org.framelens.entities;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.TokenizerFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the actor dictionary's names in a tokenised document. Names are tokenised like the text (CoreNLP's tokenizer,
 * same options) and matched longest first, token by token, accents folded; patterns run over the text and count where
 * they start and end on token boundaries of one sentence.
 */
final class ActorMatcher {

  /** A dictionary match: tokens [start, end) name the actor. */
  record Span(int start, int end, ActorDictionary.Actor actor) {}

  private record Name(String[] words, ActorDictionary.Actor actor) {}

  private final Map<String, List<Name>> byFirstWord = new HashMap<>();
  private final List<Pattern> patterns = new ArrayList<>();
  private final List<ActorDictionary.Actor> patternActors = new ArrayList<>();

  ActorMatcher(ActorDictionary dictionary) {
    TokenizerFactory<CoreLabel> tf = PTBTokenizer.factory(new CoreLabelTokenFactory(), Nlp.TOKENIZE_OPTIONS);
    for (ActorDictionary.Actor a : dictionary.actors()) {
      for (String n : a.names()) {
        List<CoreLabel> toks = tf.getTokenizer(new StringReader(n)).tokenize();
        if (toks.isEmpty()) {
          continue;
        }
        String[] words = toks.stream().map(t -> Names.fold(t.word())).toArray(String[]::new);
        byFirstWord.computeIfAbsent(words[0], k -> new ArrayList<>()).add(new Name(words, a));
      }
      for (String re : a.patterns()) {
        patterns.add(Pattern.compile(re));
        patternActors.add(a);
      }
    }
    byFirstWord.values().forEach(l -> l.sort(Comparator.comparingInt((Name n) -> -n.words().length)));
  }

  boolean isEmpty() {
    return byFirstWord.isEmpty() && patterns.isEmpty();
  }

  /** Non-overlapping matches in token order: names first (longest wins), then patterns where no name matched. */
  List<Span> match(String text, DocumentEntities.Tokens t) {
    List<Span> spans = new ArrayList<>();
    if (isEmpty()) {
      return spans;
    }
    boolean[] taken = new boolean[t.n];
    for (int i = 0; i < t.n; i++) {
      List<Name> candidates = byFirstWord.get(t.folded(i));
      if (candidates == null) {
        continue;
      }
      for (Name name : candidates) {
        int end = i + name.words().length;
        if (end > t.n || t.sentence[end - 1] != t.sentence[i]) {
          continue;
        }
        boolean all = true;
        for (int k = 1; k < name.words().length && all; k++) {
          all = name.words()[k].equals(t.folded(i + k));
        }
        if (all && !(end - i == 1 && Names.isPronoun(t.word[i]))) {
          spans.add(new Span(i, end, name.actor()));
          for (int k = i; k < end; k++) {
            taken[k] = true;
          }
          i = end - 1;
          break;
        }
      }
    }
    if (!patterns.isEmpty()) {
      Map<Integer, Integer> tokenAtBegin = new HashMap<>();
      Map<Integer, Integer> tokenAtEnd = new HashMap<>();
      for (int i = 0; i < t.n; i++) {
        tokenAtBegin.put(t.begin[i], i);
        tokenAtEnd.put(t.end[i], i + 1);
      }
      for (int p = 0; p < patterns.size(); p++) {
        Matcher m = patterns.get(p).matcher(text);
        while (m.find()) {
          Integer s = tokenAtBegin.get(m.start());
          Integer e = tokenAtEnd.get(m.end());
          if (s == null || e == null || e <= s || t.sentence[s] != t.sentence[e - 1]
              || (e - s == 1 && Names.isPronoun(t.word[s]))) {
            continue;
          }
          boolean free = true;
          for (int k = s; k < e && free; k++) {
            free = !taken[k];
          }
          if (free) {
            spans.add(new Span(s, e, patternActors.get(p)));
            for (int k = s; k < e; k++) {
              taken[k] = true;
            }
          }
        }
      }
      spans.sort(Comparator.comparingInt(Span::start));
    }
    return spans;
  }
}
