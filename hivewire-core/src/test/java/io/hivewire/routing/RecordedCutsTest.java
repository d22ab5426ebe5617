package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordedCutsTest {

  private static final RotationPolicy POLICY = RotationPolicy.defaults();

  @Test
  void cutsReadBackAsTheyWereWrittenWithTheLimitsTheyWereCutUnder() {
    RecordedCuts cuts =
        new RecordedCuts(
            2048,
            12,
            List.of(
                new CutPoint(10, new WorkerId("node-a")), new CutPoint(25, new WorkerId("b.2"))));

    String metadata = cuts.encode();

    assertThat(metadata).isEqualTo("hivewire-cuts/1 size=2048 open=12 cuts=10@node-a,25@b.2");
    RecordedCuts read = RecordedCuts.parse(metadata, POLICY);
    assertThat(read).isEqualTo(cuts);
    assertThat(read.policy(POLICY.withFlushInterval(Duration.ofSeconds(7))))
        .isEqualTo(new RotationPolicy(Duration.ofSeconds(7), 2048, 12));
  }

  @Test
  void noCutsAreEmptyMetadataAndEmptyMetadataIsNoCuts() {
    assertThat(RecordedCuts.none(POLICY).encode()).isEmpty();
    assertThat(RecordedCuts.parse("", POLICY).cuts()).isEmpty();
  }

  @Test
  void theMostCutsOfTheLongestWorkerIdsStayWellUnderKafkasMetadataLimit() {
    List<CutPoint> cuts = new ArrayList<>();
    for (int i = 0; i < RecordedCuts.MAX_CUTS; i++) {
      cuts.add(
          new CutPoint(Long.MAX_VALUE - RecordedCuts.MAX_CUTS + i, new WorkerId("w".repeat(64))));
    }
    String metadata = new RecordedCuts(Long.MAX_VALUE, Integer.MAX_VALUE, cuts).encode();
    assertThat(metadata.getBytes(StandardCharsets.UTF_8).length).isLessThan(1024);
  }

  @Test
  void metadataThatIsNotOursIsRefusedNamingIt() {
    assertThatThrownBy(() -> RecordedCuts.parse("set by a script", POLICY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'set by a script'")
        .hasMessageContaining("--reset-offsets");
  }

  @Test
  void cutsOutOfOrderAreRefused() {
    assertThatThrownBy(
            () ->
                new RecordedCuts(
                    2048,
                    1,
                    List.of(
                        new CutPoint(5, new WorkerId("a")), new CutPoint(5, new WorkerId("b")))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void filesOfOtherLogPartitionsGetOtherKeysAndPartitionZeroKeepsTheSingleLogKey() {
    ObjectNamer namer = new ObjectNamer("p/", new WorkerId("node-a"));
    FileRange range =
        new FileRange(PartitionKey.parse("type=events/year=2026/month=01/day=15/hour=14"), 0, 9);
    Instant first = Instant.parse("2026-01-15T14:00:00Z");

    assertThat(namer.key(range, first, 0)).isEqualTo(namer.key(range, first));
    assertThat(namer.key(range, first, 1))
        .isNotEqualTo(namer.key(range, first, 0))
        .isNotEqualTo(namer.key(range, first, 2));
    assertThat(namer.withWorker(new WorkerId("node-b")).key(range, first, 1))
        .endsWith("-node-b.jsonl.gz")
        .isNotEqualTo(namer.key(range, first, 1));
  }
}
