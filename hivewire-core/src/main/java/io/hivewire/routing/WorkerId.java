package io.hivewire.routing;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of the worker that writes a file, the last part of its name. Restricted to characters that
 * are safe in an S3 key and in every file system a reader may download to.
 */
public record WorkerId(String value) {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  public WorkerId {
    Objects.requireNonNull(value, "value is null");
    if (!SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "worker id '"
              + value
              + "' is not valid: use 1 to 64 letters, digits, '.', '_' or '-', starting with a"
              + " letter or digit");
    }
  }

  /**
   * A worker id made from a host name: characters that are not allowed become {@code -}, and it is
   * cut to 64 characters.
   */
  public static WorkerId fromHostName(String hostName) {
    Objects.requireNonNull(hostName, "hostName is null");
    String cleaned = hostName.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[._-]+", "");
    if (cleaned.isEmpty()) {
      return new WorkerId("worker");
    }
    return new WorkerId(cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned);
  }

  @Override
  public String toString() {
    return value;
  }
}
