package io.hivewire.routing;

import io.hivewire.routing.log.LogRecord;
import io.hivewire.routing.log.RecordType;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The partition a record is written to: its type, and for hourly partitioned types the UTC hour of
 * its time.
 */
public record PartitionKey(RecordType type, Optional<HourBucket> hour) {

  private static final Pattern PATH =
      Pattern.compile(
          "type=([a-z_]+)(?:/year=(\\d{4})/month=(\\d{2})/day=(\\d{2})/hour=(\\d{2}))?");

  public PartitionKey {
    Objects.requireNonNull(type, "type is null");
    Objects.requireNonNull(hour, "hour is null");
    if (type.hourlyPartitioned() != hour.isPresent()) {
      throw new IllegalArgumentException(
          type.hourlyPartitioned()
              ? "type " + type.wireName() + " is partitioned by hour: an hour is required"
              : "type " + type.wireName() + " is not partitioned: it takes no hour");
    }
  }

  /** The partition {@code record} belongs to, by its type and the hour of its time. */
  public static PartitionKey of(LogRecord record) {
    return record.type().hourlyPartitioned()
        ? new PartitionKey(record.type(), Optional.of(HourBucket.of(record.time())))
        : new PartitionKey(record.type(), Optional.empty());
  }

  /** Parses what {@link #path()} renders. */
  public static PartitionKey parse(String path) {
    Matcher m = PATH.matcher(Objects.requireNonNull(path, "path is null"));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a partition path (type=<type>[/year=/month=/day=/hour=]): " + path);
    }
    RecordType type = RecordType.fromWireName(m.group(1));
    if (m.group(2) == null) {
      return new PartitionKey(type, Optional.empty());
    }
    return new PartitionKey(
        type,
        Optional.of(
            new HourBucket(
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)),
                Integer.parseInt(m.group(5)))));
  }

  /** The directories of this partition: {@code type=events/year=2026/month=01/day=15/hour=14}. */
  public String path() {
    return hour.map(h -> "type=" + type.wireName() + "/" + h.path())
        .orElse("type=" + type.wireName());
  }

  @Override
  public String toString() {
    return path();
  }
}
