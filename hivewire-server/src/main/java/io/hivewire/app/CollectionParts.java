package io.hivewire.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hivewire.apikeys.ApiKeyRoutes;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.audiences.AudienceSegmentRepository;
import io.hivewire.audiences.AudienceSegmentRoutes;
import io.hivewire.audiences.AudienceSegmentService;
import io.hivewire.cluster.node.NodeId;
import io.hivewire.cluster.node.NodeRole;
import io.hivewire.collect.EventBatchReader;
import io.hivewire.collect.EventCollector;
import io.hivewire.collect.EventLimits;
import io.hivewire.collect.EventValidator;
import io.hivewire.collect.IdentityResolver;
import io.hivewire.collection.CollectMetrics;
import io.hivewire.collection.CollectRoutes;
import io.hivewire.collection.IdentityRepository;
import io.hivewire.collection.IdentityService;
import io.hivewire.collection.MeteredEventLog;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.HivewireConfig;
import io.hivewire.config.Secret;
import io.hivewire.destinations.DestinationRepository;
import io.hivewire.destinations.DestinationService;
import io.hivewire.destinations.RoutingRoutes;
import io.hivewire.http.ApiServer;
import io.hivewire.http.EventLogFull;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.kafka.KafkaEventLog;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.secrets.CredentialVault;
import io.hivewire.secrets.MasterKeySource;
import io.hivewire.secrets.SecretCipher;
import io.hivewire.store.Database;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collection side of the server: the event log under the data dir, identity, segments and
 * routing destinations, and their HTTP routes. Started after the database, closed before it.
 */
