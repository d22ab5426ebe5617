package io.hivewire.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hivewire.s3.InMemoryObjectStore;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.SchemaException;
import io.hivewire.source.schema.SchemaReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads the Apache parquet-testing files (files from many writers, codecs and encodings, and
 * corrupt reproducers) from {@code ../shared/testdata/parquet-testing} beside the project root;
 * skipped where that folder is absent.
 */
class ParquetCompatibilityTest {

  private static final Duration LIMIT = Duration.ofSeconds(30);

  /** Valid files whose rows cannot be read, and the start of what the error says instead. */
  static final Map<String, String> UNREADABLE_DATA_FILES =
      Map.of(
          "large_string_map.brotli.parquet",
          "is compressed with [BROTLI], which hivewire cannot decompress",
          "nation.dict-malformed.parquet",
          "cannot be decoded at row 1 (EOFException",
          "non_hadoop_lz4_compressed.parquet",
          "cannot be decoded at row 1 (ArrayIndexOutOfBoundsException): its LZ4 pages may lack"
              + " the Hadoop framing");

  /**
   * Reproducers of crashes in other readers that hold data parquet-java decodes consistently: RLE
   * runs of bit width 0 (a Go reader crashed on them) and a list whose levels an Arrow reader
   * mishandled. They must read to the footer's row count; every other corrupt file must fail.
   */
  static final Set<String> DECODABLE_BAD_FILES =
      Set.of("ARROW-GH-43605.parquet", "ARROW-GH-45185.parquet");

  private final InMemoryObjectStore store = new InMemoryObjectStore().createBucket("compat");

  @TestFactory
  Stream<DynamicTest> everyDataFileHasASchemaAndItsRowsMatchTheFooterCounts() {
    return files("data")
        .map(
            path -> {
              String name = path.getFileName().toString();
              return DynamicTest.dynamicTest(
                  name,
                  () -> {
                    if (UNREADABLE_DATA_FILES.containsKey(name)) {
                      assertThatThrownBy(() -> readFully(path))
                          .isInstanceOf(FileReadException.class)
                          .hasMessageStartingWith(
                              "s3://compat/t/" + name + " " + UNREADABLE_DATA_FILES.get(name));
                    } else {
                      readFully(path);
                    }
                  });
            });
  }

  @TestFactory
  Stream<DynamicTest> everyCorruptFileFailsWithAClearError() {
    return files("bad_data")
        .map(
            path ->
                DynamicTest.dynamicTest(
                    path.getFileName().toString(),
                    () -> {
                      if (DECODABLE_BAD_FILES.contains(path.getFileName().toString())) {
                        readFully(path);
                      } else {
                        assertThatThrownBy(() -> readFully(path))
                            .satisfies(ParquetCompatibilityTest::isClear);
                      }
                    }));
  }

  private void readFully(Path path) {
    ObjectInfo info = upload(path);
    S3Location location = new S3Location("compat", info.key());
    List<Column> columns =
        assertTimeoutPreemptively(
            LIMIT,
            () -> new SchemaReader(store).readSchema("compat", DataFormat.PARQUET, List.of(info)));
    long expectedRows = footerRowCount(location, info);
    long rows =
        assertTimeoutPreemptively(
            LIMIT,
            () -> {
              long n = 0;
              try (RowReader reader =
                  RowReaders.open(store, location, info, DataFormat.PARQUET, columns)) {
                for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
                  assertValuesMatchColumnTypes(row.get(), columns);
                  n++;
                }
              }
              return n;
            });
    System.out.println("OK " + path.getFileName() + " rows=" + rows + " " + columns);
    assertThat(rows).isEqualTo(expectedRows);
  }

  private static void isClear(Throwable e) {
    System.out.println("FAILS " + e.getClass().getSimpleName() + ": " + e.getMessage());
    assertThat(e).isInstanceOfAny(SchemaException.class, FileReadException.class);
    assertThat(e.getMessage()).startsWith("s3://compat/");
  }

  private static void assertValuesMatchColumnTypes(Row row, List<Column> columns) {
    assertThat(row.values()).hasSize(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      Object value = row.values().get(i);
      if (value != null) {
        assertThat(value).isInstanceOf(JavaValues.javaClass(columns.get(i).type()));
      }
    }
  }

  private long footerRowCount(S3Location location, ObjectInfo info) {
    try {
      ParquetMetadata footer =
          io.hivewire.reader.parquet.ParquetFooter.read(
              new io.hivewire.reader.parquet.ObjectStoreInputFile(store, location, info.size()));
      return footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectInfo upload(Path path) {
    try {
      return store.put(
          new S3Location("compat", "t/" + path.getFileName()),
          Files.readAllBytes(path),
          PutOptions.defaults());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<Path> files(String folder) {
    Optional<Path> root = testingRoot();
    Assumptions.assumeTrue(
        root.isPresent(),
        "../shared/testdata/parquet-testing is absent beside the project root: compatibility"
            + " test skipped");
    try (Stream<Path> listing = Files.list(root.get().resolve(folder))) {
      return listing.filter(p -> p.toString().endsWith(".parquet")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Looks beside the working directory and each of its parents for shared/testdata. */
  private static Optional<Path> testingRoot() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        dir != null;
        dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/testdata/parquet-testing");
      if (Files.isDirectory(candidate.resolve("data"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
