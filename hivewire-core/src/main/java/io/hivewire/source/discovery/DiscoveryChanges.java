package io.hivewire.source.discovery;

import io.hivewire.source.schema.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed between two discoveries of the same connection (a resync): tables added and removed,
 * and columns added to or removed from tables present in both (by column name).
 */
public record DiscoveryChanges(
    List<String> tablesAdded,
    List<String> tablesRemoved,
    List<ColumnChange> columnsAdded,
    List<ColumnChange> columnsRemoved) {

  /** A column of one table. */
  public record ColumnChange(String table, Column column) {
    public ColumnChange {
      Objects.requireNonNull(table, "table is null");
      Objects.requireNonNull(column, "column is null");
    }
  }

  public DiscoveryChanges {
    tablesAdded = List.copyOf(Objects.requireNonNull(tablesAdded, "tablesAdded is null"));
    tablesRemoved = List.copyOf(Objects.requireNonNull(tablesRemoved, "tablesRemoved is null"));
    columnsAdded = List.copyOf(Objects.requireNonNull(columnsAdded, "columnsAdded is null"));
    columnsRemoved = List.copyOf(Objects.requireNonNull(columnsRemoved, "columnsRemoved is null"));
  }

  /** The changes from {@code previous} to {@code current}. */
  public static DiscoveryChanges between(DiscoveryResult previous, DiscoveryResult current) {
    Objects.requireNonNull(previous, "previous is null");
    Objects.requireNonNull(current, "current is null");
    return between(previous.tables(), current.tables());
  }

  /** The changes from the {@code previous} tables to the {@code current} ones. */
  public static DiscoveryChanges between(
      List<DiscoveredTable> previous, List<DiscoveredTable> current) {
    Map<String, DiscoveredTable> before = byName(previous);
    Map<String, DiscoveredTable> after = byName(current);
    List<String> added = after.keySet().stream().filter(n -> !before.containsKey(n)).toList();
    List<String> removed = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
    List<ColumnChange> columnsAdded = new ArrayList<>();
    List<ColumnChange> columnsRemoved = new ArrayList<>();
    for (DiscoveredTable now : after.values()) {
      DiscoveredTable then = before.get(now.name());
      if (then != null) {
        columnsAdded.addAll(missingFrom(now, then));
        columnsRemoved.addAll(missingFrom(then, now));
      }
    }
    return new DiscoveryChanges(added, removed, columnsAdded, columnsRemoved);
  }

  public boolean isEmpty() {
    return tablesAdded.isEmpty()
        && tablesRemoved.isEmpty()
        && columnsAdded.isEmpty()
        && columnsRemoved.isEmpty();
  }

  private static List<ColumnChange> missingFrom(DiscoveredTable table, DiscoveredTable other) {
    Set<String> names = other.columns().stream().map(Column::name).collect(Collectors.toSet());
    return table.columns().stream()
        .filter(c -> !names.contains(c.name()))
        .map(c -> new ColumnChange(table.name(), c))
        .toList();
  }

  private static Map<String, DiscoveredTable> byName(List<DiscoveredTable> tables) {
    Map<String, DiscoveredTable> map = new LinkedHashMap<>();
    tables.stream()
        .sorted(java.util.Comparator.comparing(DiscoveredTable::name))
        .forEach(t -> map.put(t.name(), t));
    return map;
  }
}
