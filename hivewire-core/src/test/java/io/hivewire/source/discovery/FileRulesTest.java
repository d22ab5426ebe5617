package io.hivewire.source.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.source.DataFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRulesTest {

  @ParameterizedTest(name = "{0} {1} ({2} bytes) -> {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CSV     | part-0.csv                     | 10 | DATA",
        "CSV     | part-0.CSV                     | 10 | DATA",
        "CSV     | part-0.csv.gz                  | 10 | DATA",
        "CSV     | part-0.gz                      | 10 | DATA",
        "CSV     | a/b/c/part-0.csv               | 10 | DATA",
        "CSV     | date=2025-01-01/part-0.csv     | 10 | DATA",
        "CSV     | _part=1/part-0.csv             | 10 | DATA",
        "CSV     | part-0.parquet                 | 10 | OTHER_FORMAT",
        "PARQUET | part-0.parquet                 | 10 | DATA",
        "PARQUET | part-0.csv                     | 10 | OTHER_FORMAT",
        "PARQUET | part-0.csv.gz                  | 10 | OTHER_FORMAT",
        "PARQUET | part-0.gz                      | 10 | OTHER_FORMAT",
        "CSV     | readme.txt                     | 10 | UNSUPPORTED_EXTENSION",
        "CSV     | data.json                      | 10 | UNSUPPORTED_EXTENSION",
        "CSV     | part-0.csv                     | 0  | EMPTY_FILE",
        "CSV     | _SUCCESS                       | 0  | SUCCESS_MARKER",
        "CSV     | date=2025-01-01/_SUCCESS       | 0  | SUCCESS_MARKER",
        "CSV     | _temporary/0/part-0.csv        | 10 | TEMPORARY",
        "CSV     | a=1/_temporary/part-0.csv      | 10 | TEMPORARY",
        "CSV     | .part-0.csv.crc                | 8  | CHECKSUM",
        "CSV     | part-0.csv.crc                 | 8  | CHECKSUM",
        "CSV     | _metadata.csv                  | 10 | HIDDEN",
        "CSV     | .hidden.csv                    | 10 | HIDDEN",
        "CSV     | _staging/part-0.csv            | 10 | HIDDEN",
        "CSV     | .spark/part-0.csv              | 10 | HIDDEN",
        "CSV     | sub/                           | 0  | FOLDER_MARKER",
        "CSV     | date=2025-01-01/               | 0  | FOLDER_MARKER",
        "CSV     | date=2025-01-01_$folder$       | 0  | FOLDER_MARKER",
        "CSV     | sub/                           | 5  | UNSUPPORTED_EXTENSION",
      })
  void objectIsClassifiedByItsKey(DataFormat format, String key, long size, String expected) {
    var reason = new FileRules(format).ignoreReason(key, size);

    assertThat(reason.map(Enum::name).orElse("DATA")).isEqualTo(expected);
  }
}
