package io.hivewire.reader;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.hivewire.reader.csv.CsvDialect;
import io.hivewire.reader.csv.CsvDialectSniffer;
import io.hivewire.reader.csv.CsvText;
import io.hivewire.reader.csv.HeaderNames;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3Location;
import io.hivewire.source.schema.Column;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Streams one CSV file: sniffs its dialect from its first {@value #SNIFF_CHARS} characters, skips
 * its header, and converts each record's fields by position to the table's column types.
 */
final class CsvRowReader implements RowReader {

  static final int SNIFF_CHARS = 256 * 1024;

  private final S3Location file;
  private final List<Column> columns;
  private final CsvReader<CsvRecord> csv;
  private final Iterator<CsvRecord> records;
  private final List<String> header;
  private final int headerWidth;
  private boolean closed;

  private CsvRowReader(
      S3Location file, List<Column> columns, CsvReader<CsvRecord> csv, List<String> header) {
    this.file = file;
    this.columns = columns;
    this.csv = csv;
    this.records = csv.iterator();
    this.header = header;
    this.headerWidth = header.size();
  }

  static RowReader open(ObjectStore store, S3Location file, List<Column> columns) {
    List<Column> wanted = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    for (Column column : wanted) {
      if (!CsvFieldConverter.supports(column.type())) {
        throw new FileReadException(
            file,
            "cannot be read as column "
                + column.name()
                + " "
                + column.type().sqlName()
                + ": CSV fields hold text, numbers, booleans, dates and times only",
            null);
      }
    }
    InputStream raw = store.open(file);
    try {
      BufferedReader text =
          new BufferedReader(
              new InputStreamReader(CsvText.decompressing(raw), StandardCharsets.UTF_8),
              SNIFF_CHARS + 1);
      CsvDialect dialect = sniff(text);
      CsvReader<CsvRecord> csv = dialect.reader(text);
      Iterator<CsvRecord> records = csv.iterator();
      List<String> header =
          records.hasNext() ? HeaderNames.of(records.next().getFields()).names() : List.of();
      return new CsvRowReader(file, wanted, csv, header);
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      closeQuietly(raw, e);
      throw new FileReadException(file, "cannot be read as CSV (" + e.getMessage() + ")", e);
    }
  }

  @Override
  public S3Location file() {
    return file;
  }

  @Override
  public List<Column> columns() {
    return columns;
  }

  @Override
  public List<String> header() {
    return header;
  }

  @Override
  public Optional<Row> next() {
    CsvRecord record;
    try {
      if (!records.hasNext()) {
        return Optional.empty();
      }
      record = records.next();
    } catch (CsvParseException | UncheckedIOException e) {
      throw new FileReadException(file, "cannot be read as CSV (" + rootMessage(e) + ")", e);
    }
    long line = record.getStartingLineNumber();
    if (record.getFieldCount() != headerWidth) {
      throw new RowReadException(
          file,
          line,
          "",
          "has " + record.getFieldCount() + " fields but the header has " + headerWidth,
          String.join(",", record.getFields()));
    }
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length && i < headerWidth; i++) {
      Column column = columns.get(i);
      String text = record.getField(i);
      try {
        values[i] = CsvFieldConverter.convert(text, column.type()).orElse(null);
      } catch (IllegalArgumentException e) {
        throw new RowReadException(file, line, column.name(), e.getMessage(), text);
      }
      if (values[i] == null && !column.nullable()) {
        throw new RowReadException(
            file, line, column.name(), "is empty but the column is NOT NULL", text);
      }
    }
    return Optional.of(Row.of(line, values));
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      csv.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + file + " failed", e);
    }
  }

  private static CsvDialect sniff(BufferedReader text) throws IOException {
    text.mark(SNIFF_CHARS + 1);
    char[] head = new char[SNIFF_CHARS];
    int n = text.read(head, 0, head.length);
    int total = Math.max(n, 0);
    while (n > 0 && total < head.length) {
      n = text.read(head, total, head.length - total);
      total += Math.max(n, 0);
    }
    boolean more = total == head.length && text.read() >= 0;
    text.reset();
    if (total > 0 && head[0] == '\uFEFF') {
      text.skip(1);
    }
    return CsvDialectSniffer.sniff(CsvText.stripBom(new String(head, 0, total)), more);
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  private static void closeQuietly(InputStream in, Exception failure) {
    try {
      in.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
