package com.meterledger.ui.i18n;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.nio.charset.StandardCharsets;

/**
 * The texts people read ({@code messages.properties}, {@code messages_zh_CN.properties}, UTF-8), the language of
 * every page ({@link PageLocales}) and the switcher: {@code ?lang=zh-CN} or {@code ?lang=en} on any page is the
 * person's choice, kept; any other value is ignored, and the page is shown as it would have been.
 */
@Configuration(proxyBeanMethods = false)
public class LanguageConfiguration implements WebMvcConfigurer {
    public static final String SWITCH_PARAMETER = "lang";

    /**
     * No fall-back to the machine's locale: an English server shows a Chinese page in Chinese, a Chinese server an
     * English page in English, and a key missing in zh-CN shows the English text ({@code messages.properties}).
     */
    @Bean
    MessageSource messageSource() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @Bean
    LocaleResolver localeResolver(TenantPreferences tenants) {
        return new PageLocales(tenants);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                // a link's query (GET), never a form's body: a webhook's raw body is left unread
                if (!"GET".equals(request.getMethod())) {
                    return true;
                }
                LanguageChoice.supported(request.getParameter(SWITCH_PARAMETER)).ifPresent(locale -> {
                    LocaleResolver resolver = RequestContextUtils.getLocaleResolver(request);
                    if (resolver != null) {
                        resolver.setLocale(request, response, locale);
                    }
                });
                return true;
            }
        });
    }
}
