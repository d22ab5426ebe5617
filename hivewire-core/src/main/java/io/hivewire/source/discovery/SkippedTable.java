package io.hivewire.source.discovery;

import java.util.List;
import java.util.Objects;

/**
 * A table directory that is not offered as a table, with a reason and a detail a user can act on.
 */
public record SkippedTable(
    String name, SkipReason reason, String detail, List<IgnoredFile> ignoredFiles)
    implements TablePlan {

  public SkippedTable {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(reason, "reason is null");
    Objects.requireNonNull(detail, "detail is null");
    ignoredFiles = List.copyOf(Objects.requireNonNull(ignoredFiles, "ignoredFiles is null"));
  }

  public SkippedTable(String name, SkipReason reason, String detail) {
    this(name, reason, detail, List.of());
  }
}
