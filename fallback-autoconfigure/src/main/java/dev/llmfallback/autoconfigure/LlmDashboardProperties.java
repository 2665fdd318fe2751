package dev.llmfallback.autoconfigure;

import java.time.Duration;

/**
 * The live dashboard page.
 */
public class LlmDashboardProperties {

	/**
	 * Whether to serve the live dashboard page and its server-sent events in a reactive
	 * web application. It shows breaker states, levels, spend and routing events (never
	 * prompt text): protect it like the actuator endpoints.
	 */
	private boolean enabled;

	/**
	 * Path of the dashboard page; its events are served at "<path>/events".
	 */
	private String path = "/llm/dashboard";

	/**
	 * How often the dashboard's event stream sends a fresh snapshot of the router.
	 */
	private Duration refreshInterval = Duration.ofSeconds(2);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

}
