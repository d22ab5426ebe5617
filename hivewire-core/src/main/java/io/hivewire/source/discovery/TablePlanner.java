package io.hivewire.source.discovery;

import io.hivewire.s3.ObjectInfo;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the recursive listing of one table directory into a {@link Table} or a {@link
 * SkippedTable}: pure, no I/O. The rules are those of docs/architecture.md ("Discovery rules").
 */
public final class TablePlanner {

  private final DataFormat format;
  private final Partitioning partitioning;
  private final FileRules rules;

  public TablePlanner(DataFormat format, Partitioning partitioning) {
    this.format = Objects.requireNonNull(format, "format is null");
    this.partitioning = Objects.requireNonNull(partitioning, "partitioning is null");
    this.rules = new FileRules(format);
  }

  /**
   * Plans one table.
   *
   * @param name the table directory's name
   * @param tablePrefix the table's key prefix, ending in '/' (e.g. {@code data/events/})
   * @param objects every object under {@code tablePrefix}, at any depth
   */
  public TablePlan plan(String name, String tablePrefix, List<ObjectInfo> objects) {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(tablePrefix, "tablePrefix is null");
    Objects.requireNonNull(objects, "objects is null");
    List<ObjectInfo> candidates = new ArrayList<>();
    List<IgnoredFile> ignored = new ArrayList<>();
    for (ObjectInfo object : objects) {
      if (!object.key().startsWith(tablePrefix)) {
        throw new IllegalArgumentException(
            object.key() + " is not under the table prefix " + tablePrefix);
      }
      String relative = object.key().substring(tablePrefix.length());
      Optional<IgnoreReason> reason = rules.ignoreReason(relative, object.size());
      if (reason.isPresent()) {
        ignored.add(new IgnoredFile(object.key(), reason.get()));
      } else {
        candidates.add(object);
      }
    }
    if (candidates.isEmpty()) {
      return withoutDataFiles(name, tablePrefix, ignored);
    }
    return switch (partitioning) {
      case NONE ->
          new Table(
              name,
              tablePrefix,
              candidates.stream().map(o -> DataFile.of(o, PartitionPath.EMPTY)).toList(),
              List.of(),
              ignored);
      case ALL -> partitioned(name, tablePrefix, candidates, ignored);
    };
  }

  private TablePlan partitioned(
      String name, String tablePrefix, List<ObjectInfo> candidates, List<IgnoredFile> ignored) {
    for (ObjectInfo object : candidates) {
      String relative = object.key().substring(tablePrefix.length());
      if (relative.indexOf('/') < 0) {
        return new SkippedTable(
            name,
            SkipReason.NOT_PARTITIONED,
            relative
                + " sits directly under the table directory "
                + tablePrefix
                + "; with \"all tables are partitioned\" every file must sit under key=value"
                + " directories (e.g. date=2025-01-01/"
                + relative
                + "). Move the files into partition directories, or set the connection's"
                + " partitioning to NONE",
            ignored);
      }
    }
    List<DataFile> files = new ArrayList<>(candidates.size());
    DataFile first = null;
    for (ObjectInfo object : candidates) {
      String relative = object.key().substring(tablePrefix.length());
      PartitionPath partition;
      try {
        partition = PartitionPath.parse(relative);
      } catch (IllegalArgumentException e) {
        return new SkippedTable(
            name,
            SkipReason.INCONSISTENT_PARTITIONS,
            e.getMessage()
                + "; every directory between the table and its files must be key=value (e.g."
                + " date=2025-01-01/), or set the connection's partitioning to NONE",
            ignored);
      }
      DataFile file = DataFile.of(object, partition);
      if (first == null) {
        first = file;
      } else if (!first.partition().names().equals(partition.names())) {
        return new SkippedTable(
            name,
            SkipReason.INCONSISTENT_PARTITIONS,
            relativeName(first, tablePrefix)
                + " is partitioned by "
                + first.partition().names()
                + " but "
                + relative
                + " by "
                + partition.names()
                + "; every file of a table must sit under the same partition keys in the same"
                + " order",
            ignored);
      }
      files.add(file);
    }
    return new Table(name, tablePrefix, files, first.partition().names(), ignored);
  }

  private SkippedTable withoutDataFiles(
      String name, String tablePrefix, List<IgnoredFile> ignored) {
    long otherFormat =
        ignored.stream().filter(f -> f.reason() == IgnoreReason.OTHER_FORMAT).count();
    if (otherFormat > 0) {
      DataFormat other = rules.otherFormat();
      return new SkippedTable(
          name,
          SkipReason.WRONG_FORMAT,
          "found "
              + otherFormat
              + " "
              + other
              + " file(s) ("
              + String.join(", ", FileRules.extensions(other))
              + ") and no "
              + format
              + " file; set the connection's data format to "
              + other
              + ", or put "
              + format
              + " files in the table",
          ignored);
    }
    String seen =
        ignored.isEmpty()
            ? "the directory holds no files"
            : "ignored " + ignored.size() + " object(s): " + countsByReason(ignored);
    return new SkippedTable(
        name,
        SkipReason.NO_DATA_FILES,
        "no "
            + format
            + " data file ("
            + String.join(", ", FileRules.extensions(format))
            + ") under "
            + tablePrefix
            + "; "
            + seen,
        ignored);
  }

  private static String relativeName(DataFile file, String tablePrefix) {
    return file.key().substring(tablePrefix.length());
  }

  private static String countsByReason(List<IgnoredFile> ignored) {
    return ignored.stream()
        .collect(
            Collectors.groupingBy(
                f -> f.reason().wireName(), java.util.TreeMap::new, Collectors.counting()))
        .entrySet()
        .stream()
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }
}
