package io.hivewire.s3;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe tally of requests per operation name, read as {@link RequestCounts}. */
final class RequestCounter {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void increment(String operation) {
    counts.computeIfAbsent(operation, op -> new LongAdder()).increment();
  }

  RequestCounts snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((op, n) -> copy.put(op, n.sum()));
    return new RequestCounts(copy);
  }
}
