package io.hivewire.routing.log.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Directory fsync: a created, renamed or deleted file survives a crash only once its directory is.
 */
final class Directories {

  private Directories() {}

  static void force(Path directory) throws IOException {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
