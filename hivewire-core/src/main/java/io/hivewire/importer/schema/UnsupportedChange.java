package io.hivewire.importer.schema;

import java.util.Objects;

/**
 * A schema change an import cannot take: what it is, the column it concerns, what was found and the
 * rule with what the user can do about it.
 *
 * @param column the import's column (for a new column, the new one's name)
 * @param detail what changed, e.g. {@code column 'amount' was BIGINT and is now VARCHAR}
 * @param rule why it cannot be taken and what to do instead
 */
public record UnsupportedChange(ChangeKind kind, String column, String detail, String rule) {

  public UnsupportedChange {
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(column, "column is null");
    Objects.requireNonNull(detail, "detail is null");
    Objects.requireNonNull(rule, "rule is null");
  }
}
