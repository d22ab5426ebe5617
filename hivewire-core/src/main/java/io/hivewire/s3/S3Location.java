package io.hivewire.s3;

import java.util.Objects;

/** A bucket and an object key (or key prefix) inside it; pure value, no I/O. */
public record S3Location(String bucket, String key) {

  public S3Location {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(key, "key is null");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("bucket is empty");
    }
    if (bucket.contains("/")) {
      throw new IllegalArgumentException("bucket must not contain '/': " + bucket);
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("key must not start with '/': " + key);
    }
  }

  /** Parses {@code s3://bucket/key}; the key may be empty. */
  public static S3Location parse(String uri) {
    Objects.requireNonNull(uri, "uri is null");
    if (!uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// location: " + uri);
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0
        ? new S3Location(rest, "")
        : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The location of {@code child} under this key, joined with exactly one '/'. */
  public S3Location resolve(String child) {
    Objects.requireNonNull(child, "child is null");
    if (key.isEmpty() || key.endsWith("/")) {
      return new S3Location(bucket, key + child);
    }
    return new S3Location(bucket, key + "/" + child);
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
