package io.hivewire.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvValueKindTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true|BOOLEAN",
        "FALSE|BOOLEAN",
        "yes|VARCHAR",
        "1|BIGINT",
        "0|BIGINT",
        "-42|BIGINT",
        "9223372036854775807|BIGINT",
        "9223372036854775808|VARCHAR",
        "-9223372036854775809|VARCHAR",
        "123456789012345678901234567890|VARCHAR",
        "007|VARCHAR",
        "+5|VARCHAR",
        "1.5|DOUBLE",
        "-0.25|DOUBLE",
        ".5|DOUBLE",
        "1e10|DOUBLE",
        "2.5E-3|DOUBLE",
        "1e400|VARCHAR",
        "NaN|VARCHAR",
        "1,5|VARCHAR",
        "2024-02-29|DATE",
        "2023-02-29|VARCHAR",
        "2024-13-01|VARCHAR",
        "2024-1-01|VARCHAR",
        "2024-01-15 10:30:00|TIMESTAMP",
        "2024-01-15T10:30:00|TIMESTAMP",
        "2024-01-15T10:30:00.123456789|TIMESTAMP",
        "2024-01-15T10:30:00.1234567890|VARCHAR",
        "2024-01-15T10:30|VARCHAR",
        "2024-01-15T25:30:00|VARCHAR",
        "2024-01-15T10:30:00Z|TIMESTAMP_TZ",
        "2024-01-15 10:30:00.5+02:00|TIMESTAMP_TZ",
        "2024-01-15T10:30:00-0530|TIMESTAMP_TZ",
        "2024-01-15T10:30:00+01|TIMESTAMP_TZ",
        "10:30:00|VARCHAR",
        "hello|VARCHAR",
      })
  void fieldTextHasTheNarrowestKindThatHoldsIt(String text, CsvValueKind expected) {
    assertThat(CsvValueKind.of(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} with {1} is {2}")
  @CsvSource({
    "BIGINT, BIGINT, BIGINT",
    "BIGINT, DOUBLE, DOUBLE",
    "DOUBLE, BIGINT, DOUBLE",
    "DATE, TIMESTAMP, TIMESTAMP",
    "TIMESTAMP, DATE, TIMESTAMP",
    "DATE, TIMESTAMP_TZ, VARCHAR",
    "TIMESTAMP, TIMESTAMP_TZ, VARCHAR",
    "BOOLEAN, BIGINT, VARCHAR",
    "BIGINT, DATE, VARCHAR",
    "DOUBLE, VARCHAR, VARCHAR",
    "BOOLEAN, BOOLEAN, BOOLEAN",
    "TIMESTAMP_TZ, TIMESTAMP_TZ, TIMESTAMP_TZ",
  })
  void mixedKindsWidenToTheNarrowestKindHoldingBoth(
      CsvValueKind a, CsvValueKind b, CsvValueKind expected) {
    assertThat(a.widen(b)).isEqualTo(expected);
  }
}
