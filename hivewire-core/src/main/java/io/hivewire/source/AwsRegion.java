package io.hivewire.source;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A specific AWS region code such as {@code us-east-1}; never a generic location like "EU". */
public record AwsRegion(String code) {

  private static final Pattern CODE =
      Pattern.compile(
          "[a-z]{2,4}(-[a-z]{2,4})?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\\d{1,2}");
  private static final Pattern AVAILABILITY_ZONE = Pattern.compile("(" + CODE.pattern() + ")[a-z]");
  private static final String EXAMPLES =
      "e.g. us-east-1 (N. Virginia), us-west-2 (Oregon), eu-west-1 (Ireland), eu-central-1"
          + " (Frankfurt), ap-southeast-2 (Sydney)";

  public AwsRegion {
    Objects.requireNonNull(code, "code is null");
    String problem = problem(code);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  /** Parses what a user typed: surrounding whitespace and letter case are ignored. */
  public static AwsRegion parse(String input) {
    Objects.requireNonNull(input, "region is null");
    return new AwsRegion(input.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * The region of a bucket from its S3 location constraint, which is empty or {@code US} for
   * us-east-1 and {@code EU} for eu-west-1 on buckets created long ago.
   */
  public static AwsRegion fromLocationConstraint(String constraint) {
    Objects.requireNonNull(constraint, "constraint is null");
    String value = constraint.strip();
    if (value.isEmpty() || value.equalsIgnoreCase("US")) {
      return new AwsRegion("us-east-1");
    }
    if (value.equalsIgnoreCase("EU")) {
      return new AwsRegion("eu-west-1");
    }
    return parse(value);
  }

  @Override
  public String toString() {
    return code;
  }

  private static String problem(String code) {
    if (code.isBlank()) {
      return "the bucket region is empty: enter the region code shown in the bucket's Properties"
          + " tab in the S3 console, "
          + EXAMPLES;
    }
    if (CODE.matcher(code).matches()) {
      return null;
    }
    var zone = AVAILABILITY_ZONE.matcher(code);
    if (zone.matches()) {
      return "'" + code + "' is an availability zone; enter its region " + zone.group(1);
    }
    return "'"
        + code
        + "' is not a specific AWS region code (generic locations such as US, EU or global are"
        + " not accepted): enter the region code shown in the bucket's Properties tab in the S3"
        + " console, "
        + EXAMPLES;
  }
}
