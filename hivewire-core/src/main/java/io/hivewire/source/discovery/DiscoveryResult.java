package io.hivewire.source.discovery;

import java.util.List;
import java.util.Objects;

/** Everything one discovery run found under a schema prefix. */
public record DiscoveryResult(
    List<DiscoveredTable> tables,
    List<SkippedTable> skipped,
    List<IgnoredFile> ignoredFiles,
    List<String> warnings) {

  public DiscoveryResult {
    tables = List.copyOf(Objects.requireNonNull(tables, "tables is null"));
    skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped is null"));
    ignoredFiles = List.copyOf(Objects.requireNonNull(ignoredFiles, "ignoredFiles is null"));
    warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings is null"));
  }
}
