package io.hivewire.web;

import io.hivewire.connections.TablePreview;
import java.util.ArrayList;
import java.util.List;

/** A table preview as text cells; SQL NULL shows as an empty, marked cell. */
public record PreviewView(List<String> columns, List<List<Cell>> rows, List<String> problems) {

  /** One value; {@code isNull} marks SQL NULL. */
  public record Cell(String text, boolean isNull) {}

  static PreviewView of(TablePreview preview) {
    List<String> columns = preview.columns().stream().map(c -> c.name()).toList();
    List<List<Cell>> rows = new ArrayList<>();
    for (List<Object> row : preview.rows()) {
      List<Cell> cells = new ArrayList<>();
      for (Object value : row) {
        cells.add(value == null ? new Cell("NULL", true) : new Cell(String.valueOf(value), false));
      }
      rows.add(cells);
    }
    List<String> problems =
        preview.problems().stream()
            .map(
                p ->
                    p.file()
                        + p.line().map(l -> " line " + l).orElse("")
                        + p.column().map(c -> " column " + c).orElse("")
                        + ": "
                        + p.problem())
            .toList();
    return new PreviewView(columns, rows, problems);
  }
}
