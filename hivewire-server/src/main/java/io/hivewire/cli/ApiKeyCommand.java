package io.hivewire.cli;

import io.hivewire.apikeys.ApiKeyRepository;
import io.hivewire.apikeys.ApiKeys;
import io.hivewire.apikeys.StoredApiKey;
import io.hivewire.app.DataDirLock;
import io.hivewire.app.HivewireApp;
import io.hivewire.config.DatabaseConfig;
import io.hivewire.config.LoadedConfig;
import io.hivewire.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hivewire api-key}: issues, lists and revokes API keys in the data dir's database, for when
 * no admin key is at hand (the HTTP API does the same under {@code /api/v1/api-keys}).
 */
@Command(
    name = "api-key",
    mixinStandardHelpOptions = true,
    description =
        "Issue, list or revoke API keys in the database of the data dir (the embedded one while"
            + " the server is stopped, or the external one any time).",
    subcommands = {
      ApiKeyCommand.Create.class,
      ApiKeyCommand.ListKeys.class,
      ApiKeyCommand.Revoke.class
    })
final class ApiKeyCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Opens the database of the configuration (migrating it) and runs {@code work} on its keys. */
  private static <T> T withKeys(
      ConfigOptions options, java.util.function.Function<ApiKeys, T> work) {
    LoadedConfig config = options.load(System.getenv(), Map.of());
    if (!(config.config().database() instanceof DatabaseConfig.Embedded embedded)) {
      return withKeys(config, work);
    }
    // The embedded database belongs to the hivewire that holds the data dir.
    DataDirLock lock =
        DataDirLock.acquire(
            config.config().dataDir(),
            Optional.of(
                "or manage the keys through its HTTP API while it runs (/api/v1/api-keys with an"
                    + " admin key)"));
    try {
      HivewireApp.checkEmbeddedDatabasePort(embedded);
      return withKeys(config, work);
    } finally {
      try {
        lock.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static <T> T withKeys(LoadedConfig config, java.util.function.Function<ApiKeys, T> work) {
    try (Database database = Database.open(config.config().database(), config.config().dataDir())) {
      return work.apply(new ApiKeys(new ApiKeyRepository(database), InstantSource.system()));
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Issue a key and print it once: only its hash is stored.")
  static final class Create implements Callable<Integer> {

    @Mixin ConfigOptions options = new ConfigOptions();

    @Option(
        names = "--name",
        required = true,
        paramLabel = "N",
        description = "Who uses the key, e.g. \"web tracker\".")
    String name;

    @Option(
        names = "--scope",
        defaultValue = ApiKeys.INGEST_SCOPE,
        paramLabel = "S",
        description = "ingest (sends data to /v2.0 only; the default) or admin (every call).")
    String scope;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ApiKeys.IssuedKey issued = withKeys(options, keys -> keys.issue(name, scope));
      PrintWriter out = spec.commandLine().getOut();
      out.println(issued.key());
      out.println(
          "  "
              + issued.stored().scopes().getFirst()
              + " key \""
              + issued.stored().name()
              + "\", id "
              + issued.stored().id()
              + ". Shown once: store it now; send it in the X-API-Key header.");
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "List the keys (id, scope, created, last used to the minute, name); the keys"
              + " themselves are not kept.")
  static final class ListKeys implements Callable<Integer> {

    @Mixin ConfigOptions options = new ConfigOptions();

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      java.util.List<StoredApiKey> keys = withKeys(options, ApiKeys::list);
      PrintWriter out = spec.commandLine().getOut();
      for (StoredApiKey key : keys) {
        out.println(
            key.id()
                + "  "
                + String.join(",", key.scopes())
                + "  "
                + key.createdAt()
                + "  "
                + key.lastUsedAt().map(used -> "used " + used).orElse("never used")
                + "  "
                + key.name());
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a key by id: it stops working at once.")
  static final class Revoke implements Callable<Integer> {

    @Mixin ConfigOptions options = new ConfigOptions();

    @Parameters(paramLabel = "ID", description = "The key's id (see api-key list).")
    UUID id;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      withKeys(
          options,
          keys -> {
            keys.revoke(id);
            return null;
          });
      spec.commandLine().getOut().println("Revoked API key " + id + ".");
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
