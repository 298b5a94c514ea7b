package org.elasticsearch.plugins;

import org.elasticsearch.Build;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the given plugin classes from the application class path instead of a plugins directory (the Maven-published
 * server has no distribution layout). Lives in Elasticsearch's package because {@link LoadedPlugin} is package-private.
 */
public class ClasspathPluginsService extends PluginsService {
    private final List<LoadedPlugin> classpathPlugins;

    public ClasspathPluginsService(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
        super(environment.settings(), environment.configDir(), emptyLoader());
        Settings settings = environment.settings();
        List<LoadedPlugin> loaded = pluginClasses.stream()
                .map(pluginClass -> new LoadedPlugin(descriptor(pluginClass),
                        loadPlugin(pluginClass, settings, environment.configDir()), pluginClass.getClassLoader()))
                .toList();
        loadExtensions(loaded);
        this.classpathPlugins = loaded;
    }

    public static PluginsLoader emptyLoader() {
        return new PluginsLoader(Set.of(), Set.of(), Map.of());
    }

    private static PluginDescriptor descriptor(Class<? extends Plugin> pluginClass) {
        return new PluginDescriptor(pluginClass.getName(), "class path plugin", "NA", Build.current().version(),
                Integer.toString(Runtime.version().feature()), pluginClass.getName(), null, List.of(), false, false,
                false, false, PluginDescriptor.DeploymentTarget.ALL);
    }

    @Override
    protected List<LoadedPlugin> plugins() {
        return classpathPlugins;
    }
}
