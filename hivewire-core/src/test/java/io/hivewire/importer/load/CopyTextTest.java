package io.hivewire.importer.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CopyTextTest {

  static Stream<Arguments> values() {
    Map<String, Object> struct = new LinkedHashMap<>();
    struct.put("a", 1);
    struct.put("when", LocalDate.of(2025, 1, 2));
    return Stream.of(
        Arguments.of(null, "\\N"),
        Arguments.of(true, "t"),
        Arguments.of(false, "f"),
        Arguments.of(42L, "42"),
        Arguments.of(1.5d, "1.5"),
        Arguments.of(new BigDecimal("1E+3"), "1000"),
        Arguments.of(LocalDate.of(2025, 1, 2), "2025-01-02"),
        Arguments.of(LocalDateTime.of(2025, 1, 2, 3, 4, 5), "2025-01-02T03:04:05"),
        Arguments.of(
            OffsetDateTime.of(2025, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC), "2025-01-02T03:04:05Z"),
        Arguments.of(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "00000000-0000-0000-0000-000000000001"),
        Arguments.of(new byte[] {0x01, (byte) 0xff}, "\\\\x01ff"),
        Arguments.of("tab\there", "tab\\there"),
        Arguments.of("line\nbreak\r", "line\\nbreak\\r"),
        Arguments.of("back\\slash", "back\\\\slash"),
        Arguments.of("\\N", "\\\\N"),
        Arguments.of(List.of("x", "y\tz"), "[\"x\",\"y\\\\tz\"]"),
        Arguments.of(struct, "{\"a\":1,\"when\":\"2025-01-02\"}"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("values")
  void valueIsWrittenAsPostgresCopyTextReadsIt(Object value, String expected) {
    StringBuilder out = new StringBuilder();

    CopyText.appendField(out, value);

    assertThat(out).hasToString(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timestamps")
  void timestampIsWrittenAsItsIsoText(LocalDateTime time, String expected) {
    StringBuilder out = new StringBuilder();

    CopyText.appendField(out, time);

    assertThat(out).hasToString(expected);
  }

  static Stream<Arguments> timestamps() {
    LocalDateTime midnight = LocalDateTime.of(2025, 1, 2, 0, 0);
    return Stream.of(
        Arguments.of(midnight, "2025-01-02T00:00"),
        Arguments.of(midnight.withSecond(7), "2025-01-02T00:00:07"),
        Arguments.of(midnight.withNano(5_000_000), "2025-01-02T00:00:00.005"),
        Arguments.of(midnight.withNano(120_000), "2025-01-02T00:00:00.000120"),
        Arguments.of(midnight.withNano(1), "2025-01-02T00:00:00.000000001"),
        Arguments.of(
            LocalDateTime.of(1000, 12, 31, 23, 59, 59, 999_999_999),
            "1000-12-31T23:59:59.999999999"),
        Arguments.of(LocalDateTime.of(999, 1, 1, 0, 0), "0999-01-01T00:00"),
        Arguments.of(LocalDateTime.of(12345, 1, 1, 0, 0), "+12345-01-01T00:00"),
        Arguments.of(LocalDateTime.of(-44, 3, 15, 12, 0), "-0044-03-15T12:00"));
  }

  @Test
  void textWithNulIsRefusedBecausePostgresCannotStoreIt() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> CopyText.appendField(new StringBuilder(), "a\0b"))
        .withMessageContaining("NUL character");
  }
}
