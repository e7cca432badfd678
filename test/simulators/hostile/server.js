'use strict';
// A provider on a bad day, for the robustness tests: it answers whatever the test scripts (lists
// that never advance, undocumented envelopes, answers nested thousands of levels deep, odd
// download headers), on any path, for any credential, and logs every request target exactly as
// it arrived on the wire (before any URL parser resolved `..`). After `maxRequests` requests it
// answers 410, so code that would read forever ends its test with a failure instead of hanging.
const http = require('node:http');

function createHostileServer({ maxRequests = 100 } = {}) {
	const requests = [];
	let script = () => ({ body: {} });
	const server = http.createServer((req, res) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', async () => {
			const url = new URL(req.url, 'http://hostile.local');
			const request = {
				method: req.method,
				target: req.url,
				path: url.pathname,
				query: Object.fromEntries(url.searchParams),
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			};
			requests.push(request);
			let reply;
			if (requests.length > maxRequests) {
				reply = { status: 410, body: { message: `hostile server: more than ${maxRequests} requests, the client does not stop` } };
			} else {
				try {
					reply = (await script(request, requests.length)) ?? {};
				} catch (error) {
					reply = { status: 500, body: { message: `hostile script failed: ${error.message}` } };
				}
			}
			const { status = 200, headers = {}, body } = reply;
			const payload = Buffer.isBuffer(body) || typeof body === 'string' ? body : JSON.stringify(body ?? {});
			res.writeHead(status, { 'content-type': 'application/json', ...headers });
			res.end(payload);
		});
	});

	const api = {
		url: '',
		requests,
		/** Sets how the server answers: `(request, count) => ({ status?, headers?, body? })`; body text is sent as is. */
		answer(fn) {
			script = fn;
		},
		reset() {
			requests.length = 0;
			script = () => ({ body: {} });
		},
		listen() {
			return new Promise((resolve) => {
				server.listen(0, '127.0.0.1', () => {
					api.url = `http://127.0.0.1:${server.address().port}`;
					resolve(api.url);
				});
			});
		},
		close() {
			return new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			});
		},
	};
	return api;
}

/**
 * The text of a JSON answer nested `depth` levels deep around `inner` (`{"a":{"a":…}}`), built as
 * text: JSON.stringify itself gives out at around 4,000 levels.
 */
function deepJson(depth, inner = '"bottom"') {
	return '{"a":'.repeat(depth) + inner + '}'.repeat(depth);
}

/** `count` distinct records starting at `from`: `{ id: 'r<n>', n }`. */
function records(from, count) {
	return Array.from({ length: Math.max(0, count) }, (_, i) => ({ id: `r${from + i}`, n: from + i }));
}

module.exports = { createHostileServer, deepJson, records };
