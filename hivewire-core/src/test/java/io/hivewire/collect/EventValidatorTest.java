package io.hivewire.collect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventValidatorTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final UUID EVENT_ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static final Instant RECEIVED = Instant.parse("2026-01-15T14:00:03.120000Z");
  private static final String USER = "\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"";

  private final EventValidator validator =
      new EventValidator(EventLimits.defaults(), MAPPER, () -> EVENT_ID);

  static Stream<Arguments> invalidEvents() {
    return Stream.of(
        Arguments.of(
            "{" + USER + "}", "name is required: letters, digits and underscores, e.g. page_view"),
        Arguments.of(
            "{\"name\":\"page view\"," + USER + "}",
            "name \"page view\" may only hold letters, digits and underscores ([A-Za-z0-9_]+),"
                + " e.g. page_view"),
        Arguments.of(
            "{\"name\":\"Pageview\"}",
            "an event needs user_id (a UUID) or aliases ([{tag, id, priority}])"),
        Arguments.of(
            "{\"name\":\"Pageview\",\"user_id\":\"1-2-3-4-5\"}",
            "user_id \"1-2-3-4-5\" is not a UUID: send the 8-4-4-4-12 hex form, or send aliases"
                + " instead"),
        Arguments.of(
            "{\"name\":\"Pageview\",\"aliases\":[{\"tag\":\"email\",\"id\":\"a@b\"}]}",
            "aliases[0].priority must be an integer of 0 or more (0 is the highest)"),
        Arguments.of(
            "{\"name\":\"Pageview\",\"aliases\":[{\"tag\":\"\",\"id\":\"a@b\",\"priority\":0}]}",
            "aliases[0].tag must be a non-empty string naming the kind of id, e.g. email_sha256"),
        Arguments.of(
            "{\"name\":\"Pageview\",\"aliases\":{\"tag\":\"email\"}}",
            "aliases must be an array of {tag, id, priority} objects, not {\"tag\":\"email\"}"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"session_id\":7}",
            "session_id 7 must be a non-empty string"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"segments\":[1,\"2\"]}",
            "segments[1] is \"2\": segment codes are integers"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"segments\":[1.5]}",
            "segments[0] is 1.5: segment codes are integers"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"cohorts\":[\"a\",3]}",
            "cohorts[1] is 3: cohorts are strings"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"properties\":[1]}",
            "properties must be a JSON object, not ARRAY"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"properties\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}",
            "properties.a.b.c is nested deeper than 3 levels: flatten it (e.g. join the keys with"
                + " '_')"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"properties\":{\"tags\":[\"a\",1]}}",
            "properties.tags mixes item types [string, number]: every item of an array must have"
                + " the same type"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"time\":\"2026-01-15T14:00:03\"}",
            "time \"2026-01-15T14:00:03\" is not an ISO-8601 time with a zone offset: send e.g."
                + " 2026-01-15T14:00:03.120Z or leave it out to use the time of receipt"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"event_id\":\"x\"}",
            "event_id is set by hivewire: leave it out of the event"),
        Arguments.of(
            "{\"name\":\"Pageview\"," + USER + ",\"url\":\"/\"}",
            "unknown field 'url': put custom data under properties"),
        Arguments.of("[1]", "an event must be a JSON object, not array"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidEvents")
  void eachRuleIsRejectedWithItsOwnMessage(String json, String message) throws Exception {
    assertThat(validator.validate(MAPPER.readTree(json), RECEIVED))
        .isEqualTo(new EventVerdict.Rejected(List.of(message)));
  }

  @Test
  void arrayOverOneHundredItemsIsRejectedNamingItsPath() throws Exception {
    String items = "1" + ",1".repeat(100);
    JsonNode event =
        MAPPER.readTree(
            "{\"name\":\"Pageview\","
                + USER
                + ",\"properties\":{\"a\":{\"ids\":["
                + items
                + "]}}}");

    assertThat(validator.validate(event, RECEIVED))
        .isEqualTo(
            new EventVerdict.Rejected(
                List.of("properties.a.ids holds 101 items: at most 100 are allowed per array")));
  }

  @Test
  void propertiesOver950KilobytesAreRejected() throws Exception {
    String big = "x".repeat(950 * 1024);
    JsonNode event =
        MAPPER.readTree(
            "{\"name\":\"Pageview\"," + USER + ",\"properties\":{\"b\":\"" + big + "\"}}");

    assertThat(validator.validate(event, RECEIVED))
        .isEqualTo(
            new EventVerdict.Rejected(
                List.of(
                    "properties is 972808 bytes of JSON: at most 972800 bytes (950 KB) are allowed;"
                        + " move large values elsewhere and send a reference")));
  }

  @Test
  void everyViolationOfOneEventIsReported() throws Exception {
    JsonNode event = MAPPER.readTree("{\"name\":\"a-b\",\"user_id\":\"x\",\"segments\":[\"s\"]}");

    assertThat(validator.validate(event, RECEIVED))
        .isInstanceOfSatisfying(
            EventVerdict.Rejected.class, r -> assertThat(r.messages()).hasSize(3));
  }

  @Test
  void threeLevelsOfNestingNullsInArraysAndNumbersOfBothKindsAreAccepted() throws Exception {
    JsonNode event =
        MAPPER.readTree(
            "{\"name\":\"Pageview\","
                + USER
                + ",\"properties\":{\"client\":{\"geo\":{\"city\":\"Leeds\"}},"
                + "\"scores\":[1,2.5,null],\"items\":[{\"id\":1},{\"id\":2}]}}");

    assertThat(validator.validate(event, RECEIVED)).isInstanceOf(EventVerdict.Accepted.class);
  }

  @Test
  void timeIsNormalisedToUtcAndAbsentTimeIsTheReceiptTime() throws Exception {
    JsonNode withOffset =
        MAPPER.readTree(
            "{\"name\":\"Pageview\"," + USER + ",\"time\":\"2026-01-15T15:30:00+01:00\"}");
    JsonNode without = MAPPER.readTree("{\"name\":\"Pageview\"," + USER + "}");

    assertThat(accepted(withOffset).time()).isEqualTo(Instant.parse("2026-01-15T14:30:00Z"));
    assertThat(accepted(without).time()).isEqualTo(RECEIVED);
  }

  @Test
  void eventWithOnlyAliasesIsAcceptedWithoutUser() throws Exception {
    JsonNode event =
        MAPPER.readTree(
            "{\"name\":\"Pageview\",\"aliases\":[{\"tag\":\"email_sha256\",\"id\":\"ab12\","
                + "\"priority\":0}]}");

    CollectedEvent collected = accepted(event);

    assertThat(collected.userId()).isEmpty();
    assertThat(collected.aliases()).containsExactly(new Alias("email_sha256", "ab12", 0));
    assertThat(collected.eventId()).isEqualTo(EVENT_ID);
  }

  private CollectedEvent accepted(JsonNode event) {
    EventVerdict verdict = validator.validate(event, RECEIVED);
    assertThat(verdict).isInstanceOf(EventVerdict.Accepted.class);
    return ((EventVerdict.Accepted) verdict).event();
  }
}
