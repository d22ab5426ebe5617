package io.hivewire.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Plain JDBC with the boilerplate in one place: statements, row mapping, transactions. */
public final class Jdbc {

  /** Sets the parameters of a statement. */
  @FunctionalInterface
  public interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Maps the current row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    T run(Jdbc transaction) throws SQLException;
  }

  private final DataSource dataSource;
  private final Outages outages;
  private final Optional<Connection> transaction;

  Jdbc(DataSource dataSource, Outages outages) {
    this(dataSource, outages, Optional.empty());
  }

  private Jdbc(DataSource dataSource, Outages outages, Optional<Connection> transaction) {
    this.dataSource = dataSource;
    this.outages = outages;
    this.transaction = transaction;
  }

  public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    return withConnection(
        sql,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
              List<T> result = new ArrayList<>();
              while (rows.next()) {
                result.add(mapper.map(rows));
              }
              return result;
            }
          }
        });
  }

  public <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  public int update(String sql, Binder binder) {
    return withConnection(
        sql,
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            return statement.executeUpdate();
          }
        });
  }

  public <T> T inTransaction(String what, TransactionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(new Jdbc(dataSource, outages, Optional.of(connection)));
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failure(what + " failed", e);
    }
  }

  /**
   * The exception for a failed call: {@link DatabaseUnavailableException} when the database did not
   * answer at all, a {@link StoreException} naming {@code what} otherwise.
   */
  public StoreException failure(String what, SQLException e) {
    return outages.failure(what, e);
  }

  private interface ConnectionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T withConnection(String sql, ConnectionWork<T> work) {
    try {
      if (transaction.isPresent()) {
        return work.run(transaction.get());
      }
      try (Connection connection = dataSource.getConnection()) {
        return work.run(connection);
      }
    } catch (SQLException e) {
      throw failure("database statement failed (" + sql + ")", e);
    }
  }
}
