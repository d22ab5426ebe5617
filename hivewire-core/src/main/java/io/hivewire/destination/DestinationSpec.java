package io.hivewire.destination;

import io.hivewire.s3.Encryption;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how a routing destination writes, without its credentials: a validated bucket, a
 * specific region, a prefix, an optional S3-compatible endpoint, the encryption and how often files
 * are closed.
 */
public record DestinationSpec(
    String name,
    BucketName bucket,
    AwsRegion region,
    DestinationPrefix prefix,
    Optional<URI> endpoint,
    Encryption encryption,
    Duration flushInterval) {

  /** The document's default latency: files close after five minutes. */
  public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMinutes(5);

  public DestinationSpec {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(bucket, "bucket is null");
    Objects.requireNonNull(region, "region is null");
    Objects.requireNonNull(prefix, "prefix is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
    Objects.requireNonNull(encryption, "encryption is null");
    Objects.requireNonNull(flushInterval, "flushInterval is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is empty: give the destination a name");
    }
    if (flushInterval.compareTo(Duration.ofSeconds(1)) < 0
        || flushInterval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "flushInterval "
              + flushInterval
              + " is out of range: use 1 second to 1 hour (default 5 minutes)");
    }
  }
}
