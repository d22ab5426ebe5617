package io.hivewire.s3;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** How many requests an object store sent, per operation name (e.g. {@code ListObjectsV2}). */
public record RequestCounts(Map<String, Long> byOperation) {

  public RequestCounts {
    byOperation =
        java.util.Collections.unmodifiableMap(
            new TreeMap<>(Objects.requireNonNull(byOperation, "byOperation is null")));
  }

  public long get(String operation) {
    return byOperation.getOrDefault(operation, 0L);
  }

  public long total() {
    return byOperation.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The requests sent since {@code earlier}. */
  public RequestCounts minus(RequestCounts earlier) {
    Map<String, Long> diff = new TreeMap<>();
    byOperation.forEach((op, n) -> diff.put(op, n - earlier.get(op)));
    return new RequestCounts(diff);
  }
}
