package com.meterledger.app.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.meterledger.edge.security.SecurityEvents;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Captures the security event log while a test runs. */
final class SecurityLog implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(SecurityEvents.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    SecurityLog() {
        appender.start();
        logger.addAppender(appender);
    }

    List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    boolean has(String type) {
        return lines().stream().anyMatch(line -> line.contains("type=" + type + " "));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
