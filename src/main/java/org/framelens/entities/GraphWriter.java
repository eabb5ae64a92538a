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

  /** The attributes of nodes and edges, {name, type}, declared once for both formats, in the order of values(). */
  private static final String[][] NODE_ATTRIBUTES = {{"type", "string"}, {"mentions", "long"}};
  private static final String[][] EDGE_ATTRIBUTES = {{"count", "long"}, {"documents", "long"}, {"pmi", "double"},
      {"npmi", "double"}, {"jaccard", "double"}};

  record Node(String id, String name, String type, long mentions) {
    String[] values() {
      return new String[] {type, Long.toString(mentions)};
    }
  }

  record Edge(String a, String b, long count, long documents, double pmi, double npmi, double jaccard) {
    String[] values() {
      return new String[] {Long.toString(count), Long.toString(documents), number(pmi), number(npmi), number(jaccard)};
    }
  }

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
      for (String[] a : NODE_ATTRIBUTES) {
        key(w, a[0], "node", a[1]);
      }
      for (String[] a : EDGE_ATTRIBUTES) {
        key(w, a[0], "edge", a[1]);
      }
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
        values(w, NODE_ATTRIBUTES, n.values(), GraphWriter::data);
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      for (Edge e : edges) {
        w.writeStartElement("edge");
        w.writeAttribute("source", xmlSafe(e.a()));
        w.writeAttribute("target", xmlSafe(e.b()));
        values(w, EDGE_ATTRIBUTES, e.values(), GraphWriter::data);
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
      attributes(w, "node", NODE_ATTRIBUTES);
      attributes(w, "edge", EDGE_ATTRIBUTES);
      w.writeStartElement("nodes");
      w.writeCharacters("\n");
      for (Node n : nodes) {
        w.writeStartElement("node");
        w.writeAttribute("id", xmlSafe(n.id()));
        w.writeAttribute("label", xmlSafe(n.name()));
        w.writeStartElement("attvalues");
        values(w, NODE_ATTRIBUTES, n.values(), GraphWriter::attvalue);
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
        values(w, EDGE_ATTRIBUTES, e.values(), GraphWriter::attvalue);
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

  private interface ValueWriter {
    void write(XMLStreamWriter w, String key, String value) throws XMLStreamException;
  }

  private static void values(XMLStreamWriter w, String[][] attributes, String[] values, ValueWriter how)
      throws XMLStreamException {
    for (int i = 0; i < attributes.length; i++) {
      how.write(w, attributes[i][0], values[i]);
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
