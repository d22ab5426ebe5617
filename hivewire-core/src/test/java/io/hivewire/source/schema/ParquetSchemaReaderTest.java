package io.hivewire.source.schema;

import static io.hivewire.source.schema.CsvSchemaReaderTest.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.reader.parquet.ParquetBytes;
import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ParquetSchemaReaderTest {

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("b");
  private final SchemaReader reader = new SchemaReader(store);

  static Stream<Arguments> typeMappings() {
    return Stream.of(
        Arguments.of("required boolean x;", "x BOOLEAN"),
        Arguments.of("optional int32 x;", "x INTEGER?"),
        Arguments.of("required int32 x (INTEGER(8,true));", "x INTEGER"),
        Arguments.of("required int32 x (INTEGER(16,false));", "x INTEGER"),
        Arguments.of("required int32 x (INTEGER(32,false));", "x BIGINT"),
        Arguments.of("required int64 x;", "x BIGINT"),
        Arguments.of("required int64 x (INTEGER(64,true));", "x BIGINT"),
        Arguments.of("required int64 x (INTEGER(64,false));", "x DECIMAL(20,0)"),
        Arguments.of("required int32 x (DECIMAL(9,2));", "x DECIMAL(9,2)"),
        Arguments.of("required int64 x (DECIMAL(18,4));", "x DECIMAL(18,4)"),
        Arguments.of("required fixed_len_byte_array(16) x (DECIMAL(38,10));", "x DECIMAL(38,10)"),
        Arguments.of("required binary x (DECIMAL(50,5));", "x DECIMAL(50,5)"),
        Arguments.of("required int32 x (DATE);", "x DATE"),
        Arguments.of("required int32 x (TIME(MILLIS,true));", "x TIME"),
        Arguments.of("required int64 x (TIME(MICROS,false));", "x TIME"),
        Arguments.of("required int64 x (TIME(NANOS,true));", "x TIME"),
        Arguments.of("required int64 x (TIMESTAMP(MILLIS,true));", "x TIMESTAMP WITH TIME ZONE"),
        Arguments.of("required int64 x (TIMESTAMP(MICROS,false));", "x TIMESTAMP"),
        Arguments.of("required int64 x (TIMESTAMP(NANOS,true));", "x TIMESTAMP WITH TIME ZONE"),
        Arguments.of("required int96 x;", "x TIMESTAMP WITH TIME ZONE"),
        Arguments.of("required float x;", "x REAL"),
        Arguments.of("required double x;", "x DOUBLE"),
        Arguments.of("required fixed_len_byte_array(2) x (FLOAT16);", "x REAL"),
        Arguments.of("required binary x (STRING);", "x VARCHAR"),
        Arguments.of("required binary x (UTF8);", "x VARCHAR"),
        Arguments.of("required binary x (ENUM);", "x VARCHAR"),
        Arguments.of("required binary x (JSON);", "x JSON"),
        Arguments.of("required binary x (BSON);", "x VARBINARY"),
        Arguments.of("required binary x;", "x VARBINARY"),
        Arguments.of("required fixed_len_byte_array(16) x (UUID);", "x UUID"),
        Arguments.of("required fixed_len_byte_array(4) x;", "x VARBINARY"),
        Arguments.of(
            "optional group s { required int32 a; optional binary b (STRING); }",
            "s STRUCT(a INTEGER, b VARCHAR)?"),
        Arguments.of(
            "optional group l (LIST) { repeated group list { optional int64 element; } }",
            "l LIST(BIGINT)?"),
        Arguments.of("required group l (LIST) { repeated int32 element; }", "l LIST(INTEGER)"),
        Arguments.of(
            "required group l (LIST) { repeated group array { required binary s (STRING); } }",
            "l LIST(STRUCT(s VARCHAR))"),
        Arguments.of(
            "required group l (LIST) { repeated group l_tuple { required int32 n; } }",
            "l LIST(STRUCT(n INTEGER))"),
        Arguments.of(
            "required group l (LIST) { repeated group item { required int32 a; required int32 b; } }",
            "l LIST(STRUCT(a INTEGER, b INTEGER))"),
        Arguments.of(
            "optional group l (LIST) { repeated group list { optional group element (LIST) {"
                + " repeated group list { optional double element; } } } }",
            "l LIST(LIST(DOUBLE))?"),
        Arguments.of("repeated int32 x;", "x LIST(INTEGER)"),
        Arguments.of("repeated group x { required int32 a; }", "x LIST(STRUCT(a INTEGER))"),
        Arguments.of(
            "optional group m (MAP) { repeated group key_value { required binary key (STRING);"
                + " optional int64 value; } }",
            "m MAP(VARCHAR, BIGINT)?"),
        Arguments.of(
            "optional group m (MAP_KEY_VALUE) { repeated group map { required binary key (UTF8);"
                + " optional group value { optional int32 a; } } }",
            "m MAP(VARCHAR, STRUCT(a INTEGER))?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typeMappings")
  void everyParquetTypeMapsToAColumnType(String field, String expected) {
    List<Column> columns =
        ParquetSchemaMapping.columns(
            MessageTypeParser.parseMessageType("message m { " + field + " }"));

    assertThat(describe(columns)).isEqualTo(expected);
    assertThat(columns).allSatisfy(c -> assertThat(c.origin()).isEqualTo(ColumnOrigin.FILE));
  }

  @Test
  void schemaComesFromTheAlphabeticallyLastFile() {
    ObjectInfo older = parquet("t/2024-01-01.parquet", "message m { required int64 id; }");
    ObjectInfo newer =
        parquet(
            "t/2024-02-01.parquet",
            "message m { required int64 id; optional binary email (STRING); }");

    List<Column> columns = reader.readSchema("b", DataFormat.PARQUET, List.of(newer, older));

    assertThat(describe(columns)).isEqualTo("id BIGINT, email VARCHAR?");
  }

  @Test
  void aSmallFileCostsOneRangedGet() {
    ObjectInfo file = parquet("t/a.parquet", "message m { required int64 id; }");

    reader.readSchema("b", DataFormat.PARQUET, List.of(file));

    assertThat(gets()).isEqualTo(1);
  }

  @Test
  void aLargeFileWithASmallFooterCostsTwoRangedGets() {
    byte[] small =
        ParquetBytes.write(
            "message m { required binary payload; }",
            CompressionCodecName.UNCOMPRESSED,
            f ->
                java.util.stream.IntStream.range(0, 200)
                    .mapToObj(
                        i ->
                            f.newGroup()
                                .append(
                                    "payload",
                                    org.apache.parquet.io.api.Binary.fromConstantByteArray(
                                        new byte[1024 + i])))
                    .map(org.apache.parquet.example.data.Group.class::cast)
                    .toList());
    assertThat(small.length).isGreaterThan(128 * 1024);
    ObjectInfo file = put("t/big.parquet", small);

    List<Column> columns = reader.readSchema("b", DataFormat.PARQUET, List.of(file));

    assertThat(describe(columns)).isEqualTo("payload VARBINARY");
    assertThat(gets()).isEqualTo(2);
  }

  @Test
  void aFileWithoutMagicIsTheWrongFormat() {
    ObjectInfo file = put("t/x.parquet", "id,name\n1,alice\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.PARQUET, List.of(file)))
        .isInstanceOfSatisfying(
            SchemaException.class,
            e -> assertThat(e.reason()).isEqualTo(SchemaException.Reason.WRONG_FORMAT))
        .hasMessage(
            "s3://b/t/x.parquet is not a Parquet file (no PAR1 magic at its start): remove it or"
                + " set the connection's data format to CSV");
  }

  @Test
  void aTruncatedFileFailsNamingTheFile() {
    byte[] whole =
        ParquetBytes.write(
            "message m { required int64 id; }",
            CompressionCodecName.SNAPPY,
            f -> List.of(f.newGroup().append("id", 1L)));
    ObjectInfo file = put("t/cut.parquet", Arrays.copyOf(whole, whole.length - 10));

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.PARQUET, List.of(file)))
        .isInstanceOf(SchemaException.class)
        .hasMessageStartingWith(
            "s3://b/t/cut.parquet is not a Parquet file (no PAR1 magic at its end)");
  }

  @Test
  void aCorruptFooterFailsNamingTheFile() {
    byte[] bytes =
        ParquetBytes.write(
            "message m { required int64 id; }",
            CompressionCodecName.SNAPPY,
            f -> List.of(f.newGroup().append("id", 1L)));
    for (int i = bytes.length - 40; i < bytes.length - 8; i++) {
      bytes[i] = (byte) 0xff;
    }
    ObjectInfo file = put("t/corrupt.parquet", bytes);

    assertThatThrownBy(() -> reader.readSchema("b", DataFormat.PARQUET, List.of(file)))
        .isInstanceOfSatisfying(
            SchemaException.class,
            e -> assertThat(e.reason()).isEqualTo(SchemaException.Reason.UNREADABLE_FILE))
        .hasMessageStartingWith("s3://b/t/corrupt.parquet has a footer that cannot be decoded")
        .hasMessageEndingWith("replace or remove the file");
  }

  private ObjectInfo parquet(String key, String schema) {
    return put(key, ParquetBytes.write(schema, CompressionCodecName.SNAPPY, f -> List.of()));
  }

  private ObjectInfo put(String key, byte[] bytes) {
    return store.put(new S3Location("b", key), bytes, PutOptions.defaults());
  }

  private long gets() {
    return store.requestCounts().get("GetObject");
  }
}
