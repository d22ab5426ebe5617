package io.hivewire.web;

import io.hivewire.s3.AwsRegions;
import java.util.List;

/** The AWS regions the dashboard's forms offer: every commercial region the SDK knows. */
public final class Regions {

  /** A region code and its place name. */
  public record Region(String code, String place) {}

  public static final List<Region> ALL =
      AwsRegions.commercial().stream().map(r -> new Region(r.code(), r.place())).toList();

  private Regions() {}
}
