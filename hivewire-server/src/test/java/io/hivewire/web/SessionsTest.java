package io.hivewire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionsTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-15T10:00:00Z"));
  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), now::get);

  private void advance(Duration duration) {
    now.set(now.get().plus(duration));
  }

  @Test
  void aSessionUsedWithinTheIdleTimeLivesOnAndOneLeftIdleLongerIsGone() {
    Sessions.Session session = sessions.open(true);

    advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id())).isPresent();
    advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id())).as("each request restarts the idle time").isPresent();
    advance(Duration.ofMinutes(31));
    assertThat(sessions.touch(session.id())).isEmpty();
  }

  @Test
  void eachSessionHasItsOwnRandomIdAndCsrfToken() {
    Sessions.Session first = sessions.open(false);
    Sessions.Session second = sessions.open(true);

    assertThat(first.id()).isNotEqualTo(second.id()).isNotEqualTo(first.csrfToken());
    assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken()).hasSizeGreaterThan(40);
    assertThat(first.acceptsCsrf(first.csrfToken())).isTrue();
    assertThat(first.acceptsCsrf(second.csrfToken())).isFalse();
    assertThat(first.acceptsCsrf(null)).isFalse();
    assertThat(first.acceptsCsrf("")).isFalse();
  }

  @Test
  void aClosedOrUnknownSessionIsNotFound() {
    Sessions.Session session = sessions.open(true);
    sessions.close(session.id());

    assertThat(sessions.touch(session.id())).isEmpty();
    assertThat(sessions.touch("never-issued")).isEmpty();
    assertThat(sessions.touch(null)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      value = {
        "/connections/abc, /connections/abc",
        "/imports?page=2, /imports?page=2",
        "NULL, /connections",
        "https://evil.example/, /connections",
        "//evil.example/, /connections",
        "/\\evil.example, /connections",
        "/sign-in?next=/x, /connections",
        "connections, /connections"
      })
  void afterSignInOnlyALocalPathIsFollowed(String next, String followed) {
    assertThat(WebSupport.safeNext(next)).isEqualTo(followed);
  }
}
