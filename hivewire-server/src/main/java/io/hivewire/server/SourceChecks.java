package io.hivewire.server;

import io.hivewire.connection.ConnectionSpec;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.discovery.FileSchemaSource;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a connection against its bucket with hivewire's identity and discovers its tables; turns
 * every failure into a reason code and a message a user can act on.
 */
public final class SourceChecks {

  /** The result of checking a connection. */
  public sealed interface Outcome {
    /** Access works; the tables found. */
    record Passed(DiscoveryResult result) implements Outcome {
      public Passed {
        Objects.requireNonNull(result, "result is null");
      }
    }

    /** Access or layout is wrong; {@code reason} is a code, {@code message} says what to do. */
    record Failed(String reason, String message) implements Outcome {
      public Failed {
        Objects.requireNonNull(reason, "reason is null");
        Objects.requireNonNull(message, "message is null");
      }
    }
  }

  private final SourceAccess access;
  private final Function<ObjectStore, FileSchemaSource> schemas;
  private final int parallelism;

  /**
   * @param schemas the schema reader over an open store
   * @param parallelism tables listed at the same time
   */
  public SourceChecks(
      SourceAccess access, Function<ObjectStore, FileSchemaSource> schemas, int parallelism) {
    this.access = Objects.requireNonNull(access, "access is null");
    this.schemas = Objects.requireNonNull(schemas, "schemas is null");
    this.parallelism = parallelism;
  }

  /** Checks access to the bucket and prefix, then discovers the tables. */
  public Outcome validate(ConnectionSpec spec) {
    ConnectionSettings settings = spec.settings();
    try (ObjectStore store = access.open(spec)) {
      DiscoveryResult result = discovery(store).discover(settings);
      if (result.tables().isEmpty() && result.skipped().isEmpty()) {
        return new Outcome.Failed(
            "prefix_empty",
            "nothing was found under "
                + settings.schemaUrl()
                + ": check the schema prefix (every directory under it is a table) and that the"
                + " tables have been uploaded");
      }
      return new Outcome.Passed(result);
    } catch (ObjectStoreException e) {
      return failure(settings, e);
    } catch (RuntimeException e) {
      return new Outcome.Failed(
          "error", "checking " + settings.schemaUrl() + " failed: " + e.getMessage());
    }
  }

  private Discovery discovery(ObjectStore store) {
    return new Discovery(
        store,
        schemas.apply(store),
        task -> Thread.ofVirtual().name("discovery-", 0).start(task),
        parallelism);
  }

  private static Outcome.Failed failure(ConnectionSettings settings, ObjectStoreException e) {
    String where = settings.schemaUrl();
    return switch (e.reason()) {
      case ACCESS_DENIED, KMS_ACCESS_DENIED ->
          new Outcome.Failed(
              "access_denied",
              "hivewire may not read "
                  + where
                  + ": attach the bucket policy from POST /api/v1/connections/policy to bucket "
                  + settings.bucket()
                  + " (it grants s3:ListBucket and s3:GetObject). Detail: "
                  + e.getMessage());
      case INVALID_CREDENTIALS ->
          new Outcome.Failed(
              "access_denied",
              "the credentials hivewire uses were rejected by the S3 endpoint for "
                  + where
                  + ": check hivewire's AWS identity (or the endpoint keys). Detail: "
                  + e.getMessage());
      case NO_SUCH_BUCKET ->
          new Outcome.Failed(
              "bucket_not_found",
              "bucket "
                  + settings.bucket()
                  + " does not exist in "
                  + settings.region()
                  + ": check the bucket name (exactly as in the S3 console) and the region");
      case WRONG_REGION ->
          new Outcome.Failed(
              "wrong_region",
              "bucket "
                  + settings.bucket()
                  + " is not in "
                  + settings.region()
                  + ": enter the region shown in the bucket's Properties tab. Detail: "
                  + e.getMessage());
      default -> new Outcome.Failed("s3_error", "reading " + where + " failed: " + e.getMessage());
    };
  }
}
