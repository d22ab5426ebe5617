package io.hivewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class CsvRowReaderTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("b");

  @Test
  void fieldsAreConvertedToTheColumnTypes() {
    List<Column> columns =
        List.of(
            column("flag", Primitive.BOOLEAN),
            column("n", Primitive.BIGINT),
            column("x", Primitive.DOUBLE),
            column("day", Primitive.DATE),
            column("at", Primitive.TIMESTAMP),
            column("at_tz", Primitive.TIMESTAMP_TZ),
            column("amount", new ColumnType.Decimal(10, 2)),
            column("name", Primitive.VARCHAR));
    String csv =
        "flag,n,x,day,at,at_tz,amount,name\n"
            + "true,42,2.5,2024-02-29,2024-01-15 10:30:00.5,2024-01-15T10:30:00+02:00,12.34,\"a, b\"\n"
            + ",,,,2024-01-16,,,\n";

    List<Row> rows = readAll(put("t/a.csv", csv), columns);

    assertThat(rows.get(0).values())
        .containsExactly(
            true,
            42L,
            2.5,
            LocalDate.of(2024, 2, 29),
            LocalDateTime.of(2024, 1, 15, 10, 30, 0, 500_000_000),
            OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneOffset.ofHours(2)),
            new BigDecimal("12.34"),
            "a, b");
    assertThat(rows.get(1).values())
        .containsExactly(
            null, null, null, null, LocalDateTime.of(2024, 1, 16, 0, 0), null, null, null);
  }

  @Test
  void rowNumbersAreTheLinesRecordsStartOn() {
    String csv = "id,text\r\n1,\"two\r\nlines\"\r\n\r\n2,x\r\n";

    List<Row> rows =
        readAll(
            put("t/a.csv", csv),
            List.of(column("id", Primitive.BIGINT), column("text", Primitive.VARCHAR)));

    assertThat(rows).extracting(Row::number).containsExactly(2L, 5L);
    assertThat(rows.get(0).values()).containsExactly(1L, "two\r\nlines");
  }

  @Test
  void aFieldThatDoesNotConvertNamesFileLineColumnAndTextAndReadingGoesOn() {
    ObjectInfo file = put("t/a.csv", "id,amount\n1,2.5\n2,abc\n3,4\n");
    List<Column> columns =
        List.of(column("id", Primitive.BIGINT), column("amount", Primitive.DOUBLE));

    try (RowReader reader = open(file, columns)) {
      assertThat(reader.next()).isPresent();
      assertThatThrownBy(reader::next)
          .isInstanceOfSatisfying(
              RowReadException.class,
              e -> {
                assertThat(e.file()).isEqualTo(new S3Location("b", "t/a.csv"));
                assertThat(e.line()).isEqualTo(3);
                assertThat(e.column()).contains("amount");
                assertThat(e.rawText()).isEqualTo("abc");
              })
          .hasMessage("s3://b/t/a.csv line 3, column amount: 'abc' is not a DOUBLE");
      assertThat(reader.next().orElseThrow().values()).containsExactly(3L, 4.0);
      assertThat(reader.next()).isEmpty();
    }
  }

  @Test
  void aRecordWithTheWrongFieldCountIsRejectedWhole() {
    ObjectInfo file = put("t/a.csv", "a,b\n1,2\n1,2,3\n");

    try (RowReader reader =
        open(file, List.of(column("a", Primitive.BIGINT), column("b", Primitive.BIGINT)))) {
      reader.next();
      assertThatThrownBy(reader::next)
          .isInstanceOfSatisfying(RowReadException.class, e -> assertThat(e.column()).isEmpty())
          .hasMessage("s3://b/t/a.csv line 3: has 3 fields but the header has 2");
    }
  }

  @Test
  void anEmptyFieldInANotNullColumnIsRejected() {
    ObjectInfo file = put("t/a.csv", "id\n\n1\n\"\"\n");
    Column id = new Column("id", Primitive.BIGINT, false, ColumnOrigin.FILE);

    try (RowReader reader = open(file, List.of(id))) {
      assertThat(reader.next().orElseThrow().values()).containsExactly(1L);
      assertThatThrownBy(reader::next)
          .isInstanceOf(RowReadException.class)
          .hasMessage("s3://b/t/a.csv line 4, column id: is empty but the column is NOT NULL");
    }
  }

  @Test
  void anOlderFileWithoutTheAppendedColumnsYieldsNullForThem() {
    ObjectInfo file = put("t/old.csv", "id;name\n1;a\n");
    List<Column> columns =
        List.of(
            column("id", Primitive.BIGINT),
            column("name", Primitive.VARCHAR),
            column("email", Primitive.VARCHAR));

    assertThat(readAll(file, columns).get(0).values()).containsExactly(1L, "a", null);
  }

  @Test
  void gzipWithABomAndTabsIsDecoded() throws IOException {
    ObjectInfo file = put("t/a.csv", gzip("\uFEFFid\tname\n1\talice\n"));

    List<Row> rows =
        readAll(file, List.of(column("id", Primitive.BIGINT), column("name", Primitive.VARCHAR)));

    assertThat(rows).singleElement().extracting(Row::values).isEqualTo(List.of(1L, "alice"));
  }

  @Test
  void corruptGzipFailsTheFile() throws IOException {
    byte[] whole = gzip("id\n" + "1\n".repeat(10_000));
    byte[] corrupt = Arrays.copyOf(whole, whole.length);
    for (int i = 20; i < 40; i++) {
      corrupt[i] ^= (byte) 0x5a;
    }
    ObjectInfo file = put("t/a.csv.gz", corrupt);

    assertThatThrownBy(() -> readAll(file, List.of(column("id", Primitive.BIGINT))))
        .isInstanceOf(FileReadException.class)
        .hasMessageStartingWith("s3://b/t/a.csv.gz cannot be read as CSV");
  }

  @Test
  void nestedColumnTypesAreRefusedForCsv() {
    ObjectInfo file = put("t/a.csv", "l\n1\n");

    assertThatThrownBy(
            () -> open(file, List.of(column("l", new ColumnType.ListOf(Primitive.BIGINT)))))
        .isInstanceOf(FileReadException.class)
        .hasMessageContaining("cannot be read as column l LIST(BIGINT)");
  }

  @Test
  void headerIsNamedAsSchemaInferenceNamesIt() {
    ObjectInfo file = put("t/a.csv", "\uFEFF id , ,ID\n1,2,3\n");

    try (RowReader reader = open(file, List.of(column("id", Primitive.BIGINT)))) {
      assertThat(reader.header()).containsExactly("id", "column_2", "ID_2");
    }
  }

  private static Column column(String name, ColumnType type) {
    return new Column(name, type, true, ColumnOrigin.FILE);
  }

  private RowReader open(ObjectInfo file, List<Column> columns) {
    return RowReaders.open(store, new S3Location("b", file.key()), file, DataFormat.CSV, columns);
  }

  private List<Row> readAll(ObjectInfo file, List<Column> columns) {
    List<Row> rows = new ArrayList<>();
    try (RowReader reader = open(file, columns)) {
      for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
        rows.add(row.get());
      }
    }
    return rows;
  }

  private ObjectInfo put(String key, String text) {
    return put(key, text.getBytes(StandardCharsets.UTF_8));
  }

  private ObjectInfo put(String key, byte[] bytes) {
    return store.put(new S3Location("b", key), bytes, PutOptions.defaults());
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
