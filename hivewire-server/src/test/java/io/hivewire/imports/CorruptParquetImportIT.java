package io.hivewire.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.importer.ManifestEntry;
import io.hivewire.importer.RunTotals;
import io.hivewire.imports.ImportTestBed.Imported;
import io.hivewire.reader.parquet.ParquetBytes;
import io.hivewire.source.DataFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged Parquet files fail alone, each named with what is wrong; the other files load. */
class CorruptParquetImportIT {

  private static final String PREFIX = "corrupt-parquet/";

  @TempDir static Path dataDir;

  static ImportTestBed bed;

  @BeforeAll
  static void start() {
    bed = ImportTestBed.start(dataDir);
  }

  @AfterAll
  static void stop() {
    if (bed != null) {
      bed.close();
    }
  }

  /** user_id, segment, amount: {@code rows} rows whose amounts are 1..rows. */
  private static byte[] segments(int rows) {
    return ParquetBytes.write(
        "message segments { required binary user_id (STRING); required binary segment (STRING);"
            + " required int64 amount; }",
        CompressionCodecName.ZSTD,
        groups -> {
          List<org.apache.parquet.example.data.Group> out = new java.util.ArrayList<>();
          for (int i = 1; i <= rows; i++) {
            out.add(
                groups
                    .newGroup()
                    .append("user_id", "u" + i)
                    .append("segment", "s" + i % 3)
                    .append("amount", (long) i));
          }
          return out;
        });
  }

  /** The file with the second half of its footer cut out; its length field and magic stay. */
  private static byte[] truncatedFooter(byte[] file) {
    int footerLength =
        ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int cut = footerLength / 2;
    byte[] damaged = Arrays.copyOf(file, file.length - cut);
    System.arraycopy(file, file.length - 8, damaged, damaged.length - 8, 8);
    return damaged;
  }

  /** The file with its trailing {@code PAR1} overwritten. */
  private static byte[] garbageMagic(byte[] file) {
    byte[] damaged = file.clone();
    byte[] junk = "JUNK".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(junk, 0, damaged, damaged.length - 4, 4);
    return damaged;
  }

  @Test
  void truncatedFooterAndGarbageMagicFailTheirFilesByNameAndTheOthersLoad() throws Exception {
    bed.s3.putObject(
        ImportTestBed.BUCKET, PREFIX + "events/date=2025-01-01/a.parquet", segments(3));
    bed.s3.putObject(
        ImportTestBed.BUCKET, PREFIX + "events/date=2025-01-02/b.parquet", segments(4));
    Imported imported = bed.define(PREFIX, DataFormat.PARQUET, "events");
    String truncatedKey = PREFIX + "events/date=2025-01-03/truncated.parquet";
    String garbageKey = PREFIX + "events/date=2025-01-04/garbage.parquet";
    bed.s3.putObject(ImportTestBed.BUCKET, truncatedKey, truncatedFooter(segments(50)));
    bed.s3.putObject(ImportTestBed.BUCKET, garbageKey, garbageMagic(segments(5)));

    RunTotals totals = bed.run(imported, 2);

    assertThat(totals.filesLoaded()).isEqualTo(2);
    assertThat(totals.filesFailed()).isEqualTo(2);
    assertThat(totals.errors())
        .anySatisfy(e -> assertThat(e).contains(truncatedKey, "footer"))
        .anySatisfy(e -> assertThat(e).contains(garbageKey, "not a Parquet file", "PAR1 magic"));
    assertThat(bed.tables.manifest(imported.stored().id()))
        .extracting(ManifestEntry::key)
        .containsExactly(
            PREFIX + "events/date=2025-01-01/a.parquet",
            PREFIX + "events/date=2025-01-02/b.parquet");
    try (Connection c = bed.connect();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT count(*), sum(amount) FROM \"" + imported.stored().targetTable() + "\"")) {
      r.next();
      assertThat(new long[] {r.getLong(1), r.getLong(2)}).containsExactly(7, 6 + 10);
    }
  }
}
