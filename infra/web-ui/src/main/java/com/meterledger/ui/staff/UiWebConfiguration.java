package com.meterledger.ui.staff;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/** The UI's scripts and styles live under /ui like its pages: WebJars (htmx, its SSE extension, Chart.js) and ours. */
@Configuration(proxyBeanMethods = false)
public class UiWebConfiguration implements WebMvcConfigurer {
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/ui/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/ui/assets/**").addResourceLocations("classpath:/static/ui/");
    }
}
