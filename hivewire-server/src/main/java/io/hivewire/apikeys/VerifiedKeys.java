package io.hivewire.apikeys;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The scopes of keys found in the database lately, by what names the key ({@code K}: its hash for
 * API calls, its id for signed-in sessions), so that a busy sender's requests and a browser's pages
 * do not each cost a database round trip. An entry is trusted for {@link #TRUST} at most, which
 * bounds how long a key revoked by another process (another node, the CLI) keeps working; a
 * revocation in this process clears every entry at once. Keys not found are never remembered, so a
 * new key works at once. Thread-safe.
 */
final class VerifiedKeys<K> {

  /** How long a key revoked elsewhere may keep working here. */
  static final Duration TRUST = Duration.ofSeconds(5);

  /** More keys than any deployment sends with at once; past it the oldest knowledge is dropped. */
  private static final int MAX_ENTRIES = 10_000;

  private final Map<K, Entry> byKey = new ConcurrentHashMap<>();
  // Advanced by forgetAll: a lookup that raced a revocation must not store what it found.
  private final AtomicLong generation = new AtomicLong();
  private final long trustNanos;
  private final LongSupplier nanoTime;

  /** {@code nanoTime} is {@code System::nanoTime} outside tests. */
  VerifiedKeys(Duration trust, LongSupplier nanoTime) {
    this.trustNanos = Objects.requireNonNull(trust, "trust is null").toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime is null");
  }

  /** The scopes of the key named {@code key}, asking {@code lookup} when not known lately. */
  Optional<List<String>> scopesOf(K key, Function<K, Optional<List<String>>> lookup) {
    long now = nanoTime.getAsLong();
    Entry known = byKey.get(key);
    if (known != null && now - known.verifiedAt() < trustNanos) {
      return Optional.of(known.scopes());
    }
    long seen = generation.get();
    Optional<List<String>> found = lookup.apply(key);
    if (found.isEmpty()) {
      byKey.remove(key);
      return found;
    }
    if (byKey.size() >= MAX_ENTRIES) {
      byKey.clear();
    }
    byKey.put(key, new Entry(found.get(), now));
    if (generation.get() != seen) {
      byKey.remove(key);
    }
    return found;
  }

  /** Forgets every key: the next use of each is checked against the database. */
  void forgetAll() {
    generation.incrementAndGet();
    byKey.clear();
  }

  private record Entry(List<String> scopes, long verifiedAt) {}
}
