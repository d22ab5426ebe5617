package io.hivewire.cli;

import io.hivewire.app.DataDirLock;
import io.hivewire.app.FileLogging;
import io.hivewire.config.LogFormat;
import io.hivewire.destination.DestinationPrefix;
import io.hivewire.destination.PermissionProbe;
import io.hivewire.destination.ProbeResult;
import io.hivewire.routing.DestinationStatus;
import io.hivewire.routing.RotationPolicy;
import io.hivewire.routing.RoutingDestination;
import io.hivewire.routing.RoutingProgress;
import io.hivewire.routing.RoutingSettings;
import io.hivewire.routing.Sleeper;
import io.hivewire.routing.Uploader;
import io.hivewire.routing.WorkerId;
import io.hivewire.routing.intake.AppendPipeline;
import io.hivewire.routing.intake.JsonRecordParser;
import io.hivewire.routing.intake.LineInput;
import io.hivewire.routing.log.AppendTooLargeException;
import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import io.hivewire.routing.log.wal.WalEventLog;
import io.hivewire.routing.log.wal.WalSettings;
import io.hivewire.s3.Encryption;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hivewire route}: JSON lines through the event log and the routing writer into a bucket.
 */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    description = {
      "Routes JSON lines (one record per line) through the local event log into a bucket, in the"
          + " streaming-routing layout, and exits once every line is uploaded.",
      "Run it again with the same --data-dir and no input to finish what an interrupted run left."
    })
public final class RouteCommand implements Callable<Integer> {

  private static final int BATCH_LINES = 1000;
  private static final int MAX_REPORTED_INVALID = 100;
  private static final String DESTINATION = "route";
  private static final String CREDENTIALS_HINT =
      " (hivewire route uses AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with --endpoint, else the"
          + " AWS default credential chain)";

  @Option(names = "--type", required = true, description = "events, sync_aliases or segment")
  String type;

  @Option(names = "--bucket", required = true, description = "the bucket to write to")
  String bucket;

  @Option(names = "--prefix", defaultValue = "", description = "key prefix, e.g. permutive/")
  String prefix;

  @Option(names = "--endpoint", description = "an S3-compatible endpoint URL (path-style)")
  Optional<URI> endpoint;

  @Option(
      names = "--region",
      description = "the bucket's region (default: $AWS_REGION or us-east-1)")
  Optional<String> region;

  @Option(names = "--worker-id", description = "the worker id in file names (default: host name)")
  Optional<String> workerId;

  @Option(
      names = "--flush-interval",
      defaultValue = "5m",
      description = "how long a file stays open: 1s to hours, e.g. 30s, 5m (default 5m)")
  String flushInterval;

  @Option(
      names = "--gzip-level",
      defaultValue = "" + RoutingSettings.DEFAULT_GZIP_LEVEL,
      description = "gzip level 1 (fastest) to 9 (smallest)")
  int gzipLevel;

  @Option(
      names = "--gzip-threads",
      description = "threads that compress, block by block (default: one per core)")
  Optional<Integer> gzipThreads;

  @Option(
      names = "--encryption",
      defaultValue = "none",
      description =
          "server-side encryption of the files: none (the bucket's default), AES256 (SSE-S3) or"
              + " KMS (SSE-KMS, with --kms-key-id)")
  String encryption;

  @Option(names = "--kms-key-id", description = "the KMS key id, alias or ARN for --encryption KMS")
  Optional<String> kmsKeyId;

  @Option(
      names = "--log-max-bytes",
      defaultValue = "" + WalSettings.DEFAULT_MAX_BYTES,
      description =
          "the event log's disk quota in bytes (default 10 GiB); when it is full, reading waits"
              + " for uploads to free room")
  long logMaxBytes;

  @Option(
      names = "--data-dir",
      defaultValue = "hivewire-data",
      description = "where the event log and routing state live (default ./hivewire-data)")
  Path dataDir;

  @Parameters(
      arity = "0..1",
      defaultValue = "-",
      description = "a file of JSON lines, or - for stdin")
  String input;

  private final PrintStream err = System.err;

  @Spec CommandSpec spec;

