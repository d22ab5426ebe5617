package io.hivewire.cli;

import io.hivewire.app.HivewireApp;
import io.hivewire.app.StartupBanner;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.LoadedConfig;
import io.hivewire.s3.S3ObjectStores;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hivewire server}: runs the HTTP API until stopped. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = "Run the hivewire server (HTTP API, metadata database, optional local S3).")
final class ServerCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Option(
      names = "--local-s3",
      description = "Also start an S3-compatible endpoint in-process (files under <data-dir>/s3).")
  boolean localS3;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Map<ConfigKey, String> forced = new EnumMap<>(ConfigKey.class);
    if (localS3) {
      forced.put(ConfigKey.LOCAL_S3_ENABLED, "true");
    }
    LoadedConfig config = options.load(System.getenv(), forced);
    HivewireApp app =
        HivewireApp.start(config.config(), S3ObjectStores::create, InstantSource.system());
    StartupBanner.print(out, app, config);
    out.println("Try:");
    out.println(
        "  curl -s "
            + StartupBanner.authHeader(app.createdApiKey())
            + " "
            + app.baseUrl()
            + "/api/v1/connections");
    if (app.createdApiKey().isEmpty()) {
      out.println(
          "  (with HIVEWIRE_API_KEY set in your shell to "
              + (config.config().apiKey().isPresent()
                  ? "the key you configured)"
                  : "the key printed at the first start)"));
    }
    out.println();
    out.println("Press Ctrl+C to stop.");
    out.flush();
    awaitShutdown(app);
    return 0;
  }

  /** Blocks until the JVM is asked to stop, then closes the server. */
  static void awaitShutdown(HivewireApp app) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  app.close();
                  stopped.countDown();
                },
                "hivewire-shutdown"));
    stopped.await();
  }
}
