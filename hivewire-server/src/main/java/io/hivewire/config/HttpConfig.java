package io.hivewire.config;

import java.util.Objects;

/** Where the HTTP API listens. */
public record HttpConfig(String host, int port) {

  public HttpConfig {
    Objects.requireNonNull(host, "host is null");
  }
}
