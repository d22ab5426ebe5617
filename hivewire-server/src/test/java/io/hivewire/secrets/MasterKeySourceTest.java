package io.hivewire.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {

  @TempDir Path dataDir;

  @Test
  void firstStartCreatesAnOwnerOnlyKeyFileThatLaterStartsReuse() throws Exception {
    MasterKeySource source = new MasterKeySource(Map.of(), new SecureRandom());

    MasterKey first = source.load(dataDir);
    MasterKey second = source.load(dataDir);

    Path file = dataDir.resolve("master.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).hasSize(32);
    String stored = new SecretCipher(first, new SecureRandom()).encrypt("s3cr3t", "ctx");
    assertThat(new SecretCipher(second, new SecureRandom()).decrypt(stored, "ctx"))
        .isEqualTo("s3cr3t");
  }

  @Test
  void environmentKeyIsUsedAndNoFileIsCreated() {
    String base64 = Base64.getEncoder().encodeToString(new byte[32]);
    MasterKeySource source =
        new MasterKeySource(Map.of("HIVEWIRE_MASTER_KEY", base64), new SecureRandom());

    MasterKey key = source.load(dataDir);

    assertThat(key.bytes()).isEqualTo(new byte[32]);
    assertThat(dataDir.resolve("master.key")).doesNotExist();
  }

  @Test
  void keyFileReadableByOthersIsRefused() throws Exception {
    Path file = dataDir.resolve("master.key");
    Files.writeString(file, Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(() -> new MasterKeySource(Map.of(), new SecureRandom()).load(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the master key file "
                + file
                + " is readable by others (rw-r--r--): run `chmod 600 "
                + file
                + "` and start again");
  }

  @Test
  void malformedEnvironmentKeyNamesTheVariable() {
    MasterKeySource source =
        new MasterKeySource(Map.of("HIVEWIRE_MASTER_KEY", "not base64!"), new SecureRandom());

    assertThatThrownBy(() -> source.load(dataDir))
        .hasMessage(
            "the master key in HIVEWIRE_MASTER_KEY is not base64: generate one with `openssl rand"
                + " -base64 32`");
  }
}
