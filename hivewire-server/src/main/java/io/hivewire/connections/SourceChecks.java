package io.hivewire.connections;

import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.check.CheckResult;
import io.hivewire.source.check.ConnectionCheck;
import io.hivewire.source.check.FailureReason;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.discovery.FileSchemaSource;
import java.util.Objects;
import java.util.Optional;
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

  /**
   * Checks region, access to the bucket and prefix, and that the prefix holds tables; then
   * discovers the tables.
   */
  public Outcome validate(ConnectionSpec spec) {
    ConnectionSettings settings = spec.settings();
    try (ObjectStore store = access.open(spec)) {
      CheckResult check = new ConnectionCheck(store, access.credentialHints(spec)).check(settings);
      if (!check.isActive()) {
        return new Outcome.Failed(check.failure().orElseThrow().wireName(), check.message());
      }
      return new Outcome.Passed(discovery(store).discover(settings));
    } catch (ObjectStoreException e) {
      return failure(spec, e);
    } catch (RuntimeException e) {
      return new Outcome.Failed(
          FailureReason.S3_ERROR.wireName(),
          "discovering the tables under " + settings.schemaUrl() + " failed: " + e.getMessage());
    }
  }

  /** How buckets are opened, for readers of the same connections. */
  SourceAccess access() {
    return access;
  }

  private Discovery discovery(ObjectStore store) {
    return new Discovery(
        store,
        schemas.apply(store),
        task -> Thread.ofVirtual().name("discovery-", 0).start(task),
        parallelism);
  }

  /** A failure during discovery, after the check passed (e.g. a policy changed meanwhile). */
  private Outcome.Failed failure(ConnectionSpec spec, ObjectStoreException e) {
    ConnectionSettings settings = spec.settings();
    Optional<String> credentials = access.credentialHints(spec).messageFor(settings.schemaUrl(), e);
    if (credentials.isPresent()) {
      return new Outcome.Failed(FailureReason.INVALID_CREDENTIALS.wireName(), credentials.get());
    }
    FailureReason reason =
        switch (e.reason()) {
          case ACCESS_DENIED, KMS_ACCESS_DENIED -> FailureReason.ACCESS_DENIED;
          case NO_SUCH_BUCKET -> FailureReason.BUCKET_NOT_FOUND;
          case WRONG_REGION -> FailureReason.WRONG_REGION;
          case NETWORK, SERVER_ERROR, THROTTLED -> FailureReason.UNREACHABLE;
          default -> FailureReason.S3_ERROR;
        };
    return new Outcome.Failed(
        reason.wireName(),
        "discovering the tables under "
            + settings.schemaUrl()
            + " failed: "
            + e.getMessage()
            + (reason == FailureReason.ACCESS_DENIED
                ? ". Attach the policy from POST /api/v1/connections/policy to bucket "
                    + settings.bucket()
                : ""));
  }
}
