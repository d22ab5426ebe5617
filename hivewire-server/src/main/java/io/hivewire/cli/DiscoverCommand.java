package io.hivewire.cli;

import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.BucketName;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.DataFormat;
import io.hivewire.source.Partitioning;
import io.hivewire.source.SchemaPrefix;
import io.hivewire.source.check.CheckResult;
import io.hivewire.source.check.ConnectionCheck;
import io.hivewire.source.discovery.Discovery;
import io.hivewire.source.discovery.DiscoveryJson;
import io.hivewire.source.discovery.DiscoveryResult;
import io.hivewire.source.schema.SchemaReader;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hivewire discover}: discovers the tables under a schema prefix, without a server. */
@Command(
    name = "discover",
    mixinStandardHelpOptions = true,
    description =
        "Discover the tables under s3://BUCKET/PREFIX with the default AWS credentials chain,"
            + " without a server.")
final class DiscoverCommand implements Callable<Integer> {

  @Option(names = "--bucket", required = true, paramLabel = "B", description = "Bucket name.")
  String bucket;

  @Option(
      names = "--prefix",
      required = true,
      paramLabel = "P",
      description = "Schema prefix: every directory under it is a table (empty: bucket root).")
  String prefix;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "csv|parquet",
      description = "Data format of every table.")
  String format;

  @Option(
      names = "--partitioning",
      required = true,
      paramLabel = "all|none",
      description = "all: tables are Hive-partitioned (k=v/ directories); none: no table is.")
  String partitioning;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "Bucket region (default: asked from S3, else us-east-1).")
  String region;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "An S3-compatible endpoint instead of AWS S3 (path-style).")
  URI endpoint;

  @Option(names = "--json", description = "Print one JSON object instead of a table.")
  boolean json;

  @Spec CommandSpec spec;

  private final Function<S3ClientSettings, ObjectStore> stores;

  DiscoverCommand() {
    this(S3ObjectStores::create);
  }

  /** A command that opens its object stores with {@code stores}. */
  DiscoverCommand(Function<S3ClientSettings, ObjectStore> stores) {
    this.stores = stores;
  }

  @Override
  public Integer call() {
    BucketName bucketName = BucketName.parse(bucket);
    AwsRegion awsRegion = region == null ? detectRegion(bucketName) : AwsRegion.parse(region);
    ConnectionSettings settings =
        new ConnectionSettings(
            awsRegion,
            bucketName,
            SchemaPrefix.parse(prefix),
            DataFormat.parse(format),
            Partitioning.parse(partitioning));
    DiscoveryResult result;
    try (ObjectStore store = stores.apply(clientSettings(awsRegion.code()))) {
      // The server's check first, so that a wrong prefix fails as it does for a connection.
      CheckResult check = new ConnectionCheck(store).check(settings);
      if (!check.isActive()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "hivewire discover: "
                + check.failure().orElseThrow().wireName()
                + ": "
                + check.message());
        err.flush();
        return 1;
      }
      result = new Discovery(store, new SchemaReader(store)::readSchema).discover(settings);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(DiscoveryJson.write(result));
    } else {
      DiscoveryReport.print(out, settings.schemaUrl(), result);
    }
    out.flush();
    return 0;
  }

  private AwsRegion detectRegion(BucketName bucketName) {
    if (endpoint != null) {
      return AwsRegion.parse("us-east-1");
    }
    try (ObjectStore store = stores.apply(clientSettings("us-east-1"))) {
      return AwsRegion.fromLocationConstraint(store.bucketRegion(bucketName.value()));
    } catch (ObjectStoreException | IllegalArgumentException e) {
      return AwsRegion.parse("us-east-1");
    }
  }

  private S3ClientSettings clientSettings(String regionCode) {
    S3ClientSettings settings = S3ClientSettings.aws(regionCode);
    return endpoint == null ? settings : settings.withEndpoint(endpoint);
  }
}
