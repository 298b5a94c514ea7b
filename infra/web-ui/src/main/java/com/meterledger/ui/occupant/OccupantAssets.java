package com.meterledger.ui.occupant;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's one script (the live balance) under {@code /pay/assets}: served by us, never a CDN, so the pages'
 * Content-Security-Policy ({@code script-src 'self'}) holds and a phone needs nothing from another site.
 */
@Configuration(proxyBeanMethods = false)
public class OccupantAssets implements WebMvcConfigurer {
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/pay/assets/**").addResourceLocations("classpath:/static/pay/");
    }
}
