package dev.llmfallback.dashboard;

import java.util.List;
import java.util.Map;

/**
 * The whole router as the dashboard shows it at one moment.
 *
 * @param time when the snapshot was taken (ISO-8601)
 * @param level the best level a new request can reach now, such as {@code full}
 * @param providers the providers, by priority
 * @param budget the budgets' decision, strongest tier and spend per window
 * @param cache the response cache's counters, or an empty map
 * @param events the recent routing events, oldest first; only in the first snapshot of a
 * stream, empty afterwards
 */
public record DashboardSnapshot(String time, String level, List<DashboardProvider> providers,
		Map<String, Object> budget, Map<String, Object> cache, List<DashboardEvent> events) {

}
