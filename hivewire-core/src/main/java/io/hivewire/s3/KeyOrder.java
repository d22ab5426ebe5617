package io.hivewire.s3;

import java.util.Comparator;

/**
 * The order S3 lists keys in: by UTF-8 bytes, which is the order of Unicode code points (not of
 * Java's UTF-16 chars, which differ above U+FFFF).
 */
final class KeyOrder implements Comparator<String> {

  static final KeyOrder INSTANCE = new KeyOrder();

  private KeyOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
