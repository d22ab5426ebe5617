package io.hivewire.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the master key: {@code HIVEWIRE_MASTER_KEY} when set, otherwise {@code master.key} under
 * the data directory, created with owner-only permissions on first start.
 */
public final class MasterKeySource {

  /** The environment variable that holds a base64 master key. */
  public static final String ENVIRONMENT_VARIABLE = "HIVEWIRE_MASTER_KEY";

  /** The key file's name under the data directory. */
  public static final String KEY_FILE = "master.key";

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final Map<String, String> environment;
  private final SecureRandom random;

  public MasterKeySource(Map<String, String> environment, SecureRandom random) {
    this.environment = Map.copyOf(environment);
    this.random = Objects.requireNonNull(random, "random is null");
  }

  /** The master key, creating the key file under {@code dataDir} when there is none yet. */
  public MasterKey load(Path dataDir) {
    Optional<String> fromEnvironment =
        Optional.ofNullable(environment.get(ENVIRONMENT_VARIABLE)).filter(s -> !s.isBlank());
    if (fromEnvironment.isPresent()) {
      return MasterKey.fromBase64(fromEnvironment.get(), ENVIRONMENT_VARIABLE);
    }
    Path file = dataDir.resolve(KEY_FILE);
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
    byte[] key = new byte[MasterKey.LENGTH_BYTES];
    random.nextBytes(key);
    Path temporary = file.resolveSibling(KEY_FILE + ".new");
    Files.deleteIfExists(temporary);
    // Created with owner-only permissions, so the key is never readable by others, not even
    // briefly.
    Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    Files.writeString(temporary, Base64.getEncoder().encodeToString(key) + "\n");
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
