/**
 * Prices, the cost of answers and spend budgets.
 */
package dev.llmfallback.cost;
