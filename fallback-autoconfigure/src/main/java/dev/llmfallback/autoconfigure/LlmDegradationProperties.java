package dev.llmfallback.autoconfigure;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.llmfallback.DegradationLevel;
import dev.llmfallback.Tier;

/**
 * The degradation chain: full, reduced and basic models, then cached answers, then a
 * static message.
 */
public class LlmDegradationProperties {

	/**
	 * Levels that may answer: full, reduced, basic (providers of that tier), cached and
	 * static.
	 */
	private Set<DegradationLevel> levels = EnumSet.allOf(DegradationLevel.class);

	/**
	 * Answer given when no provider and no cached answer can serve a request.
	 */
	private String staticMessage = "Service temporarily limited. Please try again in a few minutes.";

	/**
	 * Static answers by the request's minimum tier (full, reduced, basic), overriding
	 * 'static-message'.
	 */
	private Map<Tier, String> staticMessages = new EnumMap<>(Tier.class);

	public Set<DegradationLevel> getLevels() {
		return this.levels;
	}

	public void setLevels(Set<DegradationLevel> levels) {
		this.levels = levels;
	}

	public String getStaticMessage() {
		return this.staticMessage;
	}

	public void setStaticMessage(String staticMessage) {
		this.staticMessage = staticMessage;
	}

	public Map<Tier, String> getStaticMessages() {
		return this.staticMessages;
	}

	public void setStaticMessages(Map<Tier, String> staticMessages) {
		this.staticMessages = staticMessages;
	}

}
