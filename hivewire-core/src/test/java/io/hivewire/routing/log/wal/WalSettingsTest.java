package io.hivewire.routing.log.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WalSettingsTest {

  private static final Path DIR = Path.of("data", "wal");

  @Test
  void defaultsAre64MiBSegmentsUnderA10GiBQuota() {
    WalSettings settings = WalSettings.defaults(DIR);
    assertThat(settings.segmentBytes()).isEqualTo(64L << 20);
    assertThat(settings.maxBytes()).isEqualTo(10L << 30);
  }

  @Test
  void aQuotaThatCannotHoldTwoSegmentsIsRejectedNamingTheKey() {
    assertThatThrownBy(() -> WalSettings.defaults(DIR).withMaxBytes(100L << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("routing.log.maxBytes is 104857600")
        .hasMessageContaining("at least two segments of 67108864 bytes");
  }

  @Test
  void tinySegmentsAreRejected() {
    assertThatThrownBy(() -> WalSettings.defaults(DIR).withSegmentBytes(100))
        .hasMessageContaining("segmentBytes is 100");
  }
}
