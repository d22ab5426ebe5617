package io.hivewire.app;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds the data dir for one hivewire process (server, demo, route, api-key) with an OS file lock
 * on {@code <data-dir>/hivewire.lock}, which also names the holder's pid; the OS releases the lock
 * when the process dies, so a crash never leaves the data dir locked.
 */
public final class DataDirLock implements AutoCloseable {

  static final String LOCK_FILE = "hivewire.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code dataDir}, creating the directory if needed.
   *
   * @param whileItRuns what the user can do instead while the other hivewire runs, e.g. "use the
   *     HTTP API"; empty if nothing
   * @throws StartupException if another hivewire holds the data dir
   */
  public static DataDirLock acquire(Path dataDir, Optional<String> whileItRuns) {
    Objects.requireNonNull(dataDir, "dataDir is null");
    Path file = dataDir.resolve(LOCK_FILE);
    FileChannel channel;
    try {
      Files.createDirectories(dataDir);
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StartupException(
          "cannot use the data dir "
              + dataDir
              + ": "
              + e.getMessage()
              + ". Give a writable directory with --data-dir or HIVEWIRE_DATA_DIR (data-dir).",
          e);
    }
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        throw inUse(dataDir, holder(channel), whileItRuns);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
          0);
      channel.force(false);
      return new DataDirLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      if (e instanceof StartupException startup) {
        throw startup;
      }
      throw new StartupException("cannot lock the data dir " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by this very process (another part of the same JVM).
      return null;
    }
  }

  private static Optional<Long> holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(32);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
      return Optional.of(Long.parseLong(text.strip()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static StartupException inUse(
      Path dataDir, Optional<Long> pid, Optional<String> whileItRuns) {
    String holder = pid.map(p -> "a running hivewire (pid " + p + ")").orElse("a running hivewire");
    String stop =
        pid.map(p -> "stop it (Ctrl+C where it runs, or kill " + p + ")").orElse("stop it");
    return new StartupException(
        "the data dir "
            + dataDir
            + " is in use by "
            + holder
            + ": "
            + stop
            + whileItRuns.map(alternative -> ", " + alternative).orElse("")
            + ", or give this command another --data-dir.");
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
