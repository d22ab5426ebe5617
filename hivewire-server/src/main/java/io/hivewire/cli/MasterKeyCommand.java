package io.hivewire.cli;

import io.hivewire.secrets.MasterKey;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hivewire master-key}: prints a new master key to give every node of a cluster. */
@Command(
    name = "master-key",
    mixinStandardHelpOptions = true,
    description =
        "Print a new random master key (base64 of 32 bytes) on stdout, its fingerprint on stderr."
            + " Give the same key to every node: HIVEWIRE_MASTER_KEY, master-key, or a file named"
            + " by master-key-file.")
final class MasterKeyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    String base64 = MasterKey.newBase64(new SecureRandom());
    String fingerprint = MasterKey.fromBase64(base64, "the new key").fingerprint();
    // The key alone on stdout, so that it can be redirected into a file or a secret store as is.
    PrintWriter out = spec.commandLine().getOut();
    out.println(base64);
    out.flush();
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        "hivewire master-key: a new key, fingerprint "
            + fingerprint
            + " (each node logs the fingerprint of its key at start). Keep it secret; give every"
            + " node the same one.");
    err.flush();
    return 0;
  }
}
