package io.hivewire.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalBenchmarkTest {

  @TempDir Path dir;

  @Test
  void aDirectoryArgumentThatDoesNotExistYetIsCreated() throws IOException {
    Path missing = dir.resolve("not").resolve("there");

    Path parent = WalBenchmark.parentDir(new String[] {missing.toString(), "1"});

    assertThat(parent).isEqualTo(missing).isDirectory();
  }
}
