package org.framelens.corpus;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which input column plays which role (id, outlet, date, ...). The configured name wins; a text-folder manifest's
 * conventional names (published, author) are accepted as fallbacks so that one set of defaults fits both layouts.
 */
final class Fields implements Serializable {
  final List<String> id;
  final List<String> outlet;
  final List<String> date;
  final List<String> author;
  final List<String> title;
  final List<String> text;
  final List<String> url;

  Fields(IngestOptions o) {
    id = List.of(o.idColumn);
    outlet = List.of(o.outletColumn);
    date = distinct(o.dateColumn, "published", "date");
    author = distinct(o.authorColumn, "author", "authors");
    title = List.of(o.titleColumn);
    text = List.of(o.textColumn);
    url = List.of(o.urlColumn);
  }

  private static List<String> distinct(String... names) {
    return new ArrayList<>(new LinkedHashSet<>(List.of(names)));
  }

  /** The first candidate present among the available columns, or null. */
  static String pick(List<String> candidates, Collection<String> available) {
    for (String c : candidates) {
      if (available.contains(c)) {
        return c;
      }
    }
    return null;
  }

  /** Column names that carry a role, given the available ones: everything else goes to extra. */
  Set<String> roleColumns(Collection<String> available) {
    Set<String> used = new LinkedHashSet<>();
    for (List<String> role : List.of(id, outlet, date, author, title, text, url)) {
      String p = pick(role, available);
      if (p != null) {
        used.add(p);
      }
    }
    return used;
  }
}
