package io.hivewire.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Checks that the database answers, on a connection of its own with one-second driver time-outs and
 * an answer within {@link #ANSWER_WITHIN} whatever happens: the pool would wait its whole
 * connection time-out (30 s) for a database that is down. Concurrent checks share one attempt.
 */
final class DatabaseProbe implements AutoCloseable {

  /** How long a check may take before it reports the database down. */
  static final Duration ANSWER_WITHIN = Duration.ofMillis(800);

  /** The driver's connect, login and read time-outs, in its unit (seconds; 1 is the least). */
  private static final String DRIVER_TIMEOUT_SECONDS = "1";

  private final String url;
  private final Properties properties;
  private final Outages outages;
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hivewire-db-check").factory());
  private final ReentrantLock connectionLock = new ReentrantLock();
  private Connection connection;
  private CompletableFuture<DatabaseStatus> running;

  DatabaseProbe(String url, String user, String password, Outages outages) {
    this.url = Objects.requireNonNull(url, "url is null");
    this.outages = Objects.requireNonNull(outages, "outages is null");
    properties = new Properties();
    properties.setProperty("user", Objects.requireNonNull(user, "user is null"));
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("connectTimeout", DRIVER_TIMEOUT_SECONDS);
    properties.setProperty("loginTimeout", DRIVER_TIMEOUT_SECONDS);
    properties.setProperty("socketTimeout", DRIVER_TIMEOUT_SECONDS);
    properties.setProperty("ApplicationName", "hivewire health check");
  }

  /** Whether the database answers now; never takes much longer than {@link #ANSWER_WITHIN}. */
  DatabaseStatus check() {
    CompletableFuture<DatabaseStatus> attempt;
    synchronized (this) {
      if (running == null || running.isDone()) {
        try {
          running = CompletableFuture.supplyAsync(this::checkNow, executor);
        } catch (RejectedExecutionException e) {
          return DatabaseStatus.down(outages.message("hivewire is stopping"));
        }
      }
      attempt = running;
    }
    try {
      return attempt.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return DatabaseStatus.down(
          outages.message("no answer within " + ANSWER_WITHIN.toMillis() + " ms"));
    } catch (ExecutionException e) {
      return DatabaseStatus.down(outages.message(String.valueOf(e.getCause().getMessage())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DatabaseStatus.down(outages.message("the check was interrupted"));
    }
  }

  private DatabaseStatus checkNow() {
    connectionLock.lock();
    try {
      if (connection != null && connection.isValid(1)) {
        return DatabaseStatus.UP;
      }
      // A connection from before a restart of the database is broken: one fresh attempt decides.
      closeConnection();
      connection = DriverManager.getConnection(url, properties);
      if (connection.isValid(1)) {
        return DatabaseStatus.UP;
      }
      closeConnection();
      return DatabaseStatus.down(outages.message("it accepted a connection but answered no query"));
    } catch (SQLException e) {
      closeConnection();
      return DatabaseStatus.down(outages.message(String.valueOf(e.getMessage())));
    } finally {
      connectionLock.unlock();
    }
  }

  private void closeConnection() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // The connection is dropped either way; the next check opens a new one.
    } finally {
      connection = null;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    connectionLock.lock();
    try {
      closeConnection();
    } finally {
      connectionLock.unlock();
    }
  }
}
