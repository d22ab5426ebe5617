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
  void aQuotaThatCannotHoldTwoSegmentsIsRejected() {
    assertThatThrownBy(() -> WalSettings.defaults(DIR).withMaxBytes(100L << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quota (maxBytes) is 104857600")
        .hasMessageContaining("at least two segments of 67108864 bytes");
  }

  @Test
  void aQuotaSizesSegmentsToAQuarterOfItUpToTheDefault() {
    assertThat(WalSettings.withQuota(DIR, WalSettings.MIN_QUOTA_BYTES).segmentBytes())
        .isEqualTo(1024);
    assertThat(WalSettings.withQuota(DIR, 1L << 20).segmentBytes()).isEqualTo(256 * 1024);
    assertThat(WalSettings.withQuota(DIR, 10L << 30).segmentBytes()).isEqualTo(64L << 20);
    assertThat(WalSettings.withQuota(DIR, 1L << 20).maxBytes()).isEqualTo(1L << 20);
  }

  @Test
  void tinySegmentsAreRejected() {
    assertThatThrownBy(() -> WalSettings.defaults(DIR).withSegmentBytes(100))
        .hasMessageContaining("segmentBytes is 100");
  }
}
