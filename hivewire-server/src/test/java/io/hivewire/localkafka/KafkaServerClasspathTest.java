package io.hivewire.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerClasspathTest {

  @TempDir Path dir;

  @Test
  void classPathFileGivesTheJarsTheServerVersionAndTheArgument() throws Exception {
    Path server = Files.createFile(dir.resolve("kafka_2.13-4.3.1.jar"));
    Path clients = Files.createFile(dir.resolve("kafka-clients-4.3.1.jar"));
    Path file =
        Files.writeString(dir.resolve("kafka.classpath"), server + File.pathSeparator + clients);

    KafkaServerClasspath classpath = KafkaServerClasspath.read(file);

    assertThat(classpath.jars()).containsExactly(server, clients);
    assertThat(classpath.version()).isEqualTo("4.3.1");
    assertThat(classpath.asArgument()).isEqualTo(server + File.pathSeparator + clients);
  }

  @Test
  void missingClassPathFileSaysHowToResolveTheJars() {
    Path file = dir.resolve("kafka.classpath");

    assertThatThrownBy(() -> KafkaServerClasspath.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "no Kafka class path file at "
                + file
                + ": start the broker with `./hivewire kafka`, which resolves Kafka's server jars"
                + " with Maven (or build them with `./mvnw -pl hivewire-kafka package`)");
  }

  @Test
  void jarGoneFromTheLocalRepositoryIsNamed() throws Exception {
    Path gone = dir.resolve("kafka_2.13-4.3.1.jar");
    Path file = Files.writeString(dir.resolve("kafka.classpath"), gone.toString());

    assertThatThrownBy(() -> KafkaServerClasspath.read(file))
        .hasMessageContaining("names " + gone + ", which is not there");
  }

  @Test
  void classPathWithoutKafkasServerIsRefused() throws Exception {
    Path clients = Files.createFile(dir.resolve("kafka-clients-4.3.1.jar"));
    Path file = Files.writeString(dir.resolve("kafka.classpath"), clients.toString());

    assertThatThrownBy(() -> KafkaServerClasspath.read(file))
        .hasMessageStartingWith("the Kafka class path holds no kafka_2.13 server jar");
  }

  @Test
  void newClusterIdsAreKafkaShapedAndNeverLookLikeAnOption() {
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 1_000; i++) {
      assertThat(LocalKafka.newClusterId(random)).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
    }
  }
}
