package io.hivewire.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventBatchReaderTest {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final Instant RECEIVED = Instant.parse("2026-01-15T14:00:03Z");
  private static final String VALID =
      "{\"name\":\"Pageview\",\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}";

  private final EventLimits limits = new EventLimits(3, 1024, 3, 100);
  private final EventBatchReader reader =
      new EventBatchReader(limits, MAPPER, new EventValidator(limits, MAPPER, UUID::randomUUID));

  @Test
  void singleObjectIsABatchOfOne() {
    EventBatch batch = reader.read(VALID.getBytes(UTF_8), BatchFormat.JSON, RECEIVED);

    assertThat(batch.accepted()).extracting(EventBatch.Accepted::index).containsExactly(0);
    assertThat(batch.rejected()).isEmpty();
  }

  @Test
  void invalidEventsOfAnArrayAreReportedByIndexAndTheRestAccepted() {
    String body =
        "[" + VALID + ",{\"user_id\":\"7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10\"}," + VALID + "]";

    EventBatch batch = reader.read(body.getBytes(UTF_8), BatchFormat.JSON, RECEIVED);

    assertThat(batch.accepted()).extracting(EventBatch.Accepted::index).containsExactly(0, 2);
    assertThat(batch.rejected())
        .containsExactly(
            new EventBatch.Rejected(
                1, List.of("name is required: letters, digits and underscores, e.g. page_view")));
  }

  @Test
  void ndjsonLinesAreEventsAndAMalformedLineIsRejectedAlone() {
    String body = VALID + "\n{\"name\":\n\n" + VALID + "\n";

    EventBatch batch = reader.read(body.getBytes(UTF_8), BatchFormat.NDJSON, RECEIVED);

    assertThat(batch.accepted()).extracting(EventBatch.Accepted::index).containsExactly(0, 2);
    assertThat(batch.rejected())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.index()).isEqualTo(1);
              assertThat(r.messages())
                  .singleElement()
                  .asString()
                  .startsWith("line 2 is not valid JSON: ");
            });
  }

  @Test
  void moreEventsThanTheLimitRejectTheWholeRequest() {
    String body = "[" + VALID + "," + VALID + "," + VALID + "," + VALID + "]";

    assertThatThrownBy(() -> reader.read(body.getBytes(UTF_8), BatchFormat.JSON, RECEIVED))
        .isInstanceOf(InvalidBatchException.class)
        .hasMessage("the request holds 4 events: send at most 3 per request and split the rest");
  }

  @Test
  void malformedJsonRejectsTheWholeRequestWithItsLocation() {
    assertThatThrownBy(() -> reader.read("[{\"name\":".getBytes(UTF_8), BatchFormat.JSON, RECEIVED))
        .isInstanceOf(InvalidBatchException.class)
        .hasMessageStartingWith("the request body is not valid JSON: ")
        .hasMessageContaining("(line 1, column ");
  }

  @Test
  void emptyBodyIsRejected() {
    assertThatThrownBy(() -> reader.read(new byte[0], BatchFormat.JSON, RECEIVED))
        .isInstanceOf(InvalidBatchException.class)
        .hasMessage(
            "the request holds no events: send one event object, a JSON array or NDJSON lines");
  }

  @Test
  void contentTypeSelectsTheFormat() {
    assertThat(BatchFormat.ofContentType("application/x-ndjson; charset=utf-8"))
        .isEqualTo(BatchFormat.NDJSON);
    assertThat(BatchFormat.ofContentType("application/json")).isEqualTo(BatchFormat.JSON);
  }
}
