package dev.llmfallback.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Chooses the {@link ObservationRegistry} the router reports its {@code llm.request} and
 * {@code llm.attempt} observations to. Without a Micrometer Tracing {@code Tracer} those
 * observations would only become timers that repeat the router's own meters, so the
 * router skips them unless {@code llm.observations.without-tracer} asks for them.
 */
final class RouterObservations {

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private RouterObservations() {
	}

	static ObservationRegistry registry(LlmProperties properties, ObjectProvider<ObservationRegistry> registries,
			ListableBeanFactory beans) {
		if (properties.getObservations().isWithoutTracer() || hasTracer(beans)) {
			return registries.getIfAvailable(() -> ObservationRegistry.NOOP);
		}
		return ObservationRegistry.NOOP;
	}

	private static boolean hasTracer(ListableBeanFactory beans) {
		ClassLoader classLoader = (beans instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : ClassUtils.getDefaultClassLoader();
		if (!ClassUtils.isPresent(TRACER, classLoader)) {
			return false;
		}
		Class<?> tracer = ClassUtils.resolveClassName(TRACER, classLoader);
		return BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beans, tracer, true, false).length > 0;
	}

}
