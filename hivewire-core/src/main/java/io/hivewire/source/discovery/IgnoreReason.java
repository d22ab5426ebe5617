package io.hivewire.source.discovery;

import java.util.Locale;

/** Why an object under a schema prefix is not read as a data file. */
public enum IgnoreReason {
  /**
   * A zero-byte key ending in {@code /} or a {@code *_$folder$} key: a console or Hadoop folder.
   */
  FOLDER_MARKER,
  /** A Hadoop/Spark {@code _SUCCESS} file. */
  SUCCESS_MARKER,
  /** Under a {@code _temporary/} directory: output of a job still running or that failed. */
  TEMPORARY,
  /** A Hadoop {@code *.crc} checksum file. */
  CHECKSUM,
  /**
   * The file or one of its directories starts with {@code _} or {@code .} (and is not key=value).
   */
  HIDDEN,
  /** A data file of the other format than the connection's (e.g. .parquet in a CSV connection). */
  OTHER_FORMAT,
  /** A file whose extension is neither the connection's format nor the other one. */
  UNSUPPORTED_EXTENSION,
  /** A data file with no bytes. */
  EMPTY_FILE,
  /** An object directly under the schema prefix, outside every table directory. */
  OUTSIDE_TABLE;

  /** The lowercase name used in JSON, e.g. {@code other_format}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
