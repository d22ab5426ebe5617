package io.hivewire.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.s3.CallerIdentity;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyServiceTest {

  private static final SourceCredentialsConfig NO_ROLE =
      new SourceCredentialsConfig(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-12-04T10:00:00Z"));
  private final InstantSource clock = now::get;

  /** Answers the scripted lookups in order, and counts how many were asked. */
  private static final class ScriptedIdentity implements CallerIdentity {
    private final Deque<Lookup> answers;
    private int asked;

    ScriptedIdentity(List<Lookup> answers) {
      this.answers = new ArrayDeque<>(answers);
    }

    @Override
    public Lookup lookup() {
      asked++;
      return answers.size() > 1 ? answers.poll() : answers.peek();
    }
  }

  @Test
  void aFailedIdentityLookupIsBelievedForAMinuteThenAskedAgain() {
    ScriptedIdentity identity =
        new ScriptedIdentity(
            List.of(
                new CallerIdentity.Lookup.Unavailable("no credentials"),
                new CallerIdentity.Lookup.Found("arn:aws:iam::111122223333:user/reader")));
    PolicyService policies = new PolicyService(NO_ROLE, identity, clock);

    PolicyService.Policy first = policies.policyFor(Optional.of("bucket-a"));
    now.set(now.get().plus(PolicyService.MISS_KEPT_FOR).minusSeconds(1));
    PolicyService.Policy second = policies.policyFor(Optional.of("bucket-b"));

    assertThat(identity.asked).isEqualTo(1);
    assertThat(first.principalSource()).isEqualTo(PolicyService.PrincipalSource.EXAMPLE);
    assertThat(second.principalSource()).isEqualTo(PolicyService.PrincipalSource.EXAMPLE);
    assertThat(second.note().orElseThrow()).contains("no credentials");

    now.set(now.get().plus(Duration.ofSeconds(2)));
    PolicyService.Policy third = policies.policyFor(Optional.of("bucket-c"));

    assertThat(identity.asked).isEqualTo(2);
    assertThat(third.principalSource()).isEqualTo(PolicyService.PrincipalSource.CALLER_IDENTITY);
    assertThat(third.principal()).isEqualTo("arn:aws:iam::111122223333:user/reader");
  }

  @Test
  void aFoundIdentityIsAskedOnce() {
    ScriptedIdentity identity =
        new ScriptedIdentity(
            List.of(new CallerIdentity.Lookup.Found("arn:aws:iam::111122223333:user/reader")));
    PolicyService policies = new PolicyService(NO_ROLE, identity, clock);

    policies.policyFor(Optional.of("bucket-a"));
    now.set(now.get().plus(Duration.ofHours(1)));
    PolicyService.Policy later = policies.policyFor(Optional.of("bucket-b"));

    assertThat(identity.asked).isEqualTo(1);
    assertThat(later.document()).contains("arn:aws:s3:::bucket-b");
  }
}
