package io.hivewire.reader.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.Reader;
import java.util.List;

/** How one CSV file is written: its field delimiter (quotes are always {@code "}). */
public record CsvDialect(char delimiter) {

  /** The delimiters sniffing chooses among, in order of preference on a tie. */
  public static final List<Character> CANDIDATE_DELIMITERS = List.of(',', ';', '\t', '|');

  public CsvDialect {
    if (!CANDIDATE_DELIMITERS.contains(delimiter)) {
      throw new IllegalArgumentException(
          "unsupported CSV delimiter '" + delimiter + "': use one of , ; tab |");
    }
  }

  /**
   * A FastCSV reader of this dialect. Records may have any field count (callers check it against
   * the header and name the line); empty lines are skipped; an unclosed quote is an error.
   */
  public CsvReader<CsvRecord> reader(Reader text) {
    return builder().ofCsvRecord(text);
  }

  /** Same as {@link #reader(Reader)}, over text already in memory. */
  public CsvReader<CsvRecord> reader(String text) {
    return builder().ofCsvRecord(text);
  }

  private CsvReader.CsvReaderBuilder builder() {
    return CsvReader.builder()
        .fieldSeparator(delimiter)
        .quoteCharacter('"')
        .skipEmptyLines(true)
        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
        .allowUnclosedQuote(false);
  }

  /** The delimiter as a user reads it in a message. */
  public String delimiterName() {
    return delimiter == '\t' ? "tab" : "'" + delimiter + "'";
  }
}
