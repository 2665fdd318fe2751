package dev.llmfallback.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI-compatible endpoint that serves the router to other programs.
 */
public class LlmGatewayProperties {

	/**
	 * Whether to serve the OpenAI-compatible endpoints (POST /v1/chat/completions, GET
	 * /v1/models) in a reactive web application.
	 */
	private boolean enabled;

	/**
	 * Keys a client must send as "Authorization: Bearer <key>". When empty, the endpoints
	 * are open.
	 */
	private List<String> apiKeys = new ArrayList<>();

	/**
	 * Path prefix of the endpoints, such as "/llm" for /llm/v1/chat/completions.
	 */
	private String path = "";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getApiKeys() {
		return this.apiKeys;
	}

	public void setApiKeys(List<String> apiKeys) {
		this.apiKeys = apiKeys;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

}
