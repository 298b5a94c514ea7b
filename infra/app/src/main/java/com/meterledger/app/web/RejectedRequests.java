package com.meterledger.app.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests Spring Security's firewall refuses before any filter chain (an encoded NUL, {@code ..}, a control
 * character or an encoded slash in the path) get a problem like every other refusal: its default handler only set
 * 400, and Boot's error page answered {@code {"error":"Bad Request","message":"No message available"}}, which names
 * nothing (found by {@code ApiSweepTest}). Spring Security uses the one {@link RequestRejectedHandler} bean it finds.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {
    @Bean
    RequestRejectedHandler problemForRejectedRequest() {
        return (request, response, rejected) -> ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST,
                "url-rejected", "Bad Request",
                "the request's URL is refused: its path may not hold control characters, encoded percent signs, "
                        + "encoded slashes or '..' segments", "url-rejected");
    }
}
