package io.hivewire.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The durable record of where files were cut. A timer decides cut points, so they would differ
 * after a crash; journaling a file's range (fsync) before its upload starts lets recovery rebuild
 * exactly that file, with the same key, instead of cutting the records differently. One line per
 * cut, and one per finished upload; a torn last line (crash while writing) is dropped on open.
 */
final class CutJournal implements AutoCloseable {

  /** A journaled file: its range, how many records it holds, and its object key. */
  public record Cut(FileRange range, long records, String key) {
    public Cut {
      Objects.requireNonNull(range, "range is null");
      Objects.requireNonNull(key, "key is null");
      if (records < 1) {
        throw new IllegalArgumentException("a cut holds at least one record: " + range);
      }
      if (key.contains("\t") || key.contains("\n")) {
        throw new IllegalArgumentException("key contains a tab or line end: " + key);
      }
    }
  }

  private static final long COMPACT_ABOVE_BYTES = 1024 * 1024;

  private final Path file;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private FileChannel channel;

  private record Entry(Cut cut, boolean done) {}

  private CutJournal(Path file) {
    this.file = file;
  }

  /**
   * Opens the journal at {@code file}, keeping the cuts that may still matter: those that reach at
   * or above {@code committedOffset}, the log position from which the consumer resumes.
   */
  public static CutJournal open(Path file, long committedOffset) {
    Objects.requireNonNull(file, "file is null");
    CutJournal journal = new CutJournal(file);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        journal.load(Files.readAllBytes(file));
      }
      journal.rewrite(committedOffset);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open cut journal " + file + ": " + e, e);
    }
    return journal;
  }

  private void load(byte[] content) {
    int end = content.length;
    while (end > 0 && content[end - 1] != '\n') {
      end--;
    }
    String text = new String(content, 0, end, StandardCharsets.UTF_8);
    int lineNumber = 0;
    for (String line : text.split("\n")) {
      lineNumber++;
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (f[0]) {
          case "cut" -> {
            Cut cut =
                new Cut(
                    new FileRange(
                        PartitionKey.parse(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])),
                    Long.parseLong(f[4]),
                    f[5]);
            entries.put(cut.key(), new Entry(cut, false));
          }
          case "done" -> entries.computeIfPresent(f[1], (k, e) -> new Entry(e.cut(), true));
          default -> throw new IllegalArgumentException("unknown entry '" + f[0] + "'");
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException(
            "cut journal "
                + file
                + " line "
                + lineNumber
                + " is corrupt ("
                + e.getMessage()
                + "): it was not written by hivewire or the disk failed",
            e);
      }
    }
  }

  /** The journaled files whose upload was not seen to finish, in the order they were cut. */
  public synchronized List<Cut> unfinished() {
    return entries.values().stream().filter(e -> !e.done()).map(Entry::cut).toList();
  }

  /** Every journaled range still kept, finished or not: records in them are not routed again. */
  public synchronized List<FileRange> ranges() {
    return entries.values().stream().map(e -> e.cut().range()).toList();
  }

  /** Durably records a cut (fsync) before its upload may start. */
  public synchronized void recordCut(Cut cut) {
    append(
        "cut\t"
            + cut.range().partition().path()
            + "\t"
            + cut.range().firstOffset()
            + "\t"
            + cut.range().lastOffset()
            + "\t"
            + cut.records()
            + "\t"
            + cut.key()
            + "\n");
    entries.put(cut.key(), new Entry(cut, false));
  }

  /**
   * Records that the file {@code key} is in the bucket. Not forced to disk: if it is lost, recovery
   * uploads the file again under the same key, which the conditional write turns into a no-op.
   */
  public synchronized void markDone(String key) {
    Entry entry = entries.get(key);
    if (entry == null || entry.done()) {
      return;
    }
    entries.put(key, new Entry(entry.cut(), true));
    write("done\t" + key + "\n", false);
  }

  /** Drops finished cuts wholly below {@code committedOffset} once the journal has grown. */
  public synchronized void compact(long committedOffset) {
    try {
      if (channel.size() > COMPACT_ABOVE_BYTES) {
        rewrite(committedOffset);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot compact cut journal " + file + ": " + e, e);
    }
  }

  private void rewrite(long committedOffset) throws IOException {
    entries.values().removeIf(e -> e.cut().range().lastOffset() < committedOffset);
    StringBuilder text = new StringBuilder();
    for (Entry e : entries.values()) {
      Cut c = e.cut();
      text.append("cut\t")
          .append(c.range().partition().path())
          .append('\t')
          .append(c.range().firstOffset())
          .append('\t')
          .append(c.range().lastOffset())
          .append('\t')
          .append(c.records())
          .append('\t')
          .append(c.key())
          .append('\n');
      if (e.done()) {
        text.append("done\t").append(c.key()).append('\n');
      }
    }
    if (channel != null) {
      channel.close();
    }
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel out =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      out.force(true);
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    forceDirectory(file.toAbsolutePath().getParent());
    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  private void append(String line) {
    write(line, true);
  }

  private void write(String line, boolean force) {
    try {
      ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      if (force) {
        channel.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cut journal " + file + ": " + e, e);
    }
  }

  @Override
  public synchronized void close() {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close cut journal " + file + ": " + e, e);
    } finally {
      channel = null;
    }
  }
}
