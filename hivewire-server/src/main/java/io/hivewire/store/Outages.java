package io.hivewire.store;

import java.sql.SQLException;
import java.util.Objects;
import java.util.Set;

/**
 * Tells a database that does not answer from a statement that failed, and words the outage: which
 * database is down and what to do, the same in API errors, the server log and CLI messages.
 */
final class Outages {

  /** PostgreSQL's "the server shut down or refuses connections now" states (besides class 08). */
  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");

  private final String database;
  private final String whatToDo;

  Outages(String database, String whatToDo) {
    this.database = Objects.requireNonNull(database, "database is null");
    this.whatToDo = Objects.requireNonNull(whatToDo, "whatToDo is null");
  }

  /** The outage message for {@code problem}, e.g. "Connection to localhost:5433 refused." */
  String message(String problem) {
    return "hivewire's database, "
        + database
        + ", does not answer ("
        + problem.strip()
        + "): "
        + whatToDo;
  }

  /** The exception for a failed call: an outage when the database did not answer at all. */
  StoreException failure(String what, SQLException e) {
    SQLException outage = outageIn(e);
    if (outage != null) {
      return new DatabaseUnavailableException(message(String.valueOf(outage.getMessage())), e);
    }
    return new StoreException(what + ": " + e.getMessage(), e);
  }

  /**
   * The innermost exception that says the database cannot be reached (connection class 08, or
   * shutting down), or null. The pool reports "connection not available" and keeps the driver's
   * reason as the cause; a pool that is merely busy has no such cause.
   */
  private static SQLException outageIn(Throwable e) {
    SQLException found = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && isOutage(sql.getSQLState())) {
        found = sql;
      }
    }
    return found;
  }

  private static boolean isOutage(String state) {
    return state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state));
  }
}
