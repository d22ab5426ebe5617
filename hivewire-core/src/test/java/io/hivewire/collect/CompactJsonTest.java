package io.hivewire.collect;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJsonTest {

  private static boolean compact(byte[] json) {
    return CompactJson.isCompact(json, 0, json.length);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\":[1,2,{\"b\":null}]}",
        "{\"a b\":\" spaces inside strings \"}",
        "{\"é\":\"中文 ü\"}",
      })
  void compactTextWithWellFormedUtf8IsCompact(String json) {
    assertThat(compact(json.getBytes(UTF_8))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"emoji\":\"😀\"}",
        "{ }",
        "{\"a\": 1}",
        "{\"a\":1\n}",
        "{\"a\":\r1}",
        "{\t}",
        "{\"a\":\"\\u00e9\"}"
      })
  void whitespaceBetweenTokensAnEscapeOrACharacterBeyondTheBmpIsNot(String json) {
    assertThat(compact(json.getBytes(UTF_8))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "C0AF", // overlong '/'
        "E080AF", // overlong, three bytes
        "EDA080", // a surrogate (CESU-8)
        "F09F9880", // beyond the BMP, which a generator escapes
        "F5808080", // no such lead byte
        "80", // a continuation byte alone
        "C3", // cut short
        "E282", // cut short
        "C328", // a lead byte without its continuation
      })
  void malformedUtf8IsNot(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] json = new byte[bad.length + 9];
    byte[] head = "{\"s\":\"".getBytes(UTF_8);
    System.arraycopy(head, 0, json, 0, head.length);
    System.arraycopy(bad, 0, json, head.length, bad.length);
    json[head.length + bad.length] = '"';
    json[head.length + bad.length + 1] = '}';

    assertThat(CompactJson.isCompact(json, 0, head.length + bad.length + 2)).isFalse();
  }
}
