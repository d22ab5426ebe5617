package io.hivewire.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SessionsTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-01-15T10:00:00Z"));
  private final Sessions sessions = new Sessions(Duration.ofMinutes(30), now::get);
  private final UUID adminKey = UUID.fromString("0b7a4c3e-1d2f-4e5a-9b8c-7d6e5f4a3b21");
  private final UUID otherKey = UUID.fromString("5c2e8f1a-3b4d-4c6e-8a9b-0c1d2e3f4a5b");

  private void advance(Duration duration) {
    now.set(now.get().plus(duration));
  }

  @Test
  void aSessionUsedWithinTheIdleTimeLivesOnAndOneLeftIdleLongerIsGone() {
    Sessions.Session session = sessions.signIn(adminKey);

    advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id())).isPresent();
    advance(Duration.ofMinutes(29));
    assertThat(sessions.touch(session.id())).as("each request restarts the idle time").isPresent();
    advance(Duration.ofMinutes(31));
    assertThat(sessions.touch(session.id())).isEmpty();
  }

  @Test
  void eachSessionHasItsOwnRandomIdAndCsrfToken() {
    Sessions.Session first = sessions.open();
    Sessions.Session second = sessions.signIn(adminKey);

    assertThat(first.id()).isNotEqualTo(second.id()).isNotEqualTo(first.csrfToken());
    assertThat(first.csrfToken()).isNotEqualTo(second.csrfToken()).hasSizeGreaterThan(40);
    assertThat(first.acceptsCsrf(first.csrfToken())).isTrue();
    assertThat(first.acceptsCsrf(second.csrfToken())).isFalse();
    assertThat(first.acceptsCsrf(null)).isFalse();
    assertThat(first.acceptsCsrf("")).isFalse();
  }

  @Test
  void aClosedOrUnknownSessionIsNotFound() {
    Sessions.Session session = sessions.signIn(adminKey);
    sessions.close(session.id());

    assertThat(sessions.touch(session.id())).isEmpty();
    assertThat(sessions.touch("never-issued")).isEmpty();
    assertThat(sessions.touch(null)).isEmpty();
  }

  @Test
  void aSignedInSessionRemembersTheKeyThatSignedItInAndAnAnonymousOneHasNone() {
    Sessions.Session signedIn = sessions.signIn(adminKey);
    Sessions.Session anonymous = sessions.open();

    assertThat(sessions.touch(signedIn.id()).orElseThrow().keyId()).contains(adminKey);
    assertThat(sessions.touch(signedIn.id()).orElseThrow().signedIn()).isTrue();
    assertThat(sessions.touch(anonymous.id()).orElseThrow().keyId()).isEmpty();
    assertThat(sessions.touch(anonymous.id()).orElseThrow().signedIn()).isFalse();
  }

  @Test
  void endingAKeysSessionsEndsEveryOneOfThemAndNoOther() {
    Sessions.Session laptop = sessions.signIn(adminKey);
    Sessions.Session phone = sessions.signIn(adminKey);
    Sessions.Session colleague = sessions.signIn(otherKey);
    Sessions.Session anonymous = sessions.open();

    assertThat(sessions.endSessionsOf(adminKey)).isEqualTo(2);

    assertThat(sessions.touch(laptop.id())).isEmpty();
    assertThat(sessions.touch(phone.id())).isEmpty();
    assertThat(sessions.touch(colleague.id()).map(Sessions.Session::keyId))
        .isEqualTo(Optional.of(Optional.of(otherKey)));
    assertThat(sessions.touch(anonymous.id())).isPresent();
    assertThat(sessions.endSessionsOf(adminKey)).as("nothing left to end").isZero();
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
