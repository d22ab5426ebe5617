package io.hivewire.importer.load;

import io.hivewire.importer.CheckedImport;
import io.hivewire.importer.OnError;
import io.hivewire.reader.FileReadException;
import io.hivewire.reader.Row;
import io.hivewire.reader.RowReadException;
import io.hivewire.reader.RowReader;
import io.hivewire.reader.RowReaders;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.DataFormat;
import io.hivewire.source.discovery.DataFile;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one data file and writes the import's rows in COPY text format, each with its {@code _file}
 * and {@code _row}: the selected file columns, then the selected partition columns from the file's
 * directories. Bad rows are handled as the import's {@code onError} says.
 */
public final class FileLoader {

  /** Bytes of COPY text gathered before they are handed to the stream. */
  private static final int FLUSH_BYTES = 1 << 16;

  private final ObjectStore store;
  private final String bucket;
  private final DataFormat format;
  private final CheckedImport checked;

  public FileLoader(ObjectStore store, String bucket, DataFormat format, CheckedImport checked) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.bucket = Objects.requireNonNull(bucket, "bucket is null");
    this.format = Objects.requireNonNull(format, "format is null");
    this.checked = Objects.requireNonNull(checked, "checked is null");
  }

  /** The loaded table's columns in COPY order: the selected columns, then {@code _file, _row}. */
  public List<String> copyColumns() {
    List<String> names = new ArrayList<>();
    checked.columns().forEach(c -> names.add(c.name()));
    names.add("_file");
    names.add("_row");
    return names;
  }

  /**
   * Loads {@code file} into {@code copy}.
   *
   * @throws FileLoadException when the file cannot be read, a row is bad under {@code FAIL}, or
   *     there are more bad rows than {@code maxErrors} under {@code SKIP} and {@code REJECT}
   */
  public FileLoadResult load(DataFile file, OutputStream copy) {
    Objects.requireNonNull(file, "file is null");
    Objects.requireNonNull(copy, "copy is null");
    S3Location location = new S3Location(bucket, file.key());
    int[] fileIndexes = fileColumnIndexes();
    List<String> partitionFields = partitionFields(file);
    String fileField = copyText(file.key());
    OnError onError = checked.definition().onError();
    int maxErrors = checked.definition().maxErrors();
    long read = 0;
    long loaded = 0;
    long skipped = 0;
    List<Reject> rejects = new ArrayList<>();
    StringBuilder text = new StringBuilder(FLUSH_BYTES + 1024);
    try (RowReader reader =
        RowReaders.open(store, location, file.objectInfo(), format, checked.tableFileColumns())) {
      HeaderCheck.check(location, reader.header(), checked.tableFileColumns());
      while (true) {
        Optional<Row> next;
        int mark = text.length();
        try {
          next = reader.next();
          if (next.isEmpty()) {
            break;
          }
          read++;
          appendRow(text, next.get(), fileIndexes, partitionFields, fileField, file.key());
          loaded++;
        } catch (RowReadException e) {
          read++;
          text.setLength(mark);
          if (onError == OnError.FAIL) {
            throw new FileLoadException(
                file.key(),
                e.getMessage() + " (onError is FAIL: fix the row, or use SKIP or REJECT)",
                e);
          }
          if (skipped + rejects.size() >= maxErrors) {
            throw new FileLoadException(
                file.key(),
                "s3://"
                    + bucket
                    + "/"
                    + file.key()
                    + " has more than "
                    + maxErrors
                    + " bad rows (onError "
                    + onError
                    + ", maxErrors "
                    + maxErrors
                    + "); the last: "
                    + e.getMessage(),
                e);
          }
          if (onError == OnError.SKIP) {
            skipped++;
          } else {
            rejects.add(new Reject(file.key(), e.line(), e.column(), e.getMessage(), e.rawText()));
          }
        }
        if (text.length() >= FLUSH_BYTES) {
          flush(text, copy);
        }
      }
      flush(text, copy);
    } catch (FileReadException e) {
      // A reader's message starts with the file it read.
      throw new FileLoadException(file.key(), e.getMessage(), e);
    } catch (ObjectStoreException | UncheckedIOException e) {
      throw new FileLoadException(file.key(), "cannot read " + location + ": " + e.getMessage(), e);
    }
    return new FileLoadResult(read, loaded, skipped, rejects);
  }

  private void appendRow(
      StringBuilder text,
      Row row,
      int[] fileIndexes,
      List<String> partitionFields,
      String fileField,
      String key) {
    List<Object> values = row.values();
    List<Column> columns = checked.columns();
    int fileColumn = 0;
    int partitionColumn = 0;
    for (Column column : columns) {
      if (column.origin() == ColumnOrigin.FILE) {
        try {
          CopyText.appendField(text, values.get(fileIndexes[fileColumn++]));
        } catch (IllegalArgumentException e) {
          throw new RowReadException(
              new S3Location(bucket, key),
              row.number(),
              column.name(),
              e.getMessage(),
              String.valueOf(values.get(fileIndexes[fileColumn - 1])));
        }
      } else {
        text.append(partitionFields.get(partitionColumn++));
      }
      text.append('\t');
    }
    text.append(fileField).append('\t').append(row.number()).append('\n');
  }

  /** For each selected file column, its position among the table's file columns. */
  private int[] fileColumnIndexes() {
    Map<String, Integer> positions = new HashMap<>();
    List<Column> all = checked.tableFileColumns();
    for (int i = 0; i < all.size(); i++) {
      positions.put(all.get(i).name(), i);
    }
    return checked.columns().stream()
        .filter(c -> c.origin() == ColumnOrigin.FILE)
        .mapToInt(c -> positions.get(c.name()))
        .toArray();
  }

  /** The selected partition columns' values for this file as COPY fields (the same each row). */
  private List<String> partitionFields(DataFile file) {
    List<String> fields = new ArrayList<>();
    for (Column column : checked.columns()) {
      if (column.origin() == ColumnOrigin.PARTITION) {
        fields.add(file.partition().value(column.name()).map(FileLoader::copyText).orElse("\\N"));
      }
    }
    return fields;
  }

  private static String copyText(String value) {
    StringBuilder field = new StringBuilder(value.length() + 8);
    CopyText.appendText(field, value);
    return field.toString();
  }

  private static void flush(StringBuilder text, OutputStream copy) {
    if (text.isEmpty()) {
      return;
    }
    try {
      copy.write(text.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("writing rows to the database failed: " + e.getMessage(), e);
    }
    text.setLength(0);
  }
}
