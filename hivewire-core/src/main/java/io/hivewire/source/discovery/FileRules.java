package io.hivewire.source.discovery;

import io.hivewire.source.DataFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, from its key alone, whether an object under a table is a data file of a format: the
 * markers, checksums and temporary output that Hadoop, Spark and the S3 console leave behind are
 * never read, nor are files of other formats.
 */
public final class FileRules {

  private final DataFormat format;

  public FileRules(DataFormat format) {
    this.format = Objects.requireNonNull(format, "format is null");
  }

  /** The file name endings a format's data files have (compared without letter case). */
  public static List<String> extensions(DataFormat format) {
    return switch (format) {
      case CSV -> List.of(".csv", ".csv.gz", ".gz");
      case PARQUET -> List.of(".parquet");
    };
  }

  /** Whether a file name ends like a data file of {@code format}. */
  public static boolean hasExtensionOf(DataFormat format, String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return extensions(format).stream().anyMatch(lower::endsWith);
  }

  /**
   * Why the object at {@code relativeKey} (relative to the table root) is not a data file; empty
   * when it is one.
   */
  public Optional<IgnoreReason> ignoreReason(String relativeKey, long size) {
    Objects.requireNonNull(relativeKey, "relativeKey is null");
    if (relativeKey.isEmpty() || relativeKey.endsWith("/") || relativeKey.endsWith("_$folder$")) {
      return Optional.of(
          size == 0 || relativeKey.endsWith("_$folder$")
              ? IgnoreReason.FOLDER_MARKER
              : IgnoreReason.UNSUPPORTED_EXTENSION);
    }
    List<String> directories = PartitionPath.directories(relativeKey);
    if (directories.contains("_temporary")) {
      return Optional.of(IgnoreReason.TEMPORARY);
    }
    if (directories.stream().anyMatch(FileRules::isHiddenDirectory)) {
      return Optional.of(IgnoreReason.HIDDEN);
    }
    String fileName = relativeKey.substring(relativeKey.lastIndexOf('/') + 1);
    if (fileName.equals("_SUCCESS")) {
      return Optional.of(IgnoreReason.SUCCESS_MARKER);
    }
    if (fileName.toLowerCase(Locale.ROOT).endsWith(".crc")) {
      return Optional.of(IgnoreReason.CHECKSUM);
    }
    if (fileName.startsWith("_") || fileName.startsWith(".")) {
      return Optional.of(IgnoreReason.HIDDEN);
    }
    if (hasExtensionOf(format, fileName)) {
      return size == 0 ? Optional.of(IgnoreReason.EMPTY_FILE) : Optional.empty();
    }
    if (hasExtensionOf(otherFormat(), fileName)) {
      return Optional.of(IgnoreReason.OTHER_FORMAT);
    }
    return Optional.of(IgnoreReason.UNSUPPORTED_EXTENSION);
  }

  /** The format that is not the connection's. */
  public DataFormat otherFormat() {
    return format == DataFormat.CSV ? DataFormat.PARQUET : DataFormat.CSV;
  }

  /** Whether a directory name is hidden: starts with '_' or '.' and is not key=value. */
  public static boolean isHiddenDirectory(String name) {
    return (name.startsWith("_") || name.startsWith("."))
        && PartitionPath.Segment.tryParse(name).isEmpty();
  }
}
