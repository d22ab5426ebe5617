package io.hivewire.importer.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.source.discovery.PartitionPath;
import io.hivewire.source.schema.ColumnType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionFilterTest {

  private static final Map<String, ColumnType> COLUMNS = columns();

  private static Map<String, ColumnType> columns() {
    Map<String, ColumnType> columns = new LinkedHashMap<>();
    columns.put("date", ColumnType.Primitive.DATE);
    columns.put("region", ColumnType.Primitive.VARCHAR);
    columns.put("hour", ColumnType.Primitive.BIGINT);
    columns.put("live", ColumnType.Primitive.BOOLEAN);
    return columns;
  }

  private static boolean matches(String filter, String path) {
    return PartitionFilter.parse(filter).bind(COLUMNS).matches(PartitionPath.parse(path));
  }

  @ParameterizedTest(name = "{0} on {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date >= '2025-01-01' AND region IN ('EU','US') | date=2025-01-02/region=EU/hour=1/live=true/f | true",
        "date >= '2025-01-01' AND region IN ('EU','US') | date=2024-12-31/region=EU/hour=1/live=true/f | false",
        "date >= '2025-01-01' AND region IN ('EU','US') | date=2025-01-02/region=APAC/hour=1/live=true/f | false",
        "region = 'EU'                                  | date=2025-01-01/region=EU/hour=1/live=true/f | true",
        "region != 'EU'                                 | date=2025-01-01/region=EU/hour=1/live=true/f | false",
        "region <> 'EU'                                 | date=2025-01-01/region=US/hour=1/live=true/f | true",
        "hour < 10                                      | date=2025-01-01/region=EU/hour=9/live=true/f | true",
        "hour < 10                                      | date=2025-01-01/region=EU/hour=10/live=true/f | false",
        "hour <= 10                                     | date=2025-01-01/region=EU/hour=10/live=true/f | true",
        "hour > 9                                       | date=2025-01-01/region=EU/hour=10/live=true/f | true",
        "hour >= 11                                     | date=2025-01-01/region=EU/hour=10/live=true/f | false",
        "hour = '10'                                    | date=2025-01-01/region=EU/hour=10/live=true/f | true",
        "live = TRUE                                    | date=2025-01-01/region=EU/hour=10/live=true/f | true",
        "live = false                                   | date=2025-01-01/region=EU/hour=10/live=true/f | false",
        "NOT region = 'EU'                              | date=2025-01-01/region=US/hour=1/live=true/f | true",
        "region NOT IN ('EU', 'US')                     | date=2025-01-01/region=US/hour=1/live=true/f | false",
        "region = 'EU' OR hour = 3                      | date=2025-01-01/region=US/hour=3/live=true/f | true",
        "region = 'EU' OR hour = 3                      | date=2025-01-01/region=US/hour=4/live=true/f | false",
        "(region = 'EU' OR region = 'US') AND hour = 3  | date=2025-01-01/region=US/hour=3/live=true/f | true",
        "region = 'EU' OR region = 'US' AND hour = 3    | date=2025-01-01/region=EU/hour=4/live=true/f | true",
        "date < '2025-02-01'                            | date=2025-01-31/region=EU/hour=1/live=true/f | true",
        "region = 'a b'                                 | date=2025-01-01/region=a%20b/hour=1/live=true/f | true",
        "region = 'it''s'                               | date=2025-01-01/region=it%27s/hour=1/live=true/f | true",
      })
  void filterDecidesWhichPartitionsAreRead(String filter, String path, boolean expected) {
    assertThat(matches(filter, path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} on a NULL region -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "region = 'EU'                 | false",
        "region != 'EU'                | false",
        "NOT region = 'EU'             | false",
        "region = 'EU' OR hour = 1     | true",
        "region = 'EU' AND hour = 1    | false",
      })
  void comparisonWithNullPartitionIsUnknownAsInSql(String filter, boolean expected) {
    assertThat(matches(filter, "date=2025-01-01/region=__HIVE_DEFAULT_PARTITION__/hour=1/f"))
        .isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> position {1}: {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date >=                          | 8  | expected a value",
        "date >= '2025-01-01' AND         | 25 | expected a partition column name or '('",
        "(region = 'EU'                   | 15 | expected ')' to close the '(' at position 1",
        "region IN ('EU' 'US')            | 17 | expected ',' or ')' in the IN list",
        "region = 'EU                     | 10 | string is not closed",
        "region ~ 'EU'                    | 8  | unexpected character '~'",
        "region 'EU'                      | 8  | expected =, !=, <, <=, >, >= or IN after region",
        "region = 'EU' region = 'US'      | 15 | expected AND, OR or the end of the filter",
        "AND region = 'EU'                | 1  | expected a partition column name",
      })
  void parseErrorPointsAtThePosition(String filter, int position, String problem) {
    assertThatThrownBy(() -> PartitionFilter.parse(filter))
        .isInstanceOfSatisfying(
            PartitionFilterException.class, e -> assertThat(e.position()).isEqualTo(position - 1))
        .hasMessageContaining(problem)
        .hasMessageContaining("at position " + position);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "country = 'FR'          | 'country' is not a partition column of the table (partition columns: date, region, hour, live)",
        "date >= '01/02/2025'    | '01/02/2025' is not a DATE value for partition column 'date' (write 'YYYY-MM-DD')",
        "hour = 'nine'           | 'nine' is not a BIGINT value for partition column 'hour'",
        "region = 5              | 'region' is text: quote the value",
        "live = 'maybe'          | 'maybe' is not a BOOLEAN value",
      })
  void bindingRejectsUnknownColumnsAndMistypedValues(String filter, String problem) {
    PartitionFilter parsed = PartitionFilter.parse(filter);

    assertThatThrownBy(() -> parsed.bind(COLUMNS))
        .isInstanceOf(PartitionFilterException.class)
        .hasMessageContaining(problem);
  }

  @Test
  void emptyFilterIsRejected() {
    assertThatThrownBy(() -> PartitionFilter.parse("  "))
        .isInstanceOf(PartitionFilterException.class)
        .hasMessageContaining("the filter is empty");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date = '2025-01-01'                                | date=2025-01-01/",
        "date IN ('2025-01-01', '2025-01-02') AND hour > 3  | date=2025-01-01/,date=2025-01-02/",
        "hour > 3 AND date = '2025-01-01'                   | date=2025-01-01/",
        "date = '2025-01-01' OR date = '2025-01-03'         | date=2025-01-01/,date=2025-01-03/",
        "date IN ('2025-01-01', '2025-01-02') AND date = '2025-01-02' | date=2025-01-02/",
      })
  void equalityOnTheLeadingKeyNarrowsTheListing(String filter, String directories) {
    assertThat(PartitionFilter.parse(filter).bind(COLUMNS).leadingDirectories("date"))
        .contains(List.of(directories.split(",")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "date >= '2025-01-01'",
        "region = 'EU'",
        "date = '2025-01-01' OR hour = 3",
        "NOT date = '2025-01-01'",
        "date != '2025-01-01'",
      })
  void filterThatDoesNotPinTheLeadingKeyListsEverything(String filter) {
    assertThat(PartitionFilter.parse(filter).bind(COLUMNS).leadingDirectories("date")).isEmpty();
  }

  @Test
  void textValueThatHiveWouldEscapeListsEverything() {
    assertThat(PartitionFilter.parse("region = 'a b'").bind(COLUMNS).leadingDirectories("region"))
        .isEmpty();
  }
}
