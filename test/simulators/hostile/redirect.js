'use strict';
// A provider on a bad day, or an attacker's server at a credential's Base URL: it answers
// every request with a redirect (301/302/303/307/308) to another loopback origin, drips its
// body one byte at a time, or echoes the secret it received back in an error. Every request it
// gets is logged (method, path, headers, body), and so is every request the other origin gets:
// tests assert on what the other origin received.
const http = require('node:http');

function listen(server) {
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${server.address().port}`)));
}

function close(server) {
	return new Promise((resolve) => {
		server.closeAllConnections?.();
		server.close(() => resolve());
	});
}

function record(log, req) {
	return new Promise((resolve) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => {
			const entry = { method: req.method, url: req.url, headers: { ...req.headers }, body: Buffer.concat(chunks).toString('utf8') };
			log.push(entry);
			resolve(entry);
		});
	});
}

/** The other origin: logs everything and answers like a friendly API, so a followed redirect succeeds. */
function createElsewhere() {
	const requests = [];
	const server = http.createServer(async (req, res) => {
		await record(requests, req);
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ data: [{ id: 'from-elsewhere', name: 'from-elsewhere' }], id: 'from-elsewhere', success: true }));
	});
	return {
		requests,
		url: '',
		async listen() {
			this.url = await listen(server);
			return this.url;
		},
		close: () => close(server),
	};
}

/** Every string a request carries (headers, URL, body), to look for a secret in. */
function carried(entry) {
	return [entry.url, entry.body, ...Object.values(entry.headers).flat()].join('\n');
}

/**
 * The hostile server. `mode` (changeable between tests):
 *  - { kind: 'redirect', status, to: 'elsewhere' | 'same' }: a redirect to the other origin
 *    (same path) or, with 'same', to another path on this origin;
 *  - { kind: 'drip', bytes, intervalMs }: a 200 whose JSON body arrives one byte per interval;
 *  - { kind: 'echo', status, html }: an error that quotes the request's credential headers,
 *    plainly, URL-encoded and Base64-encoded (as JSON, or as an HTML debug page).
 * A WebSocket handshake to this server is never answered (`upgrades` logs each one).
 * `only` (a RegExp source) limits the mode to matching paths; others get `otherwise` as JSON.
 */
function createHostileServer() {
	const elsewhere = createElsewhere();
	const requests = [];
	/** Per drip: bytes written before the client went away, and whether it went away early. */
	const drips = [];
	const sockets = new Set();
	let mode = { kind: 'redirect', status: 302, to: 'elsewhere' };
	const server = http.createServer(async (req, res) => {
		const entry = await record(requests, req);
		if (mode.only && !new RegExp(mode.only).test(req.url)) {
			// Paths the mode leaves alone get a friendly answer (e.g. the call before its live stream).
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(mode.otherwise ?? {}));
			return;
		}
		if (mode.kind === 'redirect') {
			const location = mode.to === 'same' ? `/moved${req.url}` : `${elsewhere.url}${req.url}`;
			res.writeHead(mode.status, { location, 'content-type': 'text/plain' });
			res.end(`Redirecting to ${location}`);
			return;
		}
		if (mode.kind === 'drip') {
			const body = Buffer.from(JSON.stringify({ data: [], pad: 'x'.repeat(Math.max(0, mode.bytes - 23)) }));
			const drip = { written: 0, total: body.length, clientLeft: false };
			drips.push(drip);
			res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
			const timer = setInterval(() => {
				if (res.destroyed) return;
				res.write(body.subarray(drip.written, drip.written + 1));
				drip.written++;
				if (drip.written >= body.length) {
					clearInterval(timer);
					res.end();
				}
			}, mode.intervalMs);
			res.on('close', () => {
				clearInterval(timer);
				if (drip.written < body.length) drip.clientLeft = true;
			});
			return;
		}
		// echo: what a careless provider's error shows
		const secrets = ['authorization', 'x-api-key', 'agent-secret-key', 'organization-secret-key']
			.map((name) => entry.headers[name])
			.filter(Boolean)
			.map((value) => String(value).replace(/^Bearer /, ''));
		const [secret = ''] = secrets;
		const quoted = `key ${secret} (url-encoded ${encodeURIComponent(secret)}, base64 ${Buffer.from(`user:${secret}`).toString('base64')})`;
		if (mode.html) {
			res.writeHead(mode.status, { 'content-type': 'text/html' });
			res.end(`<html><body><h1>Debug</h1><pre>Invalid ${quoted}</pre><pre>${JSON.stringify(entry.headers)}</pre></body></html>`);
			return;
		}
		res.writeHead(mode.status, { 'content-type': 'application/json' });
		res.end(JSON.stringify({
			message: `Invalid ${quoted}`,
			error: { code: 'invalid_key', message: `Invalid ${quoted}` },
			details: [{ field: 'key', message: `rejected ${secret}` }],
			errors: { key: [`rejected ${secret}`] },
			echo: { headers: entry.headers, body: entry.body },
		}));
	});
	// A WebSocket handshake that never completes: the upgrade request is taken and never answered.
	const upgrades = [];
	server.on('upgrade', (req, socket) => {
		upgrades.push({ url: req.url });
		socket.on('error', () => undefined);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	return {
		elsewhere,
		requests,
		drips,
		upgrades,
		url: '',
		setMode(next) {
			mode = next;
		},
		reset() {
			requests.length = 0;
			elsewhere.requests.length = 0;
			drips.length = 0;
			upgrades.length = 0;
			mode = { kind: 'redirect', status: 302, to: 'elsewhere' };
		},
		/** The requests the other origin received that carry `secret` in any form given. */
		leaked(...forms) {
			return elsewhere.requests.filter((entry) => forms.some((form) => form && carried(entry).includes(form)));
		},
		async listen() {
			await elsewhere.listen();
			this.url = await listen(server);
			return this.url;
		},
		async close() {
			for (const socket of sockets) socket.destroy();
			await close(server);
			await elsewhere.close();
		},
	};
}

/** One secret per credential type: what must never reach another origin, nor any output. */
const SECRETS = {
	convoApi: 'convo_0123456789abcdef0123456789abcdef',
	velentsAgentApi: 'velents-agent-token-7f3a9c21',
	velentsSupportApi: 'Acme_7_PersonalAccessToken_9f8e7d6c5b4a',
	voxStackApi: 'va_hostile_test_key_5e4d3c2b',
	timelyAiApi: 'tly_live_key_4b3a29f8e7d6',
	raiaAgentApi: 'raia-agent-secret-1a2b3c4d5e',
	raiaOrganizationApi: 'raia-org-secret-6f7a8b9c0d',
};
const WEBHOOK_SECRET = 'velents-webhook-secret-c0ffee42';

/** The data of every credential type with its Base URL at `url` (the hostile server). */
function credentialsAt(url) {
	return {
		convoApi: { apiToken: SECRETS.convoApi, baseUrl: `${url}/api/v1` },
		velentsAgentApi: { token: SECRETS.velentsAgentApi, baseUrl: url, webhookSecret: WEBHOOK_SECRET },
		velentsSupportApi: { token: SECRETS.velentsSupportApi, baseUrl: url },
		voxStackApi: { apiKey: SECRETS.voxStackApi, baseUrl: url },
		timelyAiApi: { apiKey: SECRETS.timelyAiApi, baseUrl: url },
		raiaAgentApi: { secretKey: SECRETS.raiaAgentApi, region: 'custom', baseUrl: url },
		raiaOrganizationApi: { secretKey: SECRETS.raiaOrganizationApi, region: 'custom', baseUrl: url },
	};
}

module.exports = { createHostileServer, REDIRECT_STATUSES: [301, 302, 303, 307, 308], SECRETS, WEBHOOK_SECRET, credentialsAt };
