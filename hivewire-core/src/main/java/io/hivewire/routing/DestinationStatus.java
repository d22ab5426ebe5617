package io.hivewire.routing;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Whether a destination routes, and if it stopped, why and since when. */
public record DestinationStatus(State state, Optional<String> error, Instant since) {

  /** The life of a destination. */
  public enum State {
    /** Not started yet. */
    NEW,
    /** Rebuilding and uploading the files an earlier run had cut. */
    RECOVERING,
    /** Reading the log and writing files. */
    RUNNING,
    /** Stopped: closed, or failed with {@link #error()}; the data waits in the log. */
    STOPPED
  }

  public DestinationStatus {
    Objects.requireNonNull(state, "state is null");
    Objects.requireNonNull(error, "error is null");
    Objects.requireNonNull(since, "since is null");
  }
}
