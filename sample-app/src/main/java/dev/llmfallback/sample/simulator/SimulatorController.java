package dev.llmfallback.sample.simulator;

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
 * Switches the simulated providers' faults at run time:
 * {@code POST /simulator/providers/openai/fault?status=503}, {@code ?hang=true}, and
 * {@code DELETE /simulator/providers/openai/fault}.
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
	Map<String, String> faults() {
		Map<String, String> faults = new LinkedHashMap<>();
		ProviderSimulator.PROVIDERS.forEach((provider) -> faults.put(provider,
				this.simulator.fault(provider)
					.map((fault) -> fault.hangs() ? "hang" : String.valueOf(fault.status()))
					.orElse("healthy")));
		return faults;
	}

	@PostMapping("/providers/{provider}/fault")
	Map<String, String> fail(@PathVariable String provider, @RequestParam(defaultValue = "503") int status,
			@RequestParam(defaultValue = "false") boolean hang) {
		if (!hang && (status < 400 || status > 599)) {
			throw new IllegalArgumentException("status must be an HTTP error status from 400 to 599, was " + status);
		}
		this.simulator.fail(provider, hang ? Fault.HANG : new Fault(status));
		return faults();
	}

	@DeleteMapping("/providers/{provider}/fault")
	Map<String, String> heal(@PathVariable String provider) {
		this.simulator.heal(provider);
		return faults();
	}

	@ExceptionHandler(IllegalArgumentException.class)
	@ResponseStatus(HttpStatus.BAD_REQUEST)
	Map<String, String> badRequest(IllegalArgumentException ex) {
		return Map.of("error", ex.getMessage());
	}

}
