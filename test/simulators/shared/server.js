'use strict';
// A small HTTP framework every provider simulator is built on: routing, bearer/header auth,
// per-route rate limits with 429 + Retry-After, fault injection, a request log, signed or
// plain webhook delivery, and a /_sim control API that tests and `npm start` drive.
const http = require('node:http');
const crypto = require('node:crypto');

class HttpError extends Error {
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

function compilePath(pattern) {
	const names = [];
	const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	const regex = new RegExp(`^${source}/?$`);
	return (path) => {
		const match = regex.exec(path);
		if (!match) return undefined;
		return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1])]));
	};
}

function readBody(req, maxBytes) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= maxBytes) chunks.push(chunk);
		});
		req.on('end', () => resolve({ raw: Buffer.concat(chunks), size }));
		req.on('error', reject);
	});
}

function isLoopbackUrl(value) {
	try {
		const { hostname } = new URL(value);
		return ['127.0.0.1', 'localhost', '[::1]', '::1'].includes(hostname) || hostname.startsWith('127.');
	} catch {
		return false;
	}
}

/**
 * Sends a JSON webhook. Returns {status, body, error, ms}; never throws, because providers
 * record failed deliveries rather than crash.
 */
async function deliver(url, payload, headers = {}, timeoutMs = 10_000) {
	const started = Date.now();
	const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
			signal: AbortSignal.timeout(timeoutMs),
		});
		return { url, status: response.status, body: await response.text(), ms: Date.now() - started };
	} catch (error) {
		return { url, status: 0, error: String(error && error.message), ms: Date.now() - started };
	}
}

/**
 * createSimulator({ name, routes, authenticate, errorBody, rateLimit, rateLimitHeaders, maxBodyBytes, control })
 *  routes: [{ method, path, scope?, auth? (default true), raw? (keep body as Buffer), handler(ctx) }]
 *  authenticate(req) -> principal | throws HttpError (401)
 *  authorize(principal, route) -> throws HttpError (403) when a scope is missing
 *  errorBody(status, message, extra) -> the provider's own error shape
 *  handler returns {status?, body?, headers?} or a plain value (200 JSON)
 */
