package io.hivewire.collect;

import io.hivewire.routing.log.EventLog;
import io.hivewire.routing.log.LogEntry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Takes a request body of events into the event log: validates each event, resolves the user of
 * events sent with only aliases, and appends the accepted ones in one durable append. When it
 * returns, every accepted event is fsync'ed; {@link io.hivewire.routing.log.LogFullException} means
 * none of them was written and the sender should retry.
 */
public final class EventCollector {

  private final EventBatchReader reader;
  private final UserResolver users;
  private final EventLog log;
  private final InstantSource clock;

  public EventCollector(
      EventBatchReader reader, UserResolver users, EventLog log, InstantSource clock) {
    this.reader = Objects.requireNonNull(reader, "reader is null");
    this.users = Objects.requireNonNull(users, "users is null");
    this.log = Objects.requireNonNull(log, "log is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** Collects the events in {@code body}; the result lists the accepted and rejected ones. */
  public EventBatch collect(byte[] body, BatchFormat format) {
    EventBatch batch = reader.read(body, format, clock.instant());
    List<EventBatch.Accepted> accepted = new ArrayList<>(batch.accepted().size());
    List<LogEntry> entries = new ArrayList<>(batch.accepted().size());
    for (EventBatch.Accepted a : batch.accepted()) {
      CollectedEvent event = a.event();
      if (event.userId().isEmpty()) {
        event = event.withUserId(users.resolve(event.aliases()));
      }
      accepted.add(new EventBatch.Accepted(a.index(), event));
      entries.add(event.toLogEntry());
    }
    if (!entries.isEmpty()) {
      log.append(entries);
    }
    return new EventBatch(accepted, batch.rejected());
  }
}
