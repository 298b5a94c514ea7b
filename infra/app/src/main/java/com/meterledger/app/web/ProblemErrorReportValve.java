package com.meterledger.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's own error answer, for requests it refuses before any filter or controller sees them (an encoded NUL or a
 * bad escape in the path, a malformed header): an RFC 7807 problem like every other error of the API, instead of
 * Tomcat's HTML page. Errors the application answers itself already carry a body and pass through untouched.
 */
public class ProblemErrorReportValve extends ErrorReportValve {
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        problem.setDetail(status < 500
                ? "the request was refused before the application read it: its URL or headers are malformed "
                + "(for example an encoded NUL or an invalid escape in the path)"
                : "the server could not handle the request");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(JSON.writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more can be said
        }
    }
}
