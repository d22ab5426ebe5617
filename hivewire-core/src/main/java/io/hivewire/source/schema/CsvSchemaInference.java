package io.hivewire.source.schema;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.hivewire.reader.csv.CsvSample;
import io.hivewire.reader.csv.HeaderNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Infers CSV column types from a sample: each column takes the widest {@link CsvValueKind} of its
 * non-empty fields (VARCHAR, nullable, when it has none). An empty field is NULL. A column is
 * nullable when the sample holds an empty or missing field, or when the sample is not the whole
 * table (rows outside it may be empty), so a column is NOT NULL only when that is proven.
 */
final class CsvSchemaInference {

  private static final int MAX_FIELD_COUNT_WARNINGS = 3;

  private CsvSchemaInference() {}

  /** The columns and warnings; {@code wholeTable} says the sample holds every row of the table. */
  static Inferred infer(CsvSample sample, boolean wholeTable) {
    HeaderNames names = HeaderNames.of(sample.header());
    int width = names.names().size();
    CsvValueKind[] kinds = new CsvValueKind[width];
    boolean[] sawNull = new boolean[width];
    Arrays.fill(sawNull, !wholeTable);
    List<String> warnings = new ArrayList<>(names.warnings());
    int mismatches = 0;
    for (CsvRecord record : sample.records()) {
      if (record.getFieldCount() != width && mismatches++ < MAX_FIELD_COUNT_WARNINGS) {
        warnings.add(
            "line "
                + record.getStartingLineNumber()
                + " has "
                + record.getFieldCount()
                + " fields but the header has "
                + width
                + ": rows like it will be rejected when read");
      }
      for (int i = 0; i < width; i++) {
        String text = i < record.getFieldCount() ? record.getField(i) : "";
        if (text.isEmpty()) {
          sawNull[i] = true;
        } else {
          CsvValueKind kind = CsvValueKind.of(text);
          kinds[i] = kinds[i] == null ? kind : kinds[i].widen(kind);
        }
      }
    }
    List<Column> columns = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      CsvValueKind kind = kinds[i] == null ? CsvValueKind.VARCHAR : kinds[i];
      boolean nullable = sawNull[i] || kinds[i] == null;
      columns.add(new Column(names.names().get(i), kind.columnType(), nullable, ColumnOrigin.FILE));
    }
    return new Inferred(columns, warnings);
  }

  /** What inference found. */
  record Inferred(List<Column> columns, List<String> warnings) {
    Inferred {
      columns = List.copyOf(columns);
      warnings = List.copyOf(warnings);
    }
  }
}
