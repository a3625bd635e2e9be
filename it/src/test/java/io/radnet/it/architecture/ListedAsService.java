package io.radnet.it.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Holds for a class whose binary name is listed in a {@code META-INF/services/<service>}
 * resource that a given class loader sees, read the way {@link java.util.ServiceLoader} reads
 * it: UTF-8, everything from {@code #} to the end of a line is a comment, surrounding blanks are
 * ignored, blank lines are skipped. Every such resource on the class path counts (one per jar).
 */
final class ListedAsService extends ArchCondition<JavaClass> {
    private final String serviceFile;
    private final ClassLoader classLoader;
    private Set<String> listed = Collections.emptySet();
    private List<URL> sources = Collections.emptyList();

    ListedAsService(String serviceInterface, ClassLoader classLoader) {
        super("be listed in a META-INF/services/" + serviceInterface + " resource on the class path");
        this.serviceFile = "META-INF/services/" + serviceInterface;
        this.classLoader = classLoader;
    }

    @Override
    public void init(Collection<JavaClass> allObjectsToTest) {
        Set<String> names = new LinkedHashSet<>();
        List<URL> urls = new ArrayList<>();
        try {
            Enumeration<URL> resources = classLoader.getResources(serviceFile);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                urls.add(url);
                names.addAll(providerNamesIn(url));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + serviceFile + " from the class path", e);
        }
        listed = names;
        sources = urls;
    }

    @Override
    public void check(JavaClass provider, ConditionEvents events) {
        boolean isListed = listed.contains(provider.getName());
        String message = isListed
                ? provider.getName() + " is listed in " + serviceFile
                : provider.getName() + " is not listed in any " + serviceFile + " on the class path"
                        + (sources.isEmpty()
                                ? " (there is no such resource)"
                                : " (listed there: " + listed + ", read from " + sources + ")");
        events.add(new SimpleConditionEvent(provider, isListed, message));
    }

    private static List<String> providerNamesIn(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
