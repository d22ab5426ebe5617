package io.hivewire.source.check;

import io.hivewire.s3.ObjectStoreException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.ConnectionSettings;
import java.util.List;

/** The messages of a connection check: what failed, on what, and what to do about it. */
final class CheckMessages {

  private final ConnectionSettings settings;
  private final CredentialHints hints;
  private final String bucket;
  private final String url;

  CheckMessages(ConnectionSettings settings, CredentialHints hints) {
    this.settings = settings;
    this.hints = hints;
    this.bucket = settings.bucket().value();
    this.url = settings.schemaUrl();
  }

  CheckResult listFailed(ObjectStoreException e) {
    return switch (e.reason()) {
      case ACCESS_DENIED, KMS_ACCESS_DENIED ->
          CheckResult.failed(
              FailureReason.ACCESS_DENIED,
              "access denied listing "
                  + url
                  + ": the bucket policy is not applied or does not grant s3:ListBucket on"
                  + " arn:aws:s3:::"
                  + bucket
                  + ". Generate it with `hivewire policy --bucket "
                  + bucket
                  + "` and add it in the S3 console (bucket > Permissions > Bucket policy)");
      case NO_CREDENTIALS, INVALID_CREDENTIALS ->
          CheckResult.failed(
              FailureReason.INVALID_CREDENTIALS, hints.messageFor(url, e).orElseThrow());
      case NO_SUCH_BUCKET ->
          CheckResult.failed(
              FailureReason.BUCKET_NOT_FOUND,
              "bucket "
                  + bucket
                  + " does not exist: enter the bucket name exactly as the S3 console shows it");
      case WRONG_REGION ->
          CheckResult.failed(
              FailureReason.WRONG_REGION,
              "bucket "
                  + bucket
                  + " is not in "
                  + settings.region()
                  + ": set the connection's region to the one shown in the bucket's Properties tab;"
                  + " "
                  + e.getMessage());
      case THROTTLED, SERVER_ERROR, NETWORK ->
          CheckResult.failed(
              FailureReason.UNREACHABLE,
              "S3 could not be reached for " + url + " (" + e.getMessage() + "); try again later");
      default ->
          CheckResult.failed(
              FailureReason.S3_ERROR, "S3 refused to list " + url + ": " + e.getMessage());
    };
  }

  CheckResult readFailed(S3Location location, ObjectStoreException e) {
    return switch (e.reason()) {
      case ACCESS_DENIED ->
          CheckResult.failed(
              FailureReason.ACCESS_DENIED,
              "hivewire may list "
                  + url
                  + " but not read "
                  + location
                  + ": the bucket policy must grant s3:GetObject on arn:aws:s3:::"
                  + bucket
                  + "/*. Generate it with `hivewire policy --bucket "
                  + bucket
                  + "`");
      case KMS_ACCESS_DENIED ->
          CheckResult.failed(
              FailureReason.ACCESS_DENIED,
              location
                  + " is encrypted with a KMS key hivewire may not use: allow hivewire's role"
                  + " kms:Decrypt in the key policy");
      default -> listFailed(e);
    };
  }

  CheckResult wrongRegion(String actual) {
    return CheckResult.failed(
        FailureReason.WRONG_REGION,
        "bucket "
            + bucket
            + " is in "
            + actual
            + ", not "
            + settings.region()
            + ": set the connection's region to "
            + actual);
  }

  CheckResult bucketEmpty() {
    return CheckResult.failed(
        FailureReason.PREFIX_EMPTY,
        "bucket "
            + bucket
            + " is empty: put each table in its own directory, e.g. s3://"
            + bucket
            + "/events/part-0.csv");
  }

  CheckResult prefixNotFound(List<String> siblings) {
    String hint =
        siblings.isEmpty()
            ? ""
            : "; directories beside it: "
                + String.join(", ", siblings.subList(0, Math.min(10, siblings.size())));
    return CheckResult.failed(
        FailureReason.PREFIX_NOT_FOUND,
        "nothing exists under "
            + url
            + ": check the schema prefix (the path inside the bucket, without a leading slash)"
            + hint);
  }

  CheckResult prefixEmpty() {
    return CheckResult.failed(
        FailureReason.PREFIX_EMPTY,
        url
            + " exists but is empty: put each table in its own directory under it, e.g. "
            + url
            + "events/part-0.csv");
  }

  CheckResult noTables(String exampleKey) {
    return CheckResult.failed(
        FailureReason.NO_TABLES,
        url
            + " holds files (e.g. "
            + exampleKey
            + ") but no table directories: every directory directly under the schema prefix is a"
            + " table, so move each table's files into its own directory, e.g. "
            + url
            + "events/part-0.csv");
  }

  String active(int tables, S3Location read) {
    return "listed "
        + tables
        + " table director"
        + (tables == 1 ? "y" : "ies")
        + " under "
        + url
        + " and read "
        + read;
  }

  String activeWithoutRead(int tables) {
    return "listed "
        + tables
        + " table director"
        + (tables == 1 ? "y" : "ies")
        + " under "
        + url
        + "; they hold no file yet, so reading (s3:GetObject) could not be checked";
  }
}
