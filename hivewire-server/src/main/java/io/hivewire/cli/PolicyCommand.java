package io.hivewire.cli;

import io.hivewire.app.LogEncoders;
import io.hivewire.config.ConfigKey;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.LoadedConfig;
import io.hivewire.config.SourceCredentialsConfig;
import io.hivewire.connections.PolicyService;
import io.hivewire.connections.SourceAccess;
import io.hivewire.s3.CallerIdentity;
import io.hivewire.s3.S3ObjectStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hivewire policy}: prints the bucket policy to attach to a customer bucket. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description =
        "Print the S3 bucket policy that lets hivewire's role list and read a bucket"
            + " (HIVEWIRE_AWS_ROLE_ARN or --role-arn; else the identity of hivewire's AWS"
            + " credentials; else an example principal to replace).")
final class PolicyCommand implements Callable<Integer> {

  @Option(names = "--bucket", required = true, paramLabel = "B", description = "Bucket name.")
  String bucket;

  @Option(
      names = "--role-arn",
      paramLabel = "ARN",
      description = "hivewire's reader role (aws.role-arn).")
  String roleArn;

  @Option(
      names = "--account-id",
      paramLabel = "ID",
      description = "hivewire's AWS account id (aws.account-id; default: the role's account).")
  String accountId;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  Path configFile;

  @Spec CommandSpec spec;

  private final Function<SourceCredentialsConfig, CallerIdentity> identities;

  PolicyCommand() {
    this(
        source ->
            new SourceAccess(source, Optional.empty(), S3ObjectStores::create).callerIdentity());
  }

  /**
   * A command that finds hivewire's identity, when no role is configured, with {@code identities}.
   */
  PolicyCommand(Function<SourceCredentialsConfig, CallerIdentity> identities) {
    this.identities = identities;
  }

  @Override
  public Integer call() {
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    if (roleArn != null) {
      flags.put(ConfigKey.AWS_ROLE_ARN, roleArn);
    }
    if (accountId != null) {
      flags.put(ConfigKey.AWS_ACCOUNT_ID, accountId);
    }
    LoadedConfig config =
        new ConfigLoader(Optional.ofNullable(configFile), System.getenv(), flags).load();
    LogEncoders.useOnConsole(config.config().logFormat());
    SourceCredentialsConfig source = config.config().source();
    PolicyService.Policy policy =
        new PolicyService(source, identities.apply(source), InstantSource.system())
            .policyFor(Optional.of(bucket));
    // The document alone on stdout, so that it can be redirected to a file and attached as is.
    PrintWriter out = spec.commandLine().getOut();
    out.println(policy.document());
    out.flush();
    policy
        .note()
        .ifPresent(
            note -> {
              PrintWriter err = spec.commandLine().getErr();
              err.println("hivewire policy: the policy names " + policy.principal() + ". " + note);
              err.flush();
            });
    return 0;
  }
}
