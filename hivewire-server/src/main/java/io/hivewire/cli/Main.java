package io.hivewire.cli;

import io.hivewire.app.LogEncoders;
import io.hivewire.app.StartupException;
import io.hivewire.config.ConfigException;
import io.hivewire.config.LogFormat;
import io.hivewire.errors.ConflictException;
import io.hivewire.errors.InvalidInputException;
import io.hivewire.errors.NotConfiguredException;
import io.hivewire.errors.NotFoundException;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hivewire} command line: one subcommand per job. */
@Command(
    name = "hivewire",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "S3 connectivity server for first-party data.",
    subcommands = {
      ServerCommand.class,
      DemoCommand.class,
      DiscoverCommand.class,
      PolicyCommand.class,
      RouteCommand.class,
      ApiKeyCommand.class,
      KafkaCommand.class,
      MasterKeyCommand.class,
      S3Command.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // Before anything logs: every line a command writes is in the chosen format, even those of
    // commands that load no configuration (a YAML file's logging.format applies once it is read).
    try {
      LogEncoders.useOnConsole(LogFormat.fromEnvironment(System.getenv()));
    } catch (ConfigException e) {
      System.err.println("hivewire: " + e.getMessage());
      System.exit(1);
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with hivewire's error handling: user errors print one line, no trace. */
  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (isUserError(e)) {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  private static boolean isUserError(Exception e) {
    return e instanceof ConfigException
        || e instanceof StartupException
        || e instanceof InvalidInputException
        || e instanceof NotFoundException
        || e instanceof ConflictException
        || e instanceof NotConfiguredException
        || e instanceof ObjectStoreException
        || e instanceof StoreException
        || e instanceof IllegalArgumentException;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
