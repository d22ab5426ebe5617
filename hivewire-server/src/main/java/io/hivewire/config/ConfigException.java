package io.hivewire.config;

/** The configuration is invalid; the message names the key, where it was set and what to enter. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
