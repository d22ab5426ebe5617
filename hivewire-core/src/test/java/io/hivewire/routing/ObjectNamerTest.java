package io.hivewire.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectNamerTest {

  /** The binding layout of docs/architecture.md, as a reader of the bucket would match it. */
  static final Pattern BINDING_KEY =
      Pattern.compile(
          "(?<prefix>(?:[^/]+/)*)"
              + "(?:type=(?<type>events|sync_aliases)"
              + "/year=(?<year>\\d{4})/month=(?<month>\\d{2})/day=(?<day>\\d{2})/hour=(?<hour>\\d{2})"
              + "|type=segment)/"
              + "(?<timestamp>\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z)"
              + "-(?<hash>[0-9a-f]{6})-(?<worker>[A-Za-z0-9][A-Za-z0-9._-]*)\\.jsonl\\.gz");

  private static final PartitionKey EVENTS_14H =
      new PartitionKey(RecordType.EVENTS, Optional.of(new HourBucket(2026, 1, 15, 14)));
  private static final PartitionKey SEGMENT =
      new PartitionKey(RecordType.SEGMENT, Optional.empty());

  @ParameterizedTest(name = "prefix ''{0}''")
  @CsvSource(
      value = {
        "permutive/, permutive/type=events/year=2026/month=01/day=15/hour=14/",
        "permutive, permutive/type=events/year=2026/month=01/day=15/hour=14/",
        "a/b/, a/b/type=events/year=2026/month=01/day=15/hour=14/",
        "'', type=events/year=2026/month=01/day=15/hour=14/",
      })
  void keysFollowTheBindingLayout(String prefix, String directory) {
    String key =
        new ObjectNamer(prefix, new WorkerId("worker1"))
            .key(new FileRange(EVENTS_14H, 100, 250), Instant.parse("2026-01-15T14:00:03.12Z"));

    assertThat(key)
        .startsWith(directory + "2026-01-15T14:00:03.120000Z-")
        .endsWith("-worker1.jsonl.gz");
    var m = BINDING_KEY.matcher(key);
    assertThat(m.matches()).as(key).isTrue();
    assertThat(m.group("type")).isEqualTo("events");
    assertThat(m.group("hour")).isEqualTo("14");
  }

  @Test
  void segmentFilesAreNotPartitioned() {
    String key =
        new ObjectNamer("p/", new WorkerId("w"))
            .key(new FileRange(SEGMENT, 0, 0), Instant.parse("2026-01-15T14:05:00Z"));
    assertThat(key)
        .matches("p/type=segment/2026-01-15T14:05:00\\.000000Z-[0-9a-f]{6}-w\\.jsonl\\.gz");
    assertThat(BINDING_KEY.matcher(key).matches()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2026-01-15T14:00:03Z, 2026-01-15T14:00:03.000000Z",
    "2026-01-15T14:00:03.1Z, 2026-01-15T14:00:03.100000Z",
    "2026-01-15T14:00:03.123456789Z, 2026-01-15T14:00:03.123456Z",
    "2025-12-29T00:00:00Z, 2025-12-29T00:00:00.000000Z",
  })
  void timestampHasExactlySixFractionDigits(String instant, String rendered) {
    assertThat(ObjectNamer.timestamp(Instant.parse(instant))).isEqualTo(rendered);
  }

  @Test
  void theSameRangeGivesTheSameKeyAndAnotherRangeAnother() {
    ObjectNamer namer = new ObjectNamer("p/", new WorkerId("w1"));
    Instant t = Instant.parse("2026-01-15T14:00:03Z");
    String key = namer.key(new FileRange(EVENTS_14H, 10, 20), t);

    assertThat(namer.key(new FileRange(EVENTS_14H, 10, 20), t)).isEqualTo(key);
    assertThat(namer.key(new FileRange(EVENTS_14H, 10, 21), t)).isNotEqualTo(key);
    assertThat(namer.key(new FileRange(EVENTS_14H, 11, 20), t)).isNotEqualTo(key);
    assertThat(new ObjectNamer("p/", new WorkerId("w2")).key(new FileRange(EVENTS_14H, 10, 20), t))
        .isNotEqualTo(key);
  }

  @Test
  void recognisesItsOwnKeys() {
    ObjectNamer namer = new ObjectNamer("p/", new WorkerId("w1"));
    String key = namer.key(new FileRange(EVENTS_14H, 1, 2), Instant.EPOCH);
    assertThat(namer.isOwnKey(key)).isTrue();
    assertThat(new ObjectNamer("p/", new WorkerId("w2")).isOwnKey(key)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"/permutive", "a//b"})
  void rejectsPrefixesThatWouldGiveOddKeys(String prefix) {
    assertThatThrownBy(() -> new ObjectNamer(prefix, new WorkerId("w")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(prefix);
  }

  @ParameterizedTest
  @CsvSource({"'worker 1'", "worker/1", "-worker", "''", "wörker", "a*b"})
  void rejectsWorkerIdsWithUnsafeCharacters(String id) {
    assertThatThrownBy(() -> new WorkerId(id)).hasMessageContaining("is not valid");
  }

  @ParameterizedTest
  @CsvSource({"ip-10-0-0-1.ec2.internal, ip-10-0-0-1.ec2.internal", "my host, my-host", "_x, x"})
  void hostNamesBecomeSafeWorkerIds(String host, String id) {
    assertThat(WorkerId.fromHostName(host).value()).isEqualTo(id);
  }
}