function createSimulator(options) {
	// Literal paths win over parameterised ones (`/agents/limits` before `/agents/:id`), as in real routers.
	const params = (path) => (path.match(/:\w+/g) || []).length;
	const routes = options.routes
		.map((route) => ({ ...route, match: compilePath(route.path) }))
		.sort((a, b) => params(a.path) - params(b.path));
	const errorBody = options.errorBody;
	const state = {
		requests: [],
		deliveries: [],
		config: {
			// Off by default so plain functional tests are not throttled; tests turn it on.
			rateLimit: { enabled: false, limit: 600, windowMs: 60_000, mode: 'window', ...(options.rateLimit || {}) },
			// The documented HTTPS-only rule for webhook URLs, relaxed for loopback in the sandbox.
			allowLoopbackWebhooks: process.env.SIM_ALLOW_LOOPBACK !== '0',
			latencyMs: 0,
			// Lists answer at most this many records per page whatever was asked (0 = off): an
			// API whose page cap is not published may do this.
			pageCap: 0,
		},
		faults: [],
		counters: { rateLimited: 0, faultsInjected: 0 },
	};
	const windows = new Map();

	/**
	 * Two limiters: a fixed window (`windowMs`, aligned to the clock like the per-minute limits
	 * the documents give: the count resets at every multiple of windowMs) and a token bucket
	 * (`mode: 'bucket'`: `limit` tokens refilled evenly over `windowMs`, i.e. a steady "N
	 * requests per second"; its reset is when the bucket is full again). 429s only when enabled.
	 * Which headers go out is each provider's documented set (`rateLimitHeaders`): X-RateLimit-
	 * Limit / -Remaining / -Reset (Unix seconds) on every answer, Retry-After (seconds) on a 429.
	 */
	const headerSet = new Set(options.rateLimitHeaders ?? ['retryAfter']);
	function rateLimit(key, res) {
		const { enabled, limit, windowMs, mode } = state.config.rateLimit;
		const now = Date.now();
		let remaining;
		let resetAt;
		let blocked;
		if (mode === 'bucket') {
			let bucket = windows.get(key);
			if (!bucket) {
				bucket = { tokens: limit, at: now };
				windows.set(key, bucket);
			}
			const perMs = limit / windowMs;
			bucket.tokens = Math.min(limit, bucket.tokens + (now - bucket.at) * perMs);
			bucket.at = now;
			blocked = bucket.tokens < 1;
			if (!blocked) bucket.tokens -= 1;
			remaining = Math.floor(bucket.tokens);
			resetAt = now + Math.ceil((blocked ? 1 - bucket.tokens : limit - bucket.tokens) / perMs);
		} else {
			const start = Math.floor(now / windowMs) * windowMs;
			let window = windows.get(key);
			if (!window || window.start !== start) {
				window = { count: 0, start };
				windows.set(key, window);
			}
			window.count++;
			blocked = window.count > limit;
			remaining = limit - window.count;
			resetAt = start + windowMs;
		}
		// With enforcement off nothing is throttled, so never claim the window is spent.
		if (headerSet.has('limit')) res.setHeader('X-RateLimit-Limit', String(limit));
		if (headerSet.has('remaining')) res.setHeader('X-RateLimit-Remaining', String(Math.max(enabled ? 0 : 1, remaining)));
		if (headerSet.has('reset')) res.setHeader('X-RateLimit-Reset', String(Math.ceil(resetAt / 1000)));
		if (enabled && blocked) {
			state.counters.rateLimited++;
			const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
			throw new HttpError(429, errorBody(429, 'Too Many Requests'), headerSet.has('retryAfter') ? { 'Retry-After': String(retryAfter) } : {});
		}
	}

	/** Returns the first queued fault that matches this request, consuming one use of it. */
	function takeFault(method, path) {
		const index = state.faults.findIndex(
			(f) => (!f.method || f.method === method) && (!f.path || new RegExp(f.path).test(path)),
		);
		if (index === -1) return undefined;
		const fault = state.faults[index];
		// `skip`: let that many matching requests through before the fault starts.
		if (fault.skip > 0) {
			fault.skip--;
			return undefined;
		}
		fault.remaining = (fault.remaining ?? 1) - 1;
		if (fault.remaining <= 0) state.faults.splice(index, 1);
		state.counters.faultsInjected++;
		return fault;
	}

	function applyFault(fault, res) {
		switch (fault.kind) {
			case 'reset':
				res.socket.destroy();
				return;
			case 'timeout':
				// Hold the socket open without answering; the client's timeout must fire.
				setTimeout(() => res.socket && res.socket.destroy(), fault.holdMs ?? 30_000).unref();
				return;
			case 'malformed':
				res.writeHead(fault.status ?? 200, { 'content-type': 'application/json' });
				res.end('{"truncated": ');
				return;
			case 'empty':
				// A success without content (204, or an empty 200/201).
				res.writeHead(fault.status ?? 204);
				res.end();
				return;
			case 'html':
				res.writeHead(fault.status ?? 502, { 'content-type': 'text/html' });
				res.end('<html><body><h1>502 Bad Gateway</h1><p>upstream error</p></body></html>');
				return;
			default:
				res.writeHead(fault.status ?? 500, { 'content-type': 'application/json' });
				res.end(JSON.stringify(fault.body ?? errorBody(fault.status ?? 500, 'Injected failure')));
		}
	}

	function send(res, status, body, headers = {}) {
		if (res.headersSent || res.destroyed) return;
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
		if (Buffer.isBuffer(body)) {
			res.writeHead(status);
			res.end(body);
			return;
		}
		if (body === undefined || status === 204) {
			res.writeHead(status);
			res.end();
			return;
		}
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	}

	async function handleControl(req, res, path, body) {
		const action = path.slice('/_sim/'.length);
		if (action === 'state' && req.method === 'GET') {
			return send(res, 200, {
				requests: state.requests,
				deliveries: state.deliveries,
				counters: state.counters,
				config: state.config,
				...(options.exposeState ? options.exposeState() : {}),
			});
		}
		if (action === 'config' && req.method === 'POST') {
			const patch = body ? JSON.parse(body) : {};
			if (patch.rateLimit) Object.assign(state.config.rateLimit, patch.rateLimit);
			for (const key of ['allowLoopbackWebhooks', 'latencyMs', 'pageCap']) {
				if (key in patch) state.config[key] = patch[key];
			}
			windows.clear();
			return send(res, 200, state.config);
		}
		if (action === 'faults' && req.method === 'POST') {
			const fault = JSON.parse(body);
			state.faults.push({ remaining: 1, ...fault });
			return send(res, 200, { queued: state.faults.length });
		}
		if (action === 'reset' && req.method === 'POST') {
			api.reset();
			return send(res, 200, { reset: true });
		}
		if (options.control && options.control[action]) {
			const result = await options.control[action](body ? JSON.parse(body) : {}, req);
			return send(res, 200, result);
		}
		return send(res, 404, { error: `unknown control action ${action}` });
	}

	async function handle(req, res) {
		const url = new URL(req.url, 'http://sim.local');
		const path = url.pathname;
		const maxBytes = options.maxBodyBytes ?? 12 * 1024 * 1024;
		const { raw, size } = await readBody(req, maxBytes);
		if (path.startsWith('/_sim/')) return handleControl(req, res, path, raw.toString('utf8'));

		const entry = {
			method: req.method,
			path,
			// The request target exactly as it arrived (the parsed `path` has dot segments resolved).
			target: req.url,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			bodySize: size,
			at: Date.now(),
		};
		state.requests.push(entry);
		if (state.config.latencyMs) await new Promise((r) => setTimeout(r, state.config.latencyMs));

		try {
			let params;
			const route = routes.find((r) => r.method === req.method && (params = r.match(path)));
			if (!route) {
				const pathExists = routes.some((r) => r.match(path));
				throw new HttpError(
					pathExists ? 405 : 404,
					errorBody(pathExists ? 405 : 404, `Cannot ${req.method} ${path}`),
				);
			}
			let principal;
			if (route.auth !== false) {
				principal = options.authenticate(req);
				entry.principal = principal && principal.id;
			}
			rateLimit(`${principal ? principal.rateKey ?? principal.id : req.socket.remoteAddress}|${route.method} ${route.path}`, res);
			const fault = takeFault(req.method, path);
			if (fault) {
				entry.fault = fault.kind ?? fault.status;
				// Keep what was sent in the log even when the answer is faked.
				if (!route.raw && raw.length) {
					try {
						entry.body = JSON.parse(raw.toString('utf8'));
					} catch {
						entry.body = raw.toString('utf8');
					}
				}
				return applyFault(fault, res);
			}
			if (options.authorize && route.auth !== false) options.authorize(principal, route);
			if (size > maxBytes) throw new HttpError(413, errorBody(413, 'Payload Too Large'));

			let body;
			if (route.raw) {
				body = raw;
			} else if (raw.length) {
				const type = String(req.headers['content-type'] || '');
				if (!type.includes('application/json')) {
					throw new HttpError(415, errorBody(415, 'Content-Type must be application/json'));
				}
				try {
					body = JSON.parse(raw.toString('utf8'));
				} catch {
					throw new HttpError(400, errorBody(400, 'Malformed JSON body'));
				}
			}
			entry.body = route.raw ? `<${size} bytes>` : body;
			const result = await route.handler({
				req,
				params,
				query: url.searchParams,
				body,
				principal,
				headers: req.headers,
				sim: api,
			});
			if (result && result.__response) return send(res, result.status, result.body, result.headers);
			return send(res, 200, result);
		} catch (error) {
			if (error instanceof HttpError) {
				entry.status = error.status;
				return send(res, error.status, error.body, error.headers);
			}
			entry.status = 500;
			const requestId = crypto.randomUUID();
			return send(res, 500, errorBody(500, `Internal error (${String(error && error.message)})`, { requestId }));
		}
	}

	const server = http.createServer((req, res) => {
		handle(req, res).catch((error) => {
			if (!res.headersSent) send(res, 500, { message: String(error) });
		});
	});

	const api = {
		name: options.name,
		state,
		server,
		url: undefined,
		HttpError,
		response: (status, body, headers) => ({ __response: true, status, body, headers }),
		fail: (status, message, extra) => new HttpError(status, errorBody(status, message, extra)),
		assertWebhookUrl(value, field = 'url') {
			let parsed;
			try {
				parsed = new URL(value);
			} catch {
				throw api.fail(400, `${field} must be a valid URL`);
			}
			const loopbackAllowed = state.config.allowLoopbackWebhooks && isLoopbackUrl(value);
			if (parsed.protocol !== 'https:' && !loopbackAllowed) {
				throw api.fail(400, `${field} must use https`);
			}
		},
		async deliver(url, payload, headers) {
			const result = await deliver(url, payload, headers);
			state.deliveries.push({ ...result, headers, payload, at: Date.now() });
			return result;
		},
		reset() {
			state.requests.length = 0;
			state.deliveries.length = 0;
			state.faults.length = 0;
			state.counters.rateLimited = 0;
			state.counters.faultsInjected = 0;
			state.config.rateLimit.enabled = false;
			state.config.rateLimit.mode = 'window';
			state.config.latencyMs = 0;
			state.config.pageCap = 0;
			windows.clear();
			if (options.onReset) options.onReset();
		},
		listen(port = 0, host = '127.0.0.1') {
			return new Promise((resolve) => {
				server.listen(port, host, () => {
					api.url = `http://${host}:${server.address().port}`;
					resolve(api.url);
				});
			});
		},
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections?.();
				server.close(() => resolve());
			});
		},
	};
	return api;
}

/** Slices a list by limit/offset query params, validating them as a provider would. */
function paginateOffset(sim, items, query, { defaultLimit = 20, maxLimit = 100 } = {}) {
	const limit = query.has('limit') ? Number(query.get('limit')) : defaultLimit;
	const offset = query.has('offset') ? Number(query.get('offset')) : 0;
	if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) {
		throw sim.fail(400, `limit must be an integer between 1 and ${maxLimit}`);
	}
	if (!Number.isInteger(offset) || offset < 0) throw sim.fail(400, 'offset must be a non-negative integer');
	const cap = sim.state.config.pageCap;
	return items.slice(offset, offset + (cap > 0 ? Math.min(limit, cap) : limit));
}

module.exports = { createSimulator, paginateOffset, HttpError, deliver, isLoopbackUrl };
