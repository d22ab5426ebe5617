package io.hivewire.secrets;

/** How access key ids are shown: enough to recognise one, never the whole id. */
public final class AccessKeyIds {

  private static final int SHOWN = 4;

  private AccessKeyIds() {}

  /** {@code AKIAIOSFODNN7EXAMPLE} → {@code AKIA…MPLE}; ids of 8 characters or fewer → {@code …}. */
  public static String mask(String accessKeyId) {
    if (accessKeyId.length() <= 2 * SHOWN) {
      return "…";
    }
    return accessKeyId.substring(0, SHOWN)
        + "…"
        + accessKeyId.substring(accessKeyId.length() - SHOWN);
  }
}
