package io.hivewire.collect;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A validated behavioural event with the id and time hivewire gave it. An event sent with only
 * aliases has no user until identity resolution supplies one ({@link #withUserId}).
 */
public record CollectedEvent(
    UUID eventId,
    String name,
    Optional<UUID> userId,
    List<Alias> aliases,
    Optional<String> sessionId,
    Optional<String> viewId,
    List<Long> segments,
    List<String> cohorts,
    EventProperties properties,
    Instant time) {

  public CollectedEvent {
    Objects.requireNonNull(eventId, "eventId is null");
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(userId, "userId is null");
    aliases = List.copyOf(aliases);
    Objects.requireNonNull(sessionId, "sessionId is null");
    Objects.requireNonNull(viewId, "viewId is null");
    segments = List.copyOf(segments);
    cohorts = List.copyOf(cohorts);
    Objects.requireNonNull(properties, "properties is null");
    // Lines carry microseconds, so the log entry's time must not be finer than the line's.
    time = Objects.requireNonNull(time, "time is null").truncatedTo(ChronoUnit.MICROS);
    if (userId.isEmpty() && aliases.isEmpty()) {
      throw new IllegalArgumentException("event " + eventId + " has neither user_id nor aliases");
    }
  }

  /** This event attributed to the user its aliases resolved to. */
  public CollectedEvent withUserId(UUID resolved) {
    Objects.requireNonNull(resolved, "resolved is null");
    return new CollectedEvent(
        eventId,
        name,
        Optional.of(resolved),
        aliases,
        sessionId,
        viewId,
        segments,
        cohorts,
        properties,
        time);
  }

  /**
   * The JSON line routing writes under {@code type=events/}, stamped with the event's time, keyed
   * by its user so that one user's events stay in order.
   */
  public LogEntry toLogEntry() {
    return new LogEntry(
        RecordType.EVENTS, time, RecordJson.event(this), userId.map(UUID::toString).orElse(""));
  }
}
