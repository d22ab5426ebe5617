package io.hivewire.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.PartitionPath;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImportCheckTest {

  private static final DiscoveredTable TABLE =
      new DiscoveredTable(
          "people",
          List.of(
              file("uid", Primitive.VARCHAR),
              file("email", Primitive.VARCHAR),
              file("seen_at", Primitive.TIMESTAMP),
              file("seen_on", Primitive.DATE),
              file("seen_at_utc", Primitive.TIMESTAMP_TZ),
              file("segment", Primitive.VARCHAR),
              file("group_id", Primitive.BIGINT),
              file("deleted", Primitive.BOOLEAN),
              file("score", Primitive.DOUBLE),
              file("tags", new ColumnType.ListOf(Primitive.VARCHAR)),
              partition("date", Primitive.DATE),
              partition("region", Primitive.VARCHAR)),
          List.of("date", "region"),
          2,
          2,
          100,
          Instant.parse("2026-01-01T00:00:00Z"));

  private static Column file(String name, ColumnType type) {
    return new Column(name, type, true, ColumnOrigin.FILE);
  }

  private static Column partition(String name, ColumnType type) {
    return new Column(name, type, true, ColumnOrigin.PARTITION);
  }

  /** {@code role=value;role=value}. */
  private static Mapping mapping(String entries) {
    Map<String, String> map = new LinkedHashMap<>();
    if (!entries.isBlank()) {
      for (String entry : entries.split(";")) {
        String[] parts = entry.split("=", 2);
        map.put(parts[0].trim(), parts[1].trim());
      }
    }
    return new Mapping(map, List.of());
  }

  private static ImportDefinition definition(DataType type, Mapping mapping) {
    return definition(type, mapping, List.of(), Optional.empty());
  }

  private static ImportDefinition definition(
      DataType type, Mapping mapping, List<String> columns, Optional<PartitionFilter> filter) {
    return new ImportDefinition(
        "people import",
        UUID.fromString("00000000-0000-0000-0000-000000000001"),
        "people",
        type,
        mapping,
        columns,
        filter,
        new Schedule.Manual(),
        ImportMode.INCREMENTAL,
        OnError.FAIL,
        0);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "USER_PROFILE  | user_id=uid; user_id_tag=email",
        "USER_PROFILE  | user_id=group_id; user_id_tag=appnexus",
        "USER_ACTIVITY | user_id=uid; timestamp=seen_at",
        "USER_ACTIVITY | user_id=uid; timestamp=seen_on",
        "USER_ACTIVITY | user_id=uid; timestamp=seen_at_utc",
        "USER_SEGMENTS | user_id=uid; segment=segment",
        "IDENTITY      | first_id=uid; first_tag=internal; second_id=email; second_tag=email",
        "IDENTITY      | first_id=uid; first_tag=internal; second_id=email; second_tag=email; timestamp=seen_at",
        "GROUP         | user_id=uid; group_id=group_id; cursor=seen_at",
        "GROUP         | user_id=uid; group_id=group_id; cursor=seen_at; is_deleted=deleted",
      })
  void mappingThatFillsItsRolesIsAccepted(DataType type, String entries) {
    CheckedImport checked = ImportCheck.check(definition(type, mapping(entries)), TABLE);

    assertThat(checked.columns()).hasSize(TABLE.columns().size());
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "USER_PROFILE  | user_id=uid                                      | mapping.user_id_tag: required for USER_PROFILE (the identifier tag, e.g. email)",
        "USER_PROFILE  | user_id_tag=email                                | mapping.user_id: required for USER_PROFILE (a column of BIGINT or INTEGER or UUID or VARCHAR)",
        "USER_PROFILE  | user_id=nobody; user_id_tag=email                | mapping.user_id: 'nobody' is not a column of the table",
        "USER_PROFILE  | user_id=tags; user_id_tag=email                  | mapping.user_id: column 'tags' is LIST(VARCHAR) but USER_PROFILE needs BIGINT or INTEGER or UUID or VARCHAR here",
        "USER_PROFILE  | user_id=uid; user_id_tag=  ; extra=x             | mapping.extra: USER_PROFILE takes no such entry (it takes user_id, user_id_tag)",
        "USER_ACTIVITY | user_id=uid                                      | mapping.timestamp: required for USER_ACTIVITY (a column of DATE or TIMESTAMP or TIMESTAMP WITH TIME ZONE)",
        "USER_ACTIVITY | user_id=uid; timestamp=email                     | mapping.timestamp: column 'email' is VARCHAR but USER_ACTIVITY needs DATE or TIMESTAMP or TIMESTAMP WITH TIME ZONE here",
        "USER_SEGMENTS | user_id=uid                                      | mapping.segment: required for USER_SEGMENTS",
        "USER_SEGMENTS | user_id=uid; segment=score                       | mapping.segment: column 'score' is DOUBLE but USER_SEGMENTS needs",
        "IDENTITY      | first_id=uid; second_id=email; second_tag=email  | mapping.first_tag: required for IDENTITY",
        "IDENTITY      | first_id=uid; first_tag=a; second_tag=email      | mapping.second_id: required for IDENTITY",
        "IDENTITY      | first_id=uid; first_tag=a; second_id=email; second_tag=b; timestamp=score | mapping.timestamp: column 'score' is DOUBLE",
        "GROUP         | user_id=uid; group_id=group_id                   | mapping.cursor: required for GROUP",
        "GROUP         | user_id=uid; group_id=group_id; cursor=email     | mapping.cursor: column 'email' is VARCHAR but GROUP needs",
        "GROUP         | user_id=uid; group_id=group_id; cursor=seen_at; is_deleted=uid | mapping.is_deleted: column 'uid' is VARCHAR but GROUP needs BOOLEAN here",
      })
  void mappingThatBreaksARuleIsRejectedWithTheRule(DataType type, String entries, String rule) {
    assertThatThrownBy(() -> ImportCheck.check(definition(type, mapping(entries)), TABLE))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e -> assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(rule)));
  }

  @Test
  void everyBrokenRuleIsReportedAtOnce() {
    assertThatThrownBy(
            () -> ImportCheck.check(definition(DataType.GROUP, mapping("user_id=tags")), TABLE))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(3)
                    .anySatisfy(p -> assertThat(p).startsWith("mapping.user_id: column 'tags'"))
                    .anySatisfy(p -> assertThat(p).startsWith("mapping.group_id: required"))
                    .anySatisfy(p -> assertThat(p).startsWith("mapping.cursor: required")));
  }

  @Test
  void attributesAreOnlyForProfilesAndMustBeImported() {
    Mapping activity =
        new Mapping(Map.of("user_id", "uid", "timestamp", "seen_at"), List.of("score"));
    Mapping profile =
        new Mapping(Map.of("user_id", "uid", "user_id_tag", "email"), List.of("score", "nope"));

    assertThatThrownBy(() -> ImportCheck.check(definition(DataType.USER_ACTIVITY, activity), TABLE))
        .hasMessageContaining("mapping.attributes: only USER_PROFILE takes attribute columns");
    assertThatThrownBy(
            () ->
                ImportCheck.check(
                    definition(
                        DataType.USER_PROFILE, profile, List.of("uid", "email"), Optional.empty()),
                    TABLE))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "mapping.attributes: 'score' is not among the imported columns",
                        "mapping.attributes: 'nope' is not a column of the table"));
  }

  @Test
  void selectedColumnsKeepTheTableOrderAndMustHoldTheMappedColumns() {
    Mapping segments = mapping("user_id=uid; segment=segment");

    CheckedImport checked =
        ImportCheck.check(
            definition(
                DataType.USER_SEGMENTS,
                segments,
                List.of("date", "segment", "uid"),
                Optional.empty()),
            TABLE);

    assertThat(checked.columns())
        .extracting(Column::name)
        .containsExactly("uid", "segment", "date");
    assertThatThrownBy(
            () ->
                ImportCheck.check(
                    definition(
                        DataType.USER_SEGMENTS,
                        segments,
                        List.of("uid", "missing"),
                        Optional.empty()),
                    TABLE))
        .isInstanceOfSatisfying(
            InvalidImportException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("columns: 'missing' is not a column"))
                    .contains(
                        "mapping.segment: column 'segment' is not among the imported columns"));
  }

  @Test
  void partitionFilterIsBoundToThePartitionColumns() {
    Mapping segments = mapping("user_id=uid; segment=segment");
    Optional<PartitionFilter> filter =
        Optional.of(PartitionFilter.parse("date >= '2025-01-01' AND region IN ('EU','US')"));

    CheckedImport checked =
        ImportCheck.check(definition(DataType.USER_SEGMENTS, segments, List.of(), filter), TABLE);

    assertThat(
            checked
                .filter()
                .orElseThrow()
                .matches(PartitionPath.parse("date=2025-03-01/region=EU/f")))
        .isTrue();
    assertThatThrownBy(
            () ->
                ImportCheck.check(
                    definition(
                        DataType.USER_SEGMENTS,
                        segments,
                        List.of(),
                        Optional.of(PartitionFilter.parse("uid = 'x'"))),
                    TABLE))
        .hasMessageContaining("'uid' is not a partition column of the table");
  }

  @Test
  void definitionRejectsNegativeMaxErrorsAndEmptyNames() {
    assertThatThrownBy(
            () ->
                new ImportDefinition(
                    " ",
                    UUID.randomUUID(),
                    "people",
                    DataType.USER_SEGMENTS,
                    mapping(""),
                    List.of(),
                    Optional.empty(),
                    new Schedule.Manual(),
                    ImportMode.INCREMENTAL,
                    OnError.SKIP,
                    0))
        .hasMessageContaining("import name is empty");
    assertThatThrownBy(
            () ->
                new ImportDefinition(
                    "n",
                    UUID.randomUUID(),
                    "people",
                    DataType.USER_SEGMENTS,
                    mapping(""),
                    List.of(),
                    Optional.empty(),
                    new Schedule.Manual(),
                    ImportMode.INCREMENTAL,
                    OnError.SKIP,
                    -1))
        .hasMessageContaining("maxErrors is -1");
  }
}
