package io.hivewire.cluster;

import java.util.Objects;
import org.slf4j.Logger;

/**
 * A background task retried every poll or heartbeat logs its failure once when it starts failing
 * and once when it works again, not at every try (a database outage would fill the log otherwise).
 */
public final class FailureStreak {

  private final Logger log;
  private final String what;
  private boolean failing;

  /**
   * @param what the task, as a log line names it, e.g. "claiming queued import runs"
   */
  public FailureStreak(Logger log, String what) {
    this.log = Objects.requireNonNull(log, "log is null");
    this.what = Objects.requireNonNull(what, "what is null");
  }

  /** Runs {@code task}, noting whether it failed. */
  public void run(Runnable task) {
    try {
      task.run();
      succeeded();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  private synchronized void failed(RuntimeException e) {
    if (!failing) {
      failing = true;
      log.warn("{} failed; it is retried quietly until it works again", what, e);
    }
  }

  private synchronized void succeeded() {
    if (failing) {
      failing = false;
      log.info("{} works again", what);
    }
  }
}
