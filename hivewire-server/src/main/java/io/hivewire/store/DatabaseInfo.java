package io.hivewire.store;

import java.util.Objects;

/** How to reach the database from outside hivewire, for the start-up banner. */
public record DatabaseInfo(
    boolean embedded, String jdbcUrl, String user, String password, String psqlCommand) {

  public DatabaseInfo {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl is null");
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(psqlCommand, "psqlCommand is null");
  }
}
