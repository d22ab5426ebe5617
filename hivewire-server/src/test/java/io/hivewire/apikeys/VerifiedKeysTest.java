package io.hivewire.apikeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedKeysTest {

  private final AtomicLong now = new AtomicLong();
  private final Map<String, List<String>> stored = new HashMap<>(Map.of("h1", List.of("ingest")));
  private final AtomicInteger lookups = new AtomicInteger();
  private final VerifiedKeys<String> keys = new VerifiedKeys<>(Duration.ofSeconds(5), now::get);

  private Optional<List<String>> lookup(String hash) {
    lookups.incrementAndGet();
    return Optional.ofNullable(stored.get(hash));
  }

  @Test
  void aKeyFoundIsTrustedForTheTrustPeriodThenCheckedAgain() {
    assertThat(keys.scopesOf("h1", this::lookup)).contains(List.of("ingest"));
    stored.remove("h1");
    now.set(Duration.ofMillis(4_999).toNanos());
    assertThat(keys.scopesOf("h1", this::lookup)).contains(List.of("ingest"));
    assertThat(lookups).hasValue(1);

    now.set(Duration.ofSeconds(5).toNanos());
    assertThat(keys.scopesOf("h1", this::lookup)).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void aKeyRevokedInThisProcessIsForgottenAtOnce() {
    keys.scopesOf("h1", this::lookup);
    stored.remove("h1");
    keys.forgetAll();

    assertThat(keys.scopesOf("h1", this::lookup)).isEmpty();
  }

  @Test
  void aKeyNotFoundIsNotRememberedSoThatANewKeyWorksAtOnce() {
    assertThat(keys.scopesOf("h2", this::lookup)).isEmpty();
    stored.put("h2", List.of("admin"));

    assertThat(keys.scopesOf("h2", this::lookup)).contains(List.of("admin"));
  }

  @Test
  void aLookupThatRacedARevocationIsNotRemembered() {
    assertThat(
            keys.scopesOf(
                "h1",
                hash -> {
                  Optional<List<String>> found = lookup(hash);
                  stored.remove("h1");
                  keys.forgetAll();
                  return found;
                }))
        .contains(List.of("ingest"));

    assertThat(keys.scopesOf("h1", this::lookup)).isEmpty();
  }
}
