package io.hivewire.server;

import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Whether the server can do its job now: its database answers. */
public final class ServerHealth {

  /** What {@code /health} reports. */
  public record Report(boolean databaseUp, String database, String localS3) {
    public Report {
      Objects.requireNonNull(database, "database is null");
      Objects.requireNonNull(localS3, "localS3 is null");
    }

    public boolean up() {
      return databaseUp;
    }
  }

  private final BooleanSupplier databaseReachable;
  private final String databaseKind;
  private final Optional<String> localS3Endpoint;

  public ServerHealth(
      BooleanSupplier databaseReachable, String databaseKind, Optional<String> localS3Endpoint) {
    this.databaseReachable = Objects.requireNonNull(databaseReachable, "databaseReachable is null");
    this.databaseKind = Objects.requireNonNull(databaseKind, "databaseKind is null");
    this.localS3Endpoint = Objects.requireNonNull(localS3Endpoint, "localS3Endpoint is null");
  }

  public Report check() {
    return new Report(
        databaseReachable.getAsBoolean(), databaseKind, localS3Endpoint.orElse("off"));
  }
}
