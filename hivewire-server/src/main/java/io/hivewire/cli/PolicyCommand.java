package io.hivewire.cli;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.LoadedConfig;
import io.hivewire.server.PolicyService;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
            + " (needs HIVEWIRE_AWS_ROLE_ARN or --role-arn).")
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
    System.out.println(new PolicyService(config.config().source()).policyFor(Optional.of(bucket)));
    return 0;
  }
}
