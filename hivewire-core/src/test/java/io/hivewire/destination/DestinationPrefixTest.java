package io.hivewire.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.source.BucketName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationPrefixTest {

  private static final BucketName BUCKET = BucketName.parse("acme-data");

  @ParameterizedTest(name = "''{0}'' is stored as ''{1}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "''|''",
        "hivewire|hivewire/",
        "hivewire/|hivewire/",
        "a/b|a/b/",
        "acme-datalake/|acme-datalake/"
      })
  void validPrefixesGetATrailingSlash(String input, String stored) {
    assertThat(DestinationPrefix.parse(input, BUCKET).value()).isEqualTo(stored);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/hivewire|prefix '/hivewire' starts with '/': enter it without the leading slash, e.g."
            + " hivewire",
        "acme-data/hivewire|prefix 'acme-data/hivewire' starts with the bucket name 'acme-data':"
            + " enter only the path inside the bucket, e.g. hivewire",
        "acme-data|prefix 'acme-data' starts with the bucket name 'acme-data': enter only the path"
            + " inside the bucket, e.g. hivewire/",
        "a//b|prefix 'a//b' has an empty path segment ('//'): remove the extra slash"
      })
  void mistakenPrefixesAreRejectedWithTheFix(String input, String message) {
    assertThatThrownBy(() -> DestinationPrefix.parse(input, BUCKET))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }
}
