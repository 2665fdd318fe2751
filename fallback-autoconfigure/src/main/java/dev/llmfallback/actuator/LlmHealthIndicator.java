package dev.llmfallback.actuator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.llmfallback.DegradationLevel;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * Health of the router, from state only (it never calls a provider): UP while the full
 * level is reachable, {@link #DEGRADED} while only lower levels are, DOWN only when
 * nothing but the static message is left and that is configured to count as down. Order
 * it between UP and DOWN with
 * {@code management.endpoint.health.status.order=DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN}.
 */
public class LlmHealthIndicator extends AbstractHealthIndicator {

	/**
	 * Some providers are unusable and requests are answered at a lower level; HTTP 200.
	 */
	public static final Status DEGRADED = new Status("DEGRADED", "Answering at a lower level than full");

	private final RouterState state;

	private final boolean downWhenStaticOnly;

	private final List<LlmHealthDetails> extraDetails;

	/**
	 * Create the indicator.
	 * @param state the router's state
	 * @param downWhenStaticOnly whether only the static level left counts as DOWN
	 */
	public LlmHealthIndicator(RouterState state, boolean downWhenStaticOnly) {
		this(state, downWhenStaticOnly, List.of());
	}

	/**
	 * Create the indicator with extra details.
	 * @param state the router's state
	 * @param downWhenStaticOnly whether only the static level left counts as DOWN
	 * @param extraDetails more details to add, such as the shared store's
	 */
	public LlmHealthIndicator(RouterState state, boolean downWhenStaticOnly, List<LlmHealthDetails> extraDetails) {
		super("LLM router health check failed");
		this.state = state;
		this.downWhenStaticOnly = downWhenStaticOnly;
		this.extraDetails = List.copyOf(extraDetails);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DegradationLevel level = this.state.reachableLevel();
		if (level == DegradationLevel.FULL) {
			builder.up();
		}
		else if (level == DegradationLevel.STATIC && this.downWhenStaticOnly) {
			builder.down();
		}
		else {
			builder.status(DEGRADED);
		}
		builder.withDetail("level", level.name().toLowerCase(Locale.ROOT));
		Map<String, Object> providers = new LinkedHashMap<>();
		this.state.providers().forEach((provider) -> providers.put(provider.name(), details(provider)));
		builder.withDetail("providers", providers);
		builder.withDetail("budget", this.state.budget().decision().name().toLowerCase(Locale.ROOT));
		this.extraDetails.forEach((extra) -> builder.withDetails(extra.healthDetails()));
	}

	private static Map<String, Object> details(ProviderView provider) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("state", provider.state());
		details.put("type", provider.type());
		details.put("model", provider.model());
		details.put("tier", provider.tier());
		details.put("failureRate", provider.failureRate());
		details.put("slowCallRate", provider.slowCallRate());
		details.put("bufferedCalls", provider.bufferedCalls());
		details.put("notPermittedCalls", provider.notPermittedCalls());
		if (provider.halfOpensAt() != null) {
			details.put("halfOpensAt", provider.halfOpensAt().toString());
		}
		if (provider.lastError() != null) {
			details.put("lastError", provider.lastError().kind());
			details.put("lastErrorAt", provider.lastError().at().toString());
		}
		return details;
	}

}
