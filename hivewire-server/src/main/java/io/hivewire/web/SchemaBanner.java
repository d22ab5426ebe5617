package io.hivewire.web;

import io.hivewire.importer.schema.OfferedColumn;
import io.hivewire.importer.schema.UnsupportedChange;
import io.hivewire.imports.ImportSchemaService;
import io.hivewire.imports.SchemaCheckView;
import io.hivewire.source.schema.ColumnOrigin;
import java.util.List;
import java.util.Optional;

/**
 * The import page's banner when its table's files changed since the import took its columns: the
 * columns it can take (with an Accept button) and the changes it cannot, each with its rule.
 *
 * @param checked when and how the files were last checked, in words
 * @param error why the last check could not read the table, if it could not
 */
public record SchemaBanner(
    String checked, List<Offered> offered, List<Unsupported> unsupported, Optional<String> error) {

  /** A new column the import can take, with where it sits among the import's columns. */
  public record Offered(String name, String type, String place) {}

  /** A change the import cannot take: what it is, the column, what was found, and its rule. */
  public record Unsupported(String change, String column, String detail, String rule) {}

  public SchemaBanner {
    offered = List.copyOf(offered);
    unsupported = List.copyOf(unsupported);
  }

  /** The banner for the import's last check; empty when the files still match its columns. */
  static Optional<SchemaBanner> of(SchemaCheckView check) {
    if (check.changes().none() && check.error().isEmpty()) {
      return Optional.empty();
    }
    String how =
        check.trigger().equals(ImportSchemaService.RESYNC)
            ? "by the connection's resync"
            : "on request";
    return Optional.of(
        new SchemaBanner(
            "Checked " + how + " at " + ConnectionViews.time(check.checkedAt()),
            check.changes().offered().stream().map(SchemaBanner::offered).toList(),
            check.changes().unsupported().stream().map(SchemaBanner::unsupported).toList(),
            check.error()));
  }

  private static Offered offered(OfferedColumn column) {
    String place =
        column.column().origin() == ColumnOrigin.PARTITION
            ? "partition column, after the other partition columns"
            : column.after().map(after -> "after " + after).orElse("first column");
    return new Offered(column.name(), column.column().type().sqlName(), place);
  }

  private static Unsupported unsupported(UnsupportedChange change) {
    return new Unsupported(
        ImportViews.words(change.kind().name()), change.column(), change.detail(), change.rule());
  }
}
