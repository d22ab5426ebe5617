package io.hivewire.routing.log;

import java.util.Objects;

/**
 * A partition of an event log: its records keep the order they were appended in and have offsets of
 * their own, counted from zero. The local log is one partition; Kafka has a partition per topic
 * partition.
 */
public record LogPartition(String topic, int number) {

  public LogPartition {
    Objects.requireNonNull(topic, "topic is null");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("a log partition needs a topic name");
    }
    if (number < 0) {
      throw new IllegalArgumentException("partition number is negative: " + number);
    }
  }

  @Override
  public String toString() {
    return topic + "-" + number;
  }
}
