package io.hivewire.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AwsRegionsTest {

  @Test
  void everyCommercialRegionIsOfferedWithItsPlaceNameAndNorthVirginiaFirst() {
    List<AwsRegions.KnownRegion> regions = AwsRegions.commercial();

    assertThat(regions.getFirst())
        .isEqualTo(new AwsRegions.KnownRegion("us-east-1", "US East (N. Virginia)"));
    assertThat(regions)
        .extracting(AwsRegions.KnownRegion::code)
        .contains("eu-west-1", "ap-east-1", "me-south-1", "af-south-1", "il-central-1")
        .doesNotHaveDuplicates()
        .noneMatch(code -> code.startsWith("us-gov-") || code.startsWith("cn-"))
        .noneMatch(code -> code.contains("iso") || code.equals("aws-global"));
    assertThat(regions).allSatisfy(r -> assertThat(r.place()).isNotBlank());
  }
}
