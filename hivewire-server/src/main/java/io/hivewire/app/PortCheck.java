package io.hivewire.app;

import io.hivewire.config.ConfigKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks a configured port before the part that listens on it starts, so that a taken port fails at
 * once with one line naming the setting, instead of deep inside PostgreSQL, Jetty or S3Proxy.
 */
public final class PortCheck {

  private PortCheck() {}

  /**
   * @param host the address the part listens on
   * @param port the port; 0 (any free port) is not checked
   * @param part what listens there, e.g. "the HTTP API"
   * @param key the setting that chooses the port
   * @param flag the command-line flag that sets it
   * @throws StartupException if something already listens there
   */
  public static void requireFree(String host, int port, String part, ConfigKey key, String flag) {
    if (port == 0) {
      return;
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new StartupException(
          "port "
              + port
              + " on "
              + host
              + " for "
              + part
              + " is already in use (another hivewire, or another program): stop that, or choose"
              + " a free port with "
              + flag
              + " or "
              + key.envName()
              + " ("
              + key.path()
              + "; 0 picks any free one).");
    }
  }
}
