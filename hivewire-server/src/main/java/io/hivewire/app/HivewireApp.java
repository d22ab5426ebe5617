package io.hivewire.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hivewire.config.HivewireConfig;
import io.hivewire.config.LocalS3Config;
import io.hivewire.http.ApiServer;
import io.hivewire.http.ConnectionRoutes;
import io.hivewire.http.ImportRoutes;
import io.hivewire.http.ImportSchemaRoutes;
import io.hivewire.locals3.LocalS3;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.server.ApiKeys;
import io.hivewire.server.BackgroundWork;
import io.hivewire.server.ConnectionService;
import io.hivewire.server.ImportSchemaService;
import io.hivewire.server.ImportService;
import io.hivewire.server.PolicyService;
import io.hivewire.server.ServerHealth;
import io.hivewire.server.SourceAccess;
import io.hivewire.server.SourceChecks;
import io.hivewire.source.schema.SchemaReader;
import io.hivewire.store.ApiKeyRepository;
import io.hivewire.store.ConnectionRepository;
import io.hivewire.store.Database;
import io.hivewire.store.DatabaseInfo;
import io.hivewire.store.DiscoverySnapshotRepository;
import io.hivewire.store.ImportRepository;
import io.hivewire.store.ImportSchemaRepository;
import io.hivewire.store.ResyncRepository;
import io.hivewire.web.Dashboard;
import io.hivewire.web.Sessions;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A running hivewire server: database, optional local S3, background workers and the HTTP API,
 * started in that order and closed in reverse.
 */
public final class HivewireApp implements AutoCloseable {

  /** A dashboard session left unused this long is gone: the user signs in again. */
  static final Duration DASHBOARD_IDLE = Duration.ofMinutes(30);

  private final Deque<AutoCloseable> resources;
  private final Database database;
  private final Optional<LocalS3> localS3;
  private final ApiServer api;
  private final ConnectionService connections;
  private final ImportService imports;
  private final Optional<String> createdApiKey;
  private final ApiKeys apiKeys;
  private final String host;
  private boolean closed;

  private HivewireApp(Builder parts) {
    this.resources = parts.resources;
    this.database = parts.database;
    this.localS3 = parts.localS3;
    this.api = parts.api;
    this.connections = parts.connections;
    this.imports = parts.imports;
    this.createdApiKey = parts.createdApiKey;
    this.apiKeys = parts.apiKeys;
    this.host = parts.host;
  }

