package io.hivewire.config;

import java.util.Objects;

/**
 * Where the HTTP API listens, and whether a TLS-terminating proxy's {@code X-Forwarded-Proto} is
 * believed.
 */
public record HttpConfig(String host, int port, boolean trustForwardedHeaders) {

  public HttpConfig {
    Objects.requireNonNull(host, "host is null");
  }

  /** Listening on {@code host:port}, believing no forwarded header. */
  public HttpConfig(String host, int port) {
    this(host, port, false);
  }
}
