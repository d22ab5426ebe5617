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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's server-side sessions: the browser holds only a random id, never the API key; a
 * session unused for the idle time is gone, and so is every session of a revoked key.
 */
public final class Sessions {

  /** A browser's session: its CSRF token and the API key it signed in with, if it has. */
  public record Session(String id, String csrfToken, Optional<UUID> keyId, Instant lastSeen) {
    public Session {
      Objects.requireNonNull(id, "id is null");
      Objects.requireNonNull(csrfToken, "csrfToken is null");
      Objects.requireNonNull(keyId, "keyId is null");
      Objects.requireNonNull(lastSeen, "lastSeen is null");
    }

    /** Whether an API key signed this session in. */
    public boolean signedIn() {
      return keyId.isPresent();
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

  /** A new session that has not signed in: it carries the sign-in form's CSRF token. */
  public Session open() {
    return open(Optional.empty());
  }

  /**
   * A new session signed in with the API key {@code keyId}; always a new id, so that an id known
   * before sign-in is worth nothing after it (no session fixation).
   */
  public Session signIn(UUID keyId) {
    return open(Optional.of(Objects.requireNonNull(keyId, "keyId is null")));
  }

  private Session open(Optional<UUID> keyId) {
    expire();
    Session session = new Session(token(), token(), keyId, clock.instant());
    byId.put(session.id(), session);
    return session;
  }

  /** The live session with {@code id}, its idle time restarted; empty when unknown or expired. */
  public Optional<Session> touch(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    // Atomic per id, so that a session ended meanwhile (sign-out, revoked key) stays ended.
    return Optional.ofNullable(
        byId.computeIfPresent(
            id,
            (key, found) ->
                found.lastSeen().plus(idle).isBefore(now)
                    ? null
                    : new Session(found.id(), found.csrfToken(), found.keyId(), now)));
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  /** Ends every session signed in with the API key {@code keyId}; returns how many ended. */
  public int endSessionsOf(UUID keyId) {
    Objects.requireNonNull(keyId, "keyId is null");
    int ended = 0;
    for (Session session : byId.values()) {
      if (session.keyId().equals(Optional.of(keyId)) && byId.remove(session.id()) != null) {
        ended++;
      }
    }
    return ended;
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
