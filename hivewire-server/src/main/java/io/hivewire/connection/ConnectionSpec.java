package io.hivewire.connection;

import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** What a user asked to connect: one bucket, one schema prefix, one format and partitioning. */
public record ConnectionSpec(
    String name,
    String region,
    String bucket,
    String schemaPrefix,
    DataFormat dataFormat,
    Partitioning partitioning,
    Optional<URI> endpoint) {

  public ConnectionSpec {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(schemaPrefix, "schemaPrefix is null");
    Objects.requireNonNull(dataFormat, "dataFormat is null");
    Objects.requireNonNull(partitioning, "partitioning is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
  }

  public ConnectionSpec withName(String value) {
    return new ConnectionSpec(
        value, region, bucket, schemaPrefix, dataFormat, partitioning, endpoint);
  }
}
