package io.hivewire.importer.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hivewire.reader.ColumnMismatchException;
import io.hivewire.s3.S3Location;
import io.hivewire.source.schema.Column;
import io.hivewire.source.schema.ColumnOrigin;
import io.hivewire.source.schema.ColumnType.Primitive;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderCheckTest {

  private static final S3Location FILE = new S3Location("lake", "segments/part-0002.csv");
  private static final List<Column> TABLE =
      List.of(
          text("user_id"),
          text("segment"),
          new Column("amount", Primitive.BIGINT, true, ColumnOrigin.FILE));

  @Test
  void headerWithTheTableColumnsThenNewOnesPasses() {
    assertThatCode(
            () ->
                HeaderCheck.check(FILE, List.of("user_id", "segment", "amount", "country"), TABLE))
        .doesNotThrowAnyException();
  }

  @Test
  void headerOfAFileWrittenBeforeColumnsWereAddedPasses() {
    assertThatCode(() -> HeaderCheck.check(FILE, List.of("user_id", "segment"), TABLE))
        .doesNotThrowAnyException();
  }

  @Test
  void columnInsertedInTheMiddleFailsNamingTheFileThePositionAndBothNames() {
    assertThatThrownBy(
            () -> HeaderCheck.check(FILE, List.of("user_id", "segment", "bonus", "amount"), TABLE))
        .isInstanceOf(ColumnMismatchException.class)
        .hasMessage(
            "s3://lake/segments/part-0002.csv has 'bonus' as column 3 of its header where the"
                + " table has 'amount': a CSV header must start with the table's columns in order"
                + " (user_id, segment, amount), new columns only at the end");
  }

  @Test
  void renamedColumnFails() {
    assertThatThrownBy(
            () -> HeaderCheck.check(FILE, List.of("user_id", "audience", "amount"), TABLE))
        .hasMessageContaining(
            "has 'audience' as column 2 of its header where the table has 'segment'");
  }

  private static Column text(String name) {
    return new Column(name, Primitive.VARCHAR, false, ColumnOrigin.FILE);
  }
}
