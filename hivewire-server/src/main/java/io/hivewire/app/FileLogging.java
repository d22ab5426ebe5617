package io.hivewire.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.filter.Filter;
import io.hivewire.config.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Logging for a command that prints its own progress (demo, route): every log line goes to a file
 * under the data dir, and the console shows only warnings and errors, so that INFO lines do not
 * break up what the command prints.
 */
public final class FileLogging implements AutoCloseable {

  private final Logger root;
  private final FileAppender<ILoggingEvent> file;
  private final Map<ConsoleAppender<ILoggingEvent>, List<Filter<ILoggingEvent>>> consoles;
  private final Path path;

  private FileLogging(
      Logger root,
      FileAppender<ILoggingEvent> file,
      Map<ConsoleAppender<ILoggingEvent>, List<Filter<ILoggingEvent>>> consoles,
      Path path) {
    this.root = root;
    this.file = file;
    this.consoles = consoles;
    this.path = path;
  }

  /**
   * Sends the logs to {@code file}, in {@code format}, and raises the console's threshold to WARN
   * until closed.
   */
  public static FileLogging toFile(Path path, LogFormat format) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    FileAppender<ILoggingEvent> file = new FileAppender<>();
    file.setContext(context);
    file.setName("command-file");
    file.setFile(path.toString());
    file.setAppend(true);
    file.setEncoder(LogEncoders.encoder(context, format, LogEncoders.FILE_PATTERN));
    file.start();
    Map<ConsoleAppender<ILoggingEvent>, List<Filter<ILoggingEvent>>> consoles =
        new LinkedHashMap<>();
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        consoles.put(console, new ArrayList<>(console.getCopyOfAttachedFiltersList()));
        ThresholdFilter warn = new ThresholdFilter();
        warn.setLevel(Level.WARN.toString());
        warn.start();
        console.addFilter(warn);
      }
    }
    root.addAppender(file);
    return new FileLogging(root, file, consoles, path);
  }

  /** The log file. */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    root.detachAppender(file);
    file.stop();
    consoles.forEach(
        (console, filters) -> {
          console.clearAllFilters();
          filters.forEach(console::addFilter);
        });
  }
}
