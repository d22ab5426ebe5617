package io.hivewire.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hivewire} command line: one subcommand per job. */
@Command(
    name = "hivewire",
    mixinStandardHelpOptions = true,
    version = "hivewire 0.1.0",
    description = "S3 connectivity server for first-party data.",
    subcommands = {CommandLine.HelpCommand.class, RouteCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
