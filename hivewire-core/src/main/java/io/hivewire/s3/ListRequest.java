package io.hivewire.s3;

import java.util.Objects;
import java.util.Optional;

/** A ListObjectsV2 request: a prefix, an optional delimiter and the page to fetch. */
public record ListRequest(
    String bucket,
    String prefix,
    Optional<String> delimiter,
    Optional<String> continuationToken,
    int maxKeys) {

  public static final int MAX_KEYS = 1000;

  public ListRequest {
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Objects.requireNonNull(delimiter, "delimiter is null");
    Objects.requireNonNull(continuationToken, "continuationToken is null");
    if (maxKeys < 1 || maxKeys > MAX_KEYS) {
      throw new IllegalArgumentException("maxKeys must be 1.." + MAX_KEYS + ", got " + maxKeys);
    }
  }

  /** Every key under {@code prefix}, at any depth. */
  public static ListRequest recursive(String bucket, String prefix) {
    return new ListRequest(bucket, prefix, Optional.empty(), Optional.empty(), MAX_KEYS);
  }

  /** The keys and common prefixes directly under {@code prefix} ({@code /} as delimiter). */
  public static ListRequest directory(String bucket, String prefix) {
    return new ListRequest(bucket, prefix, Optional.of("/"), Optional.empty(), MAX_KEYS);
  }

  public ListRequest withContinuationToken(String token) {
    return new ListRequest(bucket, prefix, delimiter, Optional.of(token), maxKeys);
  }
}
