package org.framelens.entities;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.framelens.pipeline.FramelensException;
import org.framelens.pipeline.SideFile;

/**
 * The collective-actor lexicon (a documented, replaceable resource: the bundled {@code collective-actors.txt}, or
 * --collective-actors): the common nouns that name groups acting in the news, and the party and nationality adjectives
 * that become part of a group's name. CoreNLP's 3-class model tags none of them; no maintained library lists them for
 * news, hence the list.
 */
public final class CollectiveActors implements Serializable {
  /** A group's mention: tokens [start, end), its name's key ("republican lawmakers") and display. */
  record Match(int start, int end, String key, String display) {}

  private static String lower(DocumentEntities.Tokens t, int i) {
    return t.folded(i).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * A form before a possessive modifies another noun ("the teachers' union"). A common noun written with a capital
   * inside its sentence, after a capitalised word or before "of" and one, is part of a name CoreNLP did not tag
   * ("National Police of Peru", "Armed Forces"), not a group; party nouns are always capitalised ("House Democrats"
   * names a group).
   */
  private boolean partOfAName(DocumentEntities.Tokens t, int i) {
    String w = t.word[i];
    if (i + 1 < t.n && (t.word[i + 1].equals("'") || t.word[i + 1].equals("\u2019") || t.word[i + 1].equals("'s"))) {
      return true;   // "the teachers' union": the union acts, not the teachers
    }
    if (!Character.isUpperCase(w.charAt(0)) || i == t.sentenceStart[t.sentence[i]] || w.equals("Republicans") || w.equals("Democrats")) {
      return false;
    }
    boolean afterName = Character.isUpperCase(t.word[i - 1].charAt(0)) && !modifiers.contains(lower(t, i - 1));
    boolean beforeOf = i + 2 < t.n && t.word[i + 1].equals("of") && Character.isUpperCase(t.word[i + 2].charAt(0));
    return afterName || beforeOf;
  }

  /** Folded lower-case form, one word or two joined by a space, to the group's name. */
  private final Map<String, String> forms;
  private final Set<String> modifiers;
  /** The first words of the two-word forms: only after one of them is a pair of words looked up. */
  private final Set<String> pairStarts;

  private CollectiveActors(Map<String, String> forms, Set<String> modifiers) {
    this.forms = Map.copyOf(forms);
    this.modifiers = Set.copyOf(modifiers);
    Set<String> starts = new HashSet<>();
    for (String f : forms.keySet()) {
      if (f.indexOf(' ') > 0) {
        starts.add(f.substring(0, f.indexOf(' ')));
      }
    }
    this.pairStarts = Set.copyOf(starts);
  }

  public static CollectiveActors load(String path, Configuration conf) {
    return parse(path == null ? "collective-actors.txt" : path,
        SideFile.lines(path, CollectiveActors.class, "collective-actors.txt", "the collective-actor list", conf));
  }

  static CollectiveActors parse(String source, List<String> lines) {
    Map<String, String> forms = new HashMap<>();
    Set<String> modifiers = new HashSet<>();
    int n = 0;
    for (String line : lines) {
      n++;
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon <= 0 || l.substring(colon + 1).isBlank()) {
        throw new FramelensException(source + " line " + n + ": expected 'group: form form ...', got '" + line + "'");
      }
      String group = l.substring(0, colon).strip();
      for (String f : l.substring(colon + 1).strip().split("\\s+")) {
        String[] words = f.split("_");
        if (words.length > 2) {
          throw new FramelensException(source + " line " + n + ": a form has one or two words, got '" + f + "'");
        }
        String key = Names.fold(String.join(" ", words));
        if (group.equals("modifiers")) {
          modifiers.add(key.toLowerCase(java.util.Locale.ROOT));
        } else {
          forms.put(key.toLowerCase(java.util.Locale.ROOT), Names.fold(group).toLowerCase(java.util.Locale.ROOT));
        }
      }
    }
    if (forms.isEmpty()) {
      throw new FramelensException(source + ": no collective actor in it");
    }
    return new CollectiveActors(forms, modifiers);
  }

  /**
   * The groups named in the document, where no other mention is ({@code covered}): a form (two words before one),
   * with the party and nationality adjectives just before it in its sentence.
   */
  List<Match> match(String text, DocumentEntities.Tokens t, boolean[] covered) {
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < t.n; i++) {
      if (covered[i]) {
        continue;
      }
      int end = -1;
      String group = null;
      String word = lower(t, i);
      if (i + 1 < t.n && !covered[i + 1] && t.sentence[i + 1] == t.sentence[i] && pairStarts.contains(word)) {
        group = forms.get(word + " " + lower(t, i + 1));
        end = i + 2;
      }
      if (group == null) {
        group = forms.get(word);
        end = i + 1;
      }
      if (group == null || partOfAName(t, i)) {
        continue;
      }
      int start = i;
      List<String> mods = new ArrayList<>();
      // Party and nationality adjectives are capitalised ("Republican", "U.S."): "us" and "state" stay words.
      while (start > 0 && !covered[start - 1] && t.sentence[start - 1] == t.sentence[i] && modifiers.contains(lower(t, start - 1))
          && Character.isUpperCase(t.word[start - 1].charAt(0))) {
        start--;
        mods.add(0, lower(t, start));
      }
      String key = mods.isEmpty() ? group : String.join(" ", mods) + " " + group;
      String display = mods.isEmpty() ? group : DocumentEntities.clean(text, t, start, i) + " " + group;
      out.add(new Match(start, end, key, display));
      i = end - 1;
    }
    return out;
  }
}
