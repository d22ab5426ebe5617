package io.hivewire.reader.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextValuesTest {

  @Test
  void integersHaveNoLeadingZeroNorPlusSignAndFitALong() {
    assertThat(TextValues.parseLong("0")).contains(0L);
    assertThat(TextValues.parseLong("-42")).contains(-42L);
    assertThat(TextValues.parseLong("9223372036854775807")).contains(Long.MAX_VALUE);
    assertThat(TextValues.parseLong("-9223372036854775808")).contains(Long.MIN_VALUE);
    for (String text : new String[] {"", "-", "007", "-01", "+5", "1.0", "1e3", "12a", " 1", "٣"}) {
      assertThat(TextValues.parseLong(text)).as("'%s'", text).isEmpty();
    }
    assertThat(TextValues.parseLong("9223372036854775808")).isEmpty();
    assertThat(TextValues.isIntegerText("9223372036854775808")).isTrue();
    assertThat(TextValues.isIntegerText("-0")).isTrue();
    assertThat(TextValues.isIntegerText("00")).isFalse();
  }

  @Test
  void decimalNumbersTakeAFractionAndAnExponent() {
    assertThat(TextValues.parseDouble("3.25")).contains(3.25);
    assertThat(TextValues.parseDouble("-.5")).contains(-0.5);
    assertThat(TextValues.parseDouble("0.5e-3")).contains(0.0005);
    assertThat(TextValues.parseDouble("12E+2")).contains(1200.0);
    assertThat(TextValues.parseDouble("7")).contains(7.0);
    for (String text :
        new String[] {
          "",
          "-",
          ".",
          "1.",
          "01.5",
          "1.5.2",
          "1e",
          "1e+",
          "e5",
          "+1.5",
          "NaN",
          "Infinity",
          "1,5",
          "0x1p3",
          "1d",
          "1e999"
        }) {
      assertThat(TextValues.parseDouble(text)).as("'%s'", text).isEmpty();
    }
  }

  @Test
  void decimalNumbersParseExactlyAsJavaParsesThem() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 200_000; i++) {
      long digits = random.nextLong(1, (long) Math.pow(10, random.nextInt(1, 16)));
      String whole = Long.toString(digits);
      int point = random.nextInt(whole.length() + 1);
      String text =
          (random.nextBoolean() ? "-" : "")
              + (point == 0 ? "0" : whole.substring(0, point))
              + "."
              + (point == whole.length() ? "0" : whole.substring(point));
      assertThat(TextValues.parseDouble(text)).as(text).contains(Double.parseDouble(text));
    }
    assertThat(TextValues.parseDouble("-0.0")).contains(-0.0);
    assertThat(TextValues.parseDouble("123456789012345.6")).contains(123456789012345.6);
    assertThat(TextValues.parseDouble("0.1")).contains(0.1);
  }

  @Test
  void datesAreIsoAndExist() {
    assertThat(TextValues.parseDate("2024-02-29")).contains(LocalDate.of(2024, 2, 29));
    assertThat(TextValues.parseDate("0000-01-01")).contains(LocalDate.of(0, 1, 1));
    for (String text :
        new String[] {
          "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01"
        }) {
      assertThat(TextValues.parseDate(text)).as("'%s'", text).isEmpty();
    }
  }

  @Test
  void timestampsWithoutZoneTakeSpaceOrTAndUpToNineFractionDigits() {
    assertThat(TextValues.parseTimestamp("2025-01-31 23:59:59"))
        .contains(LocalDateTime.of(2025, 1, 31, 23, 59, 59));
    assertThat(TextValues.parseTimestamp("2025-01-31T00:00:00.5"))
        .contains(LocalDateTime.of(2025, 1, 31, 0, 0, 0, 500_000_000));
    assertThat(TextValues.parseTimestamp("2025-01-31T00:00:00.123456789"))
        .contains(LocalDateTime.of(2025, 1, 31, 0, 0, 0, 123_456_789));
    for (String text :
        new String[] {
          "2025-01-31",
          "2025-01-31 24:00:00",
          "2025-02-30 10:00:00",
          "2025-01-31 10:60:00",
          "2025-01-31 10:00:60",
          "2025-01-31X10:00:00",
          "2025-01-31 10:00",
          "2025-01-31 10:00:00.",
          "2025-01-31 10:00:00.1234567890",
          "2025-01-31 10:00:00Z",
          "2025-01-31 10:00:00+02:00",
          "2025-01-31 10:00:00 "
        }) {
      assertThat(TextValues.parseTimestamp(text)).as("'%s'", text).isEmpty();
    }
    assertThat(TextValues.parseTimestampWithZone("2025-01-31 10:00:00+02:00")).isPresent();
  }
}
