package io.radnet.api.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shape of the SPI: {@link Backend}'s mandatory core is at most 20 protected abstract
 * kernels, and the {@link ReferenceBackend} implements exactly those and overrides no
 * capability, so that its passing the contract suite proves every default.
 */
class MandatoryCoreTest {
    /** The most abstract kernels the mandatory core may have. */
    private static final int MAX_CORE_KERNELS = 20;

    private static Set<String> signatures(List<Method> methods) {
        return methods.stream()
                .map(m -> m.getName() + Arrays.toString(m.getParameterTypes()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Method> protectedKernels(boolean abstractOnes) {
        return Arrays.stream(Backend.class.getDeclaredMethods())
                .filter(m -> Modifier.isProtected(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
                .filter(m -> Modifier.isAbstract(m.getModifiers()) == abstractOnes)
                .collect(Collectors.toList());
    }

    @Test
    void theMandatoryCoreHasAtMostTwentyKernels() {
        List<Method> core = protectedKernels(true);
        assertTrue(core.size() <= MAX_CORE_KERNELS,
                () -> "Backend has " + core.size() + " abstract kernels: " + signatures(core));
    }

    @Test
    void theReferenceBackendImplementsTheCoreAndNoCapability() {
        Set<String> declared = signatures(Arrays.stream(ReferenceBackend.class.getDeclaredMethods())
                .filter(m -> !Modifier.isPrivate(m.getModifiers()) && !m.isSynthetic())
                .filter(m -> !Modifier.isPublic(m.getModifiers()))
                .collect(Collectors.toList()));
        assertEquals(signatures(protectedKernels(true)), declared,
                "the reference backend's protected methods are exactly the mandatory core");
    }
}
