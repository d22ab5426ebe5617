package io.hivewire.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AwsRegionTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "us-east-1",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-2",
        "ap-northeast-3",
        "ca-central-1",
        "sa-east-1",
        "me-south-1",
        "il-central-1",
        "us-gov-west-1",
        "cn-northwest-1",
        "eusc-de-east-1"
      })
  void specificRegionCodesAreAccepted(String code) {
    assertThat(AwsRegion.parse(code).code()).isEqualTo(code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"US", "EU", "global", "aws-global", "Europe", "us-east", "Ireland"})
  void genericLocationsAreRejectedWithExamples(String input) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AwsRegion.parse(input))
        .withMessageContaining("is not a specific AWS region code")
        .withMessageContaining("e.g. us-east-1 (N. Virginia)")
        .withMessageContaining("eu-west-1 (Ireland)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void blankRegionIsRejectedWithExamples(String input) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AwsRegion.parse(input))
        .withMessageContaining("the bucket region is empty")
        .withMessageContaining("e.g. us-east-1");
  }

  @org.junit.jupiter.api.Test
  void availabilityZoneNamesItsRegion() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AwsRegion.parse("us-east-1a"))
        .withMessage("'us-east-1a' is an availability zone; enter its region us-east-1");
  }

  @org.junit.jupiter.api.Test
  void letterCaseAndWhitespaceAreIgnored() {
    assertThat(AwsRegion.parse(" EU-West-1 ").code()).isEqualTo("eu-west-1");
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource(
      emptyValue = "",
      value = {"'', us-east-1", "US, us-east-1", "EU, eu-west-1", "ap-south-1, ap-south-1"})
  void legacyLocationConstraintsMapToTheirRegion(String constraint, String region) {
    assertThat(AwsRegion.fromLocationConstraint(constraint).code()).isEqualTo(region);
  }
}
