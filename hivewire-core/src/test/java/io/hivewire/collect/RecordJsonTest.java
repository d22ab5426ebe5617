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
  void eventLinesAreWhatAGeneratorWritesForTheSameFields() throws Exception {
    String[] pieces = {
      "a", "Z", "0", " ", "_", "/", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f", "é", "中",
      "😀", "\u2028", "<", "&"
    };
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2_000; i++) {
      List<Alias> aliases = new ArrayList<>();
      for (int a = random.nextInt(3); a > 0; a--) {
        aliases.add(
            new Alias("t" + text(random, pieces), "i" + text(random, pieces), random.nextInt(5)));
      }
      List<String> cohorts = new ArrayList<>();
      for (int c = random.nextInt(4); c > 0; c--) {
        cohorts.add(text(random, pieces));
      }
      CollectedEvent event =
          new CollectedEvent(
              new UUID(random.nextLong(), random.nextLong()),
              "Name_" + random.nextInt(100),
              random.nextBoolean() || aliases.isEmpty()
                  ? Optional.of(new UUID(random.nextLong(), random.nextLong()))
                  : Optional.empty(),
              aliases,
              random.nextBoolean() ? Optional.of(text(random, pieces)) : Optional.empty(),
              random.nextBoolean() ? Optional.of(text(random, pieces)) : Optional.empty(),
              i == 0
                  ? List.of(Long.MIN_VALUE, -10L, -1L, 0L, 9L, 10L, Long.MAX_VALUE)
                  : random
                      .longs(random.nextInt(4), Long.MIN_VALUE, Long.MAX_VALUE)
                      .boxed()
                      .toList(),
              cohorts,
              EventProperties.of((ObjectNode) MAPPER.readTree("{\"k\":" + random.nextInt() + "}")),
              Instant.ofEpochSecond(
                  random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000_000)));

      assertThat(new String(RecordJson.event(event), UTF_8)).isEqualTo(generated(event));
    }
  }

  private static String text(SplittableRandom random, String[] pieces) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(1, 6); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }

  /** The event's line as Jackson's generator writes its fields into bytes. */
  private static String generated(CollectedEvent e) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (var g = MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event_id", e.eventId().toString());
      if (e.userId().isPresent()) {
        g.writeStringField("user_id", e.userId().get().toString());
      }
      if (e.sessionId().isPresent()) {
        g.writeStringField("session_id", e.sessionId().get());
      }
      if (e.viewId().isPresent()) {
        g.writeStringField("view_id", e.viewId().get());
      }
      g.writeStringField("name", e.name());
      g.writeStringField("time", RecordJson.time(e.time()));
      g.writeArrayFieldStart("segments");
      for (long code : e.segments()) {
        g.writeNumber(code);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("cohorts");
      for (String cohort : e.cohorts()) {
        g.writeString(cohort);
      }
      g.writeEndArray();
      if (!e.aliases().isEmpty()) {
        g.writeArrayFieldStart("aliases");
        for (Alias alias : e.aliases()) {
          g.writeStartObject();
          g.writeStringField("tag", alias.tag());
          g.writeStringField("id", alias.id());
          g.writeNumberField("priority", alias.priority());
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeFieldName("properties");
      g.writeRawValue(e.properties().toString());
      g.writeEndObject();
    }
    return out.toString(UTF_8);
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
