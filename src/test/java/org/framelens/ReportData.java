package org.framelens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The data a run's report/index.html carries inline, as the page's script reads it. */
public final class ReportData {
  private ReportData() {}

  /** The drill-down lines: key to lines. */
  public static JsonNode kwic(Path output) throws IOException {
    String html = Files.readString(output.resolve("report/index.html"));
    String open = "<script type=\"application/json\" id=\"framelens-data\">";
    int from = html.indexOf(open) + open.length();
    return new ObjectMapper().readTree(html.substring(from, html.indexOf("</script>", from))).path("kwic");
  }
}
