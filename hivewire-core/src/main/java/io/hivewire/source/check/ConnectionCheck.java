package io.hivewire.source.check;

import io.hivewire.s3.ListPage;
import io.hivewire.s3.ListRequest;
import io.hivewire.s3.ObjectInfo;
import io.hivewire.s3.ObjectStore;
import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.AwsRegion;
import io.hivewire.source.ConnectionSettings;
import io.hivewire.source.discovery.FileRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Validates a connection the way the troubleshooting guide reads: the bucket exists in the
 * configured region, hivewire may list the schema prefix (s3:ListBucket) and read a data file
 * (s3:GetObject, a 1-byte ranged read), and the prefix holds table directories.
 */
public final class ConnectionCheck {

  /** Table directories searched for a data file to read before settling for any object. */
  private static final int TABLES_SEARCHED = 5;

  private final ObjectStore store;
  private final CredentialHints hints;

  /** A check whose credentials come from the AWS default chain. */
  public ConnectionCheck(ObjectStore store) {
    this(store, CredentialHints.defaultChain());
  }

  /**
   * A check whose credential failures give {@code hints}, naming where the credentials come from.
   */
  public ConnectionCheck(ObjectStore store, CredentialHints hints) {
    this.store = Objects.requireNonNull(store, "store is null");
    this.hints = Objects.requireNonNull(hints, "hints is null");
  }

  /** Runs every check in order and stops at the first failure. */
  public CheckResult check(ConnectionSettings settings) {
    Objects.requireNonNull(settings, "settings is null");
    CheckMessages messages = new CheckMessages(settings, hints);
    Optional<CheckResult> regionFailure = checkRegion(settings, messages);
    if (regionFailure.isPresent()) {
      return regionFailure.get();
    }
    List<String> tables;
    try {
      tables = tableDirectories(settings);
    } catch (ObjectStoreException e) {
      return messages.listFailed(e);
    }
    if (tables.isEmpty()) {
      return whyNoTables(settings, messages);
    }
    Optional<ObjectInfo> sample;
    try {
      sample = sampleObject(settings, tables);
    } catch (ObjectStoreException e) {
      return messages.listFailed(e);
    }
    if (sample.isEmpty()) {
      return CheckResult.active(messages.activeWithoutRead(tables.size()));
    }
    S3Location location = new S3Location(settings.bucket().value(), sample.get().key());
    try {
      store.readRange(location, 0, 1);
    } catch (ObjectStoreException e) {
      return messages.readFailed(location, e);
    }
    return CheckResult.active(messages.active(tables.size(), location));
  }

  private Optional<CheckResult> checkRegion(ConnectionSettings settings, CheckMessages messages) {
    String reported;
    try {
      reported = store.bucketRegion(settings.bucket().value());
    } catch (ObjectStoreException e) {
      // The generated policy does not grant s3:GetBucketLocation: a denial here is expected, and a
      // wrong region then shows up as a redirect when listing.
      return switch (e.reason()) {
        case ACCESS_DENIED, NOT_IMPLEMENTED -> Optional.empty();
        default -> Optional.of(messages.listFailed(e));
      };
    }
    AwsRegion actual;
    try {
      actual = AwsRegion.fromLocationConstraint(reported);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (!actual.equals(settings.region())) {
      return Optional.of(messages.wrongRegion(actual.code()));
    }
    return Optional.empty();
  }

  /** The non-hidden directories under the prefix, reading pages until one is found. */
  private List<String> tableDirectories(ConnectionSettings settings) {
    String prefix = settings.schemaPrefix().value();
    ListRequest request = ListRequest.directory(settings.bucket().value(), prefix);
    List<String> tables = new ArrayList<>();
    while (tables.isEmpty()) {
      ListPage page = store.list(request);
      for (String common : page.commonPrefixes()) {
        String name = common.substring(prefix.length(), common.length() - 1);
        if (!name.isEmpty() && !FileRules.isHiddenDirectory(name)) {
          tables.add(name);
        }
      }
      if (page.nextToken().isEmpty()) {
        break;
      }
      request = request.withContinuationToken(page.nextToken().get());
    }
    return tables;
  }

  private CheckResult whyNoTables(ConnectionSettings settings, CheckMessages messages) {
    String bucket = settings.bucket().value();
    String prefix = settings.schemaPrefix().value();
    List<ObjectInfo> objects;
    try {
      objects =
          store
              .list(new ListRequest(bucket, prefix, Optional.empty(), Optional.empty(), 10))
              .objects();
    } catch (ObjectStoreException e) {
      return messages.listFailed(e);
    }
    if (objects.isEmpty()) {
      return settings.schemaPrefix().isRoot()
          ? messages.bucketEmpty()
          : messages.prefixNotFound(siblings(settings));
    }
    // The S3 console's "Create folder" leaves a zero-byte key equal to the prefix.
    if (objects.stream().allMatch(o -> o.key().equals(prefix))) {
      return messages.prefixEmpty();
    }
    return messages.noTables(
        objects.stream()
            .map(ObjectInfo::key)
            .filter(k -> !k.equals(prefix))
            .findFirst()
            .orElse(prefix));
  }

  /** The directories beside a missing prefix, to suggest what the user may have meant. */
  private List<String> siblings(ConnectionSettings settings) {
    String prefix = settings.schemaPrefix().value();
    String withoutSlash = prefix.substring(0, prefix.length() - 1);
    String parent = withoutSlash.substring(0, withoutSlash.lastIndexOf('/') + 1);
    try {
      ListPage page =
          store.list(
              new ListRequest(
                  settings.bucket().value(), parent, Optional.of("/"), Optional.empty(), 20));
      return page.commonPrefixes();
    } catch (ObjectStoreException e) {
      return List.of();
    }
  }

  /**
   * A data file of the connection's format from the first tables, else any non-empty object seen
   * there, to prove that s3:GetObject is granted.
   */
  private Optional<ObjectInfo> sampleObject(ConnectionSettings settings, List<String> tables) {
    FileRules rules = new FileRules(settings.dataFormat());
    ObjectInfo fallback = null;
    for (String table : tables.subList(0, Math.min(tables.size(), TABLES_SEARCHED))) {
      String tablePrefix = settings.schemaPrefix().tablePrefix(table);
      ListPage page = store.list(ListRequest.recursive(settings.bucket().value(), tablePrefix));
      for (ObjectInfo object : page.objects()) {
        String relative = object.key().substring(tablePrefix.length());
        if (rules.ignoreReason(relative, object.size()).isEmpty()) {
          return Optional.of(object);
        }
        if (fallback == null && object.size() > 0) {
          fallback = object;
        }
      }
    }
    return Optional.ofNullable(fallback);
  }
}
