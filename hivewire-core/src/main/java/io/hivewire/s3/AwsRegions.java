package io.hivewire.s3;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

/** The commercial AWS regions this build's SDK knows, with their names as the S3 console shows. */
public final class AwsRegions {

  /** A region code such as {@code eu-west-1} and its place, such as {@code Europe (Ireland)}. */
  public record KnownRegion(String code, String place) {
    public KnownRegion {
      Objects.requireNonNull(code, "code is null");
      Objects.requireNonNull(place, "place is null");
    }
  }

  // The console's order: the Americas, Europe, the Middle East, Africa, Asia Pacific.
  private static final List<String> AREAS =
      List.of("us", "ca", "mx", "sa", "eu", "il", "me", "af", "ap");

  private static final List<KnownRegion> COMMERCIAL =
      Region.regions().stream()
          .filter(region -> !region.isGlobalRegion())
          .map(region -> known(region, RegionMetadata.of(region)))
          .filter(Objects::nonNull)
          .sorted(Comparator.comparingInt(AwsRegions::area).thenComparing(KnownRegion::code))
          .toList();

  private AwsRegions() {}

  /** Every region of the standard {@code aws} partition, US East (N. Virginia) first. */
  public static List<KnownRegion> commercial() {
    return COMMERCIAL;
  }

  private static KnownRegion known(Region region, RegionMetadata metadata) {
    if (metadata == null || !"aws".equals(metadata.partition().id())) {
      return null; // GovCloud, China, the isolated partitions: not for a publisher's bucket
    }
    return new KnownRegion(region.id(), metadata.description());
  }

  private static int area(KnownRegion region) {
    int area = AREAS.indexOf(region.code().substring(0, region.code().indexOf('-')));
    return area < 0 ? AREAS.size() : area;
  }
}
