package dev.llmfallback.sample.simulator;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Switches the simulated providers' faults and latency at run time:
 * {@code POST /simulator/providers/openai/fault?fault=503} (or {@code hang},
 * {@code reset}, {@code malformed}, {@code broken-stream}; {@code ?status=503} and
 * {@code ?hang=true} work too), {@code DELETE /simulator/providers/openai/fault} and
 * {@code POST /simulator/providers/openai/latency?millis=800}. {@code GET /simulator}
 * shows the state; the dashboard finds its buttons there.
 */
@RestController
@RequestMapping("/simulator")
@ConditionalOnBean(ProviderSimulator.class)
class SimulatorController {

	private final ProviderSimulator simulator;

	SimulatorController(ProviderSimulator simulator) {
		this.simulator = simulator;
	}

	@GetMapping
	Map<String, Object> state() {
		Map<String, String> providers = new LinkedHashMap<>();
		Map<String, Long> latencies = new LinkedHashMap<>();
		ProviderSimulator.PROVIDERS.forEach((provider) -> {
			providers.put(provider, this.simulator.fault(provider).map(Fault::id).orElse("healthy"));
			latencies.put(provider, this.simulator.latency(provider).toMillis());
		});
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("providers", providers);
		state.put("latencyMillis", latencies);
		state.put("faults", Fault.IDS);
		state.put("chat", "/chat");
		return state;
	}

	@PostMapping("/providers/{provider}/fault")
	Map<String, Object> fail(@PathVariable String provider, @RequestParam(required = false) String fault,
			@RequestParam(defaultValue = "503") int status, @RequestParam(defaultValue = "false") boolean hang) {
		Fault played = (fault != null) ? Fault.of(fault) : (hang ? Fault.HANG : Fault.status(status));
		this.simulator.fail(provider, played);
		return state();
	}

	@DeleteMapping("/providers/{provider}/fault")
	Map<String, Object> heal(@PathVariable String provider) {
		this.simulator.heal(provider);
		return state();
	}

	@PostMapping("/providers/{provider}/latency")
	Map<String, Object> latency(@PathVariable String provider, @RequestParam long millis) {
		if (millis < 0 || millis > 600_000) {
			throw new IllegalArgumentException("millis must be from 0 to 600000, was " + millis);
		}
		this.simulator.latency(provider, Duration.ofMillis(millis));
		return state();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, String> badRequest(IllegalArgumentException ex) {
		return Map.of("error", ex.getMessage());
	}

}
