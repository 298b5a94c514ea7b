package com.meterledger.stripesandbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.io.IOException;

/**
 * Starts the {@link StripeSandbox} with the application when {@code meterledger.stripe.sandbox.enabled=true} (the local
 * run; never production) on {@code meterledger.stripe.sandbox.port}, and sends its events to the application's own
 * {@code /webhooks/stripe} once the web server is up. The application reaches it only through its configured
 * {@code meterledger.stripe.api-base} (see {@link StripeSandboxEnvironment}).
 */
@AutoConfiguration
@ConditionalOnProperty(name = "meterledger.stripe.sandbox.enabled", havingValue = "true")
public class StripeSandboxAutoConfiguration {
    @Bean(destroyMethod = "close")
    StripeSandbox stripeSandbox(Environment environment) throws IOException {
        String connectSecret = environment.getProperty("meterledger.stripe.connect-webhook-secret", "");
        // every sandbox event happens on a connected account, so Stripe would sign it with the Connect endpoint's secret
        String secret = connectSecret.isBlank()
                ? environment.getRequiredProperty("meterledger.stripe.webhook-secret") : connectSecret;
        return StripeSandbox.start(environment.getRequiredProperty("meterledger.stripe.sandbox.port", Integer.class),
                secret, null);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> stripeSandboxWebhooks(StripeSandbox sandbox) {
        return event -> {
            if (event.getApplicationContext().getServerNamespace() == null) {
                sandbox.webhooksTo("http://127.0.0.1:" + event.getWebServer().getPort() + "/webhooks/stripe");
            }
        };
    }
}
