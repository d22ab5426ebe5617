package io.hivewire.web;

import io.hivewire.importer.load.Reject;
import io.hivewire.imports.ImportTableStore.StoredReject;
import java.util.List;
import java.util.Optional;

/**
 * A page of an import's rejected rows, oldest first: {@code after} the last reject of the page
 * before (0 on the first page), {@code next} the one that opens the following page, if any.
 */
public record RejectsView(
    ImportViews.Row row, List<Line> rejects, long after, Optional<Long> next) {

  /** One rejected row: where it was, the value that did not fit, and why. */
  public record Line(String file, String row, String column, String value, String reason) {}

  public RejectsView {
    rejects = List.copyOf(rejects);
  }

  /** Whether this is the first page (the oldest rejects). */
  public boolean first() {
    return after == 0;
  }

  /** The page that follows this one, if there is one. */
  public Optional<String> nextHref() {
    return next.map(id -> "/imports/" + row.id() + "/rejects?after=" + id);
  }

  /** A full page may have a following one, as the API's {@code next} says. */
  static RejectsView of(ImportViews.Row row, List<StoredReject> page, long after, int pageSize) {
    Optional<Long> next =
        page.size() == pageSize ? Optional.of(page.getLast().id()) : Optional.empty();
    return new RejectsView(row, page.stream().map(RejectsView::line).toList(), after, next);
  }

  private static Line line(StoredReject stored) {
    Reject reject = stored.reject();
    return new Line(
        reject.fileKey(),
        Long.toString(reject.line()),
        reject.column().orElse("(whole row)"),
        reject.rawText(),
        reject.error());
  }
}
