package io.hivewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.reader.parquet.ParquetBytes;
import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType.Primitive;
import io.hivewire.source.schema.SchemaReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetRowReaderTest {

  private static final String ALL_TYPES =
      """
      message m {
        required int32 i32;
        required int32 i8 (INTEGER(8,true));
        required int32 u32 (INTEGER(32,false));
        required int64 i64;
        required int64 u64 (INTEGER(64,false));
        required int32 d9 (DECIMAL(9,2));
        required int64 d18 (DECIMAL(18,4));
        required fixed_len_byte_array(16) d38 (DECIMAL(38,10));
        required int32 day (DATE);
        required int32 t_ms (TIME(MILLIS,true));
        required int64 t_us (TIME(MICROS,false));
        required int64 ts_utc (TIMESTAMP(MILLIS,true));
        required int64 ts_local (TIMESTAMP(MICROS,false));
        required int64 ts_ns (TIMESTAMP(NANOS,true));
        required int96 ts96;
        required float f;
        required double d;
        required boolean b;
        required fixed_len_byte_array(2) half (FLOAT16);
        required binary s (STRING);
        required binary j (JSON);
        required binary e (ENUM);
        required fixed_len_byte_array(16) id (UUID);
        required binary raw;
        optional binary missing (STRING);
      }
      """;

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("b");

  @Test
  void everyPrimitiveTypeIsReadAsItsJavaValue() {
    LocalDate day = LocalDate.of(2024, 2, 29);
    Instant instant = Instant.parse("2024-01-15T10:30:00.123Z");
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    ObjectInfo file =
        put(
            "t/all.parquet",
            ParquetBytes.write(
                ALL_TYPES,
                CompressionCodecName.SNAPPY,
                f ->
                    List.of(
                        f.newGroup()
                            .append("i32", 7)
                            .append("i8", -3)
                            .append("u32", -1)
                            .append("i64", 1L << 40)
                            .append("u64", -1L)
                            .append("d9", 12345)
                            .append("d18", -123456789L)
                            .append(
                                "d38",
                                Binary.fromConstantByteArray(
                                    bigEndian16(new BigInteger("12345678901234567890123"))))
                            .append("day", (int) day.toEpochDay())
                            .append("t_ms", 3_600_000 + 1)
                            .append("t_us", 7_200_000_000L)
                            .append("ts_utc", instant.toEpochMilli())
                            .append("ts_local", 1_705_314_600_000_001L)
                            .append("ts_ns", 1_705_314_600_000_000_001L)
                            .append("ts96", new NanoTime(2_460_325, 37_800_000_000_000L))
                            .append("f", 1.25f)
                            .append("d", 2.5)
                            .append("b", true)
                            .append("half", Binary.fromConstantByteArray(float16(1.5f)))
                            .append("s", "héllo")
                            .append("j", "{\"a\":1}")
                            .append("e", "RED")
                            .append("id", Binary.fromConstantByteArray(bytes(uuid)))
                            .append("raw", Binary.fromConstantByteArray(new byte[] {1, 2, 3})))));

    List<Column> columns =
        new SchemaReader(store).readSchema("b", DataFormat.PARQUET, List.of(file));
    Row row = readAll(file, columns).get(0);

    assertThat(row.number()).isEqualTo(1);
    assertThat(row.values().subList(0, 22))
        .containsExactly(
            7,
            -3,
            4_294_967_295L,
            1L << 40,
            new BigDecimal("18446744073709551615"),
            new BigDecimal("123.45"),
            new BigDecimal("-12345.6789"),
            new BigDecimal("1234567890123.4567890123"),
            day,
            LocalTime.of(1, 0, 0, 1_000_000),
            LocalTime.of(2, 0),
            OffsetDateTime.ofInstant(instant, ZoneOffset.UTC),
            LocalDateTime.of(2024, 1, 15, 10, 30, 0, 1_000),
            OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 1, ZoneOffset.UTC),
            OffsetDateTime.of(2024, 1, 15, 10, 30, 0, 0, ZoneOffset.UTC),
            1.25f,
            2.5,
            true,
            1.5f,
            "héllo",
            "{\"a\":1}",
            "RED");
    assertThat(row.values().get(22)).isEqualTo(uuid);
    assertThat((byte[]) row.values().get(23)).containsExactly(1, 2, 3);
    assertThat(row.values().get(24)).isNull();
    for (int i = 0; i < 24; i++) {
      assertThat(row.values().get(i)).isInstanceOf(JavaValues.javaClass(columns.get(i).type()));
    }
  }

  @Test
  void nestedListsMapsAndStructsAreJavaCollections() {
    String schema =
        """
        message m {
          optional group tags (LIST) { repeated group list { optional binary element (STRING); } }
          optional group attrs (MAP) {
            repeated group key_value { required binary key (STRING); optional int64 value; }
          }
          optional group address { required binary city (STRING); optional int32 zip; }
          repeated int32 scores;
        }
        """;
    ObjectInfo file =
        put(
            "t/nested.parquet",
            ParquetBytes.write(
                schema,
                CompressionCodecName.ZSTD,
                f -> {
                  Group full = f.newGroup();
                  Group tags = full.addGroup("tags");
                  tags.addGroup("list").append("element", "a");
                  tags.addGroup("list");
                  Group attrs = full.addGroup("attrs");
                  attrs.addGroup("key_value").append("key", "k1").append("value", 1L);
                  attrs.addGroup("key_value").append("key", "k2");
                  full.addGroup("address").append("city", "Oslo");
                  full.append("scores", 3).append("scores", 4);
                  return List.of(full, f.newGroup());
                }));
    List<Column> columns =
        new SchemaReader(store).readSchema("b", DataFormat.PARQUET, List.of(file));

    List<Row> rows = readAll(file, columns);

    Map<Object, Object> attrs = new LinkedHashMap<>();
    attrs.put("k1", 1L);
    attrs.put("k2", null);
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("city", "Oslo");
    address.put("zip", null);
    assertThat(rows.get(0).values())
        .containsExactly(Arrays.asList("a", null), attrs, address, List.of(3, 4));
    assertThat(rows.get(1).values()).containsExactly(null, null, null, List.of());
  }

  @Test
  void columnsAreMatchedByNameAndThoseTheFileLacksAreNull() {
    ObjectInfo file =
        put(
            "t/old.parquet",
            ParquetBytes.write(
                "message m { required int64 a; required int64 b; optional binary c (STRING); }",
                CompressionCodecName.GZIP,
                f -> List.of(f.newGroup().append("a", 1L).append("b", 2L).append("c", "x"))));
    List<Column> tableColumns =
        List.of(
            new Column("c", Primitive.VARCHAR, true, ColumnOrigin.FILE),
            new Column("added", Primitive.BIGINT, true, ColumnOrigin.FILE),
            new Column("a", Primitive.BIGINT, false, ColumnOrigin.FILE));

    assertThat(readAll(file, tableColumns).get(0).values()).containsExactly("x", null, 1L);
  }

  @Test
  void aColumnOfAnotherTypeThanTheTableFailsTheFile() {
    ObjectInfo file =
        put(
            "t/a.parquet",
            ParquetBytes.write(
                "message m { required int32 a; }",
                CompressionCodecName.SNAPPY,
                f -> List.of(f.newGroup().append("a", 1))));

    assertThatThrownBy(
            () ->
                readAll(file, List.of(new Column("a", Primitive.BIGINT, false, ColumnOrigin.FILE))))
        .isInstanceOf(FileReadException.class)
        .hasMessageStartingWith(
            "s3://b/t/a.parquet has column a as INTEGER but the table has it as BIGINT");
  }

  @Test
  void aFileThatIsNotParquetFailsClearly() {
    ObjectInfo file = put("t/a.parquet", "id,name\n1,a\n".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () ->
                readAll(file, List.of(new Column("id", Primitive.BIGINT, true, ColumnOrigin.FILE))))
        .isInstanceOf(FileReadException.class)
        .hasMessage("s3://b/t/a.parquet is not a Parquet file (no PAR1 magic at its start)");
  }

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4", "LZ4_RAW"})
  void everyShippedCodecReadsEveryRowOfEveryRowGroup(CompressionCodecName codec) {
    int rows = 20_000;
    ObjectInfo file =
        put(
            "t/" + codec + ".parquet",
            ParquetBytes.write(
                "message m { required int64 n; required binary s (STRING); }",
                codec,
                64 * 1024,
                f ->
                    IntStream.range(0, rows)
                        .mapToObj(i -> f.newGroup().append("n", (long) i).append("s", "row " + i))
                        .toList()));
    List<Column> columns =
        new SchemaReader(store).readSchema("b", DataFormat.PARQUET, List.of(file));

    List<Row> read = readAll(file, columns);

    assertThat(read).hasSize(rows);
    assertThat(read.stream().mapToLong(r -> (Long) r.values().get(0)).sum())
        .isEqualTo((long) rows * (rows - 1) / 2);
    assertThat(read.get(rows - 1).values()).containsExactly((long) rows - 1, "row " + (rows - 1));
    assertThat(read.get(rows - 1).number()).isEqualTo(rows);
  }

  private RowReader open(ObjectInfo file, List<Column> columns) {
    return RowReaders.open(
        store, new S3Location("b", file.key()), file, DataFormat.PARQUET, columns);
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

  private ObjectInfo put(String key, byte[] bytes) {
    return store.put(new S3Location("b", key), bytes, PutOptions.defaults());
  }

  private static byte[] bigEndian16(BigInteger value) {
    byte[] minimal = value.toByteArray();
    byte[] padded = new byte[16];
    System.arraycopy(minimal, 0, padded, 16 - minimal.length, minimal.length);
    return padded;
  }

  private static byte[] float16(float value) {
    return ByteBuffer.allocate(2)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort(Float.floatToFloat16(value))
        .array();
  }

  private static byte[] bytes(UUID uuid) {
    return ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits())
        .putLong(uuid.getLeastSignificantBits())
        .array();
  }
}
