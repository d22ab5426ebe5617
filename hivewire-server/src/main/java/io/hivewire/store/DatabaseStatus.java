package io.hivewire.store;

import java.util.Objects;
import java.util.Optional;

/** Whether hivewire's database answered a check; when not, what is down and what to do. */
public record DatabaseStatus(Optional<String> outage) {

  /** The database answered. */
  public static final DatabaseStatus UP = new DatabaseStatus(Optional.empty());

  public DatabaseStatus {
    Objects.requireNonNull(outage, "outage is null");
  }

  static DatabaseStatus down(String outage) {
    return new DatabaseStatus(Optional.of(outage));
  }

  public boolean up() {
    return outage.isEmpty();
  }
}
