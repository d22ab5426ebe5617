package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.source.schema.ColumnType.Primitive;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionValueTypesTest {

  /** Values separated by spaces; NULL stands for a NULL partition value. */
  private static List<Optional<String>> values(String spaceSeparated) {
    return Arrays.stream(spaceSeparated.split(" "))
        .map(v -> v.equals("NULL") ? Optional.<String>empty() : Optional.of(v))
        .toList();
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 2 3                       | BIGINT",
        "0 -5 9223372036854775807    | BIGINT",
        "2024 2025 NULL              | BIGINT",
        "01 02 12                    | VARCHAR",
        "1 2 007                     | VARCHAR",
        "-0                          | VARCHAR",
        "+5                          | VARCHAR",
        "9223372036854775808         | VARCHAR",
        "1.5 2                       | VARCHAR",
        "2025-01-01 2025-12-31       | DATE",
        "2025-01-01 NULL             | DATE",
        "2025-02-30                  | VARCHAR",
        "2025-1-1                    | VARCHAR",
        "2025-01-01 20250101         | VARCHAR",
        "true false                  | BOOLEAN",
        "TRUE false                  | VARCHAR",
        "1 true                      | VARCHAR",
        "EU US                       | VARCHAR",
        "NULL NULL                   | VARCHAR",
      })
  void typeIsChosenOnlyWhenEveryValueReadsBackAsWritten(String input, Primitive expected) {
    assertThat(PartitionValueTypes.infer(values(input))).isEqualTo(expected);
  }
}
