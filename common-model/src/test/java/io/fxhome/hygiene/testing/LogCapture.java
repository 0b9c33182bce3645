package io.fxhome.hygiene.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Captures every log record of the running application (JBoss LogManager is the java.util.logging manager under
 * Quarkus, and System.Logger goes through it): a handler on the root logger at ALL, with fxhome's loggers and the JDK
 * HTTP client's opened to DEBUG for the capture and everything else at its configured level (INFO). Each record becomes
 * one line: level, logger, the formatted message and the full stack trace of its throwable, if any.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    /** fxhome's own code, and the JDK HTTP client's loggers (it logs only when its system properties ask, never here). */
    public static final List<String> DEBUG_LOGGERS = List.of("io.fxhome", "jdk.httpclient.HttpClient",
            "jdk.internal.httpclient.debug", "java.net.http");

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Logger> opened = new ArrayList<>();
    private final List<Level> previous = new ArrayList<>();
    private final Formatter plain = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.setLevel(Level.ALL);
        for (String name : DEBUG_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            capture.opened.add(logger);
            capture.previous.add(logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ').append(record.getLoggerName())
                .append(": ");
        line.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : plain.format(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append('\n').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
        for (int i = 0; i < opened.size(); i++) {
            opened.get(i).setLevel(previous.get(i));
        }
    }
}
