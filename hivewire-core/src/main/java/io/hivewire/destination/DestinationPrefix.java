package io.hivewire.destination;

import io.hivewire.source.BucketName;
import java.util.Objects;

/**
 * Where in the bucket routing writes: empty (the bucket's root) or a path ending in {@code /}. No
 * leading {@code /}, and not the bucket name again — both common mistakes that would write to an
 * unexpected place.
 */
public record DestinationPrefix(String value) {

  public DestinationPrefix {
    Objects.requireNonNull(value, "value is null");
    if (!value.isEmpty() && !value.endsWith("/")) {
      throw new IllegalArgumentException("a prefix ends with '/': " + value);
    }
  }

  /** Validates what a user entered for {@code bucket}, adding the trailing {@code /}. */
  public static DestinationPrefix parse(String input, BucketName bucket) {
    Objects.requireNonNull(input, "prefix is null");
    String prefix = input.strip();
    if (prefix.isEmpty()) {
      return new DestinationPrefix("");
    }
    if (prefix.startsWith("/")) {
      throw new IllegalArgumentException(
          "prefix '"
              + prefix
              + "' starts with '/': enter it without the leading slash, e.g. "
              + prefix.replaceFirst("^/+", ""));
    }
    if (prefix.equals(bucket.value()) || prefix.startsWith(bucket.value() + "/")) {
      throw new IllegalArgumentException(
          "prefix '"
              + prefix
              + "' starts with the bucket name '"
              + bucket.value()
              + "': enter only the path inside the bucket, e.g. "
              + examplePath(prefix, bucket));
    }
    if (prefix.contains("//")) {
      throw new IllegalArgumentException(
          "prefix '" + prefix + "' has an empty path segment ('//'): remove the extra slash");
    }
    return new DestinationPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
  }

  private static String examplePath(String prefix, BucketName bucket) {
    String rest = prefix.substring(bucket.value().length()).replaceFirst("^/+", "");
    return rest.isEmpty() ? "hivewire/" : rest;
  }

  @Override
  public String toString() {
    return value;
  }
}
