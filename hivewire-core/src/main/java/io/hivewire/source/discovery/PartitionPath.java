package io.hivewire.source.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Hive partition directories ({@code key=value/}) between a table's root and one of its files.
 * Names and values are percent-decoded as Hive escapes them ({@code %XX}; a {@code +} stays a
 * {@code +}). A value of {@code __HIVE_DEFAULT_PARTITION__} or an empty value is NULL, shown as an
 * empty {@link Optional}.
 */
public record PartitionPath(List<Segment> segments) {

  /** The partition directory Hive and Spark write for a NULL value. */
  public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

  /** A file directly under the table root: no partition directories. */
  public static final PartitionPath EMPTY = new PartitionPath(List.of());

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public PartitionPath {
    segments = List.copyOf(Objects.requireNonNull(segments, "segments is null"));
    Set<String> seen = new HashSet<>();
    for (Segment segment : segments) {
      if (!seen.add(segment.name())) {
        throw new IllegalArgumentException(
            "partition key '" + segment.name() + "' appears twice in one path");
      }
    }
  }

  /** One {@code key=value} directory, decoded. */
  public record Segment(String name, Optional<String> value) {
    public Segment {
      Objects.requireNonNull(name, "name is null");
      Objects.requireNonNull(value, "value is null");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "partition name '"
                + name
                + "' is invalid: a name starts with a letter or '_' and holds only letters,"
                + " digits and '_'");
      }
    }

    /**
     * Parses one directory name; empty when it is not a {@code key=value} directory with a valid
     * name (then it is a plain directory).
     */
    public static Optional<Segment> tryParse(String directory) {
      Objects.requireNonNull(directory, "directory is null");
      int eq = directory.indexOf('=');
      if (eq <= 0) {
        return Optional.empty();
      }
      String name = unescape(directory.substring(0, eq));
      if (!NAME.matcher(name).matches()) {
        return Optional.empty();
      }
      String raw = directory.substring(eq + 1);
      Optional<String> value =
          raw.isEmpty() || raw.equals(DEFAULT_PARTITION)
              ? Optional.empty()
              : Optional.of(unescape(raw));
      return Optional.of(new Segment(name, value));
    }
  }

  /**
   * Parses the directories of a path relative to the table root, e.g. {@code
   * date=2025-01-01/region=EU/} or {@code date=2025-01-01/region=EU/part-0.csv} (the last name is
   * taken as the file when the path does not end with '/').
   *
   * @throws IllegalArgumentException naming the directory that is not {@code key=value}
   */
  public static PartitionPath parse(String relativePath) {
    Objects.requireNonNull(relativePath, "relativePath is null");
    List<String> directories = directories(relativePath);
    List<Segment> segments = new ArrayList<>(directories.size());
    for (String directory : directories) {
      Segment segment =
          Segment.tryParse(directory)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "'"
                              + directory
                              + "/' in "
                              + relativePath
                              + " is not a key=value partition directory"));
      segments.add(segment);
    }
    return new PartitionPath(segments);
  }

  /** The directory names of a relative path, without its file name. */
  static List<String> directories(String relativePath) {
    int lastSlash = relativePath.lastIndexOf('/');
    if (lastSlash < 0) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (String name : relativePath.substring(0, lastSlash).split("/", -1)) {
      names.add(name);
    }
    return names;
  }

  /** The partition keys, in directory order. */
  public List<String> names() {
    return segments.stream().map(Segment::name).toList();
  }

  /** The value of one key: empty when the key is absent or its value is NULL. */
  public Optional<String> value(String name) {
    return segments.stream().filter(s -> s.name().equals(name)).findFirst().flatMap(Segment::value);
  }

  public boolean isEmpty() {
    return segments.isEmpty();
  }

  /**
   * Hive's unescaping: each {@code %XX} is a byte (runs of them decode as UTF-8); anything else,
   * including {@code +} and a malformed {@code %}, stays as it is.
   */
  static String unescape(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '%' && isHex(text, i + 1) && isHex(text, i + 2)) {
        bytes.write(Integer.parseInt(text, i + 1, i + 3, 16));
        i += 3;
        continue;
      }
      flush(bytes, out);
      out.append(c);
      i++;
    }
    flush(bytes, out);
    return out.toString();
  }

  private static boolean isHex(String text, int index) {
    return index < text.length() && Character.digit(text.charAt(index), 16) >= 0;
  }

  private static void flush(ByteArrayOutputStream bytes, StringBuilder out) {
    if (bytes.size() > 0) {
      out.append(bytes.toString(StandardCharsets.UTF_8));
      bytes.reset();
    }
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Segment segment : segments) {
      out.append(segment.name())
          .append('=')
          .append(segment.value().orElse(DEFAULT_PARTITION))
          .append('/');
    }
    return out.toString();
  }
}
