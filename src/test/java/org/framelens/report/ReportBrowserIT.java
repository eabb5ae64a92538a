package org.framelens.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.framelens.SampleRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The report of a whole run on the sample corpus, opened in headless Chromium (Debian's chromium and
 * chromium-driver, which .ci/run installs) through Selenium: no console error, no request but the page itself,
 * every section and chart drawn, and a click on a labelled term opens its keyword-in-context lines.
 */
class ReportBrowserIT {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static Path page;
  private static ChromeDriver browser;

  @BeforeAll
  static void open() {
    assertTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "this test needs Debian's chromium and chromium-driver: apt-get install chromium chromium-driver");
    page = SampleRun.get().folder().resolve("report/index.html");   // the README's first command's report
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1400");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
    browser.get(page.toUri().toString());
    waitFor(Duration.ofSeconds(30), () -> browser.findElement(By.tagName("body")).getDomAttribute("data-first-screen-ms") != null);
    List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
    lastDrawnAtLoad = drawn(charts.get(charts.size() - 1));
    // Charts are drawn as they come into view: scroll to each, as a reader would.
    for (WebElement c : charts) {
      ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", c);
      waitFor(Duration.ofSeconds(30), () -> drawn(c));
    }
    waitFor(Duration.ofSeconds(10), () -> browser.findElement(By.tagName("body")).getDomAttribute("data-rendered-ms") != null);
  }

  private static boolean lastDrawnAtLoad;

  private static boolean drawn(WebElement chart) {
    return "true".equals(chart.getDomAttribute("data-rendered")) || !chart.getText().isEmpty();
  }

  private static void waitFor(Duration limit, java.util.function.BooleanSupplier condition) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, "still not so after " + limit.toSeconds() + " s");
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void everySectionAndChartIsDrawnWithoutErrorsOrRequests() throws Exception {
    for (String section : List.of("ingest", "terms", "distinctive", "topics", "entities", "quotes", "events", "run")) {
      assertFalse(browser.findElements(By.id(section)).isEmpty(), "section " + section);
    }
    List<WebElement> charts = browser.findElements(By.cssSelector(".chart"));
    assertTrue(charts.size() >= 10, charts.size() + " charts");
    assertFalse(lastDrawnAtLoad, "the last chart, far below the first screen, waits until it is scrolled to");
    for (WebElement c : charts) {
      String id = c.getDomAttribute("id");
      assertEquals("true", c.getDomAttribute("data-rendered"), id + " rendered");
      boolean drawn = !c.findElements(By.cssSelector("svg .mark-symbol path, svg .mark-rect path, svg .mark-line path, svg .mark-text text, svg .mark-rule line")).isEmpty()
          || !c.findElements(By.cssSelector("table td")).isEmpty();
      assertTrue(drawn, id + " holds marks or table cells");
    }
    List<String> errors = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        errors.add(e.getMessage());
      }
    }
    assertEquals(List.of(), errors, "console errors");
    ObjectMapper json = new ObjectMapper();
    List<String> requests = new ArrayList<>();
    for (LogEntry e : browser.manage().logs().get(LogType.PERFORMANCE)) {
      JsonNode m = json.readTree(e.getMessage()).path("message");
      if (m.path("method").asText().equals("Network.requestWillBeSent")) {
        requests.add(m.path("params").path("request").path("url").asText());
      }
    }
    assertEquals(List.of(page.toUri().toString()), requests.stream().distinct().toList(), "requests");
  }

  @Test
  void clickingATermOrAnActorOpensItsLinesWithTheTermMarked() throws Exception {
    WebElement scatter = browser.findElement(By.id("chart-distinctive-scatter"));
    List<WebElement> labels = scatter.findElements(By.cssSelector(".role-mark.mark-text text"));
    assertFalse(labels.isEmpty(), "labelled terms");
    WebElement label = labels.get(0);
    String term = label.getText();
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
    label.click();
    WebElement panel = browser.findElement(By.id("kwic"));
    waitFor(Duration.ofSeconds(10), panel::isDisplayed);
    assertTrue(browser.findElement(By.id("kwic-term")).getText().startsWith(term), "the panel names " + term);
    List<WebElement> lines = panel.findElements(By.cssSelector("tr.kwic-line"));
    assertTrue(lines.size() >= 1 && lines.size() <= org.framelens.pipeline.Chart.KWIC_LINES, lines.size() + " lines");
    for (WebElement l : lines) {
      assertEquals(term, l.findElement(By.tagName("mark")).getText().toLowerCase(java.util.Locale.ROOT), l.getText());
    }
    // An actor's bar opens the lines of its mentions in the outlet chosen, each mention marked.
    WebElement actors = browser.findElement(By.id("chart-actors-named"));
    List<WebElement> bars = actors.findElements(By.cssSelector(".role-mark path"));
    assertFalse(bars.isEmpty(), "actor bars");
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", bars.get(0));
    new org.openqa.selenium.interactions.Actions(browser).moveToElement(bars.get(0)).click().perform();
    waitFor(Duration.ofSeconds(10), () -> !browser.findElement(By.id("kwic-term")).getText().startsWith(term));
    List<WebElement> mentions = panel.findElements(By.cssSelector("tr.kwic-line"));
    assertTrue(mentions.size() >= 1 && mentions.size() <= org.framelens.pipeline.Chart.KWIC_LINES, mentions.size() + " lines");
    for (WebElement l : mentions) {
      assertFalse(l.findElement(By.tagName("mark")).getText().isBlank(), l.getText());
    }
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
    label.click();
    waitFor(Duration.ofSeconds(10), () -> browser.findElement(By.id("kwic-term")).getText().startsWith(term));
    Path shot = Path.of("target", "report-screenshot.png");
    Files.createDirectories(shot.getParent());
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }
}
