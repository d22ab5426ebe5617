package io.hivewire.importer.load;

import io.hivewire.reader.ColumnMismatchException;
import java.util.Objects;

/** One file could not be loaded; nothing of it was kept. The message names the file. */
public final class FileLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String fileKey;

  public FileLoadException(String fileKey, String message, Throwable cause) {
    super(message, cause);
    this.fileKey = Objects.requireNonNull(fileKey, "fileKey is null");
  }

  /**
   * Whether the file failed because its columns do not match the table's (see {@link
   * ColumnMismatchException}): the table's files changed, not one bad file.
   */
  public boolean columnsMismatch() {
    return getCause() instanceof ColumnMismatchException;
  }

  /** The key of the file that failed. */
  public String fileKey() {
    return fileKey;
  }
}
