package io.hivewire.importer;

import io.hivewire.importer.filter.BoundPartitionFilter;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.importer.filter.PartitionFilterException;
import io.hivewire.source.discovery.DiscoveredTable;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks an import definition against its table's discovered schema: the columns exist, the mapping
 * fills its data type's roles with columns of fitting types, and the partition filter names only
 * partition columns with values of their types.
 */
public final class ImportCheck {

  private ImportCheck() {}

  /**
   * The import as it will load the table.
   *
   * @throws InvalidImportException listing every rule the definition breaks
   */
  public static CheckedImport check(ImportDefinition definition, DiscoveredTable table) {
    List<String> problems = new ArrayList<>();
    Map<String, Column> byName = new LinkedHashMap<>();
    table.columns().forEach(column -> byName.put(column.name(), column));
    List<Column> selected = selectedColumns(definition, byName, problems);
    Set<String> selectedNames =
        selected.stream().map(Column::name).collect(Collectors.toCollection(LinkedHashSet::new));
    checkMapping(definition, byName, selectedNames, problems);
    Optional<BoundPartitionFilter> filter = bindFilter(definition, table, problems);
    if (!problems.isEmpty()) {
      throw new InvalidImportException(problems);
    }
    List<Column> fileColumns =
        table.columns().stream().filter(c -> c.origin() == ColumnOrigin.FILE).toList();
    return new CheckedImport(definition, selected, fileColumns, table.partitionKeys(), filter);
  }

  private static List<Column> selectedColumns(
      ImportDefinition definition, Map<String, Column> byName, List<String> problems) {
    if (definition.columns().isEmpty()) {
      return List.copyOf(byName.values());
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : definition.columns()) {
      if (!byName.containsKey(name)) {
        problems.add(
            "columns: '"
                + name
                + "' is not a column of table "
                + definition.table()
                + " (columns: "
                + String.join(", ", byName.keySet())
                + ")");
      } else if (!wanted.add(name)) {
        problems.add("columns: '" + name + "' is listed twice");
      }
    }
    return byName.values().stream().filter(c -> wanted.contains(c.name())).toList();
  }

  private static void checkMapping(
      ImportDefinition definition,
      Map<String, Column> byName,
      Set<String> selected,
      List<String> problems) {
    DataType type = definition.dataType();
    Mapping mapping = definition.mapping();
    Set<String> roleNames = new LinkedHashSet<>();
    for (MappingRole role : type.roles()) {
      roleNames.add(role.name());
      Optional<String> value = mapping.entry(role.name());
      if (value.isEmpty()) {
        if (role.required()) {
          problems.add(
              "mapping."
                  + role.name()
                  + ": required for "
                  + type
                  + (role.kind() == MappingRole.Kind.TAG
                      ? " (the identifier tag, e.g. email)"
                      : " (a column of " + typeNames(role.types()) + ")"));
        }
        continue;
      }
      if (role.kind() == MappingRole.Kind.COLUMN) {
        checkColumn(type, role, value.get(), byName, selected, problems);
      }
    }
    for (String given : mapping.entries().keySet()) {
      if (!roleNames.contains(given)) {
        problems.add(
            "mapping."
                + given
                + ": "
                + type
                + " takes no such entry (it takes "
                + String.join(", ", roleNames)
                + ")");
      }
    }
    if (!mapping.attributes().isEmpty() && !type.takesAttributes()) {
      problems.add("mapping.attributes: only USER_PROFILE takes attribute columns, not " + type);
    }
    for (String attribute : mapping.attributes()) {
      if (!byName.containsKey(attribute)) {
        problems.add("mapping.attributes: '" + attribute + "' is not a column of the table");
      } else if (!selected.contains(attribute)) {
        problems.add("mapping.attributes: '" + attribute + "' is not among the imported columns");
      }
    }
  }

  private static void checkColumn(
      DataType type,
      MappingRole role,
      String columnName,
      Map<String, Column> byName,
      Set<String> selected,
      List<String> problems) {
    Column column = byName.get(columnName);
    String where = "mapping." + role.name() + ": ";
    if (column == null) {
      problems.add(
          where
              + "'"
              + columnName
              + "' is not a column of the table (columns: "
              + String.join(", ", byName.keySet())
              + ")");
    } else if (!role.accepts(column.type())) {
      problems.add(
          where
              + "column '"
              + columnName
              + "' is "
              + column.type().sqlName()
              + " but "
              + type
              + " needs "
              + typeNames(role.types())
              + " here");
    } else if (!selected.contains(columnName)) {
      problems.add(where + "column '" + columnName + "' is not among the imported columns");
    }
  }

  private static Optional<BoundPartitionFilter> bindFilter(
      ImportDefinition definition, DiscoveredTable table, List<String> problems) {
    if (definition.partitionFilter().isEmpty()) {
      return Optional.empty();
    }
    Map<String, ColumnType> partitionColumns = partitionColumns(table);
    if (partitionColumns.isEmpty()) {
      problems.add(noPartitionColumns(table));
      return Optional.empty();
    }
    try {
      return Optional.of(definition.partitionFilter().get().bind(partitionColumns));
    } catch (PartitionFilterException e) {
      problems.add(e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * What is wrong with a partition filter written for {@code table}, in the words a new import's
   * check uses, with where in the text it is; empty when the filter fits (a blank one fits: it
   * filters nothing).
   */
  public static Optional<FilterProblem> checkFilter(String text, DiscoveredTable table) {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      PartitionFilter filter = PartitionFilter.parse(text);
      Map<String, ColumnType> partitionColumns = partitionColumns(table);
      if (partitionColumns.isEmpty()) {
        return Optional.of(new FilterProblem(noPartitionColumns(table), OptionalInt.empty()));
      }
      filter.bind(partitionColumns);
      return Optional.empty();
    } catch (PartitionFilterException e) {
      return Optional.of(new FilterProblem(e.getMessage(), OptionalInt.of(e.position())));
    }
  }

  /** The table's partition columns a filter may name, with their types, in directory order. */
  public static Map<String, ColumnType> partitionColumns(DiscoveredTable table) {
    Map<String, Column> byName = new LinkedHashMap<>();
    table.columns().forEach(column -> byName.put(column.name(), column));
    Map<String, ColumnType> partitionColumns = new LinkedHashMap<>();
    for (String key : table.partitionKeys()) {
      Column column = byName.get(key);
      if (column != null && column.origin() == ColumnOrigin.PARTITION) {
        partitionColumns.put(key, column.type());
      }
    }
    return partitionColumns;
  }

  private static String noPartitionColumns(DiscoveredTable table) {
    return "partitionFilter: table "
        + table.name()
        + " has no partition columns; remove the filter or partition the table's files";
  }

  private static String typeNames(Set<ColumnType> types) {
    return types.stream().map(ColumnType::sqlName).sorted().collect(Collectors.joining(" or "));
  }
}
