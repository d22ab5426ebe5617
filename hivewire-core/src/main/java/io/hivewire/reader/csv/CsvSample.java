package io.hivewire.reader.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The start of a CSV file, parsed: its dialect, its header row and up to a bounded number of
 * records after it. A record cut by the end of a truncated sample is left out.
 *
 * @param dialect the sniffed dialect
 * @param header the raw header fields
 * @param records the records after the header, each with its starting line number
 */
public record CsvSample(CsvDialect dialect, List<String> header, List<CsvRecord> records) {

  public CsvSample {
    Objects.requireNonNull(dialect, "dialect is null");
    header = List.copyOf(Objects.requireNonNull(header, "header is null"));
    records = List.copyOf(Objects.requireNonNull(records, "records is null"));
  }

  /**
   * Parses a decoded sample; empty when it holds no header row (an empty file).
   *
   * @throws CsvParseException when the text is not valid CSV before the sample's end
   */
  public static Optional<CsvSample> parse(CsvText text, int maxRecords) {
    CsvDialect dialect = CsvDialectSniffer.sniff(text.text(), text.truncated());
    List<CsvRecord> rows = new ArrayList<>();
    boolean reachedEnd = true;
    try (CsvReader<CsvRecord> reader = dialect.reader(text.text())) {
      for (CsvRecord record : reader) {
        if (rows.size() > maxRecords) {
          reachedEnd = false;
          break;
        }
        rows.add(record);
      }
    } catch (CsvParseException e) {
      reachedEnd = false;
      if (!text.truncated()) {
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (text.truncated() && reachedEnd && rows.size() > 1) {
      rows.remove(rows.size() - 1);
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new CsvSample(dialect, rows.get(0).getFields(), rows.subList(1, rows.size())));
  }
}
