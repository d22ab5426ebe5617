package io.hivewire.cli;

import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.discovery.IgnoredFile;
import io.hivewire.source.discovery.SkippedTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints a discovery result as text for people: tables, columns, skipped tables and why. */
final class DiscoveryReport {

  private DiscoveryReport() {}

  static void print(PrintWriter out, String location, DiscoveryResult result) {
    out.printf(
        Locale.ROOT,
        "%s: %d table%s, %d skipped%n",
        location,
        result.tables().size(),
        result.tables().size() == 1 ? "" : "s",
        result.skipped().size());
    for (DiscoveredTable table : result.tables()) {
      out.println();
      out.printf(
          Locale.ROOT,
          "  %s  (%d file%s, %s%s, last modified %s)%n",
          table.name(),
          table.files(),
          table.files() == 1 ? "" : "s",
          bytes(table.bytes()),
          table.partitionKeys().isEmpty()
              ? ""
              : ", "
                  + table.partitions()
                  + " partitions by "
                  + String.join("/", table.partitionKeys()),
          table.lastModified());
      int width = table.columns().stream().mapToInt(c -> c.name().length()).max().orElse(0);
      for (Column column : table.columns()) {
        out.printf(
            Locale.ROOT,
            "      %-" + width + "s  %s%s%s%n",
            column.name(),
            column.type().sqlName(),
            column.nullable() ? "" : " NOT NULL",
            column.origin() == ColumnOrigin.PARTITION ? "   (from the partition path)" : "");
      }
    }
    if (!result.skipped().isEmpty()) {
      out.println();
      out.println("  Skipped (not offered as tables):");
      for (SkippedTable skipped : result.skipped()) {
        out.printf(
            Locale.ROOT,
            "    %s  %s: %s%n",
            skipped.name(),
            skipped.reason().wireName(),
            skipped.detail());
      }
    }
    if (!result.ignoredFiles().isEmpty()) {
      Map<String, Long> byReason =
          result.ignoredFiles().stream()
              .collect(
                  Collectors.groupingBy(
                      f -> f.reason().wireName(), TreeMap::new, Collectors.counting()));
      out.println();
      out.println(
          "  Ignored files: "
              + byReason.entrySet().stream()
                  .map(e -> e.getValue() + " " + e.getKey())
                  .collect(Collectors.joining(", "))
              + "  (e.g. "
              + result.ignoredFiles().stream().map(IgnoredFile::key).findFirst().orElse("")
              + "; --json lists them all)");
    }
    for (String warning : result.warnings()) {
      out.println("  Warning: " + warning);
    }
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
