package io.hivewire.http;

import io.hivewire.cluster.NodeStatus;
import io.hivewire.store.DatabaseStatus;
import io.hivewire.store.DatabaseUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the server can do its job now: its database answers. */
public final class ServerHealth {

  private static final Logger log = LoggerFactory.getLogger(ServerHealth.class);

  /**
   * How long an API call trusts the latest check of the database before checking again: a call made
   * while the database is known to be down fails at once instead of waiting on the pool.
   */
  static final Duration RECHECK_AFTER = Duration.ofSeconds(1);

  /**
   * What {@code /health} reports; {@code routing} names the log partitions this node routes, per
   * destination id.
   */
  public record Report(
      DatabaseStatus databaseStatus,
      String database,
      String localS3,
      Optional<NodeStatus> node,
      Map<String, List<String>> routing) {
    public Report {
      routing = Map.copyOf(Objects.requireNonNull(routing, "routing is null"));
      Objects.requireNonNull(node, "node is null");
      Objects.requireNonNull(databaseStatus, "databaseStatus is null");
      Objects.requireNonNull(database, "database is null");
      Objects.requireNonNull(localS3, "localS3 is null");
    }

    public boolean databaseUp() {
      return databaseStatus.up();
    }

    public boolean up() {
      return databaseUp();
    }
  }

  private record Checked(DatabaseStatus status, long atNanos) {}

  private final Supplier<DatabaseStatus> databaseCheck;
  private final String databaseKind;
  private final Optional<String> localS3Endpoint;
  private final AtomicReference<Checked> latest = new AtomicReference<>();
  private final Supplier<Optional<NodeStatus>> node;
  private final Supplier<Map<String, List<String>>> routing;

  /**
   * @param databaseCheck checks the database now, answering within a second whatever is down
   */
  public ServerHealth(
      Supplier<DatabaseStatus> databaseCheck,
      String databaseKind,
      Optional<String> localS3Endpoint) {
    this(databaseCheck, databaseKind, localS3Endpoint, Optional::empty, Map::of);
  }

  private ServerHealth(
      Supplier<DatabaseStatus> databaseCheck,
      String databaseKind,
      Optional<String> localS3Endpoint,
      Supplier<Optional<NodeStatus>> node,
      Supplier<Map<String, List<String>>> routing) {
    this.databaseCheck = Objects.requireNonNull(databaseCheck, "databaseCheck is null");
    this.databaseKind = Objects.requireNonNull(databaseKind, "databaseKind is null");
    this.localS3Endpoint = Objects.requireNonNull(localS3Endpoint, "localS3Endpoint is null");
    this.node = node;
    this.routing = routing;
  }

  /** The same checks, reporting this node's id, roles and leases as well. */
  public ServerHealth withNode(Supplier<NodeStatus> status) {
    Objects.requireNonNull(status, "status is null");
    return new ServerHealth(
        databaseCheck, databaseKind, localS3Endpoint, () -> Optional.of(status.get()), routing);
  }

  /** The same checks, reporting the log partitions this node routes per destination as well. */
  public ServerHealth withRouting(Supplier<Map<String, List<String>>> partitions) {
    Objects.requireNonNull(partitions, "partitions is null");
    return new ServerHealth(databaseCheck, databaseKind, localS3Endpoint, node, partitions);
  }

  public Report check() {
    return new Report(
        checkDatabase(), databaseKind, localS3Endpoint.orElse("off"), node.get(), routing.get());
  }

  /**
   * Throws {@link DatabaseUnavailableException} naming the database and what to do when it did not
   * answer its latest check, checking again when that is older than {@link #RECHECK_AFTER}.
   */
  public void requireDatabase() {
    Checked known = latest.get();
    DatabaseStatus status =
        known != null && System.nanoTime() - known.atNanos() < RECHECK_AFTER.toNanos()
            ? known.status()
            : checkDatabase();
    if (status.outage().isPresent()) {
      throw new DatabaseUnavailableException(status.outage().get());
    }
  }

  private DatabaseStatus checkDatabase() {
    DatabaseStatus status = databaseCheck.get();
    Checked previous = latest.getAndSet(new Checked(status, System.nanoTime()));
    boolean wasUp = previous == null || previous.status().up();
    if (wasUp && !status.up()) {
      log.warn("{}", status.outage().orElseThrow());
    } else if (!wasUp && status.up()) {
      log.info("hivewire's database answers again");
    }
    return status;
  }
}
