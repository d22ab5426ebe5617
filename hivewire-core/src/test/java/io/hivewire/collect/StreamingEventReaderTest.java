package io.hivewire.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingEventReaderTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final Instant RECEIVED = Instant.parse("2026-01-15T14:00:03.5Z");
  private static final String USER = "\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"";
  private static final EventLimits LIMITS = new EventLimits(5, 2048, 3, 4);

  private static Supplier ids() {
    return new Supplier();
  }

  /** Event ids 1, 2, 3...: both paths must hand them out in the same order. */
  private static final class Supplier implements java.util.function.Supplier<UUID> {
    private final AtomicLong next = new AtomicLong();

    @Override
    public UUID get() {
      return new UUID(0, next.incrementAndGet());
    }
  }

  /** The lines the tree path writes for each event of the array {@code body}. */
  private static List<String> treeLines(String body) throws Exception {
    EventValidator validator = new EventValidator(LIMITS, MAPPER, ids());
    List<String> lines = new ArrayList<>();
    for (var node : MAPPER.readTree(body)) {
      EventVerdict verdict = validator.validate(node, RECEIVED);
      assertThat(verdict).isInstanceOf(EventVerdict.Accepted.class);
      lines.add(
          new String(((EventVerdict.Accepted) verdict).event().toLogEntry().payload(), UTF_8));
    }
    return lines;
  }

  private static EventBatch streamed(String body) {
    return new StreamingEventReader(LIMITS, MAPPER, ids()).read(body.getBytes(UTF_8), RECEIVED);
  }

  private static List<String> streamedLines(String body) {
    EventBatch batch = streamed(body);
    assertThat(batch).isNotNull();
    assertThat(batch.rejected()).isEmpty();
    return batch.accepted().stream()
        .map(a -> new String(a.event().toLogEntry().payload(), UTF_8))
        .toList();
  }

  @Test
  void validEventsBecomeTheSameLinesByteForByteAsThroughTheTree() throws Exception {
    String body =
        "[ {\"properties\":{\"client\":{\"type\":\"web\",\"url\":\"https://x.example/a?b=1\"},"
            + "\"n\":[1.50,1e2,-0.0,1E-7],\"m\":[-0,null,2.5e-3],\"big\":123456789012345678901234567890,"
            + "\"huge\":1e400,\"max\":9223372036854775807,\"over\":9223372036854775808,"
            + "\"t\":true,\"f\":false,\"nil\":null,\"deep\":{\"a\":{\"b\":{},\"c\":[]}}},"
            + "\"name\":\"Pageview\","
            + USER
            + ",\"time\":\"2026-01-15T16:00:03.123456789+02:00\"},\n"
            + "{\"name\":\"S_1\","
            + USER
            + ",\"session_id\":\"s \\u00e9\\/\\t\\\"q\\\" \\ud83d\\ude00 é\",\"view_id\":null,"
            + "\"segments\":[12,40,9223372036854775807],\"cohorts\":[\"a\",\"\\u0001b\"],"
            + "\"properties\":null,\"time\":null},"
            + "{"
            + USER
            + ",\"name\":\"x\",\"segments\":null,\"cohorts\":[],\"view_id\":\"v\"}]";

    assertThat(streamedLines(body)).isEqualTo(treeLines(body)).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":\"plain\",\"b\":[1,-2,0],\"c\":{\"d\":true,\"e\":null}}",
        "{\"text\":\"é ü 中文 😀\",\"url\":\"https://x.example/a?b=1&c=%20\"}",
        "{ \"spaced\" : [1, 2] }",
        "{\"a\":\n\t1\r}",
        "{\"escaped\":\"a\\\"b\"}",
        "{\"slash\":\"a\\/b\",\"unicode\":\"\\u00e9\"}",
        "{\"n\":-0}",
        "{\"n\":[10,-10,-1,0]}",
        "{\"x\":1.5,\"y\":-0.25,\"z\":1.0E-7}",
        "{\"x\":1.50}",
        "{\"x\":1e2}",
        "{\"x\":-0.0}",
        "{\"x\":12345678901234567890123}",
        "{\"x\":\"a b\",\"y\":\" \"}",
      })
  void propertiesBecomeTheSameBytesAsThroughTheTreeWhateverTheirLayout(String properties)
      throws Exception {
    String body = "[{\"name\":\"a\"," + USER + ",\"properties\":" + properties + "}]";

    assertThat(streamedLines(body)).isEqualTo(treeLines(body));
  }

  @Test
  void compactPropertiesAreTakenAsSent() {
    String properties = "{\"client\":{\"title\":\"Künstler 中文\",\"n\":[1,2.5,null]},\"t\":true}";

    EventBatch batch = streamed("{\"name\":\"a\"," + USER + ",\"properties\":" + properties + "}");

    assertThat(batch.accepted().getFirst().event().properties().toString()).isEqualTo(properties);
  }

  @Test
  void propertiesThatAreNotWellFormedUtf8BecomeWhatTheTreeMakesOfThem() throws Exception {
    byte[] head = ("{\"name\":\"a\"," + USER + ",\"properties\":{\"s\":\"").getBytes(UTF_8);
    byte[] overlongSlash = {(byte) 0xC0, (byte) 0xAF};
    byte[] tail = "\"}}".getBytes(UTF_8);
    byte[] body = new byte[head.length + overlongSlash.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(overlongSlash, 0, body, head.length, overlongSlash.length);
    System.arraycopy(tail, 0, body, head.length + overlongSlash.length, tail.length);

    EventBatch batch = new StreamingEventReader(LIMITS, MAPPER, ids()).read(body, RECEIVED);
    EventVerdict tree =
        new EventValidator(LIMITS, MAPPER, ids()).validate(MAPPER.readTree(body), RECEIVED);

    assertThat(batch.accepted().getFirst().event().toLogEntry().payload())
        .isEqualTo(((EventVerdict.Accepted) tree).event().toLogEntry().payload());
  }

  @Test
  void aSingleObjectIsABatchOfOne() throws Exception {
    String event = "{\"name\":\"Pageview\"," + USER + ",\"properties\":{\"a\":[\"x\",null]}}";

    assertThat(streamedLines(event)).isEqualTo(treeLines("[" + event + "]"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "5",
        "[5]",
        "[{\"name\":\"a\"," + USER + "},7]",
        "[{\"name\":\"a\"," + USER + "}",
        "{\"name\":\"a\"," + USER + ",\"name\":\"b\"}",
        "{\"name\":\"a\"," + USER + ",\"properties\":{\"k\":1,\"k\":2}}",
        "{\"name\":\"a\"," + USER + ",\"event_id\":\"x\"}",
        "{\"name\":\"a\"," + USER + ",\"colour\":\"red\"}",
        "{\"name\":\"a\",\"aliases\":[{\"tag\":\"t\",\"id\":\"i\",\"priority\":0}]}",
        "{\"name\":\"a\"}",
        "{\"name\":\"a-b\"," + USER + "}",
        "{\"name\":null," + USER + "}",
        "{\"name\":\"a\",\"user_id\":\"1-2-3-4-5\"}",
        "{\"name\":\"a\",\"user_id\":null}",
        "{\"name\":\"a\"," + USER + ",\"session_id\":\" \"}",
        "{\"name\":\"a\"," + USER + ",\"segments\":[1.5]}",
        "{\"name\":\"a\"," + USER + ",\"segments\":[9223372036854775808]}",
        "{\"name\":\"a\"," + USER + ",\"cohorts\":[1]}",
        "{\"name\":\"a\"," + USER + ",\"time\":\"2026-01-15T14:00:03\"}",
        "{\"name\":\"a\"," + USER + ",\"properties\":[]}",
        "{\"name\":\"a\"," + USER + ",\"properties\":{\"m\":[1,\"x\"]}}",
        "{\"name\":\"a\"," + USER + ",\"properties\":{\"m\":[1,2,3,4,5]}}",
        "{\"name\":\"a\"," + USER + ",\"properties\":{\"a\":{\"b\":{\"c\":{\"d\":1}}}}}",
        "{\"name\":\"a\"," + USER + ",\"properties\":{\"a\":[[[1]]]}}",
      })
  void anythingButPlainlyValidEventsIsLeftToTheTreePath(String body) {
    assertThat(streamed(body)).isNull();
  }

  @Test
  void namesAreCheckedAsTheValidatorsPatternChecksThem() {
    java.util.regex.Pattern pattern = java.util.regex.Pattern.compile("[A-Za-z0-9_]+");
    for (char c = 0; c < 0x3000; c++) {
      String name = "a" + c + "Z_9";
      assertThat(StreamingEventReader.isName(name))
          .as(name)
          .isEqualTo(pattern.matcher(name).matches());
    }
    assertThat(StreamingEventReader.isName("")).isFalse();
  }

  @Test
  void aDuplicateAmongManyPropertiesIsLeftToTheTreePath() {
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 20; i++) {
      many.append("\"k").append(i).append("\":").append(i).append(',');
    }
    String event = "{\"name\":\"a\"," + USER + ",\"properties\":" + many;

    assertThat(streamed(event + "\"k20\":20}}")).isNotNull();
    assertThat(streamed(event + "\"k17\":0}}")).isNull();
    assertThat(streamed(event + "\"k3\":0}}")).isNull();
  }

  @Test
  void propertiesOverTheSizeLimitAreLeftToTheTreePath() {
    String atLimit = "{\"s\":\"" + "x".repeat(2048 - 8) + "\"}";
    String overLimit = "{\"s\":\"" + "x".repeat(2048 - 7) + "\"}";

    assertThat(streamed("{\"name\":\"a\"," + USER + ",\"properties\":" + atLimit + "}"))
        .isNotNull();
    assertThat(streamed("{\"name\":\"a\"," + USER + ",\"properties\":" + overLimit + "}")).isNull();
  }

  @Test
  void moreEventsThanABatchMayHoldAreLeftToTheTreePath() {
    String event = "{\"name\":\"a\"," + USER + "}";

    assertThat(streamed("[" + String.join(",", java.util.Collections.nCopies(5, event)) + "]"))
        .isNotNull();
    assertThat(streamed("[" + String.join(",", java.util.Collections.nCopies(6, event)) + "]"))
        .isNull();
  }
}
