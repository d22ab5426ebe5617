package io.hivewire.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.hivewire.config.LogFormat;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * The encoders of hivewire's log lines, and the switch of the console to the configured format.
 * Text lines show the MDC fields (request, connection, import, run, destination ids) in brackets;
 * JSON lines are logback's own {@link JsonEncoder} objects, one a line.
 */
public final class LogEncoders {

  /**
   * The MDC fields in brackets, such as {@code [request_id=…]}, and nothing when there are none.
   */
  private static final String FIELDS = "%replace( [%mdc]){' \\[\\]', ''}";

  /** The console's text lines, as logback.xml writes them before a format is chosen. */
  static final String CONSOLE_PATTERN =
      "%d{HH:mm:ss.SSS} %-5level %logger{36}" + FIELDS + " - %msg%n";

  /** A log file's text lines: the date and thread too, since it is read later and at length. */
  static final String FILE_PATTERN =
      "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36}" + FIELDS + " - %msg%n";

  private LogEncoders() {}

  /**
   * Writes the console's lines (the root logger's console appenders) in {@code format} from now on;
   * called by a command as soon as it knows the format, before it logs anything of its own.
   */
  public static void useOnConsole(LogFormat format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        // An appender takes a new encoder only while stopped; lines logged meanwhile are dropped,
        // which is why commands switch before they start anything that logs.
        console.stop();
        console.setEncoder(encoder(context, format, CONSOLE_PATTERN));
        console.start();
      }
    }
  }

  /** A started encoder of {@code format}; {@code textPattern} is the layout of text lines. */
  static Encoder<ILoggingEvent> encoder(
      LoggerContext context, LogFormat format, String textPattern) {
    Encoder<ILoggingEvent> encoder =
        switch (format) {
          case TEXT -> {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(textPattern);
            yield text;
          }
          case JSON -> json();
        };
    encoder.setContext(context);
    encoder.start();
    return encoder;
  }

  /**
   * The message formatted once (not its pattern and arguments apart), the MDC, key-value pairs and
   * the throwable with its class; no logger-context block or sequence numbers, which say nothing
   * about the event.
   */
  private static JsonEncoder json() {
    JsonEncoder json = new JsonEncoder();
    json.setWithFormattedMessage(true);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithContext(false);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    return json;
  }
}
