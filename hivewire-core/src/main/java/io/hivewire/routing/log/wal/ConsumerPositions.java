package io.hivewire.routing.log.wal;

import io.hivewire.routing.log.CommittedPosition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The committed position of each consumer, one small file per consumer ({@code <id>.offset}: the
 * offset on the first line, the commit's metadata after it), replaced atomically: written to a
 * temporary file, forced, renamed over the old one, and the directory forced, so that a crash
 * leaves either the old or the new position. Thread-safe.
 */
final class ConsumerPositions {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
  private static final String SUFFIX = ".offset";
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path directory;
  private final Map<String, CommittedPosition> committed;

  private ConsumerPositions(Path directory, Map<String, CommittedPosition> committed) {
    this.directory = directory;
    this.committed = committed;
  }

  /** Loads the positions stored in {@code directory}, dropping half-written temporary files. */
  static ConsumerPositions load(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (Stream<Path> list = Files.list(directory)) {
      for (Path stale : list.filter(p -> p.toString().endsWith(TEMP_SUFFIX)).toList()) {
        Files.delete(stale);
      }
    }
    return new ConsumerPositions(directory, read(directory));
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

  private static Map<String, CommittedPosition> read(Path directory) throws IOException {
    Map<String, CommittedPosition> offsets = new TreeMap<>();
    try (Stream<Path> list = Files.list(directory)) {
      for (Path file : list.filter(p -> p.toString().endsWith(SUFFIX)).toList()) {
        String name = file.getFileName().toString();
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int lineEnd = content.indexOf('\n');
        String text = (lineEnd < 0 ? content : content.substring(0, lineEnd)).strip();
        String metadata = lineEnd < 0 ? "" : content.substring(lineEnd + 1);
        try {
          offsets.put(
              name.substring(0, name.length() - SUFFIX.length()),
              new CommittedPosition(Long.parseLong(text), metadata));
        } catch (NumberFormatException e) {
          throw new IOException(
              "consumer position file " + file + " holds '" + text + "', not an offset", e);
        }
      }
    }
    return offsets;
  }

  /** Stores {@code startOffset} as the position of a consumer not known yet. */
  synchronized void register(String id, long startOffset) {
    if (!committed.containsKey(id)) {
      store(id, CommittedPosition.at(startOffset));
    }
  }

  synchronized boolean contains(String id) {
    return committed.containsKey(id);
  }

  synchronized CommittedPosition committed(String id) {
    CommittedPosition position = committed.get(id);
    if (position == null) {
      throw new IllegalStateException(
          "event log consumer '"
              + id
              + "' was removed: join it again with consumer(group, listener)");
    }
    return position;
  }

  /** Moves a consumer's position forward, to at most {@code endOffset}. */
  synchronized void commit(String id, CommittedPosition position, long endOffset) {
    CommittedPosition before = committed(id);
    long previous = before.offset();
    long offset = position.offset();
    if (offset < previous || offset > endOffset) {
      throw new IllegalArgumentException(
          "consumer '"
              + id
              + "' cannot commit offset "
              + offset
              + ": commits move forward from "
              + previous
              + " and stay at or below the end of the log, "
              + endOffset);
    }
    if (!position.equals(before)) {
      store(id, position);
    }
  }

  /** The lowest position of all consumers; empty when there is none. */
  synchronized OptionalLong lowest() {
    return committed.values().stream().mapToLong(CommittedPosition::offset).min();
  }

  synchronized void remove(String id) {
    try {
      Files.deleteIfExists(directory.resolve(id + SUFFIX));
      Directories.force(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove event log consumer '" + id + "'", e);
    }
    committed.remove(id);
  }

  private void store(String id, CommittedPosition position) {
    try {
      write(id, position);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store the position of event log consumer '" + id + "'", e);
    }
    committed.put(id, position);
  }

  private void write(String id, CommittedPosition position) throws IOException {
    Path temp = directory.resolve(id + SUFFIX + TEMP_SUFFIX);
    byte[] text = (position.offset() + "\n" + position.metadata()).getBytes(StandardCharsets.UTF_8);
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
}
