package dev.llmfallback.gateway;

import java.util.List;

/**
 * The models the gateway knows, and which providers a requested model name puts first.
 * Any name that is neither a configured provider nor a configured model, such as
 * {@value #AUTO}, lets the router choose.
 */
public final class GatewayModels {

	/** The model name that lets the router choose. */
	public static final String AUTO = "auto";

	private final List<GatewayModel> models;

	/**
	 * The gateway's models, in the order the router tries their providers.
	 * @param models the configured providers' models
	 */
	public GatewayModels(List<GatewayModel> models) {
		this.models = List.copyOf(models);
	}

	/**
	 * The configured models.
	 * @return the models, possibly empty
	 */
	public List<GatewayModel> models() {
		return this.models;
	}

	/**
	 * The provider a requested model name puts first, when it names one.
	 * @param requested the request's {@code model}, may be {@code null}
	 * @return the provider's configured name, or {@code null}
	 */
	public String preferredProvider(String requested) {
		if (requested == null || requested.equals(AUTO)) {
			return null;
		}
		for (GatewayModel model : this.models) {
			if (model.provider().equals(requested)) {
				return model.provider();
			}
		}
		return null;
	}

	/**
	 * The model a requested model name puts first, when it names a configured model and
	 * no provider: every provider of that model is tried before the others, in the
	 * router's order among them.
	 * @param requested the request's {@code model}, may be {@code null}
	 * @return the model, or {@code null}
	 */
	public String preferredModel(String requested) {
		if (requested == null || requested.equals(AUTO) || preferredProvider(requested) != null) {
			return null;
		}
		for (GatewayModel model : this.models) {
			if (model.id().equals(requested)) {
				return model.id();
			}
		}
		return null;
	}

}
