package io.hivewire.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hivewire.destinations.DestinationInput.FieldError;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.s3.Encryption;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DestinationInputTest {

  private static DestinationInput valid() {
    return new DestinationInput(
        Optional.of("Lake stream"),
        Optional.empty(),
        Optional.of("my-bucket"),
        Optional.of("eu-west-1"),
        Optional.of("permutive"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of("AKIAEXAMPLE"),
        Optional.of("secret"));
  }

  @Test
  void aValidInputBecomesTheRequestWithTheDocumentsDefaults() {
    DestinationInput input = valid();

    assertThat(input.validate()).isEmpty();
    DestinationRequest request = input.request();
    assertThat(request.spec().prefix().value()).isEqualTo("permutive/");
    assertThat(request.spec().region().code()).isEqualTo("eu-west-1");
    assertThat(request.spec().flushInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(request.spec().encryption()).isEqualTo(Encryption.none());
    assertThat(request.spec().endpoint()).isEmpty();
    assertThat(request.key().accessKeyId()).isEqualTo("AKIAEXAMPLE");
  }

  @Test
  void kmsEncryptionCarriesItsKeyAndAnEndpointIsKept() {
    DestinationInput input =
        new DestinationInput(
            Optional.of("Encrypted"),
            Optional.of("STREAMING"),
            Optional.of("my-bucket"),
            Optional.of("us-east-1"),
            Optional.empty(),
            Optional.of("http://127.0.0.1:9000"),
            Optional.of("KMS"),
            Optional.of("alias/routing"),
            Optional.of("PT30S"),
            Optional.of("AKIAEXAMPLE"),
            Optional.of("secret"));

    DestinationRequest request = input.request();

    assertThat(request.spec().encryption()).isEqualTo(new Encryption.Kms("alias/routing"));
    assertThat(request.spec().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(request.spec().flushInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(request.spec().prefix().value()).isEmpty();
  }

  @Test
  void everyInvalidFieldIsNamedInTheOrderTheApiChecksThem() {
    DestinationInput input =
        new DestinationInput(
            Optional.empty(),
            Optional.of("BATCH"),
            Optional.of("Bad_Bucket"),
            Optional.of("EU"),
            Optional.of("/p"),
            Optional.empty(),
            Optional.of("KMS"),
            Optional.empty(),
            Optional.of("5 minutes"),
            Optional.empty(),
            Optional.empty());

    assertThat(input.validate())
        .extracting(FieldError::field)
        .containsExactly(
            "mode",
            "bucket",
            "region",
            "flushInterval",
            "name",
            "kmsKeyId",
            "accessKeyId",
            "secretAccessKey");
    assertThat(input.validate())
        .extracting(FieldError::message)
        .contains(
            "mode 'BATCH' is not supported: use STREAMING",
            "flushInterval '5 minutes' is not an ISO-8601 duration: e.g. PT5M",
            "name is required: a non-empty string",
            "encryption.kmsKeyId is required for KMS: the key id, alias or ARN",
            "secretAccessKey is required: a non-empty string");
    assertThat(input.validate().get(1).message()).startsWith("bucket: ");
    assertThat(input.validate().get(2).message()).startsWith("region: ");
  }

  @Test
  void thePrefixIsCheckedAgainstAValidBucket() {
    DestinationInput input =
        new DestinationInput(
            Optional.of("x"),
            Optional.empty(),
            Optional.of("my-bucket"),
            Optional.of("us-east-1"),
            Optional.of("/p"),
            Optional.empty(),
            Optional.of("SSE"),
            Optional.empty(),
            Optional.of("PT0S"),
            Optional.of("AKIAEXAMPLE"),
            Optional.of("secret"));

    assertThat(input.validate())
        .containsExactly(
            new FieldError(
                "prefix",
                "prefix: prefix '/p' starts with '/': enter it without the leading slash, e.g. p"),
            new FieldError(
                "encryption", "encryption.type 'SSE' is unknown: use NONE, AES256 or KMS"),
            new FieldError(
                "flushInterval",
                "flushInterval PT0S is out of range: use 1 second to 1 hour (default 5 minutes)"));
  }

  @Test
  void anInvalidInputRefusesToBecomeARequestNamingEachField() {
    DestinationInput input =
        new DestinationInput(
            Optional.empty(),
            Optional.empty(),
            Optional.of("my-bucket"),
            Optional.of("us-east-1"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("AKIAEXAMPLE"),
            Optional.empty());

    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, input::request);

    assertThat(e.field()).isEqualTo("name, secretAccessKey");
  }
}
