package io.hivewire.bench;

import io.hivewire.locals3.LocalS3;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.Sleeper;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.kafka.KafkaEventLog;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * A routing worker in a JVM of its own, so that the rebalance benchmark can kill it as a node dies
 * (SIGKILL: no clean leave, no commit, its consumer simply stops heartbeating). Prints {@code owns
 * <n>} each time the number of partitions it routes changes.
 */
final class RoutingWorkerChild {

  private RoutingWorkerChild() {}

  /** Arguments: bootstrap servers, topic prefix, S3 endpoint, access key, secret key, state dir. */
  static void run(String[] args, Map<String, String> clientProperties) throws Exception {
    String bootstrap = args[0];
    String topicPrefix = args[1];
    URI endpoint = URI.create(args[2]);
    Path stateDir = Path.of(args[5]);
    try (EventLog log =
            KafkaEventLog.open(
                KafkaRoutingBenchmark.kafkaSettings(
                    bootstrap, topicPrefix, "victim", clientProperties));
        ObjectStore store =
            S3ObjectStores.create(
                S3ClientSettings.endpoint(endpoint, LocalS3.REGION, args[3], args[4]));
        RoutingDestination worker =
            new RoutingDestination(
                RoutingSettings.of(
                        KafkaRoutingBenchmark.PAUSE_GROUP,
                        new S3Location(KafkaRoutingBenchmark.BUCKET, "pause/"),
                        new WorkerId("victim"),
                        stateDir)
                    .withRotation(
                        RotationPolicy.defaults().withFlushInterval(Duration.ofSeconds(1))),
                log,
                store,
                InstantSource.system(),
                new SimpleMeterRegistry(),
                Sleeper.system())) {
      worker.start();
      int shown = -1;
      while (true) {
        int owns = worker.routedPartitions().size();
        if (owns != shown) {
          System.out.println("owns " + owns);
          System.out.flush();
          shown = owns;
        }
        Thread.sleep(10);
      }
    }
  }
}
