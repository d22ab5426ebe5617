package io.hivewire.cli;

import io.hivewire.config.ConfigKey;
import io.hivewire.config.ConfigLoader;
import io.hivewire.config.LocalS3Config;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.PutOptions;
import io.hivewire.s3.S3ClientSettings;
import io.hivewire.s3.S3Location;
import io.hivewire.s3.S3ObjectStores;
import io.hivewire.source.BucketName;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hivewire s3}: create a bucket, upload files, list and remove objects on the local S3 (the
 * one {@code server --local-s3} and {@code demo} run) or any S3 endpoint, without another client.
 */
@Command(
    name = "s3",
    mixinStandardHelpOptions = true,
    description =
        "Create buckets, upload, list and remove files on the local S3 (default: 127.0.0.1 at"
            + " local-s3.port with the local-s3 keys) or on --endpoint.",
    subcommands = {
      S3Command.MakeBucket.class,
      S3Command.Put.class,
      S3Command.ListObjects.class,
      S3Command.Remove.class
    })
final class S3Command implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the objects are: the local S3 of the configuration, or an explicit endpoint. */
  static final class Target {

    @Option(
        names = "--endpoint",
        paramLabel = "URL",
        description =
            "S3 endpoint (default: the local S3, http://127.0.0.1:<local-s3.port>); keys from"
                + " --access-key/--secret-key, else the AWS default chain (AWS_ACCESS_KEY_ID…).")
    URI endpoint;

    @Option(
        names = "--region",
        paramLabel = "R",
        defaultValue = "us-east-1",
        description = "Region to sign for and create buckets in (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(names = "--access-key", paramLabel = "ID", description = "Access key id.")
    String accessKey;

    @Option(
        names = "--secret-key",
        paramLabel = "KEY",
        description = "Secret access key (with --access-key).")
    String secretKey;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "YAML configuration file: local-s3.port and keys as for the server.")
    Path configFile;

    /** The endpoint and keys, and how to describe the endpoint when it does not answer. */
    record Resolved(S3ClientSettings settings, String name, String whenUnreachable) {}

    Resolved resolve() {
      if ((accessKey == null) != (secretKey == null)) {
        throw new IllegalArgumentException("give both --access-key and --secret-key, or neither");
      }
      if (endpoint != null) {
        S3ClientSettings settings =
            S3ClientSettings.aws(region)
                .withEndpoint(endpoint)
                .withCredentials(
                    accessKey == null
                        ? new S3ClientSettings.Credentials.DefaultChain()
                        : new S3ClientSettings.Credentials.Static(accessKey, secretKey));
        return new Resolved(
            shortTimeout(settings),
            "the S3 endpoint " + endpoint,
            "check the URL and that the endpoint runs");
      }
      LocalS3Config local =
          new ConfigLoader(Optional.ofNullable(configFile), System.getenv(), Map.of())
              .load()
              .config()
              .localS3();
      URI uri = URI.create("http://127.0.0.1:" + local.port());
      S3ClientSettings settings =
          S3ClientSettings.endpoint(
              uri,
              region,
              accessKey == null ? local.accessKey() : accessKey,
              secretKey == null ? local.secretKey().value() : secretKey);
      return new Resolved(
          shortTimeout(settings),
          "the local S3 at " + uri,
          "it runs inside hivewire: start ./hivewire server --local-s3 (or ./hivewire demo) in"
              + " another terminal, or set "
              + ConfigKey.LOCAL_S3_PORT.path()
              + " ("
              + ConfigKey.LOCAL_S3_PORT.envName()
              + ") to the port it listens on, or pass --endpoint URL");
    }

    /** A CLI call should fail in seconds when nothing listens, not after the server's 5 min. */
    private static S3ClientSettings shortTimeout(S3ClientSettings settings) {
      return new S3ClientSettings(
          settings.region(),
          settings.endpoint(),
          settings.pathStyle(),
          settings.credentials(),
          4,
          Duration.ofSeconds(30));
    }
  }

  /** The shared body of every subcommand: open the store, run, explain a failure in one line. */
  abstract static class Action implements Callable<Integer> {

    @Mixin Target target = new Target();

    @Spec CommandSpec spec;

    abstract void run(ObjectStore store, PrintWriter out);

    abstract String bucket();

    @Override
    public Integer call() {
      Target.Resolved resolved = target.resolve();
      PrintWriter out = spec.commandLine().getOut();
      try (ObjectStore store = S3ObjectStores.create(resolved.settings())) {
        run(store, out);
        out.flush();
        return 0;
      } catch (ObjectStoreException e) {
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("hivewire s3 " + spec.name() + ": " + explain(e, resolved));
        err.flush();
        return 1;
      }
    }

    private String explain(ObjectStoreException e, Target.Resolved resolved) {
      return switch (e.reason()) {
        case NETWORK -> resolved.name() + " does not answer: " + resolved.whenUnreachable();
        case NO_SUCH_BUCKET ->
            "bucket "
                + bucket()
                + " does not exist on "
                + resolved.name()
                + ": create it with ./hivewire s3 mb s3://"
                + bucket()
                + (target.endpoint == null ? "" : " --endpoint " + target.endpoint);
        case INVALID_CREDENTIALS, NO_CREDENTIALS ->
            resolved.name()
                + " refused the keys: "
                + (target.endpoint == null
                    ? "pass the keys the local S3 was started with ("
                        + ConfigKey.LOCAL_S3_ACCESS_KEY.path()
                        + ", "
                        + ConfigKey.LOCAL_S3_SECRET_KEY.path()
                        + "), e.g. --config with the server's file"
                    : "pass --access-key and --secret-key of that endpoint")
                + " ("
                + e.getMessage()
                + ")";
        default -> e.getMessage();
      };
    }
  }

  static S3Location location(String uri) {
    S3Location location = S3Location.parse(uri);
    BucketName.parse(location.bucket());
    return location;
  }

  /** {@code hivewire s3 mb s3://bucket}. */
  @Command(name = "mb", mixinStandardHelpOptions = true, description = "Create a bucket.")
  static final class MakeBucket extends Action {

    @Parameters(paramLabel = "s3://BUCKET", description = "The bucket to create.")
    String bucketUri;

    @Override
    String bucket() {
      return location(bucketUri).bucket();
    }

    @Override
    void run(ObjectStore store, PrintWriter out) {
      String bucket = bucket();
      boolean created =
          store
              .bucketCreation()
              .orElseThrow(() -> new IllegalStateException("this store cannot create buckets"))
              .createBucket(bucket);
      out.println(
          created ? "created bucket s3://" + bucket : "bucket s3://" + bucket + " already exists");
    }
  }

  /** {@code hivewire s3 put LOCAL s3://bucket/prefix}. */
  @Command(
      name = "put",
      mixinStandardHelpOptions = true,
      description =
          "Upload a file, or a directory with everything under it (keeping relative paths), to"
              + " s3://BUCKET/PREFIX.")
  static final class Put extends Action {

    @Parameters(index = "0", paramLabel = "LOCAL", description = "A file or a directory.")
    Path source;

    @Parameters(
        index = "1",
        paramLabel = "s3://BUCKET/PREFIX",
        description =
            "A directory's files go under PREFIX/; a file goes to PREFIX itself, or under it when"
                + " PREFIX is empty or ends with /.")
    String targetUri;

    @Override
    String bucket() {
      return location(targetUri).bucket();
    }

    @Override
    void run(ObjectStore store, PrintWriter out) {
      S3Location target = location(targetUri);
      if (!Files.exists(source)) {
        throw new IllegalArgumentException(
            source + " does not exist: give a file or a directory to upload");
      }
      long files = 0;
      long bytes = 0;
      for (Upload upload : uploads(target)) {
        ObjectInfo written = store.put(upload.to(), upload.from(), PutOptions.defaults());
        out.println(upload.from() + " -> " + upload.to() + " (" + written.size() + " bytes)");
        files++;
        bytes += written.size();
      }
      out.println(
          "uploaded " + files + " file" + (files == 1 ? "" : "s") + ", " + bytes + " bytes");
    }

    private record Upload(Path from, S3Location to) {}

    private List<Upload> uploads(S3Location target) {
      if (!Files.isDirectory(source)) {
        String name = source.getFileName().toString();
        boolean underPrefix = target.key().isEmpty() || target.key().endsWith("/");
        return List.of(new Upload(source, underPrefix ? target.resolve(name) : target));
      }
      try (Stream<Path> walk = Files.walk(source)) {
        return walk.filter(Files::isRegularFile)
            .sorted()
            .map(
                file -> {
                  String relative = source.relativize(file).toString().replace('\\', '/');
                  return new Upload(file, target.resolve(relative));
                })
            .toList();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read directory " + source + ": " + e, e);
      }
    }
  }

  /** {@code hivewire s3 ls s3://bucket/prefix}. */
  @Command(
      name = "ls",
      mixinStandardHelpOptions = true,
      description = "List the objects under s3://BUCKET/PREFIX, at any depth, with their size.")
  static final class ListObjects extends Action {

    @Parameters(paramLabel = "s3://BUCKET[/PREFIX]", description = "Where to list.")
    String prefixUri;

    @Override
    String bucket() {
      return location(prefixUri).bucket();
    }

    @Override
    void run(ObjectStore store, PrintWriter out) {
      S3Location prefix = location(prefixUri);
      long[] totals = new long[2];
      store.listAll(
          ListRequest.recursive(prefix.bucket(), prefix.key()),
          page -> {
            for (ObjectInfo object : page.objects()) {
              out.printf("%12d  %s%n", object.size(), object.key());
              totals[0]++;
              totals[1] += object.size();
            }
          });
      out.println(
          totals[0] + " object" + (totals[0] == 1 ? "" : "s") + ", " + totals[1] + " bytes");
    }
  }

  /** {@code hivewire s3 rm s3://bucket/key}. */
  @Command(
      name = "rm",
      mixinStandardHelpOptions = true,
      description = "Remove an object, or with --recursive every object under a prefix.")
  static final class Remove extends Action {

    @Parameters(paramLabel = "s3://BUCKET/KEY", description = "The object or prefix.")
    String keyUri;

    @Option(names = "--recursive", description = "Remove every object under the prefix.")
    boolean recursive;

    @Override
    String bucket() {
      return location(keyUri).bucket();
    }

    @Override
    void run(ObjectStore store, PrintWriter out) {
      S3Location location = location(keyUri);
      if (!recursive) {
        if (location.key().isEmpty()) {
          throw new IllegalArgumentException(
              "give a key, e.g. s3://" + location.bucket() + "/file.csv, or --recursive");
        }
        store.delete(location);
        out.println("removed " + location);
        return;
      }
      List<ObjectInfo> objects = store.listRecursively(location.bucket(), location.key());
      objects.forEach(o -> store.delete(new S3Location(location.bucket(), o.key())));
      out.println(
          "removed "
              + objects.size()
              + " object"
              + (objects.size() == 1 ? "" : "s")
              + " under "
              + location);
    }
  }
}
