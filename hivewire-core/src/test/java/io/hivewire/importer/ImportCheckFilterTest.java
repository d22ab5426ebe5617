package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ImportCheckFilterTest {

  private static final DiscoveredTable EVENTS =
      table(
          "events",
          List.of(
              column("user_id", Primitive.BIGINT, ColumnOrigin.FILE),
              column("date", Primitive.DATE, ColumnOrigin.PARTITION),
              column("region", Primitive.VARCHAR, ColumnOrigin.PARTITION)),
          List.of("date", "region"));

  private static DiscoveredTable table(String name, List<Column> columns, List<String> keys) {
    return new DiscoveredTable(
        name, columns, keys, 1, 1, 10, Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Column column(String name, ColumnType type, ColumnOrigin origin) {
    return new Column(name, type, true, origin);
  }

  @Test
  void aFilterOverThePartitionColumnsWithValuesOfTheirTypesFits() {
    assertThat(ImportCheck.checkFilter("date >= '2025-01-02' AND region IN ('EU')", EVENTS))
        .isEmpty();
  }

  @Test
  void aBlankFilterFitsAnyTable() {
    assertThat(ImportCheck.checkFilter("  ", EVENTS)).isEmpty();
  }

  @Test
  void aSyntaxErrorIsReportedWhereItIsWithTheParsersMessage() {
    String text = "date >=";

    FilterProblem problem = ImportCheck.checkFilter(text, EVENTS).orElseThrow();

    assertThatThrownBy(() -> PartitionFilter.parse(text)).hasMessage(problem.message());
    assertThat(problem.position()).isEqualTo(OptionalInt.of(text.length()));
    assertThat(problem.message()).contains("at position " + (text.length() + 1));
  }

  @Test
  void aColumnThatIsNotAPartitionColumnIsReportedAtItsName() {
    FilterProblem problem =
        ImportCheck.checkFilter("date = '2025-01-01' OR user_id = 1", EVENTS).get();

    assertThat(problem.message()).contains("'user_id' is not a partition column");
    assertThat(problem.position()).isEqualTo(OptionalInt.of(23));
  }

  @Test
  void aValueThatIsNotOfItsColumnsTypeIsReported() {
    FilterProblem problem = ImportCheck.checkFilter("date = 'yesterday'", EVENTS).get();

    assertThat(problem.position()).isPresent();
    assertThat(problem.message()).contains("DATE");
  }

  @Test
  void aTableWithoutPartitionColumnsTakesNoFilterWithTheSameWordsAsANewImportsCheck() {
    DiscoveredTable flat =
        table("flat", List.of(column("user_id", Primitive.BIGINT, ColumnOrigin.FILE)), List.of());
    ImportDefinition filtered =
        new ImportDefinition(
            "flat import",
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "flat",
            DataType.USER_SEGMENTS,
            new Mapping(Map.of("user_id", "user_id", "segment", "user_id"), List.of()),
            List.of(),
            Optional.of(PartitionFilter.parse("date = '2025-01-01'")),
            new Schedule.Manual(),
            ImportMode.INCREMENTAL,
            OnError.FAIL,
            0);

    FilterProblem problem = ImportCheck.checkFilter("date = '2025-01-01'", flat).orElseThrow();

    assertThat(problem.position()).isEmpty();
    assertThatThrownBy(() -> ImportCheck.check(filtered, flat))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e -> assertThat(e.problems()).contains(problem.message()));
  }

  @Test
  void partitionColumnsAreThoseOfTheDirectoriesInTheirOrderWithTheirTypes() {
    assertThat(ImportCheck.partitionColumns(EVENTS))
        .containsExactly(Map.entry("date", Primitive.DATE), Map.entry("region", Primitive.VARCHAR));
  }
}
