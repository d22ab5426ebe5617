package io.hivewire.collect;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A new or changed link of an alias to a user, routed as one {@code sync_aliases} record. */
public record AliasLink(UUID userId, Alias alias, Instant time) {

  public AliasLink {
    Objects.requireNonNull(userId, "userId is null");
    Objects.requireNonNull(alias, "alias is null");
    Objects.requireNonNull(time, "time is null");
  }

  /**
   * The {@code {user_id, tag, id, priority, time}} line written under {@code type=sync_aliases/}.
   */
  public LogEntry toLogEntry() {
    return new LogEntry(
        RecordType.SYNC_ALIASES, time, RecordJson.aliasLink(this), userId.toString());
  }
}
