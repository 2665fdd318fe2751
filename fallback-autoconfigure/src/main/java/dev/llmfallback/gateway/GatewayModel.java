package dev.llmfallback.gateway;

import java.util.Objects;

/**
 * A model the gateway lists and accepts by name: a configured provider's model.
 *
 * @param id the model's name, as clients send it
 * @param provider the configured name of the provider that serves it
 */
public record GatewayModel(String id, String provider) {

	public GatewayModel {
		Objects.requireNonNull(id, "GatewayModel.id must not be null");
		Objects.requireNonNull(provider, "GatewayModel.provider must not be null");
	}

}
