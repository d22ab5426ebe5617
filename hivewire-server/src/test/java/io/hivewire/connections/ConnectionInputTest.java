package io.hivewire.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hivewire.errors.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConnectionInputTest {

  @Test
  void everyInvalidFieldIsReportedInOneAnswer() {
    ConnectionRequest request =
        new ConnectionRequest(
            Optional.of(" "),
            Optional.of("EU"),
            Optional.of("s3://my-bucket/*"),
            Optional.of("*"),
            Optional.of("JSON"),
            Optional.empty(),
            Optional.of("ftp://host"));

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ConnectionInput.parse(request));

    assertThat(e.field())
        .isEqualTo("name, region, bucket, schemaPrefix, dataFormat, partitioning, endpoint");
    assertThat(e.getMessage())
        .startsWith("name is required")
        .contains("; region: ")
        .contains("; bucket: ")
        .contains("; schemaPrefix: the schema prefix is a path, not a pattern: enter nothing")
        .contains("; dataFormat: ")
        .contains("; partitioning is required: enter ALL")
        .contains("; endpoint 'ftp://host' is not usable");
  }

  @Test
  void aSingleInvalidFieldKeepsItsOwnMessage() {
    ConnectionRequest request =
        new ConnectionRequest(
            Optional.of("n"),
            Optional.empty(),
            Optional.of("my-bucket"),
            Optional.of(""),
            Optional.of("CSV"),
            Optional.of("NONE"),
            Optional.empty());

    InvalidInputException e =
        catchThrowableOfType(InvalidInputException.class, () -> ConnectionInput.parse(request));

    assertThat(e.field()).isEqualTo("region");
    assertThat(e.getMessage())
        .isEqualTo("region is required: enter the bucket's region code, e.g. us-east-1");
  }
}
