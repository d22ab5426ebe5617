package io.hivewire.imports;

import io.hivewire.cluster.LeaseKeeper;
import io.hivewire.connections.ConnectionRepository;
import io.hivewire.connections.DiscoverySnapshotRepository;
import io.hivewire.connections.SourceAccess;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.importer.DataType;
import io.hivewire.importer.ImportDefinition;
import io.hivewire.importer.ImportMode;
import io.hivewire.importer.ImportRun;
import io.hivewire.importer.OnError;
import io.hivewire.importer.Schedule;
import io.hivewire.importer.StoredImport;
import io.hivewire.importer.filter.PartitionFilter;
import io.hivewire.importer.filter.PartitionFilterException;
import io.hivewire.imports.ImportTableStore.StoredReject;
import io.hivewire.source.discovery.DiscoveredTable;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Creates, lists and deletes imports of discovered tables, starts their runs (one per import at a
 * time) and reads their runs and rejects. Runs execute in the background ({@link ImportExecution}).
 */
public final class ImportService implements AutoCloseable {

  /** The rejects a page holds when the request does not say. */
  public static final int DEFAULT_REJECTS = 100;

  /** The most rejects a page holds. */
  public static final int MAX_REJECTS = 1000;

  /** The runs a page holds when the request does not say. */
  public static final int DEFAULT_RUNS = 50;

  /** The most runs a page holds. */
  public static final int MAX_RUNS = 500;

  /** Bad rows allowed per file under SKIP and REJECT when the request does not say. */
  public static final int DEFAULT_MAX_ERRORS = 100;

  private final ImportRepository imports;
  private final ImportRunRepository runs;
  private final ImportTableStore tables;
  private final ImportTarget target;
  private final ImportSchemaService schemas;
  private final ImportExecution execution;
  private final InstantSource clock;
  private final ImportScheduler scheduler;
  private final boolean claimsRuns;
  private boolean closed;

  /** The stores imports work on. */
  public record Stores(
      ConnectionRepository connections,
      DiscoverySnapshotRepository snapshots,
      ImportRepository imports,
      ImportRunRepository runs,
      ImportTableStore tables) {
    public Stores {
      Objects.requireNonNull(connections, "connections is null");
      Objects.requireNonNull(snapshots, "snapshots is null");
      Objects.requireNonNull(imports, "imports is null");
      Objects.requireNonNull(runs, "runs is null");
      Objects.requireNonNull(tables, "tables is null");
    }
  }

  /**
   * How many runs execute at once, how many files each loads at once, how often to check for due
   * schedules, and whether this node claims runs and schedules at all (its {@code work} role).
   */
  public record Settings(
      int runWorkers, int filesPerRun, Duration schedulerTick, boolean claimsRuns) {
    public Settings {
      if (runWorkers < 1 || filesPerRun < 1) {
        throw new IllegalArgumentException(
            "runWorkers and filesPerRun must be at least 1, got "
                + runWorkers
                + ", "
                + filesPerRun);
      }
      Objects.requireNonNull(schedulerTick, "schedulerTick is null");
    }
  }

  private ImportService(
      Stores stores,
      ImportSchemaService schemas,
      SourceAccess access,
      Settings settings,
      ImportMetrics metrics,
      LeaseKeeper leases,
      InstantSource clock) {
    this.imports = stores.imports();
    this.runs = stores.runs();
    this.tables = stores.tables();
    this.schemas = schemas;
    this.target = new ImportTarget(stores.connections(), stores.snapshots(), schemas);
    this.clock = Objects.requireNonNull(clock, "clock is null");
    this.execution =
        new ImportExecution(
            imports, runs, tables, target, access, clock, settings, metrics, leases);
    this.scheduler =
        new ImportScheduler(
            imports,
            runs,
            this::startScheduled,
            clock,
            settings.schedulerTick(),
            () -> leases.acquire(ImportScheduler.LEASE));
    this.claimsRuns = settings.claimsRuns();
  }

