package io.hivewire.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AudienceSegmentInputTest {

  private final ObjectMapper json = new ObjectMapper();
  private final UUID id = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");

  private InvalidAudienceSegmentException refused(String body) throws Exception {
    return catchThrowableOfType(
        InvalidAudienceSegmentException.class,
        () -> AudienceSegmentInput.parse(json.readTree(body), id));
  }

  @Test
  void eachProblemNamesItsFieldAndTheMessageListsThemAll() throws Exception {
    InvalidAudienceSegmentException e =
        refused("{\"code\":\"seven\",\"name\":\" \",\"tags\":[\"ok\",3],\"state\":\"gone\"}");

    assertThat(e.problems())
        .extracting(InvalidAudienceSegmentException.Problem::field)
        .containsExactly("code", "name", "tags", "state");
    assertThat(e.problems().get(1).message()).isEqualTo("name is required: a non-empty string");
    assertThat(e.getMessage())
        .isEqualTo(
            String.join(
                "; ",
                e.problems().stream()
                    .map(InvalidAudienceSegmentException.Problem::message)
                    .toList()));
  }

  @Test
  void anUnknownFieldIsReportedUnderItsOwnName() throws Exception {
    InvalidAudienceSegmentException e = refused("{\"code\":1,\"name\":\"a\",\"colour\":\"red\"}");

    assertThat(e.problems())
        .extracting(InvalidAudienceSegmentException.Problem::field)
        .isEqualTo(List.of("colour"));
  }

  @Test
  void aValidSegmentIsRead() throws Exception {
    AudienceSegment segment =
        AudienceSegmentInput.parse(json.readTree("{\"code\":7,\"name\":\"Sports\"}"), id);

    assertThat(segment)
        .isEqualTo(
            new AudienceSegment(id, 7, "Sports", "", List.of(), AudienceSegmentState.ACTIVE));
  }
}
