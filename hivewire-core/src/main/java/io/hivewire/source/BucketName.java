package io.hivewire.source;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An S3 bucket name as S3 names it: no scheme, no slash, no key. Rejections say exactly what to
 * enter instead.
 */
public record BucketName(String value) {

  private static final Pattern ALLOWED = Pattern.compile("[a-z0-9.-]+");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern VIRTUAL_HOST =
      Pattern.compile("(?i)https?://([^/]+?)\\.s3[.-][^/]*amazonaws\\.com.*");

  public BucketName {
    Objects.requireNonNull(value, "value is null");
    String problem = problem(value);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses what a user typed, ignoring surrounding whitespace. */
  public static BucketName parse(String input) {
    Objects.requireNonNull(input, "bucket name is null");
    return new BucketName(input.strip());
  }

  @Override
  public String toString() {
    return value;
  }

  private static String problem(String value) {
    if (value.isBlank()) {
      return "the bucket name is empty: enter the name shown in the S3 console, e.g. my-bucket";
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("s3://") || lower.startsWith("s3a://") || lower.startsWith("s3n://")) {
      String rest = value.substring(value.indexOf("://") + 3);
      return "enter " + beforeSlash(rest) + ", not " + value + " (the bucket name only)";
    }
    if (lower.startsWith("arn:")) {
      String rest = value.substring(value.lastIndexOf(':') + 1);
      return "enter " + beforeSlash(rest) + ", not the ARN " + value + " (the bucket name only)";
    }
    var virtualHost = VIRTUAL_HOST.matcher(value);
    if (virtualHost.matches()) {
      return "enter " + virtualHost.group(1) + ", not the URL " + value + " (the bucket name only)";
    }
    if (value.contains("/")) {
      String bucket = beforeSlash(value.startsWith("/") ? value.substring(1) : value);
      return "enter "
          + bucket
          + ", not "
          + value
          + ": the bucket name has no slash (put a path inside the bucket in the schema prefix)";
    }
    if (!value.equals(lower)) {
      return "bucket names are lowercase: enter " + lower + ", not " + value;
    }
    if (value.length() < 3 || value.length() > 63) {
      return "bucket name '"
          + value
          + "' has "
          + value.length()
          + " characters; S3 bucket names have 3 to 63: enter the name shown in the S3 console";
    }
    if (!ALLOWED.matcher(value).matches()) {
      return "bucket name '"
          + value
          + "' contains characters S3 does not allow: only a-z, 0-9, '.' and '-' (e.g."
          + " my-bucket)";
    }
    if (!Character.isLetterOrDigit(value.charAt(0))
        || !Character.isLetterOrDigit(value.charAt(value.length() - 1))) {
      return "bucket name '"
          + value
          + "' must start and end with a letter or digit: enter the name shown in the S3 console";
    }
    if (value.contains("..")) {
      return "bucket name '" + value + "' has two adjacent dots, which S3 does not allow";
    }
    if (IP_ADDRESS.matcher(value).matches()) {
      return "bucket name '" + value + "' is an IP address, not a bucket name";
    }
    return null;
  }

  private static String beforeSlash(String text) {
    int slash = text.indexOf('/');
    String bucket = slash < 0 ? text : text.substring(0, slash);
    return bucket.isEmpty() ? "the bucket name" : bucket;
  }
}
