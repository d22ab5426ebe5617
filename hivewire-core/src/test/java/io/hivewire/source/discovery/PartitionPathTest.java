package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionPathTest {

  @Test
  void keysAndValuesAreReadInDirectoryOrder() {
    PartitionPath path = PartitionPath.parse("date=2025-01-01/region=EU/part-0.csv");

    assertThat(path.names()).containsExactly("date", "region");
    assertThat(path.value("date")).contains("2025-01-01");
    assertThat(path.value("region")).contains("EU");
  }

  @Test
  void fileDirectlyUnderTheRootHasNoPartitions() {
    assertThat(PartitionPath.parse("part-0.csv")).isEqualTo(PartitionPath.EMPTY);
  }

  @Test
  void trailingSlashMeansOnlyDirectories() {
    assertThat(PartitionPath.parse("a=1/b=2/").names()).containsExactly("a", "b");
  }

  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "city=New%20York/f.csv       | New York",
        "path=a%2Fb/f.csv            | a/b",
        "eq=x%3Dy/f.csv              | x=y",
        "plus=a+b/f.csv              | a+b",
        "pct=100%25/f.csv            | 100%",
        "utf=caf%C3%A9/f.csv         | café",
        "raw=café/f.csv              | café",
        "bad=50%/f.csv               | 50%",
        "bad=%ZZ/f.csv               | %ZZ",
        "colon=12%3A30/f.csv         | 12:30",
        "multi=a=b/f.csv             | a=b",
      })
  void percentEncodedPartitionValueIsDecoded(String relativePath, String expected) {
    PartitionPath path = PartitionPath.parse(relativePath);

    assertThat(path.segments()).hasSize(1);
    assertThat(path.segments().get(0).value()).contains(expected);
  }

  @Test
  void percentEncodedNameIsDecoded() {
    assertThat(PartitionPath.parse("my%5Fkey=1/f.csv").names()).containsExactly("my_key");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k=__HIVE_DEFAULT_PARTITION__/f.csv", "k=/f.csv"})
  void defaultPartitionAndEmptyValueAreNull(String relativePath) {
    PartitionPath path = PartitionPath.parse(relativePath);

    assertThat(path.names()).containsExactly("k");
    assertThat(path.segments().get(0).value()).isEmpty();
    assertThat(path.value("k")).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "plain/f.csv             | 'plain/' in plain/f.csv is not a key=value partition directory",
        "=v/f.csv                | '=v/' in =v/f.csv is not a key=value",
        "1x=v/f.csv              | '1x=v/'",
        "my-key=v/f.csv          | 'my-key=v/'",
        "a=1/sub/f.csv           | 'sub/' in a=1/sub/f.csv",
        "a=1//f.csv              | '/' in a=1//f.csv",
      })
  void directoryThatIsNotKeyEqualsValueIsRejected(String relativePath, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PartitionPath.parse(relativePath))
        .withMessageContaining(message);
  }

  @Test
  void keyRepeatedInOnePathIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PartitionPath.parse("a=1/a=2/f.csv"))
        .withMessageContaining("partition key 'a' appears twice");
  }

  @Test
  void invalidNameIsRejectedBySegment() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new PartitionPath.Segment("my key", Optional.of("v")))
        .withMessageContaining("partition name 'my key' is invalid");
  }

  @Test
  void underscoreNameIsAPartitionNotAHiddenDirectory() {
    assertThat(PartitionPath.Segment.tryParse("_batch=7"))
        .contains(new PartitionPath.Segment("_batch", Optional.of("7")));
  }

  @Test
  void renderingShowsNullAsTheDefaultPartition() {
    PartitionPath path =
        new PartitionPath(
            List.of(
                new PartitionPath.Segment("a", Optional.of("1")),
                new PartitionPath.Segment("b", Optional.empty())));

    assertThat(path).hasToString("a=1/b=__HIVE_DEFAULT_PARTITION__/");
  }
}
