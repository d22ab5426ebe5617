package io.hivewire.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cuts of a log partition whose files are not all in the bucket yet, kept in the metadata of
 * the consumer group's offset commit so that whoever owns the partition next re-creates exactly
 * those files: the same records split the same way (the size limit and open-file limit travel with
 * the cuts, since they also decide where a file ends) and named with the id of the worker that cut
 * them. Rendered as {@code hivewire-cuts/1 size=134217728 open=256 cuts=1200@node-a,1675@node-b}:
 * at most {@link #MAX_CUTS} cuts of ids up to 64 characters stay near 700 bytes, well under Kafka's
 * default {@code offset.metadata.max.bytes} of 4096.
 */
record RecordedCuts(long maxFileBytes, int maxOpenPartitions, List<CutPoint> cuts) {

  /** How many cuts may wait for their uploads in one partition before no more are made. */
  static final int MAX_CUTS = 8;

  private static final String VERSION = "hivewire-cuts/1";

  RecordedCuts {
    Objects.requireNonNull(cuts, "cuts is null");
    cuts = List.copyOf(cuts);
    for (int i = 1; i < cuts.size(); i++) {
      if (cuts.get(i).offset() <= cuts.get(i - 1).offset()) {
        throw new IllegalArgumentException("cuts are not in increasing offset order: " + cuts);
      }
    }
  }

  /** No cut waits: what a partition committed by another tool, or never, reads as. */
  static RecordedCuts none(RotationPolicy policy) {
    return new RecordedCuts(policy.maxFileBytes(), policy.maxOpenPartitions(), List.of());
  }

  /** The rotation these cuts were made under: its size and open-file limits, and {@code age}. */
  RotationPolicy policy(RotationPolicy age) {
    return age.withMaxFileBytes(maxFileBytes).withMaxOpenPartitions(maxOpenPartitions);
  }

  /** The commit metadata: empty when no cut waits. */
  String encode() {
    if (cuts.isEmpty()) {
      return "";
    }
    StringBuilder text =
        new StringBuilder(VERSION)
            .append(" size=")
            .append(maxFileBytes)
            .append(" open=")
            .append(maxOpenPartitions)
            .append(" cuts=");
    for (int i = 0; i < cuts.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(cuts.get(i).offset()).append('@').append(cuts.get(i).worker().value());
    }
    return text.toString();
  }

  /**
   * Reads commit metadata: no cuts when it is empty; fails, naming it, when it is not ours, since
   * routing on would split files differently and write records twice.
   */
  static RecordedCuts parse(String metadata, RotationPolicy current) {
    Objects.requireNonNull(metadata, "metadata is null");
    if (metadata.isEmpty()) {
      return none(current);
    }
    try {
      String[] fields = metadata.split(" ");
      if (fields.length != 4 || !fields[0].equals(VERSION)) {
        throw new IllegalArgumentException("it does not start with " + VERSION);
      }
      long size = Long.parseLong(value(fields[1], "size"));
      int open = Integer.parseInt(value(fields[2], "open"));
      List<CutPoint> cuts = new ArrayList<>();
      for (String cut : value(fields[3], "cuts").split(",")) {
        int at = cut.indexOf('@');
        cuts.add(
            new CutPoint(
                Long.parseLong(cut.substring(0, at)), new WorkerId(cut.substring(at + 1))));
      }
      return new RecordedCuts(size, open, cuts);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "the consumer group's commit metadata '"
              + metadata
              + "' is not a list of hivewire cuts ("
              + e.getMessage()
              + "): was the group's position set by another tool? Reset it with"
              + " kafka-consumer-groups --reset-offsets to a position with no metadata",
          e);
    }
  }

  private static String value(String field, String name) {
    if (!field.startsWith(name + "=")) {
      throw new IllegalArgumentException("expected " + name + "=, found '" + field + "'");
    }
    return field.substring(name.length() + 1);
  }

  /** These cuts and then {@code cut}. */
  RecordedCuts with(CutPoint cut) {
    List<CutPoint> more = new ArrayList<>(cuts);
    more.add(cut);
    return new RecordedCuts(maxFileBytes, maxOpenPartitions, more);
  }
}
