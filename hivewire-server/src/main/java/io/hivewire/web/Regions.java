package io.hivewire.web;

import java.util.List;

/** The AWS regions the dashboard's forms offer, with their names as the S3 console shows. */
public final class Regions {

  /** A region code and its place name. */
  public record Region(String code, String place) {}

  public static final List<Region> ALL =
      List.of(
          new Region("us-east-1", "US East (N. Virginia)"),
          new Region("us-east-2", "US East (Ohio)"),
          new Region("us-west-1", "US West (N. California)"),
          new Region("us-west-2", "US West (Oregon)"),
          new Region("ca-central-1", "Canada (Central)"),
          new Region("sa-east-1", "South America (São Paulo)"),
          new Region("eu-west-1", "Europe (Ireland)"),
          new Region("eu-west-2", "Europe (London)"),
          new Region("eu-west-3", "Europe (Paris)"),
          new Region("eu-central-1", "Europe (Frankfurt)"),
          new Region("eu-central-2", "Europe (Zurich)"),
          new Region("eu-north-1", "Europe (Stockholm)"),
          new Region("eu-south-1", "Europe (Milan)"),
          new Region("ap-south-1", "Asia Pacific (Mumbai)"),
          new Region("ap-southeast-1", "Asia Pacific (Singapore)"),
          new Region("ap-southeast-2", "Asia Pacific (Sydney)"),
          new Region("ap-northeast-1", "Asia Pacific (Tokyo)"),
          new Region("ap-northeast-2", "Asia Pacific (Seoul)"),
          new Region("ap-northeast-3", "Asia Pacific (Osaka)"));

  private Regions() {}
}
