package io.hivewire.reader.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the delimiter of a CSV sample among {@code , ; tab |}: each candidate parses the sample
 * (quotes respected), and the one whose records most consistently have the header's field count
 * wins, then the one with more fields, then the earlier candidate. A sample where every candidate
 * yields one field is a one-column comma file.
 */
public final class CsvDialectSniffer {

  /** Records examined per candidate; enough to see a pattern, cheap on a 1 MiB sample. */
  static final int SNIFF_RECORDS = 1_000;

  private CsvDialectSniffer() {}

  /**
   * The dialect of {@code sample}; {@code truncated} says the sample ends mid-file, so its last
   * record may be cut short and is ignored.
   */
  public static CsvDialect sniff(String sample, boolean truncated) {
    Candidate best = null;
    for (char delimiter : CsvDialect.CANDIDATE_DELIMITERS) {
      Candidate candidate = measure(new CsvDialect(delimiter), sample, truncated);
      if (candidate.headerFields() > 1 && (best == null || candidate.betterThan(best))) {
        best = candidate;
      }
    }
    return best == null ? new CsvDialect(',') : best.dialect();
  }

  private static Candidate measure(CsvDialect dialect, String sample, boolean truncated) {
    List<Integer> fieldCounts = new ArrayList<>();
    boolean clean = true;
    try (CsvReader<CsvRecord> reader = dialect.reader(sample)) {
      for (CsvRecord record : reader) {
        fieldCounts.add(record.getFieldCount());
        if (fieldCounts.size() > SNIFF_RECORDS) {
          break;
        }
      }
    } catch (CsvParseException e) {
      // An unclosed quote at the cut of a truncated sample is expected; elsewhere it counts
      // against.
      clean = truncated;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (truncated && fieldCounts.size() > 1) {
      fieldCounts.remove(fieldCounts.size() - 1);
    }
    if (fieldCounts.isEmpty()) {
      return new Candidate(dialect, 0, 0.0);
    }
    int header = fieldCounts.get(0);
    long matching = fieldCounts.stream().filter(n -> n == header).count();
    double consistency = (double) matching / fieldCounts.size();
    return new Candidate(dialect, header, clean ? consistency : consistency / 2);
  }

  private record Candidate(CsvDialect dialect, int headerFields, double consistency) {
    boolean betterThan(Candidate other) {
      if (consistency != other.consistency) {
        return consistency > other.consistency;
      }
      return headerFields > other.headerFields;
    }
  }
}
