package io.hivewire.connections;

import io.hivewire.cluster.LeaseKeeper;
import io.hivewire.errors.BusyException;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.source.discovery.DiscoveryResult;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.MDC;

/**
 * Creates, changes and deletes connections; validates them in the background (access, region,
 * prefix, then discovery) and keeps their last discovery for the tables endpoint.
 */
public final class ConnectionService {

  /** The MDC key of the connection a background check or resync works for. */
  static final String LOG_FIELD = "connection_id";

  private final ConnectionRepository connections;
  private final DiscoverySnapshotRepository snapshots;
  private final ResyncRepository resyncs;

  /** The most rows a preview returns. */
  public static final int MAX_PREVIEW_ROWS = 1000;

  private final SourceChecks checks;
  private final TablePreviewer previewer;
  private final BackgroundWork background;
  private final InstantSource clock;
  private final ResyncFollowUp followUp;
  private final LeaseKeeper leases;
  private final boolean claims;

  /** The leases of a connection's check and of a resync run are named these and the id. */
  static final String CHECK_LEASE = "connection-check/";

  static final String RESYNC_LEASE = "resync/";

  /**
   * A service whose resyncs hand on to {@code followUp} before they complete. Checks and resyncs
   * run under a lease of {@code leases}, on this node only when {@code claims} (its {@code work}
   * role); others wait for a node that claims them ({@link #claimWaiting}).
   */
  public ConnectionService(
      Repositories repositories,
      SourceChecks checks,
      BackgroundWork background,
      InstantSource clock,
      ResyncFollowUp followUp,
      LeaseKeeper leases,
      boolean claims) {
    Objects.requireNonNull(repositories, "repositories is null");
    this.connections = repositories.connections();
    this.snapshots = repositories.snapshots();
    this.resyncs = repositories.resyncs();
    this.checks = Objects.requireNonNull(checks, "checks is null");
    this.previewer = new TablePreviewer(checks.access());
    this.background = Objects.requireNonNull(background, "background is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.followUp = Objects.requireNonNull(followUp, "followUp is null");
    this.leases = Objects.requireNonNull(leases, "leases is null");
    this.claims = claims;
  }

  /** The repositories the service works on. */
  public record Repositories(
      ConnectionRepository connections,
      DiscoverySnapshotRepository snapshots,
      ResyncRepository resyncs) {
    public Repositories {
      Objects.requireNonNull(connections, "connections is null");
      Objects.requireNonNull(snapshots, "snapshots is null");
      Objects.requireNonNull(resyncs, "resyncs is null");
    }
  }

  /** Stores a new connection as {@code PROCESSING} and starts checking it in the background. */
  public ConnectionDetails create(ConnectionRequest request) {
    ConnectionSpec spec = ConnectionInput.parse(request);
    Connection created =
        connections.create(spec, StatusChange.of(ConnectionStatus.PROCESSING, clock.instant()));
    startValidation(created);
    return details(created);
  }

  public List<ConnectionDetails> list() {
    return connections.list().stream().map(this::details).toList();
  }

  public ConnectionDetails get(UUID id) {
    return details(find(id));
  }

  /**
   * The connection alone, without its history, resyncs and discovery: for a page that only names
   * it.
   */
  public Connection connection(UUID id) {
    return find(id);
  }

  /**
   * Renames and/or changes the status: {@code INACTIVE} deactivates, {@code ACTIVE} re-activates,
   * which checks the connection again ({@code PROCESSING} until done).
   */
  public ConnectionDetails update(UUID id, Optional<String> name, Optional<String> status) {
    Connection connection = find(id);
    Optional<ConnectionStatus> target = status.map(ConnectionService::requestedStatus);
    if (name.isPresent()) {
      connections.rename(id, ConnectionInput.name(name), clock.instant());
    }
    if (target.isPresent()) {
      ConnectionStatus current = connection.status().status();
      if (target.get() == ConnectionStatus.INACTIVE && current != ConnectionStatus.INACTIVE) {
        connections.changeStatus(id, StatusChange.of(ConnectionStatus.INACTIVE, clock.instant()));
      } else if (target.get() == ConnectionStatus.ACTIVE && current != ConnectionStatus.ACTIVE) {
        connections.changeStatus(id, StatusChange.of(ConnectionStatus.PROCESSING, clock.instant()));
        startValidation(find(id));
      }
    }
    return get(id);
  }

  public void delete(UUID id) {
    if (!connections.delete(id)) {
      throw notFound(id);
    }
  }

  /** Starts re-discovering the connection's tables; the run records what changed. */
  public ResyncRun resync(UUID id) {
    Connection connection = find(id);
    if (connection.status().status() != ConnectionStatus.ACTIVE) {
      throw new ConflictException(
          "connection "
              + id
              + " is "
              + connection.status().status()
              + "; only an ACTIVE connection can be resynced: re-activate it with PATCH"
              + " {\"status\":\"ACTIVE\"} (which discovers its tables) and try again");
    }
    ResyncRun run = resyncs.start(id, clock.instant());
    try {
      submitResync(connection, run);
    } catch (BusyException e) {
      resyncs.fail(run.id(), e.getMessage(), clock.instant());
      throw e;
    }
    return run;
  }

  public List<ResyncRun> resyncs(UUID id) {
    find(id);
    return resyncs.list(id);
  }

  /** The last discovery of the connection's tables. */
  public DiscoveryView tables(UUID id) {
    Connection connection = find(id);
    DiscoverySnapshot snapshot =
        snapshots
            .find(id)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "connection "
                            + id
                            + " has no discovered tables yet (status "
                            + connection.status().status()
                            + "): wait until it is ACTIVE, or fix the reason it FAILED and"
                            + " re-activate it"));
    return new DiscoveryView(
        DiscoverySnapshotCodec.decode(snapshot.resultJson()), snapshot.discoveredAt());
  }

  /** The first rows of one discovered table, partition columns included. */
  public TablePreview preview(UUID id, String table, int limit) {
    if (limit < 1 || limit > MAX_PREVIEW_ROWS) {
      throw new InvalidInputException(
          "limit", "limit " + limit + " is out of range: enter 1 to " + MAX_PREVIEW_ROWS);
    }
    Connection connection = find(id);
    if (connection.status().status() == ConnectionStatus.INACTIVE) {
      throw new ConflictException(
          "connection " + id + " is INACTIVE: re-activate it before previewing its tables");
    }
    DiscoveryView view = tables(id);
    var discovered =
        view.result().tables().stream()
            .filter(t -> t.name().equals(table))
            .findFirst()
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "connection "
                            + id
                            + " has no table '"
                            + table
                            + "'; its tables are "
                            + view.result().tables().stream().map(t -> t.name()).toList()
                            + " (a table that was just added shows after a resync)"));
    return previewer.preview(connection.spec(), discovered, limit);
  }

  /**
   * Claims the checks and resyncs that wait for a node: queued on a node that does not work, left
   * by a node that died (once its leases expired), or refused by a full queue. A node that works
   * calls it every poll.
   */
  public void claimWaiting() {
    if (!claims) {
      return;
    }
    for (Connection connection : connections.list()) {
      if (connection.status().status() == ConnectionStatus.PROCESSING) {
        submitQuietly(() -> submitValidation(connection));
      }
    }
    for (ResyncRun run : resyncs.inProgress()) {
      connections
          .find(run.connectionId())
          .ifPresent(connection -> submitQuietly(() -> submitResync(connection, run)));
    }
  }

  private static void submitQuietly(Runnable submit) {
    try {
      submit.run();
    } catch (BusyException e) {
      // The queue is full: the work stays waiting in the database for a later poll.
    }
  }

  private void submitResync(Connection connection, ResyncRun run) {
    submitLeased(
        RESYNC_LEASE + run.id(),
        "the resync of connection " + connection.id(),
        logged(
            connection.id(),
            () -> {
              // Listed before it was claimed: another node may have finished it meanwhile.
              if (resyncs
                  .find(run.id())
                  .filter(r -> r.status() == ResyncStatus.IN_PROGRESS)
                  .isPresent()) {
                runResync(connection, run);
              }
            }));
  }

  private void submitValidation(Connection connection) {
    submitLeased(
        CHECK_LEASE + connection.id(),
        "the check of connection " + connection.id(),
        logged(
            connection.id(),
            () ->
                connections
                    .find(connection.id())
                    .filter(c -> c.status().status() == ConnectionStatus.PROCESSING)
                    .ifPresent(this::validate)));
  }

  /** Runs {@code work} in the background under lease {@code name}, unless a node holds it. */
  private void submitLeased(String name, String what, Runnable work) {
    if (!claims || leases.claim(List.of(name), 1).isEmpty()) {
      return;
    }
    try {
      background.submit(
          what,
          () -> {
            try {
              work.run();
            } finally {
              leases.release(name);
            }
          });
    } catch (BusyException e) {
      leases.release(name);
      throw e;
    }
  }

  private void startValidation(Connection connection) {
    try {
      submitValidation(connection);
    } catch (BusyException e) {
      connections.changeStatus(
          connection.id(), StatusChange.failed("busy", e.getMessage(), clock.instant()));
      throw e;
    }
  }

  /**
   * {@code work} with the connection's id as {@code connection_id} on the lines it logs (the
   * checks' and the AWS SDK's), so a log search for one connection finds its background work.
   */
  private static Runnable logged(UUID connection, Runnable work) {
    return () -> {
      MDC.put(LOG_FIELD, connection.toString());
      try {
        work.run();
      } finally {
        MDC.remove(LOG_FIELD);
      }
    };
  }

  private void validate(Connection connection) {
    SourceChecks.Outcome outcome = checks.validate(connection.spec());
    StatusChange change =
        switch (outcome) {
          case SourceChecks.Outcome.Passed passed -> {
            snapshots.save(
                new DiscoverySnapshot(
                    connection.id(),
                    DiscoverySnapshotCodec.encode(passed.result()),
                    clock.instant()));
            yield StatusChange.of(ConnectionStatus.ACTIVE, clock.instant());
          }
          case SourceChecks.Outcome.Failed failed ->
              StatusChange.failed(failed.reason(), failed.message(), clock.instant());
        };
    // Only a connection still PROCESSING takes the outcome: a user may have deactivated it since.
    connections.changeStatusIf(connection.id(), Optional.of(ConnectionStatus.PROCESSING), change);
  }

  private void runResync(Connection connection, ResyncRun run) {
    Optional<DiscoveryResult> previous =
        snapshots.find(connection.id()).map(s -> DiscoverySnapshotCodec.decode(s.resultJson()));
    SourceChecks.Outcome outcome = checks.validate(connection.spec());
    switch (outcome) {
      case SourceChecks.Outcome.Passed passed -> {
        snapshots.save(
            new DiscoverySnapshot(
                connection.id(), DiscoverySnapshotCodec.encode(passed.result()), clock.instant()));
        try {
          followUp.resynced(connection.id(), previous);
        } catch (RuntimeException e) {
          resyncs.fail(
              run.id(),
              "the tables were discovered, but checking the connection's imports for schema"
                  + " changes failed: "
                  + e.getMessage(),
              clock.instant());
          return;
        }
        resyncs.complete(
            run.id(),
            ResyncChangesJson.render(previous.orElse(ResyncChangesJson.NOTHING), passed.result()),
            clock.instant());
      }
      case SourceChecks.Outcome.Failed failed ->
          resyncs.fail(run.id(), failed.reason() + ": " + failed.message(), clock.instant());
    }
  }

  private static ConnectionStatus requestedStatus(String value) {
    return switch (value.strip().toUpperCase(java.util.Locale.ROOT)) {
      case "ACTIVE" -> ConnectionStatus.ACTIVE;
      case "INACTIVE" -> ConnectionStatus.INACTIVE;
      default ->
          throw new InvalidInputException(
              "status",
              "status '"
                  + value
                  + "' cannot be set: enter INACTIVE to deactivate the connection or ACTIVE to"
                  + " re-activate it (PROCESSING and FAILED are set by hivewire)");
    };
  }

  private Connection find(UUID id) {
    return connections.find(id).orElseThrow(() -> notFound(id));
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException(
        "no connection with id " + id + ": GET /api/v1/connections lists the existing ones");
  }

  private ConnectionDetails details(Connection connection) {
    List<ResyncRun> runs = resyncs.list(connection.id());
    return new ConnectionDetails(
        connection,
        connections.history(connection.id()),
        runs.isEmpty() ? Optional.empty() : Optional.of(runs.getFirst()),
        snapshots.find(connection.id()).map(DiscoverySnapshot::discoveredAt));
  }
}
