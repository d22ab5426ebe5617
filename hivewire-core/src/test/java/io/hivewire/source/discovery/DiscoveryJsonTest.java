package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryJsonTest {

  @Test
  void resultRendersAsTheDocumentedJson() {
    DiscoveryResult result =
        new DiscoveryResult(
            List.of(
                new DiscoveredTable(
                    "events",
                    List.of(
                        new Column(
                            "user_id", ColumnType.Primitive.VARCHAR, false, ColumnOrigin.FILE),
                        new Column("price", new ColumnType.Decimal(10, 2), true, ColumnOrigin.FILE),
                        new Column(
                            "date", ColumnType.Primitive.DATE, true, ColumnOrigin.PARTITION)),
                    List.of("date"),
                    2,
                    3,
                    1234,
                    Instant.parse("2025-01-02T00:00:00Z"))),
            List.of(new SkippedTable("flat", SkipReason.NOT_PARTITIONED, "f.csv sits directly")),
            List.of(new IgnoredFile("schema/events/date=1/_SUCCESS", IgnoreReason.SUCCESS_MARKER)),
            List.of("a warning"));

    assertThat(DiscoveryJson.write(result))
        .isEqualTo(
            "{\"tables\":[{\"name\":\"events\",\"columns\":["
                + "{\"name\":\"user_id\",\"type\":\"VARCHAR\",\"nullable\":false,\"origin\":\"file\"},"
                + "{\"name\":\"price\",\"type\":\"DECIMAL(10,2)\",\"nullable\":true,\"origin\":\"file\"},"
                + "{\"name\":\"date\",\"type\":\"DATE\",\"nullable\":true,\"origin\":\"partition\"}],"
                + "\"partitionKeys\":[\"date\"],\"partitions\":2,\"files\":3,\"bytes\":1234}],"
                + "\"skipped\":[{\"name\":\"flat\",\"reason\":\"not_partitioned\",\"detail\":\"f.csv sits directly\"}],"
                + "\"ignoredFiles\":[{\"key\":\"schema/events/date=1/_SUCCESS\",\"reason\":\"success_marker\"}],"
                + "\"warnings\":[\"a warning\"]}");
  }

  @Test
  void emptyResultHasEveryArray() {
    assertThat(DiscoveryJson.write(new DiscoveryResult(List.of(), List.of(), List.of(), List.of())))
        .isEqualTo("{\"tables\":[],\"skipped\":[],\"ignoredFiles\":[],\"warnings\":[]}");
  }
}
