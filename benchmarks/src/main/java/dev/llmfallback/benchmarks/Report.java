package dev.llmfallback.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown tables of a run: one row per figure, with its target and whether it was
 * met.
 */
final class Report {

	private final List<String> sections = new ArrayList<>();

	private final List<String> misses = new ArrayList<>();

	private StringBuilder table;

	void section(String title, String note) {
		section(title, note, "Figure", "Plain WebClient", "Router", "Added / ratio: median [min .. max]", "Target",
				"Met");
	}

	/**
	 * Start a section whose table has its own columns; fill it with {@link #cells}.
	 * @param title the heading
	 * @param note the text under it, or {@code null}
	 * @param columns the column headings
	 */
	void section(String title, String note, String... columns) {
		this.table = new StringBuilder();
		this.table.append("\n### ").append(title).append("\n\n");
		if (note != null) {
			this.table.append(note).append("\n\n");
		}
		this.table.append("| ").append(String.join(" | ", columns)).append(" |\n");
		this.table.append("|---".repeat(columns.length)).append("|\n");
		this.sections.add(this.table.toString());
	}

	/**
	 * Add a row without target.
	 * @param cells one per column
	 */
	void cells(String... cells) {
		this.table.append("| ").append(String.join(" | ", cells)).append(" |\n");
		this.sections.set(this.sections.size() - 1, this.table.toString());
		System.out.println(String.join(" | ", cells));
	}

	/**
	 * Add a row.
	 * @param figure what was measured
	 * @param plain the plain figure, or empty
	 * @param router the router figure, or empty
	 * @param result the added time or ratio with its spread
	 * @param target the target, or empty
	 * @param met whether the target was met, or {@code null} without target
	 */
	void row(String figure, String plain, String router, String result, String target, Boolean met) {
		String verdict = (met == null) ? "" : (met ? "yes" : "**no**");
		this.table.append("| ")
			.append(String.join(" | ", figure, plain, router, result, target, verdict))
			.append(" |\n");
		this.sections.set(this.sections.size() - 1, this.table.toString());
		if (Boolean.FALSE.equals(met)) {
			this.misses.add(figure + ": " + result + " (target " + target + ")");
		}
		System.out.println(figure + " | plain " + plain + " | router " + router + " | " + result + " | target " + target
				+ " | " + verdict);
	}

	String tables() {
		return String.join("", this.sections);
	}

	List<String> misses() {
		return this.misses;
	}

}
