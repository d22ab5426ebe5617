package io.hivewire.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hivewire demo --exit} end to end, in-process, on free ports and a temporary data dir. */
class DemoCommandIT {

  @TempDir Path dataDir;

  @Test
  void demoConnectsTheSampleSchemasAndPrintsWhatItFound() {
    StringWriter output = new StringWriter();
    CommandLine commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(output, true));

    int exitCode =
        commandLine.execute(
            "demo",
            "--exit",
            "--data-dir",
            dataDir.toString(),
            "--port",
            "0",
            "--db-port",
            "0",
            "--local-s3-port",
            "0");

    String printed = output.toString();
    assertThat(exitCode).as(printed).isZero();
    assertThat(printed)
        .contains("hivewire is running")
        .contains("psql -h localhost -p ")
        .contains("JDBC URL  jdbc:postgresql://localhost:")
        .contains("API key      hw_")
        .contains("[ACTIVE]")
        .doesNotContain("[FAILED]")
        .contains("page_views")
        .contains("date         DATE   (from the partition path)")
        .contains("exports_tmp  not_partitioned")
        .contains("orders")
        .contains("ordered_at   TIMESTAMP WITH TIME ZONE")
        .contains("segments")
        .contains("customers")
        .contains("curl -s -H 'X-API-Key: hw_")
        .contains("Stopped (--exit)");
  }

  @Test
  void secondRunReusesTheStoredKeyAndConnections() {
    String[] args = {
      "demo",
      "--exit",
      "--data-dir",
      dataDir.toString(),
      "--port",
      "0",
      "--db-port",
      "0",
      "--local-s3-port",
      "0"
    };
    assertThat(Main.commandLine().setOut(new PrintWriter(new StringWriter())).execute(args))
        .isZero();
    StringWriter second = new StringWriter();

    int exitCode = Main.commandLine().setOut(new PrintWriter(second, true)).execute(args);

    assertThat(exitCode).as(second.toString()).isZero();
    assertThat(second.toString())
        .contains("the key printed at the first start")
        .doesNotContain("API key      hw_");
    assertThat(second.toString().split("== Web analytics", -1)).hasSize(2);
  }
}
