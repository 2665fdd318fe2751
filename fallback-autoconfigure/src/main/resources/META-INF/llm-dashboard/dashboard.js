// The LLM router's live dashboard: renders server-sent snapshots and routing events.
// No framework, no build step; text is always set with textContent.
(function () {
	'use strict';
	var MAX_EVENTS = 100;
	var feed = document.getElementById('feed');
	var eventCount = 0;
	var providerOrder = [];
	var LABELS = { FAILOVER: 'Failover', BREAKER_TRANSITION: 'Breaker', DEGRADED: 'Degraded', BUDGET: 'Budget' };

	function el(tag, className, text) {
		var node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined && text !== null) node.textContent = String(text);
		return node;
	}

	function percent(value) {
		return (value === null || value === undefined || value < 0) ? '–' : value.toFixed(0) + '%';
	}

	function millis(value) {
		if (value === null || value === undefined) return '–';
		return value >= 1000 ? (value / 1000).toFixed(1) + ' s' : value + ' ms';
	}

	function clock(iso) {
		var date = new Date(iso);
		return isNaN(date) ? '' : date.toLocaleTimeString([], { hour12: false });
	}

	function metric(value, label, bad) {
		var box = el('div', 'metric' + (bad ? ' bad' : ''));
		box.appendChild(el('b', null, value));
		box.appendChild(el('span', null, label));
		return box;
	}

	function card(provider) {
		var node = el('article', 'card');
		node.dataset.provider = provider.name;
		node.dataset.state = provider.state;
		var head = el('div', 'card-head');
		var title = el('div');
		title.appendChild(el('div', 'card-name', provider.name));
		title.appendChild(el('div', 'card-model', provider.model));
		head.appendChild(title);
		head.appendChild(el('span', 'tier', provider.type + ' · ' + provider.tier));
		node.appendChild(head);
		var state = el('div', 'state', provider.state.replace('_', ' '));
		state.dataset.state = provider.state;
		node.appendChild(state);
		if (provider.halfOpensAt) {
			node.appendChild(el('div', 'half-opens', 'Half-opens at ' + clock(provider.halfOpensAt)));
		}
		var metrics = el('div', 'metrics');
		metrics.appendChild(metric(percent(provider.failureRate), 'failure rate', provider.failureRate >= 50));
		metrics.appendChild(metric(millis(provider.averageLatencyMs), 'avg latency'));
		metrics.appendChild(metric(millis(provider.p95LatencyMs), 'p95 latency'));
		metrics.appendChild(metric(provider.bufferedCalls, 'calls'));
		metrics.appendChild(metric(provider.failedCalls, 'failed', provider.failedCalls > 0));
		metrics.appendChild(metric(provider.notPermittedCalls, 'refused', provider.notPermittedCalls > 0));
		node.appendChild(metrics);
		var last = el('div', 'last-error');
		if (provider.lastErrorKind) {
			last.appendChild(document.createTextNode('Last error: '));
			last.appendChild(el('strong', null, provider.lastErrorKind
				+ (provider.lastErrorStatus ? ' ' + provider.lastErrorStatus : '')));
			last.appendChild(document.createTextNode(' at ' + clock(provider.lastErrorAt)));
		}
		else {
			last.textContent = 'No errors';
		}
		node.appendChild(last);
		return node;
	}

	function renderBudget(budget) {
		var box = document.getElementById('budget');
		box.replaceChildren();
		var decision = el('div', 'budget-decision', budget.decision);
		decision.dataset.decision = budget.decision;
		box.appendChild(decision);
		if (!budget.windows || budget.windows.length === 0) {
			box.appendChild(el('div', 'muted', 'No spend limits configured.'));
			return;
		}
		budget.windows.forEach(function (window) {
			var limit = Number(window.limit), spent = Number(window.spent);
			var share = limit > 0 ? Math.min(100, spent * 100 / limit) : 0;
			var row = el('div', 'window');
			var line = el('div', 'row');
			line.appendChild(el('span', null, 'per ' + window.name));
			line.appendChild(el('span', null, '$' + spent.toFixed(4) + ' / $' + limit.toFixed(2)));
			row.appendChild(line);
			var bar = el('div', 'bar');
			var fill = el('i', share >= 100 ? 'bad' : (share >= 80 ? 'warn' : ''));
			fill.style.width = share + '%';
			bar.appendChild(fill);
			row.appendChild(bar);
			box.appendChild(row);
		});
	}

	function renderCache(cache) {
		var box = document.getElementById('cache');
		box.replaceChildren();
		var keys = Object.keys(cache || {});
		if (keys.length === 0) {
			box.appendChild(el('div', 'muted', 'No cache statistics.'));
			return;
		}
		keys.forEach(function (key) { box.appendChild(metric(cache[key], key)); });
	}

	function renderSnapshot(snapshot) {
		var level = document.getElementById('level');
		level.dataset.level = snapshot.level;
		document.getElementById('level-value').textContent = snapshot.level;
		var firstOrder = providerOrder.length === 0;
		providerOrder = snapshot.providers.map(function (provider) { return provider.name; });
		if (firstOrder && simulator) renderSimulator(simulator);
		var providers = document.getElementById('providers');
		providers.replaceChildren.apply(providers, snapshot.providers.map(card));
		renderBudget(snapshot.budget);
		renderCache(snapshot.cache);
		(snapshot.events || []).forEach(function (event) { addEvent(event, false); });
		document.getElementById('updated').textContent = clock(snapshot.time);
	}

	function addEvent(event, fresh) {
		var empty = feed.querySelector('.empty');
		if (empty) empty.remove();
		var item = el('li', fresh ? 'fresh' : '');
		item.dataset.type = event.type;
		if (event.kind) item.dataset.kind = event.kind;
		item.appendChild(el('span', 'time', clock(event.time)));
		item.appendChild(el('span', 'what', (LABELS[event.type] || event.type) + (event.provider ? ' · ' + event.provider : '')));
		item.appendChild(el('span', 'detail', event.detail));
		feed.insertBefore(item, feed.firstChild);
		while (feed.children.length > MAX_EVENTS) feed.removeChild(feed.lastChild);
		eventCount++;
		document.getElementById('event-count').textContent = eventCount;
	}

	function connection(state, text) {
		var conn = document.getElementById('conn');
		conn.dataset.state = state;
		document.getElementById('conn-text').textContent = text;
	}

	function connect() {
		var source = new EventSource(document.body.dataset.events);
		var first = true;
		source.addEventListener('snapshot', function (message) {
			var snapshot = JSON.parse(message.data);
			if (first) {
				feed.replaceChildren();
				eventCount = 0;
				first = false;
			}
			renderSnapshot(snapshot);
			connection('live', 'live');
		});
		source.addEventListener('routing', function (message) {
			addEvent(JSON.parse(message.data), true);
		});
		source.onerror = function () {
			connection('lost', 'reconnecting');
			first = true;
		};
	}

	// The sample application's provider simulator, when present: buttons that break and heal providers.
	var simulator = null;

	function simulatorRow(name, fault) {
		var row = el('div', 'sim-row');
		row.dataset.provider = name;
		row.appendChild(el('span', 'sim-name', name));
		var state = el('span', 'sim-fault' + (fault === 'healthy' ? '' : ' broken'), fault);
		row.appendChild(state);
		simulator.faults.forEach(function (id) {
			var button = el('button', 'btn' + (fault === id ? ' active' : ''), id);
			button.type = 'button';
			button.dataset.fault = id;
			button.addEventListener('click', function () {
				control('POST', '/simulator/providers/' + encodeURIComponent(name) + '/fault?fault=' + encodeURIComponent(id));
			});
			row.appendChild(button);
		});
		var heal = el('button', 'btn heal', 'heal');
		heal.type = 'button';
		heal.dataset.fault = 'heal';
		heal.addEventListener('click', function () {
			control('DELETE', '/simulator/providers/' + encodeURIComponent(name) + '/fault');
		});
		row.appendChild(heal);
		return row;
	}

	function renderSimulator(state) {
		simulator = state;
		var rows = document.getElementById('sim-rows');
		var names = Object.keys(state.providers).sort(function (a, b) {
			var left = providerOrder.indexOf(a), right = providerOrder.indexOf(b);
			return (left < 0 ? 99 : left) - (right < 0 ? 99 : right);
		});
		rows.replaceChildren.apply(rows, names.map(function (name) {
			return simulatorRow(name, state.providers[name]);
		}));
		document.getElementById('simulator').hidden = false;
	}

	function control(method, url) {
		return fetch(url, { method: method }).then(function (response) {
			return response.ok ? response.json() : null;
		}).then(function (state) {
			if (state && state.providers) renderSimulator(state);
		});
	}

	function send(count) {
		var result = document.getElementById('traffic-result');
		var answers = [];
		var requests = [];
		for (var i = 0; i < count; i++) {
			requests.push(fetch(simulator.chat, {
				method: 'POST', headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ message: 'Hello from the dashboard' })
			}).then(function (response) { return response.ok ? response.json() : { provider: 'HTTP ' + response.status }; })
				.then(function (answer) { answers.push(answer.provider + (answer.level && answer.level !== 'FULL' ? ' (' + answer.level.toLowerCase() + ')' : '')); })
				.catch(function () { answers.push('error'); }));
		}
		result.textContent = 'sending…';
		Promise.all(requests).then(function () {
			var counts = {};
			answers.forEach(function (who) { counts[who] = (counts[who] || 0) + 1; });
			result.textContent = 'answered by ' + Object.keys(counts).map(function (who) {
				return who + ' ×' + counts[who];
			}).join(', ');
		});
	}

	document.getElementById('send-one').addEventListener('click', function () { send(1); });
	document.getElementById('send-ten').addEventListener('click', function () { send(10); });
	fetch('/simulator', { headers: { Accept: 'application/json' } }).then(function (response) {
		return response.ok ? response.json() : null;
	}).then(function (state) {
		if (state && state.providers && state.faults) renderSimulator(state);
	}).catch(function () { /* no simulator: the panel stays hidden */ });

	connect();
})();
