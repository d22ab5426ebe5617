package io.hivewire.collect;

/**
 * Bounds on what one collection request may hold; each one exceeded is reported with its own
 * message.
 */
public record EventLimits(
    int maxEventsPerBatch, int maxPropertiesBytes, int maxNestingDepth, int maxArrayItems) {

  /** 950 KB of serialized properties, as the collection API documents. */
  public static final int DEFAULT_MAX_PROPERTIES_BYTES = 950 * 1024;

  public EventLimits {
    requirePositive(maxEventsPerBatch, "maxEventsPerBatch");
    requirePositive(maxPropertiesBytes, "maxPropertiesBytes");
    requirePositive(maxNestingDepth, "maxNestingDepth");
    requirePositive(maxArrayItems, "maxArrayItems");
  }

  /** 1,000 events per batch, 950 KB of properties, 3 levels of nesting, 100 items per array. */
  public static EventLimits defaults() {
    return new EventLimits(1_000, DEFAULT_MAX_PROPERTIES_BYTES, 3, 100);
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, got " + value);
    }
  }
}
