package io.hivewire.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hivewire's PostgreSQL: an embedded one under the data dir (localhost only) or an external one,
 * pooled, with the schema migrated by Flyway on open.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private static final String EMBEDDED_DATABASE = "hivewire";
  private static final String EMBEDDED_USER = "postgres";

  /** How long a statement waits for a connection while the server stops. */
  static final Duration CLOSING_CONNECTION_WAIT = Duration.ofMillis(500);

  private final Optional<EmbeddedPostgres> embedded;
  private final HikariDataSource pool;
  private final DatabaseInfo info;
  private final Outages outages;
  private final DatabaseProbe probe;
  private final Thread exitHook = new Thread(this::closeAtExit, "hivewire-database-exit");
  private volatile Runnable firstAtExit = () -> {};
  private boolean closed;

  private Database(
      Optional<EmbeddedPostgres> embedded,
      HikariDataSource pool,
      DatabaseInfo info,
      Outages outages,
      DatabaseProbe probe) {
    this.embedded = embedded;
    this.pool = pool;
    this.info = info;
    this.outages = outages;
    this.probe = probe;
  }

  /** Starts (if embedded) and connects to the database, and migrates its schema. */
  public static Database open(DatabaseConfig config, Path dataDir) {
    Objects.requireNonNull(config, "config is null");
    Objects.requireNonNull(dataDir, "dataDir is null");
    return switch (config) {
      case DatabaseConfig.Embedded e -> openEmbedded(e, dataDir);
      case DatabaseConfig.External e -> openExternal(e);
    };
  }

  private static Database openEmbedded(DatabaseConfig.Embedded config, Path dataDir) {
    Path pgDir = dataDir.resolve("pg").toAbsolutePath();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(pgDir);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(pgDir)
              .setCleanDataDirectory(false)
              // Its own hook would stop PostgreSQL at exit alongside the parts that still write to
              // it; this database's hook closes them first (atExitFirst).
              .setRegisterShutdownHook(false)
              .setServerConfig("listen_addresses", "localhost");
      if (config.port() != 0) {
        builder.setPort(config.port());
      }
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new StoreException(
          "cannot start the embedded PostgreSQL under "
              + pgDir
              + " on port "
              + config.port()
              + ": "
              + e.getMessage()
              + ". If another hivewire or PostgreSQL uses that port, set HIVEWIRE_DB_EMBEDDED_PORT"
              + " (db.embedded-port) to a free one.",
          e);
    }
    try {
      createDatabaseIfMissing(postgres.getPostgresDatabase());
      String url = postgres.getJdbcUrl(EMBEDDED_USER, EMBEDDED_DATABASE);
      HikariDataSource pool = pool(url, EMBEDDED_USER, Optional.empty(), config.poolSize());
      migrate(pool);
      DatabaseInfo info =
          new DatabaseInfo(
              true,
              url,
              EMBEDDED_USER,
              "(none: the embedded database trusts connections from localhost)",
              "psql -h localhost -p "
                  + postgres.getPort()
                  + " -U "
                  + EMBEDDED_USER
                  + " "
                  + EMBEDDED_DATABASE);
      Outages outages =
          new Outages(
              "the embedded PostgreSQL on localhost:" + postgres.getPort() + " under " + pgDir,
              "it runs inside hivewire, so restart hivewire (its log says why PostgreSQL"
                  + " stopped); GET /health answers 200 again once the database answers");
      Database database =
          new Database(
              Optional.of(postgres),
              pool,
              info,
              outages,
              new DatabaseProbe(url, EMBEDDED_USER, null, outages));
      database.stopAtExit();
      return database;
    } catch (RuntimeException e) {
      try {
        postgres.close();
      } catch (IOException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  private static Database openExternal(DatabaseConfig.External config) {
    HikariDataSource pool = pool(config.url(), config.user(), config.password(), config.poolSize());
    try {
      migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    String psql = "psql '" + config.url().substring("jdbc:".length()) + "' -U " + config.user();
    Outages outages =
        new Outages(
            // Without the URL's parameters, which may hold a password.
            "the PostgreSQL at "
                + config.url().replaceFirst("\\?.*$", "")
                + " (user "
                + config.user()
                + ")",
            "check that it runs and that this host reaches it (db.url, HIVEWIRE_DB_URL);"
                + " hivewire reconnects by itself, and GET /health answers 200 again once it"
                + " does");
    return new Database(
        Optional.empty(),
        pool,
        new DatabaseInfo(
            false, config.url(), config.user(), "(as configured: HIVEWIRE_DB_PASSWORD)", psql),
        outages,
        new DatabaseProbe(
            config.url(),
            config.user(),
            config.password().map(Secret::value).orElse(null),
            outages));
  }

  private static void createDatabaseIfMissing(DataSource admin) {
    try (Connection connection = admin.getConnection();
        Statement statement = connection.createStatement()) {
      boolean exists;
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT 1 FROM pg_database WHERE datname = '" + EMBEDDED_DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        statement.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot create the embedded database " + EMBEDDED_DATABASE, e);
    }
  }

  private static HikariDataSource pool(
      String url, String user, Optional<Secret> password, int size) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    password.ifPresent(p -> hikari.setPassword(p.value()));
    hikari.setMaximumPoolSize(size);
    hikari.setMinimumIdle(Math.min(2, size));
    hikari.setPoolName("hivewire-db");
    try {
      return new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot connect to PostgreSQL at "
              + url
              + " as "
              + user
              + ": "
              + e.getMessage()
              + ". Check HIVEWIRE_DB_URL, HIVEWIRE_DB_USER and HIVEWIRE_DB_PASSWORD.",
          e);
    }
  }

  private static void migrate(DataSource dataSource) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      throw new StoreException("cannot migrate the database schema: " + e.getMessage(), e);
    }
  }

  /** How to connect to this database from outside. */
  public DatabaseInfo info() {
    return info;
  }

  /**
   * Whether the database answers now, known within a second whatever is down: a check on a
   * connection of its own, not one waiting on the pool.
   */
  public DatabaseStatus status() {
    return probe.check();
  }

  public Jdbc jdbc() {
    return new Jdbc(pool, outages);
  }

  /** The pool, for work that needs a connection of its own (COPY). */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * The server is stopping: a statement that cannot get a connection now fails after {@link
   * #CLOSING_CONNECTION_WAIT} instead of the pool's usual wait. Stopping still writes what it can
   * (leases given up, totals saved), but the embedded PostgreSQL's own shutdown hook stops the
   * database at the same time, and each of those writes would otherwise wait for it in vain.
   */
  public void closing() {
    pool.getHikariConfigMXBean().setConnectionTimeout(CLOSING_CONNECTION_WAIT.toMillis());
  }

  /** Stops the embedded PostgreSQL when the JVM stops, unless closed before. */
  private void stopAtExit() {
    Runtime.getRuntime().addShutdownHook(exitHook);
  }

  /**
   * Has the JVM's stop run {@code owner} (which closes the parts that write to this database)
   * before it stops the embedded PostgreSQL, rather than alongside.
   */
  public void atExitFirst(Runnable owner) {
    firstAtExit = Objects.requireNonNull(owner, "owner is null");
  }

  private void closeAtExit() {
    for (Runnable step : List.of(firstAtExit, this::close)) {
      try {
        step.run();
      } catch (RuntimeException e) {
        LOG.error("stopping at exit failed", e);
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (Thread.currentThread() != exitHook) {
      try {
        // False for an external database, which has no hook.
        Runtime.getRuntime().removeShutdownHook(exitHook);
      } catch (IllegalStateException e) {
        // The JVM is stopping: the hook then finds this database closed.
      }
    }
    probe.close();
    pool.close();
    if (embedded.isPresent()) {
      try {
        embedded.get().close();
      } catch (IOException e) {
        throw new StoreException("cannot stop the embedded PostgreSQL", e);
      }
    }
  }
}