  @Override
  @SuppressWarnings("try") // the data dir lock is held, not used, while the log is open
  public Integer call() throws Exception {
    // Resolved once, as the server's data dir is, so that every part and message sees one path.
    dataDir = dataDir.toAbsolutePath().normalize();
    RecordType recordType;
    RoutingSettings settings;
    WalSettings logSettings;
    try {
      logSettings = logSettings();
      recordType = RecordType.fromWireName(type);
      settings =
          RoutingSettings.of(
                  DESTINATION,
                  new S3Location(bucket, prefix),
                  worker(),
                  dataDir.resolve("routing").resolve(DESTINATION))
              .withRotation(
                  RotationPolicy.defaults().withFlushInterval(Durations.parse(flushInterval)))
              .withGzipLevel(gzipLevel)
              .withEncryption(encryption());
      if (gzipThreads.isPresent()) {
        settings = settings.withGzipThreads(gzipThreads.get());
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<String> written = Collections.synchronizedList(new ArrayList<>());
    // INFO lines of the libraries would break up the progress lines: they go to a file.
    try (FileLogging logging =
            FileLogging.toFile(
                dataDir.resolve("logs").resolve("route.log"),
                LogFormat.fromEnvironment(System.getenv()));
        DataDirLock dataDirLock = DataDirLock.acquire(dataDir, Optional.empty());
        WalEventLog log = WalEventLog.open(logSettings);
        ObjectStore store = S3ObjectStores.create(clientSettings());
        RoutingDestination destination =
            new RoutingDestination(
                settings,
                log,
                store,
                InstantSource.system(),
                new SimpleMeterRegistry(),
                Sleeper.system());
        ScheduledExecutorService reporter =
            Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("route-progress").factory())) {
      Optional<String> unusable = checkDestination(store, settings);
      if (unusable.isPresent()) {
        err.println("hivewire route: " + unusable.get());
        return 1;
      }
      destination.onUpload(
          f -> {
            if (f.outcome() == Uploader.Outcome.UPLOADED) {
              written.add(f.key());
            }
          });
      destination.start();
      Counts counts = new Counts(new AppendPipeline(log, err, () -> stopError(destination)));
      reporter.scheduleAtFixedRate(
          () -> err.println(progressLine(counts, destination.progress())), 1, 1, TimeUnit.SECONDS);
      boolean refused;
      try (InputStream in = openInput()) {
        refused = !ingest(in, new JsonRecordParser(recordType), counts);
      }
      destination.drain();
      long end = log.endOffset();
      while (!destination.awaitCommitted(end, Duration.ofSeconds(1))) {
        if (destination.status().state() == DestinationStatus.State.STOPPED) {
          break;
        }
      }
      reporter.shutdownNow();
      int status = report(counts, destination, end, written);
      return refused ? 1 : status;
    }
  }

  /**
   * The server's permission probe, run before any input is read: a missing bucket, wrong
   * credentials or a missing permission end the command within seconds, with nothing acknowledged.
   */
  private Optional<String> checkDestination(ObjectStore store, RoutingSettings settings) {
    String keyPrefix = settings.location().key();
    DestinationPrefix probePrefix =
        new DestinationPrefix(
            keyPrefix.isEmpty() || keyPrefix.endsWith("/") ? keyPrefix : keyPrefix + "/");
    ProbeResult result =
        new PermissionProbe(UUID::randomUUID)
            .probe(store, settings.location().bucket(), probePrefix, settings.encryption());
    return switch (result) {
      case ProbeResult.Passed passed -> Optional.empty();
      case ProbeResult.Failed failed ->
          Optional.of(
              "the destination s3://"
                  + bucket
                  + "/"
                  + probePrefix.value()
                  + " cannot be used: "
                  + failed.message()
                  + (failed.permission().equals("credentials") ? CREDENTIALS_HINT : "")
                  + ". Nothing was read.");
    };
  }

  private static Optional<String> stopError(RoutingDestination destination) {
    DestinationStatus status = destination.status();
    if (status.state() != DestinationStatus.State.STOPPED) {
      return Optional.empty();
    }
    return Optional.of(status.error().orElse("the destination stopped"));
  }

  private int report(
      Counts counts, RoutingDestination destination, long end, List<String> written) {
    RoutingProgress progress = destination.progress();
    err.println(progressLine(counts, progress));
    synchronized (written) {
      written.forEach(key -> System.out.println("s3://" + bucket + "/" + key));
    }
    if (progress.committedOffset() >= end) {
      err.printf(
          "done: %d lines read, %d invalid, %d acknowledged, %d records uploaded in %d files%n",
          counts.read.get(),
          counts.invalid.get(),
          counts.acknowledged(),
          progress.recordsUploaded(),
          progress.filesUploaded());
      return 0;
    }
    err.println(
        "routing stopped: "
            + destination.status().error().orElse("unknown error")
            + System.lineSeparator()
            + "The records are kept in "
            + dataDir.resolve("log")
            + "; fix the problem and run again with --data-dir "
            + dataDir
            + " and no input to upload them.");
    return 1;
  }

  /**
   * Reads until the input ends, the destination stops, or a line can never fit in the log, which
   * leaves the rest unread; false when a line was refused.
   */
  private boolean ingest(InputStream in, JsonRecordParser parser, Counts counts)
      throws IOException, InterruptedException {
    boolean accepted = true;
    try {
      appendLines(in, parser, counts);
    } catch (AppendPipeline.StoppedException e) {
      counts.appends.awaitAll();
      err.println("reading stopped, as routing stopped: " + kept(counts, "once it routes again, "));
    } catch (LineTooLargeException e) {
      counts.appends.awaitAll();
      err.println(
          "hivewire route: line "
              + e.lineNumber
              + " is "
              + e.lineBytes
              + " bytes, which needs "
              + e.tooLarge.neededBytes()
              + " bytes in the event log, more than its whole quota of "
              + e.tooLarge.maxBytes()
              + " bytes (--log-max-bytes): it can never be stored; raise --log-max-bytes above"
              + " its size or split the record. Reading stopped: "
              + kept(counts, "once it fits, "));
      accepted = false;
    }
    if (counts.invalid.get() > MAX_REPORTED_INVALID) {
      err.println(
          (counts.invalid.get() - MAX_REPORTED_INVALID) + " more invalid lines were skipped");
    }
    return accepted;
  }

  /** Up to which line the input is in the log, and where to resume: {@code when} leads to it. */
  private static String kept(Counts counts, String when) {
    long kept = counts.linesInLog.get();
    return "lines 1 to "
        + kept
        + " are kept in the log; "
        + when
        + "give the input from line "
        + (kept + 1)
        + " on";
  }

  private void appendLines(InputStream in, JsonRecordParser parser, Counts counts)
      throws IOException,
          InterruptedException,
          AppendPipeline.StoppedException,
          LineTooLargeException {
    LineInput lines = new LineInput(in);
    AppendPipeline appends = counts.appends;
    List<LogEntry> batch = new ArrayList<>(BATCH_LINES);
    // A batch larger than the whole log would wait for room for ever.
    long maxBatchBytes = logMaxBytes / 4;
    long batchBytes = 0;
    long lineNumber = 0;
    while (true) {
      if (batch.size() >= BATCH_LINES || batchBytes >= maxBatchBytes) {
        appends.append(batch);
        batch.clear();
        batchBytes = 0;
        counts.linesInLog.set(lineNumber);
      } else if (lines.wouldBlock()) {
        // Nothing more to read for now: make what was read durable, so that it is acknowledged.
        appends.append(batch);
        batch.clear();
        batchBytes = 0;
        counts.linesInLog.set(lineNumber);
        appends.awaitAll();
      }
      Optional<byte[]> line = lines.next();
      if (line.isEmpty()) {
        break;
      }
      lineNumber++;
      counts.read.incrementAndGet();
      switch (parser.parse(line.get(), InstantSource.system())) {
        case JsonRecordParser.Result.Record r when r.entry().payload().length >= maxBatchBytes -> {
          // Appended alone, after the lines before it, so that one the log can never hold is
          // refused by itself and every line before it is kept.
          appends.append(batch);
          batch.clear();
          batchBytes = 0;
          counts.linesInLog.set(lineNumber - 1);
          try {
            appends.append(List.of(r.entry()));
          } catch (AppendTooLargeException e) {
            throw new LineTooLargeException(lineNumber, line.get().length, e);
          }
          counts.linesInLog.set(lineNumber);
        }
        case JsonRecordParser.Result.Record r -> {
          batch.add(r.entry());
          batchBytes += r.entry().payload().length;
        }
        case JsonRecordParser.Result.Blank b -> {}
        case JsonRecordParser.Result.Invalid invalid -> {
          if (counts.invalid.incrementAndGet() <= MAX_REPORTED_INVALID) {
            err.println("line " + lineNumber + ": " + invalid.reason() + " (skipped)");
          }
        }
      }
    }
    appends.append(batch);
    counts.linesInLog.set(lineNumber);
    appends.awaitAll();
  }

  private static String progressLine(Counts counts, RoutingProgress progress) {
    return String.format(
        "read %d lines (%d invalid), acknowledged %d, uploaded %d records in %d files",
        counts.read.get(),
        counts.invalid.get(),
        counts.acknowledged(),
        progress.recordsUploaded(),
        progress.filesUploaded());
  }

  private InputStream openInput() throws IOException {
    if (input.equals("-")) {
      return System.in;
    }
    Path file = Path.of(input);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "cannot read input file "
              + file
              + ": give a readable file of JSON lines, or - for stdin");
    }
    return Files.newInputStream(file);
  }

  private Encryption encryption() {
    Encryption chosen =
        switch (encryption.toUpperCase(Locale.ROOT)) {
          case "NONE" -> Encryption.none();
          case "AES256" -> new Encryption.S3Managed();
          case "KMS" ->
              new Encryption.Kms(
                  kmsKeyId.orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "--encryption KMS needs --kms-key-id with the key id, alias or ARN")));
          default ->
              throw new IllegalArgumentException(
                  "--encryption '" + encryption + "' is not known: use none, AES256 or KMS");
        };
    if (kmsKeyId.isPresent() && !(chosen instanceof Encryption.Kms)) {
      throw new IllegalArgumentException("--kms-key-id is only used with --encryption KMS");
    }
    return chosen;
  }

  private WalSettings logSettings() {
    if (logMaxBytes < WalSettings.MIN_QUOTA_BYTES) {
      throw new IllegalArgumentException(
          "--log-max-bytes is "
              + logMaxBytes
              + ": use at least "
              + WalSettings.MIN_QUOTA_BYTES
              + " (default 10 GiB)");
    }
    return WalSettings.withQuota(dataDir.resolve("log"), logMaxBytes);
  }

  private WorkerId worker() {
    if (workerId.isPresent()) {
      return new WorkerId(workerId.get());
    }
    try {
      return WorkerId.fromHostName(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      return WorkerId.fromHostName(Optional.ofNullable(System.getenv("HOSTNAME")).orElse("worker"));
    }
  }

  private S3ClientSettings clientSettings() {
    String r =
        region.orElseGet(
            () -> Optional.ofNullable(System.getenv("AWS_REGION")).orElse("us-east-1"));
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    if (endpoint.isPresent() && key != null && secret != null) {
      return S3ClientSettings.endpoint(endpoint.get(), r, key, secret);
    }
    S3ClientSettings settings = S3ClientSettings.aws(r);
    return endpoint.map(settings::withEndpoint).orElse(settings);
  }

  /** A line whose record is larger than the whole event log: it can never be appended. */
  private static final class LineTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    final long lineNumber;
    final int lineBytes;
    final transient AppendTooLargeException tooLarge;

    LineTooLargeException(long lineNumber, int lineBytes, AppendTooLargeException tooLarge) {
      super(tooLarge);
      this.lineNumber = lineNumber;
      this.lineBytes = lineBytes;
      this.tooLarge = tooLarge;
    }
  }

  /** What the input gave so far; read by the progress reporter on another thread. */
  private static final class Counts {
    final AtomicLong read = new AtomicLong();
    final AtomicLong invalid = new AtomicLong();
    // The last line whose record (if any) is appended: where reading may resume after a stop.
    final AtomicLong linesInLog = new AtomicLong();
    final AppendPipeline appends;

    Counts(AppendPipeline appends) {
      this.appends = appends;
    }

    long acknowledged() {
      return appends.acknowledged();
    }
  }
}
