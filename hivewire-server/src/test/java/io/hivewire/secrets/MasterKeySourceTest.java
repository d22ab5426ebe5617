package io.hivewire.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeySourceTest {

  @TempDir Path dataDir;

  @Test
  void firstStartCreatesAnOwnerOnlyKeyFileThatLaterStartsReuse() throws Exception {
    MasterKeySource source =
        new MasterKeySource(Optional.empty(), Optional.empty(), new SecureRandom());

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
  void configuredKeyIsUsedAndNoFileIsCreated() {
    String base64 = Base64.getEncoder().encodeToString(new byte[32]);
    MasterKeySource source =
        new MasterKeySource(Optional.of(base64), Optional.empty(), new SecureRandom());

    MasterKey key = source.load(dataDir);

    assertThat(key.bytes()).isEqualTo(new byte[32]);
    assertThat(dataDir.resolve("master.key")).doesNotExist();
  }

  @Test
  void keyFileReadableByOthersIsRefused() throws Exception {
    Path file = dataDir.resolve("master.key");
    Files.writeString(file, Base64.getEncoder().encodeToString(new byte[32]));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThatThrownBy(
            () ->
                new MasterKeySource(Optional.empty(), Optional.empty(), new SecureRandom())
                    .load(dataDir))
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
        new MasterKeySource(Optional.of("not base64!"), Optional.empty(), new SecureRandom());

    assertThatThrownBy(() -> source.load(dataDir))
        .hasMessage(
            "the master key in master-key (HIVEWIRE_MASTER_KEY) is not base64: generate one with `openssl rand"
                + " -base64 32`");
  }

  @Test
  void aKeyFileSharedByEveryNodeGivesEachTheSameKeyAndNoneCreatesItsOwn(@TempDir Path otherDataDir)
      throws Exception {
    Path shared = dataDir.resolve("shared.key");
    Files.createFile(
        shared, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r--------")));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(shared, MasterKey.newBase64(new SecureRandom()) + "\n");
    MasterKeySource source =
        new MasterKeySource(Optional.empty(), Optional.of(shared), new SecureRandom());

    MasterKey onFirstNode = source.load(dataDir);
    MasterKey onSecondNode = source.load(otherDataDir);

    assertThat(onSecondNode.fingerprint()).isEqualTo(onFirstNode.fingerprint());
    String stored = new SecretCipher(onFirstNode, new SecureRandom()).encrypt("s3cr3t", "ctx");
    assertThat(new SecretCipher(onSecondNode, new SecureRandom()).decrypt(stored, "ctx"))
        .isEqualTo("s3cr3t");
    assertThat(dataDir.resolve("master.key")).doesNotExist();
    assertThat(otherDataDir.resolve("master.key")).doesNotExist();
  }

  @Test
  void keyFilesOfTwoDataDirsHoldDifferentKeysWithDifferentFingerprints(@TempDir Path otherDataDir) {
    MasterKeySource source =
        new MasterKeySource(Optional.empty(), Optional.empty(), new SecureRandom());

    MasterKey first = source.load(dataDir);
    MasterKey second = source.load(otherDataDir);

    assertThat(first.fingerprint()).matches("[0-9a-f]{16}").isNotEqualTo(second.fingerprint());
    assertThat(first.fingerprint()).isEqualTo(source.load(dataDir).fingerprint());
  }

  @Test
  void sharedKeyFileOpenToOthersIsRefused() throws Exception {
    Path shared = dataDir.resolve("shared.key");
    Files.writeString(shared, MasterKey.newBase64(new SecureRandom()));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r--r--"));
    MasterKeySource source =
        new MasterKeySource(Optional.empty(), Optional.of(shared), new SecureRandom());

    assertThatThrownBy(() -> source.load(dataDir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the master key file "
                + shared
                + " (master-key-file) is open to others (rw-r--r--): run `chmod 600 "
                + shared
                + "` (or give the mounted secret mode 0400) and start again");
  }

  @Test
  void missingSharedKeyFileSaysHowToCreateIt() {
    Path shared = dataDir.resolve("absent.key");
    MasterKeySource source =
        new MasterKeySource(Optional.empty(), Optional.of(shared), new SecureRandom());

    assertThatThrownBy(() -> source.load(dataDir))
        .hasMessageContaining("(master-key-file) does not exist")
        .hasMessageContaining("./hivewire master-key > " + shared);
    assertThat(dataDir.resolve("master.key")).doesNotExist();
  }

  @Test
  void keyAndKeyFileTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                new MasterKeySource(
                    Optional.of(MasterKey.newBase64(new SecureRandom())),
                    Optional.of(dataDir.resolve("shared.key")),
                    new SecureRandom()))
        .hasMessage("master-key and master-key-file are both set: keep one of them");
  }
}
