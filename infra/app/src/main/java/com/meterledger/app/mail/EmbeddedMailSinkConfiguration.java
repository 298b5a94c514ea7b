package com.meterledger.app.mail;

import com.meterledger.embedded.EmbeddedMailSink;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The local run's mail server (and the tests'): every mail MeterLedger sends (sign-up verification, occupant
 * notifications) lands in an in-JVM SMTP server on loopback, readable at {@code /dev/mailbox}. Off in production,
 * where {@code SMTP_HOST} names a real relay.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "meterledger.mail.embedded-sink", havingValue = "true")
public class EmbeddedMailSinkConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedMailSink embeddedMailSink(@Value("${meterledger.mail.embedded-sink-port:0}") int port) {
        return EmbeddedMailSink.start(port);
    }

    /** Points the notification mail sender at the sink, whatever {@code SMTP_HOST} says. */
    @Bean
    static BeanPostProcessor mailToEmbeddedSink(ObjectProvider<EmbeddedMailSink> sink) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JavaMailSenderImpl sender && beanName.equals("notificationMailSender")) {
                    EmbeddedMailSink server = sink.getObject();
                    sender.setHost(server.host());
                    sender.setPort(server.port());
                    sender.setUsername(null);
                    sender.setPassword(null);
                }
                return bean;
            }
        };
    }
}
