package io.hivewire.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.FileRange;
import io.hivewire.routing.PartitionKey;
import io.hivewire.routing.RoutingHistory;
import io.hivewire.routing.UploadedFile;
import io.hivewire.routing.Uploader;
import io.hivewire.routing.log.RecordType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RoutingChartTest {

  private static final Instant START = Instant.parse("2026-01-15T14:00:00Z");

  /** A file of {@code records} records (a segment list: its partition has no hour). */
  private static UploadedFile file(long records) {
    PartitionKey partition = new PartitionKey(RecordType.SEGMENT, Optional.empty());
    return new UploadedFile(
        "key", new FileRange(partition, 0, records), records, 10, Uploader.Outcome.UPLOADED);
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theChartIsAnAccessibleImageWhoseDescriptionIsTheSummary() throws Exception {
    RoutingHistory history = new RoutingHistory(START);
    history.uploaded(file(30), START.plusSeconds(10));
    history.sampled(Duration.ofMillis(4_200), START.plusSeconds(10));

    RoutingChart chart = RoutingChart.of(history.snapshot(START.plusSeconds(30)));
    Element svg = parse(chart.svg()).getDocumentElement();

    assertThat(svg.getAttribute("role")).isEqualTo("img");
    assertThat(svg.getAttribute("aria-labelledby"))
        .isEqualTo("routing-chart-title routing-chart-desc");
    assertThat(svg.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("Records per minute and freshness lag over the last hour");
    assertThat(svg.getElementsByTagName("desc").item(0).getTextContent())
        .isEqualTo(chart.summary());
    assertThat(chart.summary())
        .isEqualTo(
            "30 records written in the last hour in 1 file; peak 30 records per minute at 14:00"
                + " UTC. Freshness lag: worst 4.2 s, latest 4.2 s.");
  }

  @Test
  void eachMinuteWithRecordsIsABarScaledToTheHoursPeakWithItsOwnTooltip() throws Exception {
    RoutingHistory history = new RoutingHistory(START);
    history.uploaded(file(40), START);
    history.uploaded(file(10), START.plusSeconds(60));

    Document svg = parse(RoutingChart.of(history.snapshot(START.plusSeconds(90))).svg());
    NodeList bars = svg.getElementsByTagName("rect");

    assertThat(bars.getLength()).isEqualTo(2);
    Element peak = (Element) bars.item(0);
    Element small = (Element) bars.item(1);
    assertThat(peak.getAttribute("data-records")).isEqualTo("40");
    // The scale's top is 50 (the next of 1, 2 and 5 times a power of ten): 40 fills 4/5 of 90 px.
    assertThat(Double.parseDouble(peak.getAttribute("height"))).isEqualTo(72.0);
    assertThat(Double.parseDouble(small.getAttribute("height"))).isEqualTo(18.0);
    assertThat(Double.parseDouble(small.getAttribute("x")))
        .isGreaterThan(Double.parseDouble(peak.getAttribute("x")));
    assertThat(peak.getTextContent()).isEqualTo("14:00 UTC: 40 records in 1 file");
    assertThat(svg.getDocumentElement().getTextContent()).contains("50", "now");
  }

  @Test
  void theLagLineBreaksWhereNoLagWasMeasured() throws Exception {
    RoutingHistory history = new RoutingHistory(START);
    history.sampled(Duration.ofSeconds(2), START);
    history.sampled(Duration.ofSeconds(4), START.plusSeconds(60));
    history.sampled(Duration.ofSeconds(1), START.plusSeconds(240));

    Document svg = parse(RoutingChart.of(history.snapshot(START.plusSeconds(240))).svg());
    Element line = (Element) svg.getElementsByTagName("path").item(0);

    assertThat(line.getAttribute("d")).matches("M[\\d. ]+ L[\\d. ]+ M[\\d. ]+");
    assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(3);
  }

  @Test
  void anHourWithoutRoutingSaysSoInWordsAndDrawsNoData() throws Exception {
    RoutingChart chart = RoutingChart.of(new RoutingHistory(START).snapshot(START));
    Document svg = parse(chart.svg());

    assertThat(chart.summary())
        .isEqualTo(
            "No records written in the last hour. No freshness lag measured: the destination"
                + " has not routed in the last hour.");
    assertThat(svg.getElementsByTagName("rect").getLength()).isZero();
    assertThat(svg.getElementsByTagName("path").getLength()).isZero();
  }

  @Test
  void scalesEndOnOneTwoOrFiveTimesAPowerOfTen() {
    assertThat(RoutingChart.niceCeiling(0)).isEqualTo(1);
    assertThat(RoutingChart.niceCeiling(1)).isEqualTo(1);
    assertThat(RoutingChart.niceCeiling(3)).isEqualTo(5);
    assertThat(RoutingChart.niceCeiling(40)).isEqualTo(50);
    assertThat(RoutingChart.niceCeiling(101)).isEqualTo(200);
    assertThat(RoutingChart.niceCeiling(5_000)).isEqualTo(5_000);
  }
}