  /**
   * Starts claiming runs, which resumes those a stopped node left unfinished once their leases
   * expired, and the scheduler: imports with an interval schedule run when due. A node that does
   * not claim runs only queues them, for the nodes that do.
   *
   * @param schemas records the columns of new imports and gives runs the columns their import knows
   * @param metrics counts the runs and what they load
   * @param leases the node's leases, under which it holds the runs it executes and the scheduler
   */
  public static ImportService start(
      Stores stores,
      ImportSchemaService schemas,
      SourceAccess access,
      Settings settings,
      ImportMetrics metrics,
      LeaseKeeper leases,
      InstantSource clock) {
    Objects.requireNonNull(stores, "stores is null");
    Objects.requireNonNull(schemas, "schemas is null");
    Objects.requireNonNull(access, "access is null");
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(leases, "leases is null");
    ImportService service =
        new ImportService(stores, schemas, access, settings, metrics, leases, clock);
    try {
      service.execution.start();
      if (service.claimsRuns) {
        service.scheduler.start();
      }
      return service;
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  /**
   * Stops the scheduler, then the runs still going after a grace period; their leases are given up
   * so that another node resumes them.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      scheduler.close();
    } finally {
      execution.close();
    }
  }

  /**
   * An import with its latest run, if it ran, and the names of the columns it loads (those it
   * lists, or all the columns it knows when it lists none).
   */
  public record ImportDetails(
      StoredImport stored, Optional<ImportRun> lastRun, List<String> columns) {
    public ImportDetails {
      Objects.requireNonNull(stored, "stored is null");
      Objects.requireNonNull(lastRun, "lastRun is null");
      columns = List.copyOf(Objects.requireNonNull(columns, "columns is null"));
    }
  }

  /**
   * Checks the request against the connection's discovered table and stores the import with that
   * table's columns: the columns its runs load until schema changes are accepted.
   *
   * @throws InvalidInputException naming the field and every rule broken
   * @throws ConflictException when the connection is not {@code ACTIVE}
   * @throws NotFoundException when the connection does not exist
   */
  public ImportDetails create(ImportRequest request) {
    ImportDefinition definition = definition(request);
    DiscoveredTable table = target.check(definition);
    StoredImport stored = imports.create(definition, clock.instant());
    try {
      schemas.recordSchema(stored.id(), table);
    } catch (RuntimeException e) {
      try {
        imports.delete(stored.id());
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    return new ImportDetails(stored, Optional.empty(), schemas.loadedColumns(stored));
  }

  public List<ImportDetails> list() {
    Map<UUID, ImportRun> latest = runs.latestByImport();
    return imports.list().stream()
        .map(
            stored ->
                new ImportDetails(
                    stored,
                    Optional.ofNullable(latest.get(stored.id())),
                    schemas.loadedColumns(stored)))
        .toList();
  }

  public ImportDetails get(UUID id) {
    return details(find(id));
  }

  /**
   * Changes the fields of {@code change} that are present. New columns are added to the import's
   * table, NULL in the rows already loaded until a reload; columns left out are dropped from it.
   *
   * @throws InvalidInputException naming every field that breaks a rule
   * @throws ConflictException when the columns change while a run is queued or running
   * @throws NotFoundException when the import does not exist
   */
  public synchronized ImportDetails update(UUID id, ImportChange change) {
    StoredImport stored = find(id);
    ImportEdit edit = ImportEdit.of(stored.definition(), change, () -> schemas.knownTable(stored));
    if (!edit.added().isEmpty() || !edit.dropped().isEmpty()) {
      refuseWhileARunIsActive(id, "its columns can change once the run has finished", "");
    }
    if (!imports.update(stored, edit.after(), edit.added(), edit.dropped())) {
      throw new ConflictException(
          "the columns of import "
              + id
              + " changed while changing it (columns accepted meanwhile?): GET /api/v1/imports/"
              + id
              + " shows them; try again");
    }
    return details(find(id));
  }

  /**
   * Deletes an import and drops its table. Refused while a run is queued or running: a run would
   * otherwise write into a table being dropped.
   */
  public synchronized void delete(UUID id) {
    find(id);
    refuseWhileARunIsActive(id, "wait until it has finished", " and delete the import again");
    // The database drops the import's tables with its row (a trigger), as it does when the
    // connection is deleted and its imports go with it.
    imports.delete(id);
  }

  /**
   * Queues a run for the nodes that work (this one first, when it does).
   *
   * @throws ConflictException naming the run already queued or running, or the status of the
   *     import's connection when it is not {@code ACTIVE}
   */
  public ImportRun startRun(UUID id) {
    return startRun(id, false);
  }

  /**
   * Queues a run, one that reloads every file when {@code reload} (to fill columns taken in after
   * the files were loaded), for the nodes that work.
   *
   * @throws ConflictException as {@link #startRun(UUID)}
   */
  public ImportRun startRun(UUID id, boolean reload) {
    target.active(find(id).definition().connectionId());
    return queue(id, reload)
        .orElseThrow(
            () -> {
              String running =
                  runs.active(id).map(r -> r.id() + " (" + r.status() + ")").orElse("");
              return new ConflictException(
                  "import "
                      + id
                      + " already has run "
                      + running
                      + ": one run per import at a time; follow it at GET /api/v1/imports/"
                      + id
                      + "/runs and start another when it has finished");
            });
  }

  /**
   * Starts a scheduled run unless one is queued or running; what the scheduler calls.
   *
   * @throws ConflictException when the import's connection is not {@code ACTIVE}
   */
  Optional<ImportRun> startScheduled(StoredImport stored) {
    // The import is not re-read: if it was deleted since it was listed, the database refuses its
    // run (the scheduler logs that and goes on with the others; the import is gone at the next
    // tick), and a run queued just before the delete is dropped by ImportExecution.
    target.active(stored.definition().connectionId());
    return queue(stored.id(), false);
  }

  private synchronized Optional<ImportRun> queue(UUID id, boolean reload) {
    Optional<ImportRun> queued = runs.queue(id, reload, clock.instant());
    queued.ifPresent(run -> execution.wake());
    return queued;
  }

  /** The runs this node executes now, under their leases. */
  public Set<UUID> runsHere() {
    return execution.owned();
  }

  /**
   * A page of the import's runs, newest first: the newest {@code limit}, or the {@code limit} that
   * follow run {@code before} (the last run of the page before).
   *
   * @throws InvalidInputException when {@code limit} is out of range or {@code before} is not a run
   *     of this import
   */
  public RunPage runs(UUID id, Optional<UUID> before, int limit) {
    find(id);
    return runPage(id, before, limit);
  }

  /**
   * The import as {@link #get} shows it with the page of runs {@link #runs} shows, in three reads
   * where both take five or six: the newest page's first run is the import's latest, and an older
   * page is read with it and with its start in one query.
   *
   * @throws InvalidInputException as {@link #runs}
   */
  public ImportWithRuns withRuns(UUID id, Optional<UUID> before, int limit) {
    StoredImport stored = find(id);
    checkRunLimit(limit);
    Optional<ImportRun> latest;
    List<ImportRun> page;
    if (before.isEmpty()) {
      page = runs.page(id, before, limit + 1);
      latest = page.stream().findFirst();
    } else {
      ImportRunRepository.OlderRuns older = runs.olderPage(id, before.get(), limit + 1);
      if (!older.beforeFound()) {
        throw notARunOf(id, before.get());
      }
      page = older.page();
      latest = older.latest();
    }
    return new ImportWithRuns(
        new ImportDetails(stored, latest, schemas.loadedColumns(stored)), runPage(page, limit));
  }

  /** An import and one page of its runs. */
  public record ImportWithRuns(ImportDetails details, RunPage runs) {
    public ImportWithRuns {
      Objects.requireNonNull(details, "details is null");
      Objects.requireNonNull(runs, "runs is null");
    }
  }

  private RunPage runPage(UUID id, Optional<UUID> before, int limit) {
    checkRunLimit(limit);
    if (before.isPresent()
        && runs.find(before.get()).filter(r -> r.importId().equals(id)).isEmpty()) {
      throw notARunOf(id, before.get());
    }
    return runPage(runs.page(id, before, limit + 1), limit);
  }

  /** The first {@code limit} of {@code runs}, read one past the limit to know if more follow. */
  private static RunPage runPage(List<ImportRun> runs, int limit) {
    if (runs.size() <= limit) {
      return new RunPage(runs, Optional.empty());
    }
    List<ImportRun> shown = runs.subList(0, limit);
    return new RunPage(shown, Optional.of(shown.getLast().id()));
  }

  private static void checkRunLimit(int limit) {
    if (limit < 1 || limit > MAX_RUNS) {
      throw new InvalidInputException(
          "limit", "limit " + limit + " is out of range: enter 1 to " + MAX_RUNS + " runs a page");
    }
  }

  private static InvalidInputException notARunOf(UUID id, UUID before) {
    return new InvalidInputException(
        "before",
        "before "
            + before
            + " is not a run of import "
            + id
            + ": pass the id of the last run of a page (the next link carries it), or leave"
            + " before out for the newest runs");
  }

  /**
   * Runs of an import, newest first, and the id to pass as {@code before} for the older ones (empty
   * when there are none).
   */
  public record RunPage(List<ImportRun> runs, Optional<UUID> next) {
    public RunPage {
      runs = List.copyOf(Objects.requireNonNull(runs, "runs is null"));
      Objects.requireNonNull(next, "next is null");
    }
  }

  public ImportRun run(UUID id, UUID runId) {
    find(id);
    return runs.find(runId)
        .filter(run -> run.importId().equals(id))
        .orElseThrow(
            () ->
                new NotFoundException(
                    "import "
                        + id
                        + " has no run "
                        + runId
                        + ": GET /api/v1/imports/"
                        + id
                        + "/runs lists its runs"));
  }

  /** Rows the import left out (onError REJECT), oldest first, {@code limit} after {@code after}. */
  public List<StoredReject> rejects(UUID id, long after, int limit) {
    find(id);
    if (limit < 1 || limit > MAX_REJECTS) {
      throw new InvalidInputException(
          "limit", "limit " + limit + " is out of range: enter 1 to " + MAX_REJECTS);
    }
    if (after < 0) {
      throw new InvalidInputException(
          "after", "after " + after + " is negative: pass the id of the last reject of a page");
    }
    return tables.rejects(id, after, limit);
  }

  private ImportDetails details(StoredImport stored) {
    return new ImportDetails(stored, runs.latest(stored.id()), schemas.loadedColumns(stored));
  }

  private StoredImport find(UUID id) {
    return imports
        .find(id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no import with id " + id + ": GET /api/v1/imports lists the existing ones"));
  }

  private static ImportDefinition definition(ImportRequest request) {
    String name = required(request.name(), "name", "a name for the import");
    UUID connectionId =
        connectionId(
            required(request.connectionId(), "connectionId", "the id of an ACTIVE connection"));
    String table = required(request.table(), "table", "the name of a discovered table");
    DataType dataType =
        enumValue(
            required(request.dataType(), "dataType", "what the rows are"),
            "dataType",
            DataType.class);
    Optional<PartitionFilter> filter =
        request.partitionFilter().filter(text -> !text.isBlank()).map(ImportService::filter);
    Schedule schedule =
        request.schedule().map(ImportService::schedule).orElse(new Schedule.Manual());
    ImportMode mode =
        request
            .mode()
            .map(text -> enumValue(text, "mode", ImportMode.class))
            .orElse(ImportMode.INCREMENTAL);
    OnError onError =
        request
            .onError()
            .map(text -> enumValue(text, "onError", OnError.class))
            .orElse(OnError.FAIL);
    int maxErrors = request.maxErrors().orElse(DEFAULT_MAX_ERRORS);
    if (maxErrors < 0) {
      throw new InvalidInputException(
          "maxErrors",
          "maxErrors is " + maxErrors + ": it counts bad rows allowed per file, 0 or more");
    }
    return new ImportDefinition(
        name.strip(),
        connectionId,
        table,
        dataType,
        request.mapping(),
        request.columns(),
        filter,
        schedule,
        mode,
        onError,
        maxErrors);
  }

  private static PartitionFilter filter(String text) {
    try {
      return PartitionFilter.parse(text);
    } catch (PartitionFilterException e) {
      throw new InvalidInputException("partitionFilter", e.getMessage());
    }
  }

  private static String required(Optional<String> value, String field, String what) {
    return value
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> new InvalidInputException(field, field + " is required: enter " + what));
  }

  private static UUID connectionId(String text) {
    try {
      return UUID.fromString(text.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "connectionId",
          "connectionId '" + text + "' is not a connection id: GET /api/v1/connections lists them");
    }
  }

  static Schedule schedule(String text) {
    try {
      return Schedule.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("schedule", e.getMessage());
    }
  }

  static <E extends Enum<E>> E enumValue(String text, String field, Class<E> type) {
    try {
      return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          field,
          field
              + " '"
              + text
              + "' is not one of "
              + Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
    }
  }

  /** Refuses a change that a queued or running run of the import would collide with. */
  private void refuseWhileARunIsActive(UUID id, String until, String then) {
    Optional<ImportRun> active = runs.active(id);
    if (active.isPresent()) {
      throw new ConflictException(
          "import "
              + id
              + " has run "
              + active.get().id()
              + " "
              + active.get().status()
              + ": "
              + until
              + " (GET /api/v1/imports/"
              + id
              + "/runs/"
              + active.get().id()
              + ")"
              + then);
    }
  }
}
