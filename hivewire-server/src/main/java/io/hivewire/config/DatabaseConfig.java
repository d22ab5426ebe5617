package io.hivewire.config;

import java.util.Objects;

/** Which PostgreSQL holds hivewire's metadata. */
public sealed interface DatabaseConfig {

  /** Maximum pooled connections. */
  int poolSize();

  /** A PostgreSQL started by hivewire under the data dir, listening on localhost only. */
  record Embedded(int port, int poolSize) implements DatabaseConfig {}

  /** A PostgreSQL run elsewhere. */
  record External(String url, String user, java.util.Optional<Secret> password, int poolSize)
      implements DatabaseConfig {
    public External {
      Objects.requireNonNull(url, "url is null");
      Objects.requireNonNull(user, "user is null");
      Objects.requireNonNull(password, "password is null");
    }
  }
}
