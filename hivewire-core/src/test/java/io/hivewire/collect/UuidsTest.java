package io.hivewire.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UuidsTest {

  private static final Pattern CANONICAL =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a10",
        "7F1C2F8E-9A51-4C39-8F5E-2F0B1D7C4A10",
        "00000000-0000-0000-0000-000000000000"
      })
  void theCanonicalFormInEitherCaseIsAUuid(String text) {
    assertThat(Uuids.parse(text)).contains(UUID.fromString(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1-2-3-4-5",
        "7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a1",
        "7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a100",
        "7f1c2f8e9a51-4c39-8f5e-2f0b1d7c4a10-",
        "7f1c2f8g-9a51-4c39-8f5e-2f0b1d7c4a10",
        "7f1c2f8e-9a51-4c39-8f5e_2f0b1d7c4a10",
        "{7f1c2f8e-9a51-4c39-8f5e-2f0b1d7c4a}"
      })
  void anythingElseIsNot(String text) {
    assertThat(Uuids.parse(text)).isEmpty();
  }

  @Test
  void itAgreesWithTheCanonicalPatternOnNearMisses() {
    SplittableRandom random = new SplittableRandom(11);
    String alphabet = "0123456789abcdefABCDEFgG-_ ";
    for (int i = 0; i < 20_000; i++) {
      char[] text = UUID.randomUUID().toString().toCharArray();
      text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      String candidate = new String(text);
      assertThat(Uuids.parse(candidate).isPresent())
          .as(candidate)
          .isEqualTo(CANONICAL.matcher(candidate).matches());
    }
  }
}
