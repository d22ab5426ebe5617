package io.hivewire.source;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * The path inside a bucket under which every directory is a table. Always empty (the bucket root)
 * or ending in exactly one {@code /}; never starting with one.
 */
public record SchemaPrefix(String value) {

  /** The bucket root: every top-level directory of the bucket is a table. */
  public static final SchemaPrefix ROOT = new SchemaPrefix("");

  private static final int MAX_KEY_BYTES = 1024;

  public SchemaPrefix {
    Objects.requireNonNull(value, "value is null");
    if (!value.isEmpty() && !value.endsWith("/")) {
      throw new IllegalArgumentException(
          "schema prefix '" + value + "' must end with '/'; use SchemaPrefix.parse to add it");
    }
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /**
   * Parses what a user typed: surrounding whitespace is ignored, a missing trailing slash is added,
   * and an empty input means the bucket root.
   */
  public static SchemaPrefix parse(String input) {
    Objects.requireNonNull(input, "schema prefix is null");
    String value = input.strip();
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (value.isEmpty() || value.endsWith("/")) {
      return new SchemaPrefix(value);
    }
    return new SchemaPrefix(value + "/");
  }

  public boolean isRoot() {
    return value.isEmpty();
  }

  /** The key prefix of the table directory {@code table} under this prefix. */
  public String tablePrefix(String table) {
    return value + table + "/";
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problem(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://")) {
      String rest = value.substring("s3://".length());
      int slash = rest.indexOf('/');
      String path = slash < 0 ? "" : rest.substring(slash + 1);
      return "enter only the path inside the bucket"
          + (path.isEmpty() ? " (empty for the bucket root)" : ", e.g. " + path)
          + ", not "
          + value;
    }
    if (value.startsWith("/")) {
      String trimmed = value.replaceFirst("^/+", "");
      return "drop the leading slash: enter "
          + (trimmed.isEmpty() ? "nothing (the bucket root)" : trimmed)
          + ", not "
          + value;
    }
    if (value.contains("*")) {
      // The directory that holds what the pattern matches: "data/ev*" reads tables under data/.
      String directory = value.substring(0, value.lastIndexOf('/', value.indexOf('*')) + 1);
      return "the schema prefix is a path, not a pattern: enter "
          + (directory.isEmpty()
              ? "nothing (an empty prefix: every directory at the bucket root is a table) or the"
                  + " directory that holds the tables, e.g. data/audiences/"
              : directory)
          + ", not "
          + value;
    }
    if (value.contains("//")) {
      return "schema prefix '"
          + value
          + "' has an empty directory name ('//'): enter "
          + collapse(value);
    }
    for (String segment : value.split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return "schema prefix '"
            + value
            + "' contains '"
            + segment
            + "': enter the path from the bucket root, e.g. data/audiences/";
      }
    }
    if (value.getBytes(StandardCharsets.UTF_8).length >= MAX_KEY_BYTES) {
      return "schema prefix is longer than S3 allows for a key (1024 bytes)";
    }
    return null;
  }

  private static String collapse(String value) {
    return value.replaceAll("/{2,}", "/");
  }
}
