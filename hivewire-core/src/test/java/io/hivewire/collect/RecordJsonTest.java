package io.hivewire.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final UUID EVENT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final UUID USER_ID = UUID.fromString("7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10");
  private static final Instant TIME = Instant.parse("2026-01-15T14:00:03.123456789Z");

  @Test
  void eventLineHasFixedFieldOrderAndMicrosecondUtcTime() throws Exception {
    ObjectNode properties = (ObjectNode) MAPPER.readTree("{\"client\":{\"type\":\"web\"}}");
    CollectedEvent event =
        new CollectedEvent(
            EVENT_ID,
            "Pageview",
            Optional.of(USER_ID),
            List.of(),
            Optional.of("s1"),
            Optional.empty(),
            List.of(12L, 40L),
            List.of("sports"),
            EventProperties.of(properties),
            TIME);

    LogEntry entry = event.toLogEntry();

    assertThat(entry.type()).isEqualTo(RecordType.EVENTS);
    assertThat(entry.time()).isEqualTo(Instant.parse("2026-01-15T14:00:03.123456Z"));
    assertThat(new String(entry.payload(), UTF_8))
        .isEqualTo(
            "{\"event_id\":\"00000000-0000-4000-8000-000000000001\","
                + "\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\",\"session_id\":\"s1\","
                + "\"name\":\"Pageview\",\"time\":\"2026-01-15T14:00:03.123456Z\","
                + "\"segments\":[12,40],\"cohorts\":[\"sports\"],"
                + "\"properties\":{\"client\":{\"type\":\"web\"}}}");
  }

  @Test
  void resolvedUserIsWrittenBesideTheAliases() {
    CollectedEvent event =
        new CollectedEvent(
                EVENT_ID,
                "Pageview",
                Optional.empty(),
                List.of(new Alias("email_sha256", "ab", 0)),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                EventProperties.of(MAPPER.createObjectNode()),
                TIME)
            .withUserId(USER_ID);

    assertThat(new String(event.toLogEntry().payload(), UTF_8))
        .contains("\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"")
        .contains("\"aliases\":[{\"tag\":\"email_sha256\",\"id\":\"ab\",\"priority\":0}]");
  }

  @Test
  void timesAreWrittenAsTheFormatterWritesThem() {
    DateTimeFormatter formatter =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    SplittableRandom random = new SplittableRandom(3);
    List<Instant> times =
        new ArrayList<>(
            List.of(
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.EPOCH,
                Instant.ofEpochSecond(-1, 1_000)));
    for (int i = 0; i < 10_000; i++) {
      times.add(
          Instant.ofEpochSecond(
              random.nextLong(-62_200_000_000L, 253_500_000_000L), random.nextInt(1_000_000_000)));
    }

    for (Instant time : times) {
      assertThat(RecordJson.time(time)).as(time.toString()).isEqualTo(formatter.format(time));
    }
  }

  @Test
  void aliasLinkIsOneSyncAliasesLine() {
    LogEntry entry = new AliasLink(USER_ID, new Alias("appnexus", "991", 2), TIME).toLogEntry();

    assertThat(entry.type()).isEqualTo(RecordType.SYNC_ALIASES);
    assertThat(new String(entry.payload(), UTF_8))
        .isEqualTo(
            "{\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\",\"tag\":\"appnexus\","
                + "\"id\":\"991\",\"priority\":2,\"time\":\"2026-01-15T14:00:03.123456Z\"}");
  }

  @Test
  void segmentSnapshotIsOneLinePerSegmentInCodeOrderWithTheSnapshotTime() {
    AudienceSegment sports =
        new AudienceSegment(
            UUID.fromString("00000000-0000-4000-8000-00000000000b"),
            20,
            "Sports",
            "reads sport",
            List.of("interest"),
            AudienceSegmentState.ACTIVE);
    AudienceSegment news =
        new AudienceSegment(
            UUID.fromString("00000000-0000-4000-8000-00000000000a"),
            10,
            "News",
            "",
            List.of(),
            AudienceSegmentState.ARCHIVED);

    List<LogEntry> entries =
        new AudienceSegmentSnapshot(TIME, List.of(sports, news)).toLogEntries();

    assertThat(entries).extracting(LogEntry::type).containsOnly(RecordType.SEGMENT);
    assertThat(entries)
        .extracting(e -> new String(e.payload(), UTF_8))
        .containsExactly(
            "{\"id\":\"00000000-0000-4000-8000-00000000000a\",\"code\":10,\"name\":\"News\","
                + "\"description\":\"\",\"tags\":[],\"state\":\"ARCHIVED\","
                + "\"time\":\"2026-01-15T14:00:03.123456Z\"}",
            "{\"id\":\"00000000-0000-4000-8000-00000000000b\",\"code\":20,\"name\":\"Sports\","
                + "\"description\":\"reads sport\",\"tags\":[\"interest\"],\"state\":\"ACTIVE\","
                + "\"time\":\"2026-01-15T14:00:03.123456Z\"}");
  }
}