final class CollectionParts implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CollectionParts.class);

  private static final int PROBE_THREADS = 2;
  private static final int PROBE_QUEUE = 100;

  /** How often the scheduler asks whether the segment list is due to be routed again. */
  private static final Duration SNAPSHOT_CHECK = Duration.ofMinutes(1);

  private final EventLog log;
  private final ThreadPoolExecutor probes;
  private final ScheduledExecutorService scheduler;
  private final DestinationService destinations;
  private final AudienceSegmentService segments;
  private final List<ApiServer.Routes> routes;
  private boolean closed;

  private CollectionParts(
      EventLog log,
      ThreadPoolExecutor probes,
      ScheduledExecutorService scheduler,
      DestinationService destinations,
      AudienceSegmentService segments,
      List<ApiServer.Routes> routes) {
    this.log = log;
    this.probes = probes;
    this.scheduler = scheduler;
    this.destinations = destinations;
    this.segments = segments;
    this.routes = routes;
  }

  static CollectionParts start(
      HivewireConfig config,
      Database database,
      ApiKeys keys,
      ObjectMapper json,
      MeterRegistry registry,
      Function<S3ClientSettings, ObjectStore> stores,
      NodeId node,
      BooleanSupplier snapshotTurn,
      InstantSource clock) {
    CredentialVault vault =
        new CredentialVault(
            new SecretCipher(
                new MasterKeySource(
                        config.collect().masterKey().map(Secret::value),
                        config.collect().masterKeyFile(),
                        new SecureRandom())
                    .load(config.dataDir()),
                new SecureRandom()));
    long quota = config.collect().eventLogMaxBytes();
    EventLog log = openLog(config, quota, node);
    // From Kafka, the worker in file names is the node that cut them: node ids differ between
    // nodes, where two nodes on one host would share a host name.
    WorkerId worker = log instanceof WalEventLog ? workerId() : new WorkerId(node.value());
    ThreadPoolExecutor probes =
        new ThreadPoolExecutor(
            PROBE_THREADS,
            PROBE_THREADS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(PROBE_QUEUE),
            Thread.ofVirtual().name("routing-probe-", 0).factory());
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("segment-snapshots").factory());
    try {
      DestinationService destinations =
          new DestinationService(
              new DestinationService.Parts(
                  new DestinationRepository(database),
                  vault,
                  log,
                  stores,
                  registry,
                  config.dataDir().resolve("routing"),
                  worker,
                  config.cluster().roles().has(NodeRole.ROUTE)),
              probes,
              clock);
      destinations.startActive();
      CollectMetrics metrics = new CollectMetrics(registry);
      if (log instanceof WalEventLog local) {
        bindLogMeters(local, quota, registry);
      }
      EventLog appends = new MeteredEventLog(log, registry, refused -> {});
      IdentityService identities =
          new IdentityService(
              new IdentityRepository(database),
              new IdentityResolver(UUID::randomUUID),
              appends,
              clock);
      EventLimits limits = EventLimits.defaults();
      EventCollector collector =
          new EventCollector(
              new EventBatchReader(
                  limits, json, new EventValidator(limits, json, UUID::randomUUID)),
              identities,
              new MeteredEventLog(
                  log, registry, refused -> metrics.rejected(CollectMetrics.LOG_FULL, refused)),
              clock);
      AudienceSegmentService segments =
          new AudienceSegmentService(
              new AudienceSegmentRepository(database),
              appends,
              clock,
              config.collect().segmentSnapshotInterval());
      long checkMillis =
          Math.min(SNAPSHOT_CHECK.toMillis(), segments.snapshotInterval().toMillis());
      scheduler.scheduleWithFixedDelay(
          () -> resnapshotQuietly(segments, snapshotTurn),
          checkMillis,
          checkMillis,
          TimeUnit.MILLISECONDS);
      EventLogFull full =
          new EventLogFull(
              "raise "
                  + ConfigKey.EVENT_LOG_MAX_BYTES.path()
                  + " (environment "
                  + ConfigKey.EVENT_LOG_MAX_BYTES.envName()
                  + ", now "
                  + quota
                  + " bytes) to give the log more room, and check why routing is behind with GET"
                  + " /api/v1/routing");
      List<ApiServer.Routes> routes =
          List.of(
              new CollectRoutes(
                  collector,
                  identities,
                  keys,
                  json,
                  config.collect().maxBodyBytes(),
                  full,
                  metrics),
              new AudienceSegmentRoutes(segments, json, UUID::randomUUID, full),
              new RoutingRoutes(destinations, json),
              new ApiKeyRoutes(keys, json));
      return new CollectionParts(log, probes, scheduler, destinations, segments, routes);
    } catch (RuntimeException e) {
      scheduler.shutdownNow();
      probes.shutdownNow();
      log.close();
      throw e;
    }
  }

  /**
   * The local write-ahead log under the data dir, or the topics on Kafka when {@code
   * event-log.kind} is kafka (this node's producer named after its node id, which differs between
   * two nodes on one host where host names do not).
   */
  private static EventLog openLog(HivewireConfig config, long quota, NodeId node) {
    return config
        .collect()
        .eventLog()
        .kafka()
        .<EventLog>map(kafka -> KafkaEventLog.open(kafka.settings(node.value())))
        .orElseGet(
            () -> WalEventLog.open(WalSettings.withQuota(config.dataDir().resolve("log"), quota)));
  }

  /**
   * The log's size, quota and fsyncs, so that a filling log can be alerted on before it is full.
   */
  private static void bindLogMeters(WalEventLog log, long quota, MeterRegistry registry) {
    Gauge.builder("hivewire.collect.log.size", log, WalEventLog::sizeBytes)
        .description("bytes the event log occupies")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("hivewire.collect.log.quota", () -> quota)
        .description("the event log's disk quota (event-log.max-bytes)")
        .baseUnit("bytes")
        .register(registry);
    FunctionCounter.builder("hivewire.collect.log.fsyncs", log, WalEventLog::syncCount)
        .description(
            "times the log was forced to disk: once per group of appends and per segment sealed")
        .register(registry);
  }

  /** Of several nodes that collect, only the one holding the schedule's lease routes the list. */
  private static void resnapshotQuietly(
      AudienceSegmentService segments, BooleanSupplier snapshotTurn) {
    try {
      if (snapshotTurn.getAsBoolean()) {
        segments.resnapshotIfDue();
      }
    } catch (RuntimeException e) {
      // The next check tries again; a scheduled task that throws would never run again.
      LOG.warn("routing the segment list again failed: {}", e.toString());
    }
  }

  List<ApiServer.Routes> routes() {
    return routes;
  }

  /** The routing destinations (the dashboard's Routing page shows them). */
  DestinationService destinations() {
    return destinations;
  }

  /** The segments (the dashboard's Segments pages edit them through the API's service). */
  AudienceSegmentService segments() {
    return segments;
  }

  private static WorkerId workerId() {
    try {
      return WorkerId.fromHostName(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      // No resolvable host name (e.g. a bare container): any stable id will do.
      return new WorkerId("worker");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    scheduler.shutdownNow();
    probes.shutdownNow();
    try (log) {
      destinations.close();
    }
  }
}
