package io.hivewire.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaPrefixTest {

  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "data/audiences/  | data/audiences/",
        "data/audiences   | data/audiences/",
        "data             | data/",
        "'  data/x  '     | data/x/",
        "''               | ''",
        "a b/c+d=1/       | a b/c+d=1/",
      })
  void trailingSlashIsAddedAndEmptyMeansTheBucketRoot(String input, String expected) {
    assertThat(SchemaPrefix.parse(input).value()).isEqualTo(expected);
  }

  @Test
  void emptyPrefixIsTheBucketRoot() {
    assertThat(SchemaPrefix.parse("").isRoot()).isTrue();
    assertThat(SchemaPrefix.ROOT.tablePrefix("events")).isEqualTo("events/");
    assertThat(SchemaPrefix.parse("data").tablePrefix("events")).isEqualTo("data/events/");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/data/audiences/             | drop the leading slash: enter data/audiences/, not"
            + " /data/audiences/",
        "/                            | drop the leading slash: enter nothing (the bucket root)",
        "s3://my-bucket/data/audiences/ | enter only the path inside the bucket, e.g."
            + " data/audiences/, not s3://my-bucket/data/audiences/",
        "data/*                       | the schema prefix is a path, not a pattern: enter data/,"
            + " not data/*",
        "data/ev*                     | the schema prefix is a path, not a pattern: enter data/,"
            + " not data/ev*",
        "*                            | the schema prefix is a path, not a pattern: enter nothing"
            + " (an empty prefix: every directory at the bucket root is a table) or the directory"
            + " that holds the tables, e.g. data/audiences/, not *",
        "ev*/                         | enter nothing (an empty prefix: every directory at the"
            + " bucket root is a table)",
        "data//audiences/             | has an empty directory name ('//'): enter data/audiences/",
        "data/../audiences/           | contains '..'",
      })
  void invalidPrefixesSayWhatToEnter(String input, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SchemaPrefix.parse(input))
        .withMessageContaining(message);
  }

  @Test
  void constructorRequiresTheTrailingSlash() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new SchemaPrefix("data"))
        .withMessageContaining("must end with '/'");
  }
}
