package io.hivewire.secrets;

import java.util.Objects;

/**
 * A stored secret was encrypted under another master key than this node's: its fingerprint and this
 * node's tell the two apart without revealing either.
 */
public final class MasterKeyMismatchException extends SecretDecryptionException {

  private final String storedWith;
  private final String nodeHas;

  public MasterKeyMismatchException(String context, String storedWith, String nodeHas) {
    super(
        "a stored secret for "
            + context
            + " was encrypted with master key "
            + storedWith
            + "; this node has "
            + nodeHas
            + ": "
            + MasterKeySource.SHARE_ONE_KEY);
    this.storedWith = Objects.requireNonNull(storedWith, "storedWith is null");
    this.nodeHas = Objects.requireNonNull(nodeHas, "nodeHas is null");
  }

  /** The fingerprint of the key the secret was encrypted with. */
  public String storedWith() {
    return storedWith;
  }

  /** The fingerprint of this node's key. */
  public String nodeHas() {
    return nodeHas;
  }
}
