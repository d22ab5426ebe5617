package io.hivewire.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSliceTest {

  @TempDir Path tmp;

  @Test
  void streamsOnlyTheSliceAndCanBeReopened() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "0123456789");
    FileSlice slice = new FileSlice(file, 2, 5);

    try (InputStream first = slice.open();
        InputStream second = slice.open()) {
      assertThat(new String(first.readAllBytes(), UTF_8)).isEqualTo("23456");
      assertThat(second.read()).isEqualTo('2');
    }
  }

  @Test
  void aSliceBeyondTheEndOfTheFileIsRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "0123");

    assertThatThrownBy(() -> new FileSlice(file, 2, 5).open())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fewer than the slice [2, 7)");
  }

  @Test
  void negativeOffsetsAreRefused() {
    assertThatThrownBy(() -> new FileSlice(tmp.resolve("f"), -1, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
