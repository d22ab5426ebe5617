package io.hivewire.source;

import java.util.Objects;

/** Where a connection's tables live and how they are laid out: what a user enters. */
public record ConnectionSettings(
    AwsRegion region,
    BucketName bucket,
    SchemaPrefix schemaPrefix,
    DataFormat dataFormat,
    Partitioning partitioning) {

  public ConnectionSettings {
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(schemaPrefix, "schemaPrefix is null");
    Objects.requireNonNull(dataFormat, "dataFormat is null");
    Objects.requireNonNull(partitioning, "partitioning is null");
  }

  /** The schema location as a URL, for messages: {@code s3://bucket/prefix/}. */
  public String schemaUrl() {
    return "s3://" + bucket.value() + "/" + schemaPrefix.value();
  }
}
