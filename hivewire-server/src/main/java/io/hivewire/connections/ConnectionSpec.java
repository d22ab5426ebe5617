package io.hivewire.connections;

import io.hivewire.source.ConnectionSettings;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user asked to connect: a name, where the tables live (one bucket, one schema prefix, one
 * format and partitioning), and optionally an S3-compatible endpoint instead of AWS S3.
 */
public record ConnectionSpec(String name, ConnectionSettings settings, Optional<URI> endpoint) {

  public ConnectionSpec {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(settings, "settings is null");
    Objects.requireNonNull(endpoint, "endpoint is null");
  }

  public ConnectionSpec withName(String value) {
    return new ConnectionSpec(value, settings, endpoint);
  }
}
