package io.hivewire.source.schema;

import de.siegmar.fastcsv.reader.CsvParseException;
import io.hivewire.reader.csv.CsvSample;
import io.hivewire.reader.csv.CsvText;
import io.hivewire.reader.parquet.InvalidParquetFileException;
import io.hivewire.reader.parquet.ObjectStoreInputFile;
import io.hivewire.reader.parquet.ParquetCodecs;
import io.hivewire.reader.parquet.ParquetFooter;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads a table's file columns from its data files, fetching only what it needs with ranged GETs.
 *
 * <ul>
 *   <li>Parquet: the footer of the alphabetically last file (the newest schema, when names carry a
 *       date or sequence): usually one GET of the last 64 KiB and one of the first 4 bytes.
 *   <li>CSV: the alphabetically last file too, so that columns appended by newer files show; one
 *       GET of its first {@value #CSV_SAMPLE_BYTES} bytes (gunzipped when they start with the gzip
 *       magic, at most {@value #CSV_MAX_DECODED_BYTES} decoded bytes), of which the header and at
 *       most {@value #CSV_SAMPLE_RECORDS} records are used to sniff the delimiter and infer the
 *       types.
 * </ul>
 *
 * <p>Object-store failures (access denied, missing key) propagate as {@link
 * io.hivewire.s3.ObjectStoreException}; everything wrong with the file itself is a {@link
 * SchemaException}.
 */
public final class SchemaReader {

  /** Bytes of a CSV file fetched for its sample. */
  public static final int CSV_SAMPLE_BYTES = 1024 * 1024;

  /** Decoded bytes of a gzip CSV sample at most (a 1 MiB gzip sample can hold far more). */
  public static final int CSV_MAX_DECODED_BYTES = 8 * 1024 * 1024;

  /** Records after the header that inference looks at, at most. */
  public static final int CSV_SAMPLE_RECORDS = 10_000;

  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  private final ObjectStore store;

  public SchemaReader(ObjectStore store) {
    this.store = Objects.requireNonNull(store, "store is null");
  }

  /** The file columns of a table whose data files are {@code dataFiles}. */
  public List<Column> readSchema(String bucket, DataFormat format, List<ObjectInfo> dataFiles) {
    return readFileSchema(bucket, format, dataFiles).columns();
  }

  /** Same as {@link #readSchema}, with the file read and the warnings for the user. */
  public FileSchema readFileSchema(String bucket, DataFormat format, List<ObjectInfo> dataFiles) {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(format, "format is null");
    Objects.requireNonNull(dataFiles, "dataFiles is null");
    if (dataFiles.isEmpty()) {
      throw new SchemaException(
          SchemaException.Reason.NO_DATA_FILES,
          new S3Location(bucket, ""),
          "s3://"
              + bucket
              + "/ has no data files to read a schema from: add "
              + (format == DataFormat.PARQUET ? ".parquet" : ".csv or .csv.gz")
              + " files to the table");
    }
    return switch (format) {
      case PARQUET -> readParquet(bucket, newest(dataFiles));
      case CSV -> readCsv(bucket, newest(dataFiles), dataFiles.size() == 1);
    };
  }

  private FileSchema readParquet(String bucket, ObjectInfo file) {
    S3Location location = new S3Location(bucket, file.key());
    ParquetMetadata footer;
    try {
      footer = ParquetFooter.read(new ObjectStoreInputFile(store, location, file.size()));
    } catch (InvalidParquetFileException e) {
      throw e.wrongFormat()
          ? new SchemaException(
              SchemaException.Reason.WRONG_FORMAT,
              location,
              location
                  + " "
                  + e.getMessage()
                  + ": remove it or set the connection's data format to CSV",
              e)
          : new SchemaException(
              SchemaException.Reason.UNREADABLE_FILE,
              location,
              location + " " + e.getMessage() + ": replace or remove the file",
              e);
    } catch (IOException e) {
      throw unreadable(location, "cannot be read (" + e.getMessage() + ")", e);
    }
    List<Column> columns;
    try {
      columns = ParquetSchemaMapping.columns(footer.getFileMetaData().getSchema());
    } catch (IllegalArgumentException e) {
      throw unreadable(location, "has a schema hivewire cannot map (" + e.getMessage() + ")", e);
    }
    if (columns.isEmpty()) {
      throw new SchemaException(
          SchemaException.Reason.NO_COLUMNS,
          location,
          location + " has no columns in its schema: write the table's files with columns");
    }
    Set<String> names = new HashSet<>();
    columns.forEach(column -> names.add(column.name()));
    Set<CompressionCodecName> unreadable = ParquetCodecs.unreadable(footer, names);
    List<String> warnings =
        unreadable.isEmpty()
            ? List.of()
            : List.of(location + " " + ParquetCodecs.advice(unreadable));
    return new FileSchema(columns, location, warnings);
  }

  private FileSchema readCsv(String bucket, ObjectInfo file, boolean onlyFile) {
    S3Location location = new S3Location(bucket, file.key());
    if (file.size() == 0) {
      throw unreadable(location, "is empty: a CSV file needs a header row");
    }
    int length = (int) Math.min(file.size(), CSV_SAMPLE_BYTES);
    byte[] head = store.readRange(location, 0, length);
    if (head.length >= 4 && Arrays.equals(Arrays.copyOf(head, 4), PARQUET_MAGIC)) {
      throw new SchemaException(
          SchemaException.Reason.WRONG_FORMAT,
          location,
          location
              + " is a Parquet file, not CSV: remove it or set the connection's data format to"
              + " PARQUET");
    }
    boolean fileTruncated = length < file.size();
    CsvSample sample;
    try {
      CsvText text = CsvText.decodeSample(head, fileTruncated, CSV_MAX_DECODED_BYTES);
      sample =
          CsvSample.parse(text, CSV_SAMPLE_RECORDS)
              .orElseThrow(
                  () -> unreadable(location, "holds no lines: a CSV file needs a header row"));
      CsvSchemaInference.Inferred inferred =
          CsvSchemaInference.infer(sample, onlyFile && sample.wholeFile());
      return new FileSchema(inferred.columns(), location, inferred.warnings());
    } catch (IOException e) {
      throw unreadable(
          location, "is not valid gzip (" + e.getMessage() + "): replace or remove the file", e);
    } catch (CsvParseException e) {
      throw unreadable(
          location,
          "is not valid CSV ("
              + e.getMessage()
              + "): check its quoting (an unclosed \" makes the rest of the file one field)",
          e);
    }
  }

  private static ObjectInfo newest(List<ObjectInfo> files) {
    return files.stream().max(Comparator.comparing(ObjectInfo::key)).orElseThrow();
  }

  private static SchemaException unreadable(S3Location location, String problem) {
    return unreadable(location, problem, null);
  }

  private static SchemaException unreadable(S3Location location, String problem, Throwable cause) {
    return new SchemaException(
        SchemaException.Reason.UNREADABLE_FILE, location, location + " " + problem, cause);
  }
}
