package org.framelens.entities;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * GraphML and GEXF 1.3 files of one co-occurrence network, written with the JDK's StAX writer (which escapes text and
 * attributes). Only characters XML 1.0 cannot hold at all are dropped from names.
 */
final class GraphWriter {
  private GraphWriter() {}

  record Node(String id, String name, String type, long mentions) {}

  record Edge(String a, String b, long count, long documents, double pmi, double npmi, double jaccard) {}

  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  static void graphml(OutputStream out, String description, List<Node> nodes, List<Edge> edges) throws IOException {
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("graphml");
      w.writeDefaultNamespace("http://graphml.graphdrawing.org/xmlns");
      w.writeNamespace("xsi", "http://www.w3.org/2001/XMLSchema-instance");
      w.writeAttribute("http://www.w3.org/2001/XMLSchema-instance", "schemaLocation",
          "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd");
      w.writeCharacters("\n");
      key(w, "name", "node", "string");
      key(w, "type", "node", "string");
      key(w, "mentions", "node", "long");
      key(w, "count", "edge", "long");
      key(w, "documents", "edge", "long");
      key(w, "pmi", "edge", "double");
      key(w, "npmi", "edge", "double");
      key(w, "jaccard", "edge", "double");
      key(w, "description", "graph", "string");
      w.writeStartElement("graph");
      w.writeAttribute("id", "G");
      w.writeAttribute("edgedefault", "undirected");
      w.writeCharacters("\n");
      data(w, "description", description);
      for (Node n : nodes) {
        w.writeStartElement("node");
        w.writeAttribute("id", xmlSafe(n.id()));
        data(w, "name", n.name());
        data(w, "type", n.type());
        data(w, "mentions", Long.toString(n.mentions()));
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      for (Edge e : edges) {
        w.writeStartElement("edge");
        w.writeAttribute("source", xmlSafe(e.a()));
        w.writeAttribute("target", xmlSafe(e.b()));
        data(w, "count", Long.toString(e.count()));
        data(w, "documents", Long.toString(e.documents()));
        data(w, "pmi", number(e.pmi()));
        data(w, "npmi", number(e.npmi()));
        data(w, "jaccard", number(e.jaccard()));
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("writing GraphML: " + e.getMessage(), e);
    }
  }

  static void gexf(OutputStream out, String description, List<Node> nodes, List<Edge> edges) throws IOException {
    try {
      XMLStreamWriter w = XML.createXMLStreamWriter(out, "UTF-8");
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("gexf");
      w.writeDefaultNamespace("http://gexf.net/1.3");
      w.writeAttribute("version", "1.3");
      w.writeCharacters("\n");
      w.writeStartElement("meta");
      w.writeStartElement("creator");
      w.writeCharacters("framelens");
      w.writeEndElement();
      w.writeStartElement("description");
      w.writeCharacters(xmlSafe(description));
      w.writeEndElement();
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeStartElement("graph");
      w.writeAttribute("defaultedgetype", "undirected");
      w.writeAttribute("mode", "static");
      w.writeCharacters("\n");
      attributes(w, "node", new String[][] {{"type", "string"}, {"mentions", "long"}});
      attributes(w, "edge", new String[][] {{"count", "long"}, {"documents", "long"}, {"pmi", "double"},
          {"npmi", "double"}, {"jaccard", "double"}});
      w.writeStartElement("nodes");
      w.writeCharacters("\n");
      for (Node n : nodes) {
        w.writeStartElement("node");
        w.writeAttribute("id", xmlSafe(n.id()));
        w.writeAttribute("label", xmlSafe(n.name()));
        w.writeStartElement("attvalues");
        attvalue(w, "type", n.type());
        attvalue(w, "mentions", Long.toString(n.mentions()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeStartElement("edges");
      w.writeCharacters("\n");
      int id = 0;
      for (Edge e : edges) {
        w.writeStartElement("edge");
        w.writeAttribute("id", Integer.toString(id++));
        w.writeAttribute("source", xmlSafe(e.a()));
        w.writeAttribute("target", xmlSafe(e.b()));
        w.writeAttribute("weight", Long.toString(e.count()));
        w.writeStartElement("attvalues");
        attvalue(w, "count", Long.toString(e.count()));
        attvalue(w, "documents", Long.toString(e.documents()));
        attvalue(w, "pmi", number(e.pmi()));
        attvalue(w, "npmi", number(e.npmi()));
        attvalue(w, "jaccard", number(e.jaccard()));
        w.writeEndElement();
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IOException("writing GEXF: " + e.getMessage(), e);
    }
  }

  private static void key(XMLStreamWriter w, String name, String forWhat, String type) throws XMLStreamException {
    w.writeEmptyElement("key");
    w.writeAttribute("id", name);
    w.writeAttribute("for", forWhat);
    w.writeAttribute("attr.name", name);
    w.writeAttribute("attr.type", type);
    w.writeCharacters("\n");
  }

  private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
    w.writeStartElement("data");
    w.writeAttribute("key", key);
    w.writeCharacters(xmlSafe(value));
    w.writeEndElement();
  }

  private static void attributes(XMLStreamWriter w, String cls, String[][] attrs) throws XMLStreamException {
    w.writeStartElement("attributes");
    w.writeAttribute("class", cls);
    for (String[] a : attrs) {
      w.writeEmptyElement("attribute");
      w.writeAttribute("id", a[0]);
      w.writeAttribute("title", a[0]);
      w.writeAttribute("type", a[1]);
    }
    w.writeEndElement();
    w.writeCharacters("\n");
  }

  private static void attvalue(XMLStreamWriter w, String key, String value) throws XMLStreamException {
    w.writeEmptyElement("attvalue");
    w.writeAttribute("for", key);
    w.writeAttribute("value", xmlSafe(value));
  }

  private static String number(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.6g", d) : "NaN";
  }

  /** Drops the characters XML 1.0 cannot represent even escaped (controls other than tab, newline, return). */
  static String xmlSafe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF;
      if (!ok && b == null) {
        b = new StringBuilder(s.substring(0, i));
      } else if (ok && b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }
}
