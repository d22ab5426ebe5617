package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.build.BuildInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hivewire --version} names the version and the commit the build was made from. */
class VersionIT {

  @TempDir Path work;

  @Test
  void versionPrintsTheProjectVersionAndTheCommitOfTheBuild() throws Exception {
    String printed;
    try (ChildProcess child = ChildProcess.start(work, work, "version", "--version")) {
      assertThat(child.awaitExit(Duration.ofMinutes(1))).as(child.output()).isZero();
      assertThat(child.stderr()).as("stderr").isEmpty();
      printed = child.stdout().strip();
    }

    BuildInfo build = BuildInfo.current();
    assertThat(printed)
        .isEqualTo("hivewire " + build.version() + " (commit " + build.commit() + ")");
    assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    // Built from a checkout (CI, a developer's clone), the commit is known; only a build from a
    // source archive without .git says "unknown".
    if (Files.exists(Path.of("..", ".git"))) {
      assertThat(build.commit()).matches("[0-9a-f]{7}");
    }
  }
}
