package io.hivewire.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalKafkaSettingsTest {

  @Test
  void bootstrapAddressIsLoopbackOnTheClientPort() {
    LocalKafkaSettings settings = new LocalKafkaSettings(Path.of("data/kafka"), 9092, 9093);

    assertThat(settings.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(settings.directory()).isAbsolute();
    assertThat(settings.logFile()).isEqualTo(settings.directory().resolve("logs/server.log"));
  }

  @Test
  void brokerAndControllerOnOnePortIsRefused() {
    assertThatThrownBy(() -> new LocalKafkaSettings(Path.of("k"), 9092, 9092))
        .hasMessage(
            "--port and --controller-port are both 9092: the broker and its controller need a"
                + " port each");
  }

  @Test
  void portOutOfRangeNamesTheFlag() {
    assertThatThrownBy(() -> new LocalKafkaSettings(Path.of("k"), 9092, 70_000))
        .hasMessage("--controller-port is 70000: choose a port between 1 and 65535");
  }
}
