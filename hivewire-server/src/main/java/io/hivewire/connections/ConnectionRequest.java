package io.hivewire.connections;

import java.util.Objects;
import java.util.Optional;

/** A request to create a connection, as the user sent it; {@link ConnectionService} checks it. */
public record ConnectionRequest(
    Optional<String> name,
    Optional<String> region,
    Optional<String> bucket,
    Optional<String> schemaPrefix,
    Optional<String> dataFormat,
    Optional<String> partitioning,
    Optional<String> endpoint) {

  public ConnectionRequest {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(schemaPrefix, "schemaPrefix is null");
    Objects.requireNonNull(dataFormat, "dataFormat is null");
    Objects.requireNonNull(partitioning, "partitioning is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
  }
}
