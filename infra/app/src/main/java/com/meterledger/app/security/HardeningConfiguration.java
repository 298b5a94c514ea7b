package com.meterledger.app.security;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Body size and rate limits in front of everything (also the token endpoint), strict CORS, deny-by-default. */
@Configuration(proxyBeanMethods = false)
public class HardeningConfiguration implements WebMvcConfigurer {
    /** The occupant's forms: pay, choose alerts, stop alerts (a form navigation each, judged by its controller). */
    private static final Pattern PAYMENT_FORM = Pattern.compile("/pay/([^/]+/(checkout|alerts)|alerts/stop/[^/]+/[^/]+)");


    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new EndpointRules());
    }

    @Bean
    PublicRateLimiter publicRateLimiter(HardeningProperties properties) {
        return new PublicRateLimiter(properties.publicRequestsPerMinute(), properties.webhookRequestsPerMinute());
    }

    @Bean
    FilterRegistrationBean<PublicRateLimiter> publicRateLimiterRegistration(PublicRateLimiter limiter) {
        FilterRegistrationBean<PublicRateLimiter> registration = new FilterRegistrationBean<>(limiter);
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 20);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(HardeningProperties properties) {
        FilterRegistrationBean<BodySizeLimit> registration =
                new FilterRegistrationBean<>(new BodySizeLimit(properties.maxBodySize().toBytes()));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /**
     * Only the configured origins, only our methods and headers, no cookies (bearer tokens only). The occupant's
     * payment form ({@code POST /pay/{account}/checkout}) is a top-level form navigation, not a script's request: CORS
     * does not apply to it, and its controller decides on its origin itself, answering the occupant with a page.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(HardeningProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/pay/**", cors);
        return request -> PAYMENT_FORM.matcher(request.getRequestURI()).matches()
                ? null : source.getCorsConfiguration(request);
    }

    /**
     * The CORS filter Spring Security puts in its chain (it takes the bean named {@code corsFilter} before building one
     * from the source), refusing with a problem ({@link ProblemCorsProcessor}).
     */
    @Bean
    CorsFilter corsFilter(CorsConfigurationSource corsConfigurationSource) {
        CorsFilter filter = new CorsFilter(corsConfigurationSource);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        return filter;
    }

    /** Only inside the security chain: registered on the servlet container too, it would run twice. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterOutsideTheChain(CorsFilter corsFilter) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
    }
}
