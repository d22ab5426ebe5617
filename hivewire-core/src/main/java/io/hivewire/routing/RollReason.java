package io.hivewire.routing;

/** Why an open partition file was closed; logged with every roll. */
enum RollReason {
  /** It has been open for the flush interval. */
  AGE,
  /** It reached the size limit (uncompressed bytes). */
  SIZE,
  /** Too many partitions were open; the oldest file makes room. */
  TOO_MANY_OPEN,
  /** The snapshot the file holds is complete: a snapshot is never split across files. */
  SNAPSHOT,
  /** The destination was drained or shut down. */
  SHUTDOWN,
  /** Rebuilt after a restart from its journaled range, to be uploaded under the same key. */
  RECOVERED
}
