package io.hivewire.routing.log.wal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed position of each consumer, one small file per consumer ({@code <id>.offset}),
 * replaced atomically: written to a temporary file, forced, renamed over the old one, and the
 * directory forced, so that a crash leaves either the old or the new position. Not thread-safe.
 */
final class ConsumerOffsets {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final String SUFFIX = ".offset";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path directory;

  ConsumerOffsets(Path directory) throws IOException {
    this.directory = Files.createDirectories(directory);
    try (Stream<Path> list = Files.list(directory)) {
      for (Path stale : list.filter(p -> p.toString().endsWith(TEMP_SUFFIX)).toList()) {
        Files.delete(stale);
      }
    }
  }

  static String requireValidId(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "consumer id '"
              + id
              + "' is not valid: use 1 to 128 letters, digits, '.', '_' or '-', not starting"
              + " with '.' or '-'");
    }
    return id;
  }

  /** Every stored position, by consumer id. */
  Map<String, Long> load() throws IOException {
    Map<String, Long> offsets = new TreeMap<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path file : list.filter(p -> p.toString().endsWith(SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        try {
          offsets.put(name.substring(0, name.length() - SUFFIX.length()), Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw new IOException(
              "consumer position file " + file + " holds '" + text + "', not an offset", e);
        }
      }
    }
    return offsets;
  }

  void store(String id, long offset) throws IOException {
    Path temp = directory.resolve(id + SUFFIX + TEMP_SUFFIX);
    byte[] text = (offset + "\n").getBytes(StandardCharsets.US_ASCII);
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(text);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(
        temp,
        directory.resolve(id + SUFFIX),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Directories.force(directory);
  }

  void delete(String id) throws IOException {
    Files.deleteIfExists(directory.resolve(id + SUFFIX));
    Directories.force(directory);
  }
}