  /**
   * Starts every part of the server.
   *
   * @param stores opens an object store for client settings (the AWS SDK one in production)
   */
  public static HivewireApp start(
      HivewireConfig config, Function<S3ClientSettings, ObjectStore> stores, InstantSource clock) {
    Objects.requireNonNull(config, "config is null");
    Objects.requireNonNull(stores, "stores is null");
    Objects.requireNonNull(clock, "clock is null");
    Builder parts = new Builder();
    boolean started = false;
    try {
      parts.database = parts.keep(Database.open(config.database(), config.dataDir()));
      parts.localS3 = startLocalS3(config, parts);
      Optional<S3ClientSettings.Credentials.Static> localKeys =
          parts.localS3.map(
              s3 -> new S3ClientSettings.Credentials.Static(s3.accessKey(), s3.secretKey()));
      SourceAccess access = new SourceAccess(config.source(), localKeys, stores);
      SourceChecks checks =
          new SourceChecks(
              access,
              store -> new SchemaReader(store)::readSchema,
              config.work().discoveryParallelism());
      BackgroundWork background =
          parts.keep(
              new BackgroundWork(
                  config.work().validationWorkers(), config.work().validationQueue()));
      ImportSchemaService importSchemas =
          new ImportSchemaService(
              new ImportRepository(parts.database),
              new ImportSchemaRepository(parts.database),
              new ConnectionRepository(parts.database),
              new DiscoverySnapshotRepository(parts.database),
              access,
              clock);
      parts.connections =
          new ConnectionService(
              new ConnectionService.Repositories(
                  new ConnectionRepository(parts.database),
                  new DiscoverySnapshotRepository(parts.database),
                  new ResyncRepository(parts.database)),
              checks,
              background,
              clock,
              importSchemas);
      ApiKeys keys = new ApiKeys(new ApiKeyRepository(parts.database), clock);
      parts.apiKeys = keys;
      parts.createdApiKey = keys.ensureAdminKey(config.apiKey());
      ObjectMapper json = json();
      Database database = parts.database;
      ServerHealth health =
          new ServerHealth(
              database::status,
              database.info().embedded() ? "embedded PostgreSQL" : "external PostgreSQL",
              parts.localS3.map(s3 -> s3.endpoint().toString()));
      PrometheusMeterRegistry registry = metrics();
      CollectionParts collection =
          parts.keep(CollectionParts.start(config, database, keys, json, registry, stores, clock));
      List<ApiServer.Routes> routes = new ArrayList<>();
      PolicyService policies = new PolicyService(config.source());
      routes.add(new ConnectionRoutes(parts.connections, policies, json));
      routes.addAll(collection.routes());
      parts.imports =
          parts.keep(ImportParts.start(config, database, importSchemas, access, registry, clock));
      routes.add(new ImportRoutes(parts.imports, json));
      routes.add(new ImportSchemaRoutes(importSchemas, json));
      routes.add(
          new Dashboard(
              new Sessions(DASHBOARD_IDLE, clock),
              new Dashboard.Services(
                  parts.connections, policies, keys, parts.imports, collection.destinations())));
      parts.api = parts.keep(ApiServer.start(config.http(), json, keys, health, registry, routes));
      parts.host = config.http().host();
      started = true;
      return new HivewireApp(parts);
    } finally {
      if (!started) {
        closeAll(parts.resources, new IllegalStateException("hivewire did not start"));
      }
    }
  }

  private static Optional<LocalS3> startLocalS3(HivewireConfig config, Builder parts) {
    LocalS3Config local = config.localS3();
    if (!local.enabled()) {
      return Optional.empty();
    }
    return Optional.of(
        parts.keep(
            LocalS3.start(
                LocalS3.Settings.onDisk(
                    config.dataDir().resolve("s3"),
                    local.port(),
                    local.accessKey(),
                    local.secretKey().value()))));
  }

  private static ObjectMapper json() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  private static PrometheusMeterRegistry metrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /** The base URL of the HTTP API, e.g. {@code http://127.0.0.1:8080}. */
  public URI baseUrl() {
    String shownHost = host.equals("0.0.0.0") ? "127.0.0.1" : host;
    return URI.create("http://" + shownHost + ":" + api.port());
  }

  public int httpPort() {
    return api.port();
  }

  /** The admin key created at this start (first start without HIVEWIRE_API_KEY), shown once. */
  public Optional<String> createdApiKey() {
    return createdApiKey;
  }

  /** The API keys (the demo issues its own through them). */
  public ApiKeys apiKeys() {
    return apiKeys;
  }

  public DatabaseInfo database() {
    return database.info();
  }

  public Optional<LocalS3> localS3() {
    return localS3;
  }

  public ConnectionService connections() {
    return connections;
  }

  public ImportService imports() {
    return imports;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    RuntimeException failure = new IllegalStateException("stopping hivewire failed");
    closeAll(resources, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private static void closeAll(Deque<AutoCloseable> resources, RuntimeException failure) {
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** The parts while they start; whatever started is closed if a later part fails. */
  private static final class Builder {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Database database;
    private Optional<LocalS3> localS3 = Optional.empty();
    private ApiServer api;
    private ConnectionService connections;
    private ImportService imports;
    private Optional<String> createdApiKey = Optional.empty();
    private ApiKeys apiKeys;
    private String host;

    <T extends AutoCloseable> T keep(T resource) {
      resources.push(resource);
      return resource;
    }
  }
}
