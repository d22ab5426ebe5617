package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryChangesTest {

  private static final Column ID = new Column("id", Primitive.BIGINT, true, ColumnOrigin.FILE);
  private static final Column NAME = new Column("name", Primitive.VARCHAR, true, ColumnOrigin.FILE);
  private static final Column DAY = new Column("day", Primitive.DATE, true, ColumnOrigin.PARTITION);

  private static DiscoveredTable table(String name, Column... columns) {
    return new DiscoveredTable(name, List.of(columns), List.of(), 0, 1, 1, Instant.EPOCH);
  }

  @Test
  void tablesAddedAndRemovedAndColumnsAddedAreReported() {
    var previous = List.of(table("events", ID), table("old", ID));
    var current = List.of(table("events", ID, NAME, DAY), table("users", ID));

    DiscoveryChanges changes = DiscoveryChanges.between(previous, current);

    assertThat(changes.tablesAdded()).containsExactly("users");
    assertThat(changes.tablesRemoved()).containsExactly("old");
    assertThat(changes.columnsAdded())
        .containsExactly(
            new DiscoveryChanges.ColumnChange("events", NAME),
            new DiscoveryChanges.ColumnChange("events", DAY));
    assertThat(changes.columnsRemoved()).isEmpty();
    assertThat(changes.isEmpty()).isFalse();
  }

  @Test
  void columnRemovedFromATableIsReported() {
    DiscoveryChanges changes =
        DiscoveryChanges.between(List.of(table("events", ID, NAME)), List.of(table("events", ID)));

    assertThat(changes.columnsRemoved())
        .containsExactly(new DiscoveryChanges.ColumnChange("events", NAME));
  }

  @Test
  void sameTablesMeanNoChanges() {
    assertThat(
            DiscoveryChanges.between(List.of(table("events", ID)), List.of(table("events", ID)))
                .isEmpty())
        .isTrue();
  }
}
