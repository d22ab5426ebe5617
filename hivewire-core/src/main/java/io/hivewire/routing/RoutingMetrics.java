package io.hivewire.routing;

import io.hivewire.routing.log.LogPartition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/** The meters of one destination, tagged with its name. */
final class RoutingMetrics {

  final Counter recordsIn;
  final Counter bytesIn;
  final Counter filesWritten;
  final Counter bytesWritten;
  final Counter recordsWritten;
  final Counter retries;
  final Timer uploadLatency;
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> gauges = new ArrayList<>(3);
  private final Map<LogPartition, Meter> lags = new ConcurrentHashMap<>();

  RoutingMetrics(MeterRegistry registry, String destination) {
    this.registry = registry;
    this.tags = Tags.of("destination", destination);
    recordsIn =
        Counter.builder("hivewire.routing.records.in")
            .description("records read from the event log")
            .tags(tags)
            .register(registry);
    bytesIn =
        Counter.builder("hivewire.routing.bytes.in")
            .description("JSON bytes read from the event log")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry);
    filesWritten =
        Counter.builder("hivewire.routing.files.written")
            .description("files in the bucket")
            .tags(tags)
            .register(registry);
    bytesWritten =
        Counter.builder("hivewire.routing.bytes.written")
            .description("gzip bytes uploaded")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry);
    recordsWritten =
        Counter.builder("hivewire.routing.records.written")
            .description("records in uploaded files")
            .tags(tags)
            .register(registry);
    retries =
        Counter.builder("hivewire.routing.upload.retries")
            .description("object-store calls retried after a transient failure")
            .tags(tags)
            .register(registry);
    uploadLatency =
        Timer.builder("hivewire.routing.upload.latency")
            .description("time to upload one file, retries included")
            .tags(tags)
            .register(registry);
  }

  <T> void gauges(
      T source,
      ToDoubleFunction<T> openPartitions,
      ToDoubleFunction<T> logBytes,
      ToDoubleFunction<T> freshnessLagMillis) {
    gauges.add(
        Gauge.builder("hivewire.routing.open.partitions", source, openPartitions)
            .description("partition files open")
            .tags(tags)
            .register(registry));
    gauges.add(
        Gauge.builder("hivewire.routing.log.size", source, logBytes)
            .description("bytes the event log occupies")
            .baseUnit("bytes")
            .tags(tags)
            .register(registry));
    gauges.add(
        TimeGauge.builder(
                "hivewire.routing.freshness.lag", source, TimeUnit.MILLISECONDS, freshnessLagMillis)
            .description("age of the oldest record read but not yet in the bucket")
            .tags(tags)
            .register(registry));
  }

  /** Reports {@code lag}, the records of {@code partition} behind the group's committed offset. */
  void consumerLag(LogPartition partition, Supplier<Number> lag) {
    lags.computeIfAbsent(
        partition,
        p ->
            Gauge.builder("hivewire.routing.consumer.lag", lag)
                .description("records of the partition after the group's committed offset")
                .tags(tags.and("partition", p.toString()))
                .register(registry));
  }

  /** Stops reporting the lag of a partition this member no longer routes. */
  void removeConsumerLag(LogPartition partition) {
    Meter meter = lags.remove(partition);
    if (meter != null) {
      registry.remove(meter);
    }
  }

  /**
   * Unregisters the gauges: a registry hands an existing meter to whoever registers the same name
   * and tags again, so a destination started anew (resumed) would otherwise report through the
   * gauges of the closed one. The counters stay, so they keep counting across the two.
   */
  void removeGauges() {
    gauges.forEach(registry::remove);
    gauges.clear();
    List.copyOf(lags.keySet()).forEach(this::removeConsumerLag);
  }
}
