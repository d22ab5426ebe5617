package io.hivewire.importer.load;

import java.util.Objects;

/** One file could not be loaded; nothing of it was kept. The message names the file. */
public final class FileLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String fileKey;

  public FileLoadException(String fileKey, String message, Throwable cause) {
    super(message, cause);
    this.fileKey = Objects.requireNonNull(fileKey, "fileKey is null");
  }

  /** The key of the file that failed. */
  public String fileKey() {
    return fileKey;
  }
}
