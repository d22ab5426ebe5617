package io.hivewire.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's server-side sessions: the browser holds only a random id, never the API key; a
 * session unused for the idle time is gone.
 */
public final class Sessions {

  /** A browser's session: its CSRF token and whether it has signed in. */
  public record Session(String id, String csrfToken, boolean signedIn, Instant lastSeen) {
    public Session {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(csrfToken, "csrfToken is null");
      Objects.requireNonNull(lastSeen, "lastSeen is null");
    }

    /** Whether {@code presented} is this session's CSRF token (compared in constant time). */
    public boolean acceptsCsrf(String presented) {
      return presented != null
          && MessageDigest.isEqual(
              csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
              presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration idle;
  private final InstantSource clock;

  public Sessions(Duration idle, InstantSource clock) {
    this.idle = Objects.requireNonNull(idle, "idle is null");
    this.clock = Objects.requireNonNull(clock, "clock is null");
  }

  /** How long a session lives without a request. */
  public Duration idle() {
    return idle;
  }

  /** A new session, signed in or not; a sign-in always gets a new id (no session fixation). */
  public Session open(boolean signedIn) {
    expire();
    Session session = new Session(token(), token(), signedIn, clock.instant());
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with {@code id}, its idle time restarted; empty when unknown or expired. */
  public Optional<Session> touch(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Session found = byId.get(id);
    if (found == null) {
      return Optional.empty();
    }
    if (found.lastSeen().plus(idle).isBefore(now)) {
      byId.remove(id);
      return Optional.empty();
    }
    Session touched = new Session(found.id(), found.csrfToken(), found.signedIn(), now);
    byId.put(id, touched);
    return Optional.of(touched);
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  private void expire() {
    Instant oldest = clock.instant().minus(idle);
    byId.values().removeIf(s -> s.lastSeen().isBefore(oldest));
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
