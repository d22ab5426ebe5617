package io.hivewire.routing.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.hivewire.routing.log.LogEntry;
import io.hivewire.routing.log.RecordType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonRecordParserTest {

  private static final Instant READ = Instant.parse("2026-01-15T14:00:03.120Z");
  private static final InstantSource READ_CLOCK = InstantSource.fixed(READ);
  private final JsonRecordParser parser = new JsonRecordParser(RecordType.EVENTS);

  private JsonRecordParser.Result parse(String line) {
    return parser.parse(line.getBytes(StandardCharsets.UTF_8), READ_CLOCK);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"event_id\":\"a\",\"time\":\"2026-01-15T09:00:00Z\"}|2026-01-15T09:00:00Z",
        "{\"time\":\"2026-01-15T09:00:00.123456+02:00\", \"x\": {\"time\": 1}}|2026-01-15T07:00:00.123456Z",
        "{ \"nested\": {\"time\": \"not this one\"}, \"time\": \"2026-01-15T09:00:00Z\" }|2026-01-15T09:00:00Z",
      })
  void aRecordWithTimeIsKeptByteForByte(String line, String time) {
    LogEntry entry = ((JsonRecordParser.Result.Record) parse(line)).entry();
    assertThat(new String(entry.payload(), StandardCharsets.UTF_8)).isEqualTo(line);
    assertThat(entry.time()).isEqualTo(Instant.parse(time));
    assertThat(entry.type()).isEqualTo(RecordType.EVENTS);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"event_id\":\"a\"}|{\"time\":\"2026-01-15T14:00:03.120Z\",\"event_id\":\"a\"}",
        "{}|{\"time\":\"2026-01-15T14:00:03.120Z\"}",
        "'  { }'|'  {\"time\":\"2026-01-15T14:00:03.120Z\" }'",
        "'\t{\r}'|'\t{\"time\":\"2026-01-15T14:00:03.120Z\"\r}'",
        "'{\r\"a\":1}'|'{\"time\":\"2026-01-15T14:00:03.120Z\",\r\"a\":1}'",
        "'\uFEFF{}'|'{\"time\":\"2026-01-15T14:00:03.120Z\"}'",
        "{\"x\":{\"time\":\"2020-01-01T00:00:00Z\"}}|{\"time\":\"2026-01-15T14:00:03.120Z\",\"x\":{\"time\":\"2020-01-01T00:00:00Z\"}}",
      })
  void aRecordWithoutTimeGetsTheReadTime(String line, String expected) {
    LogEntry entry = ((JsonRecordParser.Result.Record) parse(line)).entry();
    assertThat(new String(entry.payload(), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(entry.time()).isEqualTo(READ);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":|invalid JSON",
        "[1,2]|not a JSON object",
        "\"text\"|not a JSON object",
        "{\"a\":1} {\"b\":2}|more than one JSON value",
        "{\"time\":\"yesterday\"}|time 'yesterday' is not an ISO-8601",
        "{\"time\":\"2026-01-15T09:00:00\"}|is not an ISO-8601 date-time with offset",
        "{\"time\":true}|time true is not an ISO-8601 string",
        "{\"time\":5}|time 5 is not an ISO-8601 string: give it as a string with a zone offset",
        "{\"\\u0061\":1,\"time\":1768467600000}|time 1768467600000 is not an ISO-8601 string",
        "{\"time\":\"2026-01-15T09:00:00Z\",\"t\\u0069me\":\"2026-01-15T10:00:00Z\"}|more than one top-level time",
        "{\"time\":\"+10000-01-01T00:00:00Z\"}|outside the years",
      })
  void invalidLinesSayWhy(String line, String reason) {
    assertThat(parse(line))
        .isInstanceOfSatisfying(
            JsonRecordParser.Result.Invalid.class, i -> assertThat(i.reason()).contains(reason));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''", "'   '"})
  void blankLinesAreSkipped(String line) {
    assertThat(parse(line)).isInstanceOf(JsonRecordParser.Result.Blank.class);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"{\"time\":\"2026-01-15T09:00:00Z\"}"})
  void aWindowsLineEndIsNotPartOfTheRecord(String line) {
    LogEntry entry =
        ((JsonRecordParser.Result.Record)
                parser.parse((line + "\r").getBytes(StandardCharsets.UTF_8), READ_CLOCK))
            .entry();
    assertThat(new String(entry.payload(), StandardCharsets.UTF_8)).isEqualTo(line);
  }
}
