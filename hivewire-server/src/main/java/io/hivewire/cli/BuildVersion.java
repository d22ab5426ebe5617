package io.hivewire.cli;

import io.hivewire.build.BuildInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code hivewire --version}: the version and the commit the jar was built from. */
final class BuildVersion implements IVersionProvider {

  @Override
  public String[] getVersion() {
    return new String[] {BuildInfo.current().describe()};
  }
}
