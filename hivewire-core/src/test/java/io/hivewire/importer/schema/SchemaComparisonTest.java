package io.hivewire.importer.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaComparisonTest {

  private static final Column USER_ID = file("user_id", Primitive.VARCHAR);
  private static final Column SEGMENT = file("segment", Primitive.VARCHAR);
  private static final Column AMOUNT = file("amount", Primitive.BIGINT);
  private static final Column DATE = partition("date", Primitive.DATE);

  /** The import's columns; the tests name the ones they keep, changing one or two around them. */
  private static final List<Column> KNOWN = List.of(USER_ID, SEGMENT, AMOUNT, DATE);

  private static Column file(String name, ColumnType type) {
    return new Column(name, type, true, ColumnOrigin.FILE);
  }

  private static Column required(String name, ColumnType type) {
    return new Column(name, type, false, ColumnOrigin.FILE);
  }

  private static Column partition(String name, ColumnType type) {
    return new Column(name, type, true, ColumnOrigin.PARTITION);
  }

  private static SchemaChanges parquet(Column... current) {
    return SchemaComparison.compare(KNOWN, List.of(current), DataFormat.PARQUET);
  }

  private static SchemaChanges csv(Column... current) {
    return SchemaComparison.compare(KNOWN, List.of(current), DataFormat.CSV);
  }

  private static SchemaChanges compare(DataFormat format, Column... current) {
    return SchemaComparison.compare(KNOWN, List.of(current), format);
  }

  private static UnsupportedChange only(SchemaChanges changes) {
    assertThat(changes.offered()).isEmpty();
    assertThat(changes.unsupported()).hasSize(1);
    return changes.unsupported().getFirst();
  }

  @Test
  void sameColumnsAreNoChangeInEitherFormat() {
    assertThat(SchemaComparison.compare(KNOWN, KNOWN, DataFormat.PARQUET).none()).isTrue();
    assertThat(SchemaComparison.compare(KNOWN, KNOWN, DataFormat.CSV).none()).isTrue();
  }

  @Test
  void parquetOffersANullableColumnAddedInTheMiddle() {
    SchemaChanges changes =
        parquet(USER_ID, file("country", Primitive.VARCHAR), SEGMENT, AMOUNT, DATE);

    assertThat(changes.unsupported()).isEmpty();
    assertThat(changes.offered())
        .containsExactly(
            new OfferedColumn(file("country", Primitive.VARCHAR), 2, Optional.of("user_id")));
  }

  @Test
  void parquetOffersANullableColumnAddedFirstAndAtTheEnd() {
    SchemaChanges changes =
        parquet(
            file("id", Primitive.BIGINT),
            USER_ID,
            SEGMENT,
            AMOUNT,
            file("note", Primitive.VARCHAR),
            DATE);

    assertThat(changes.unsupported()).isEmpty();
    assertThat(changes.offered())
        .extracting(o -> o.name() + "@" + o.position() + " after " + o.after().orElse("-"))
        .containsExactly("id@1 after -", "note@5 after amount");
  }

  @Test
  void parquetRefusesANewRequiredColumn() {
    UnsupportedChange change =
        only(parquet(USER_ID, SEGMENT, AMOUNT, required("score", Primitive.DOUBLE), DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.NEW_COLUMN_NOT_NULLABLE);
    assertThat(change.column()).isEqualTo("score");
    assertThat(change.rule()).contains("must allow NULL").contains("new import");
  }

  @Test
  void csvOffersColumnsAppendedAtTheEndEvenWhenInferredRequired() {
    SchemaChanges changes =
        csv(
            USER_ID,
            SEGMENT,
            AMOUNT,
            required("score", Primitive.DOUBLE),
            file("note", Primitive.VARCHAR),
            DATE);

    assertThat(changes.unsupported()).isEmpty();
    assertThat(changes.offered())
        .extracting(o -> o.name() + "@" + o.position() + " after " + o.after().orElse("-"))
        .containsExactly("score@4 after amount", "note@5 after amount");
  }

  @Test
  void csvRefusesAColumnInsertedInTheMiddle() {
    UnsupportedChange change =
        only(csv(USER_ID, file("country", Primitive.VARCHAR), SEGMENT, AMOUNT, DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.NEW_COLUMN_NOT_AT_END);
    assertThat(change.column()).isEqualTo("country");
    assertThat(change.detail()).contains("position 2").contains("before columns");
    assertThat(change.rule()).contains("read by position").contains("at the end");
  }

  @Test
  void csvRefusesAnAppendedColumnWhenAColumnBeforeItWentAway() {
    SchemaChanges changes =
        csv(
            USER_ID,
            AMOUNT,
            file("note", Primitive.VARCHAR),
            file("extra", Primitive.VARCHAR),
            DATE);

    assertThat(changes.offered()).isEmpty();
    assertThat(changes.unsupported())
        .extracting(c -> c.kind() + " " + c.column())
        .containsExactlyInAnyOrder(
            "REMOVED segment", "NEW_COLUMN_NOT_AT_END note", "NEW_COLUMN_NOT_AT_END extra");
  }

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void removedColumnIsReported(DataFormat format) {
    UnsupportedChange change = only(compare(format, USER_ID, SEGMENT, DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.REMOVED);
    assertThat(change.column()).isEqualTo("amount");
    assertThat(change.detail()).contains("BIGINT").contains("position 3");
    assertThat(change.rule()).contains("restore 'amount'").contains("new import");
  }

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void columnReplacedAtTheSamePositionWithTheSameTypeIsARename(DataFormat format) {
    UnsupportedChange change =
        only(compare(format, USER_ID, file("audience", Primitive.VARCHAR), AMOUNT, DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.RENAMED);
    assertThat(change.column()).isEqualTo("segment");
    assertThat(change.detail()).contains("renamed to 'audience'");
    assertThat(change.rule()).contains("name it 'segment' again");
  }

  @Test
  void columnReplacedByOneOfAnotherTypeIsARemovalAndANewColumn() {
    SchemaChanges changes = parquet(USER_ID, SEGMENT, file("price", Primitive.DOUBLE), DATE);

    assertThat(changes.unsupported())
        .extracting(UnsupportedChange::kind)
        .containsExactly(ChangeKind.REMOVED);
    assertThat(changes.offered()).extracting(OfferedColumn::name).containsExactly("price");
  }

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void swappedColumnsAreReordered(DataFormat format) {
    UnsupportedChange change = only(compare(format, USER_ID, AMOUNT, SEGMENT, DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.REORDERED);
    assertThat(change.detail()).isEqualTo("column 'segment' moved from position 2 to position 3");
    assertThat(change.rule()).contains("back in its place");
  }

  @Test
  void columnsShiftedByARemovalAreNotReportedAsMoved() {
    SchemaChanges changes = csv(USER_ID, AMOUNT, DATE);

    assertThat(changes.unsupported())
        .extracting(c -> c.kind() + " " + c.column())
        .containsExactly("REMOVED segment");
  }

  @Test
  void columnMovedToTheFrontIsTheOneReported() {
    UnsupportedChange change = only(csv(AMOUNT, USER_ID, SEGMENT, DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.REORDERED);
    assertThat(change.column()).isEqualTo("amount");
    assertThat(change.detail()).contains("from position 3 to position 1");
    assertThat(change.rule()).contains("read by position");
  }

  @Test
  void parquetReportsAnyTypeChange() {
    UnsupportedChange change =
        only(parquet(USER_ID, SEGMENT, file("amount", Primitive.DOUBLE), DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.RETYPED);
    assertThat(change.detail()).isEqualTo("column 'amount' was BIGINT and is now DOUBLE");
    assertThat(change.rule()).contains("write 'amount' as BIGINT again");
  }

  @Test
  void csvReportsATypeTheImportsColumnCannotHold() {
    UnsupportedChange change = only(csv(USER_ID, SEGMENT, file("amount", Primitive.VARCHAR), DATE));

    assertThat(change.kind()).isEqualTo(ChangeKind.RETYPED);
    assertThat(change.detail()).isEqualTo("column 'amount' was BIGINT and is now VARCHAR");
  }

  @Test
  void csvTypeNarrowerThanTheImportsIsNoChange() {
    List<Column> known =
        List.of(
            file("label", Primitive.VARCHAR),
            file("price", Primitive.DOUBLE),
            file("at", Primitive.TIMESTAMP));
    List<Column> current =
        List.of(
            file("label", Primitive.BIGINT),
            file("price", Primitive.BIGINT),
            file("at", Primitive.DATE));

    assertThat(SchemaComparison.compare(known, current, DataFormat.CSV).none()).isTrue();
    assertThat(SchemaComparison.compare(known, current, DataFormat.PARQUET).unsupported())
        .extracting(UnsupportedChange::kind)
        .containsOnly(ChangeKind.RETYPED)
        .hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(DataFormat.class)
  void newPartitionKeyIsOffered(DataFormat format) {
    SchemaChanges changes =
        compare(format, USER_ID, SEGMENT, AMOUNT, DATE, partition("hour", Primitive.BIGINT));

    assertThat(changes.unsupported()).isEmpty();
    assertThat(changes.offered())
        .containsExactly(
            new OfferedColumn(partition("hour", Primitive.BIGINT), 5, Optional.of("date")));
  }

  @Test
  void removedPartitionKeySaysToRestoreTheDirectories() {
    UnsupportedChange change = only(csv(USER_ID, SEGMENT, AMOUNT));

    assertThat(change.kind()).isEqualTo(ChangeKind.REMOVED);
    assertThat(change.detail()).startsWith("partition column 'date'");
    assertThat(change.rule()).contains("date=… directories");
  }

  @Test
  void partitionValuesOfAnotherTypeAreARetype() {
    UnsupportedChange change =
        only(parquet(USER_ID, SEGMENT, AMOUNT, partition("date", Primitive.BIGINT)));

    assertThat(change.kind()).isEqualTo(ChangeKind.RETYPED);
    assertThat(change.detail()).startsWith("partition column 'date' was DATE");
  }

  @Test
  void acceptingParquetColumnsPutsThemWhereTheFilesHaveThem() {
    SchemaChanges changes =
        parquet(
            file("id", Primitive.BIGINT),
            USER_ID,
            file("country", Primitive.VARCHAR),
            SEGMENT,
            AMOUNT,
            DATE,
            partition("hour", Primitive.BIGINT));

    List<Column> accepted =
        changes.accept(KNOWN, List.of("hour", "country", "id"), DataFormat.PARQUET);

    assertThat(accepted)
        .extracting(Column::name)
        .containsExactly("id", "user_id", "country", "segment", "amount", "date", "hour");
    assertThat(accepted).allMatch(Column::nullable);
  }

  @Test
  void acceptingTakesASubsetAndLeavesTheRestOut() {
    SchemaChanges changes =
        parquet(
            USER_ID,
            file("country", Primitive.VARCHAR),
            SEGMENT,
            AMOUNT,
            file("note", Primitive.VARCHAR),
            DATE);

    assertThat(changes.accept(KNOWN, List.of("note"), DataFormat.PARQUET))
        .extracting(Column::name)
        .containsExactly("user_id", "segment", "amount", "note", "date");
  }

  @Test
  void acceptingCsvColumnsMakesThemNullableAtTheEnd() {
    SchemaChanges changes =
        csv(USER_ID, SEGMENT, AMOUNT, required("score", Primitive.DOUBLE), DATE);

    assertThat(changes.accept(KNOWN, List.of("score"), DataFormat.CSV))
        .containsExactly(USER_ID, SEGMENT, AMOUNT, file("score", Primitive.DOUBLE), DATE);
  }

  @Test
  void acceptingACsvColumnWithoutTheNewOnesBeforeItIsRefused() {
    SchemaChanges changes =
        csv(
            USER_ID,
            SEGMENT,
            AMOUNT,
            file("score", Primitive.DOUBLE),
            file("note", Primitive.VARCHAR),
            DATE);

    assertThatThrownBy(() -> changes.accept(KNOWN, List.of("note"), DataFormat.CSV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'note' cannot be taken without 'score'")
        .hasMessageContaining("read by position");
  }

  @Test
  void acceptingAColumnThatIsNotOfferedNamesItAndTheOfferedOnes() {
    SchemaChanges changes = csv(USER_ID, SEGMENT, AMOUNT, file("score", Primitive.DOUBLE), DATE);

    assertThatThrownBy(() -> changes.accept(KNOWN, List.of("score", "bogus"), DataFormat.CSV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("[bogus] is not offered: the offered columns are [score]");
    assertThatThrownBy(() -> changes.accept(KNOWN, List.of(), DataFormat.CSV))
        .hasMessageContaining("no columns given");
  }
}
