package com.meterledger.app.web;

import com.meterledger.api.listing.PropertyScope;
import com.meterledger.edge.security.PropertyScopePermissions;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A controller that declares a {@link PropertyScope} parameter gets the properties its caller may see, from the
 * verified token (a property manager's {@code properties} claim), never from the request: so modules that do not
 * depend on the edge (the gateways') filter their lists by it too.
 */
public class PropertyScopeArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PropertyScope.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return PropertyScopePermissions.scope();
    }
}
