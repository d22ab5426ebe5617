package io.hivewire.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jars Kafka's own server runs from: resolved by Maven into a class path file (module
 * hivewire-kafka), never part of hivewire's jar.
 */
public record KafkaServerClasspath(List<Path> jars) {

  private static final Pattern SERVER_JAR = Pattern.compile("kafka_2\\.13-(.+)\\.jar");

  public KafkaServerClasspath {
    jars = List.copyOf(jars);
    if (jars.stream()
        .noneMatch(jar -> SERVER_JAR.matcher(jar.getFileName().toString()).matches())) {
      throw new IllegalArgumentException(
          "the Kafka class path holds no kafka_2.13 server jar: build it with `./mvnw -pl"
              + " hivewire-kafka package`");
    }
  }

  /** Reads a class path file as Maven's dependency:build-classpath writes it. */
  public static KafkaServerClasspath read(Path file) {
    Objects.requireNonNull(file, "file is null");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "no Kafka class path file at "
              + file
              + ": start the broker with `./hivewire kafka`, which resolves Kafka's server jars"
              + " with Maven (or build them with `./mvnw -pl hivewire-kafka package`)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Kafka class path file " + file, e);
    }
    List<Path> jars =
        Arrays.stream(text.split(java.io.File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(Path::of)
            .toList();
    jars.stream()
        .filter(jar -> !Files.isRegularFile(jar))
        .findFirst()
        .ifPresent(
            missing -> {
              throw new IllegalArgumentException(
                  "the Kafka class path in "
                      + file
                      + " names "
                      + missing
                      + ", which is not there: build it again with `./mvnw -pl hivewire-kafka"
                      + " package`");
            });
    return new KafkaServerClasspath(jars);
  }

  /** The Kafka version of the server jar, e.g. {@code 4.3.1}. */
  public String version() {
    return jars.stream()
        .map(jar -> SERVER_JAR.matcher(jar.getFileName().toString()))
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .findFirst()
        .orElseThrow();
  }

  /** The {@code -cp} argument. */
  public String asArgument() {
    return String.join(java.io.File.pathSeparator, jars.stream().map(Path::toString).toList());
  }
}
