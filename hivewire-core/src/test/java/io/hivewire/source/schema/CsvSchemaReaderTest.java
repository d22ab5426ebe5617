package io.hivewire.source.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CsvSchemaReaderTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("b");
  private final SchemaReader reader = new SchemaReader(store);

  static Stream<Arguments> dialects() {
    return Stream.of(
        Arguments.of("comma", "id,name\n1,a\n2,b\n", "id BIGINT, name VARCHAR"),
        Arguments.of("semicolon", "id;name\n1;a\n2;b\n", "id BIGINT, name VARCHAR"),
        Arguments.of("tab", "id\tname\n1\ta\n2\tb\n", "id BIGINT, name VARCHAR"),
        Arguments.of("pipe", "id|name\n1|a\n2|b\n", "id BIGINT, name VARCHAR"),
        Arguments.of("CRLF line ends", "id,name\r\n1,a\r\n2,b\r\n", "id BIGINT, name VARCHAR"),
        Arguments.of("no final newline", "id,name\n1,a\n2,b", "id BIGINT, name VARCHAR"),
        Arguments.of("UTF-8 BOM", "\uFEFFid,name\n1,a\n", "id BIGINT, name VARCHAR"),
        Arguments.of(
            "semicolons inside quoted comma fields",
            "id,note\n1,\"a;b;c\"\n2,\"d;e;f\"\n",
            "id BIGINT, note VARCHAR"),
        Arguments.of(
            "commas inside quoted semicolon fields",
            "id;amount\n1;\"1,5\"\n2;\"2,5\"\n",
            "id BIGINT, amount VARCHAR"),
        Arguments.of(
            "doubled quotes and quoted newlines",
            "id,text\n1,\"she said \"\"hi\"\"\"\n2,\"two\nlines\"\n3,plain\n",
            "id BIGINT, text VARCHAR"),
        Arguments.of("one column", "name\nalice\nbob\n", "name VARCHAR"),
        Arguments.of("empty lines skipped", "id,name\n\n1,a\n\n2,b\n", "id BIGINT, name VARCHAR"),
        Arguments.of("header only", "id,name\n", "id VARCHAR?, name VARCHAR?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dialects")
  void dialectIsSniffedAndColumnsRead(String dialect, String csv, String expected) {
    assertThat(describe(schemaOf("t/a.csv", csv.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expected);
  }

  static Stream<Arguments> typeRules() {
    return Stream.of(
        Arguments.of("booleans", "b\ntrue\nFALSE\n", "b BOOLEAN"),
        Arguments.of("integers", "n\n1\n-2\n", "n BIGINT"),
        Arguments.of("integers and decimals widen to DOUBLE", "n\n1\n2.5\n", "n DOUBLE"),
        Arguments.of(
            "an integer beyond 64 bits is text", "n\n1\n99999999999999999999\n", "n VARCHAR"),
        Arguments.of("leading zeros keep text", "zip\n01234\n90210\n", "zip VARCHAR"),
        Arguments.of("dates", "d\n2024-01-15\n2024-02-29\n", "d DATE"),
        Arguments.of(
            "dates and timestamps widen to TIMESTAMP",
            "t\n2024-01-15\n2024-01-15 10:00:00\n",
            "t TIMESTAMP"),
        Arguments.of(
            "timestamps with offsets",
            "t\n2024-01-15T10:00:00Z\n2024-01-15T10:00:00.5+02:00\n",
            "t TIMESTAMP WITH TIME ZONE"),
        Arguments.of(
            "local and zoned timestamps mix to text",
            "t\n2024-01-15T10:00:00\n2024-01-15T10:00:00Z\n",
            "t VARCHAR"),
        Arguments.of("numbers and words mix to text", "x\n1\nabc\n", "x VARCHAR"),
        Arguments.of("booleans and numbers mix to text", "x\ntrue\n1\n", "x VARCHAR"),
        Arguments.of("empty fields are NULL", "a,b\n1,\n,x\n", "a BIGINT?, b VARCHAR?"),
        Arguments.of(
            "a column of only empty fields is text", "a,b\n1,\n2,\n", "a BIGINT, b VARCHAR?"),
        Arguments.of("missing trailing fields are NULL", "a,b\n1,x\n2\n", "a BIGINT, b VARCHAR?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeRules")
  void columnTypeIsTheNarrowestThatHoldsEverySampledValue(
      String rule, String csv, String expected) {
    assertThat(describe(schemaOf("t/a.csv", csv.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(expected);
  }

  @Test
  void blankAndDuplicateHeadersAreMadeUniqueAndReported() {
    ObjectInfo file =
        put("t/a.csv", "id,,ID,name,id\n1,2,3,x,5\n".getBytes(StandardCharsets.UTF_8));

    FileSchema schema = reader.readFileSchema("b", DataFormat.CSV, List.of(file));

    assertThat(schema.columns())
        .extracting(Column::name)
        .containsExactly("id", "column_2", "ID_2", "name", "id_3");
    assertThat(schema.warnings())
        .containsExactly(
            "column 2 has a blank header: it is named column_2",
            "column 3 repeats the header 'ID': it is named ID_2; give each column its own header to choose the name",
            "column 5 repeats the header 'id': it is named id_3; give each column its own header to choose the name");
  }

  @Test
  void gzipIsRecognisedByItsMagicWhateverTheName() throws IOException {
    byte[] gzip = gzip("id;seen\n1;2024-01-15\n");

    for (String key : List.of("t/a.csv.gz", "t/a.gz", "t/a.csv")) {
      assertThat(describe(schemaOf(key, gzip))).isEqualTo("id BIGINT, seen DATE");
    }
  }

  @Test
  void onlyTheFirstMebibyteOfALargeFileIsFetchedAndItsCutLastLineIgnored() {
    StringBuilder csv = new StringBuilder("id,amount\n");
    for (int i = 0; csv.length() < 3 * 1024 * 1024; i++) {
      csv.append(i).append(',').append(i).append(".25\n");
    }
    ObjectInfo file = put("t/big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));

    List<Column> columns = reader.readSchema("b", DataFormat.CSV, List.of(file));

    assertThat(describe(columns)).isEqualTo("id BIGINT?, amount DOUBLE?");
    assertThat(gets()).isEqualTo(1);
  }

  @Test
  void aLargeGzipFileIsSampledFromItsFirstMebibyteCutMidStream() throws IOException {
    java.util.Random random = new java.util.Random(42);
    StringBuilder csv = new StringBuilder("id;token;seen\n");
    for (int i = 0; i < 200_000; i++) {
      csv.append(i).append(';').append(Long.toHexString(random.nextLong())).append(';');
      csv.append("2024-01-").append(10 + i % 20).append('\n');
    }
    byte[] gzip = gzip(csv.toString());
    assertThat(gzip.length).isGreaterThan(2 * SchemaReader.CSV_SAMPLE_BYTES);

    List<Column> columns = schemaOf("t/big.csv.gz", gzip);

    assertThat(describe(columns)).isEqualTo("id BIGINT?, token VARCHAR?, seen DATE?");
    assertThat(gets()).isEqualTo(1);
  }

  @Test
  void columnsAreNullableWhenTheSampleStopsBeforeTheLastRecord() {
    String csv = "id\n" + "1\n".repeat(SchemaReader.CSV_SAMPLE_RECORDS + 5);

    assertThat(describe(schemaOf("t/a.csv", csv.getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("id BIGINT?");
  }

  @Test
  void columnsAreNullableWhenOtherFilesAreNotSampled() {
    ObjectInfo first = put("t/a.csv", "id\n1\n".getBytes(StandardCharsets.UTF_8));
    ObjectInfo second = put("t/b.csv", "id\n2\n".getBytes(StandardCharsets.UTF_8));

    assertThat(describe(reader.readSchema("b", DataFormat.CSV, List.of(first, second))))
        .isEqualTo("id BIGINT?");
  }

  @Test
  void theAlphabeticallyLastFileIsSampledSoColumnsAppendedByNewerFilesShow() {
    ObjectInfo later = put("t/b.csv", "x,country\n1,NL\n".getBytes(StandardCharsets.UTF_8));
    ObjectInfo first = put("t/a.csv", "x\nabc\n".getBytes(StandardCharsets.UTF_8));

    FileSchema schema = reader.readFileSchema("b", DataFormat.CSV, List.of(later, first));

    assertThat(schema.source().key()).isEqualTo("t/b.csv");
    assertThat(describe(schema.columns())).isEqualTo("x BIGINT?, country VARCHAR?");
  }

  @Test
  void emptyFileFailsNamingTheFile() {
    ObjectInfo file = put("t/empty.csv", new byte[0]);

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.CSV, List.of(file)))
        .isInstanceOf(SchemaException.class)
        .hasMessage("s3://b/t/empty.csv is empty: a CSV file needs a header row");
  }

  @Test
  void parquetFileInACsvConnectionIsTheWrongFormat() {
    ObjectInfo file = put("t/a.csv", "PAR1....PAR1".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.CSV, List.of(file)))
        .isInstanceOfSatisfying(
            SchemaException.class,
            e -> assertThat(e.reason()).isEqualTo(SchemaException.Reason.WRONG_FORMAT))
        .hasMessageContaining("s3://b/t/a.csv is a Parquet file")
        .hasMessageContaining("set the connection's data format to PARQUET");
  }

  @Test
  void unclosedQuoteFailsWithAClearMessage() {
    ObjectInfo file = put("t/a.csv", "id,name\n1,\"open\n2,b\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.CSV, List.of(file)))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("s3://b/t/a.csv is not valid CSV")
        .hasMessageContaining("unclosed");
  }

  @Test
  void corruptGzipFailsWithAClearMessage() throws IOException {
    byte[] gzip = gzip("id\n1\n2\n");
    byte[] cut = java.util.Arrays.copyOf(gzip, gzip.length - 6);
    ObjectInfo file = put("t/a.csv.gz", cut);

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.CSV, List.of(file)))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith("s3://b/t/a.csv.gz is not valid gzip");
  }

  @Test
  void noDataFilesIsReported() {
    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.CSV, List.of()))
        .isInstanceOfSatisfying(
            SchemaException.class,
            e -> assertThat(e.reason()).isEqualTo(SchemaException.Reason.NO_DATA_FILES));
  }

  private List<Column> schemaOf(String key, byte[] bytes) {
    ObjectInfo file = put(key, bytes);
    return reader.readSchema("b", DataFormat.CSV, List.of(file));
  }

  /** {@code name TYPE} per column, {@code ?} after nullable ones. */
  static String describe(List<Column> columns) {
    return String.join(
        ", ",
        columns.stream()
            .map(c -> c.name() + " " + c.type().sqlName() + (c.nullable() ? "?" : ""))
            .toList());
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  private ObjectInfo put(String key, byte[] bytes) {
    return store.put(new S3Location("b", key), bytes, PutOptions.defaults());
  }

  private long gets() {
    return store.requestCounts().get("GetObject");
  }
}
