package io.hivewire.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key: the configured one ({@code master-key}, {@code HIVEWIRE_MASTER_KEY}) when
 * set, else the configured key file ({@code master-key-file}), else {@code master.key} under the
 * data directory, created with owner-only permissions on first start. Nodes that share a database
 * must be given one key by either of the first two.
 */
public final class MasterKeySource {

  private static final Logger LOG = LoggerFactory.getLogger(MasterKeySource.class);

  /** The environment variable that holds a base64 master key. */
  public static final String ENVIRONMENT_VARIABLE = "HIVEWIRE_MASTER_KEY";

  /** The key file's name under the data directory. */
  public static final String KEY_FILE = "master.key";

  /** How to give every node one key, for messages. */
  public static final String SHARE_ONE_KEY =
      "give every node the same master key (master-key / "
          + ENVIRONMENT_VARIABLE
          + ", or master-key-file)";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private final Optional<String> configured;
  private final Optional<Path> configuredFile;
  private final SecureRandom random;

  /**
   * @param configured the base64 key from the configuration ({@code master-key} or its variable)
   * @param configuredFile the file named by {@code master-key-file}
   */
  public MasterKeySource(
      Optional<String> configured, Optional<Path> configuredFile, SecureRandom random) {
    this.configured = Objects.requireNonNull(configured, "configured is null");
    this.configuredFile = Objects.requireNonNull(configuredFile, "configuredFile is null");
    this.random = Objects.requireNonNull(random, "random is null");
    if (configured.isPresent() && configuredFile.isPresent()) {
      throw new IllegalArgumentException(
          "master-key and master-key-file are both set: keep one of them");
    }
  }

  /** The master key, creating the key file under {@code dataDir} when none is configured. */
  public MasterKey load(Path dataDir) {
    MasterKey key;
    String origin;
    if (configured.isPresent()) {
      origin = "master-key (" + ENVIRONMENT_VARIABLE + ")";
      key = MasterKey.fromBase64(configured.get(), origin);
    } else if (configuredFile.isPresent()) {
      origin = "master-key-file " + configuredFile.get();
      key = readConfiguredFile(configuredFile.get());
    } else {
      Path file = dataDir.resolve(KEY_FILE);
      origin = file + " (this node's own: " + SHARE_ONE_KEY + " to run several)";
      key = readOrCreateDataDirFile(file);
    }
    LOG.info("master key {} from {}", key.fingerprint(), origin);
    return key;
  }

  private static MasterKey readConfiguredFile(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.stream().anyMatch(OTHERS::contains)) {
        throw new IllegalStateException(
            "the master key file "
                + file
                + " (master-key-file) is open to others ("
                + PosixFilePermissions.toString(permissions)
                + "): run `chmod 600 "
                + file
                + "` (or give the mounted secret mode 0400) and start again");
      }
      return MasterKey.fromBase64(
          Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalStateException(
          "the master key file "
              + file
              + " (master-key-file) does not exist: create it with `./hivewire master-key >"
              + " "
              + file
              + " && chmod 600 "
              + file
              + "`, or copy the one every other node uses");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the master key file " + file + ": " + e.getMessage(), e);
    }
  }

  private MasterKey readOrCreateDataDirFile(Path file) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      requireOwnerOnly(file);
      return MasterKey.fromBase64(
          Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read or create the master key file " + file + ": " + e.getMessage(), e);
    }
  }

  private void create(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(KEY_FILE + ".new");
    Files.deleteIfExists(temporary);
    // Created with owner-only permissions, so the key is never readable by others, not even
    // briefly.
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(temporary, MasterKey.newBase64(random) + "\n");
    try {
      Files.move(temporary, file);
    } catch (FileAlreadyExistsException e) {
      // Another process created it first: use theirs, it may already protect secrets.
      Files.deleteIfExists(temporary);
    }
  }

  private static void requireOwnerOnly(Path file) throws IOException {
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
    if (!OWNER_ONLY.containsAll(permissions)) {
      throw new IllegalStateException(
          "the master key file "
              + file
              + " is readable by others ("
              + PosixFilePermissions.toString(permissions)
              + "): run `chmod 600 "
              + file
              + "` and start again");
    }
  }
}
