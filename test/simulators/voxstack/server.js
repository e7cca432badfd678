'use strict';
// VoxStack voice-agent API simulator, from ../shared/seeds/voxstack-api.txt: `va_` keys,
// {success, data, meta} envelopes, limit/offset lists (max 100), the task and call state
// machines, per-task HTTPS webhooks (call_started / call_completed / call_failed), transcripts,
// reports and a real (generated) WAV recording; the live transcript WebSocket (/ws/calls/:id)
// with scripted calls that talk and end, session-token expiry and dropped sockets.
const crypto = require('node:crypto');
const { WebSocketServer } = require('ws');
const { createSimulator, paginateOffset } = require('../shared/server');

const DEFAULT_KEYS = {
	va_live_0123456789abcdef: { org: 'org-1', write: true },
	va_readonly_0123456789ab: { org: 'org-1', write: false },
	va_other_org_0123456789a: { org: 'org-2', write: true },
};
const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'failed'];
const CALL_STATUSES = ['initiated', 'in_progress', 'completed', 'failed'];
const WEBHOOK_EVENTS = ['call_started', 'call_completed', 'call_failed'];
const E164 = /^\+[1-9]\d{6,14}$/;

const meta = () => ({ timestamp: new Date().toISOString(), request_id: crypto.randomUUID() });
const ok = (data) => ({ success: true, data, meta: meta() });
function errorBody(status, message, details) {
	return { success: false, error: message, ...(details ? { details } : {}), meta: meta() };
}

/** One second of a 440 Hz tone, 8 kHz mono 16-bit PCM: a real, playable WAV file. */
function toneWav(seconds = 1, rate = 8000) {
	const samples = seconds * rate;
	const data = Buffer.alloc(samples * 2);
	for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
	const header = Buffer.alloc(44);
	header.write('RIFF', 0);
	header.writeUInt32LE(36 + data.length, 4);
	header.write('WAVE', 8);
	header.write('fmt ', 12);
	header.writeUInt32LE(16, 16);
	header.writeUInt16LE(1, 20);
	header.writeUInt16LE(1, 22);
	header.writeUInt32LE(rate, 24);
	header.writeUInt32LE(rate * 2, 28);
	header.writeUInt16LE(2, 32);
	header.writeUInt16LE(16, 34);
	header.write('data', 36);
	header.writeUInt32LE(data.length, 40);
	return Buffer.concat([header, data]);
}

/** The documented session-token lifetime. */
const SESSION_TOKEN_TTL_MS = 5 * 60_000;
const ENDED = ['completed', 'failed'];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function createVoxStackSimulator({ keys = DEFAULT_KEYS, callDurationMs = 30 } = {}) {
	let orgs;
	let duration = callDurationMs;
	const pending = new Set();
	const recording = toneWav();
	const live = createLiveHub();
	// How the stream is served; deployments differ (the document names no format), tests switch it.
	const WAV_SERVING = { contentType: 'audio/wav', disposition: true };
	let serving = { ...WAV_SERVING };

	function seed() {
		orgs = {};
		for (const org of ['org-1', 'org-2']) orgs[org] = { agents: [], tasks: [], calls: [] };
		addAgent('org-1', { name: 'Customer Service Agent', system_prompt: 'You are a helpful agent.' });
		addAgent('org-1', { name: 'Collections Agent', system_prompt: 'You remind customers politely.', enabled: false });
	}

	function addAgent(org, body) {
		const agent = {
			id: crypto.randomUUID(),
			name: body.name,
			system_prompt: body.system_prompt,
			description: body.description ?? null,
			starting_message: body.starting_message ?? null,
			enabled: body.enabled ?? true,
			voice_settings: body.voice_settings ?? null,
			dtmf_rules: body.dtmf_rules ?? null,
			created_at: new Date().toISOString(),
		};
		orgs[org].agents.push(agent);
		return agent;
	}

	function addTask(org, body) {
		const task = {
			id: crypto.randomUUID(),
			agent_id: body.agent_id,
			name: body.name,
			to_number: body.to_number,
			description: body.description ?? null,
			starting_message: body.starting_message ?? null,
			context_data: body.context_data ?? {},
			priority: body.priority ?? 0,
			scheduled_at: body.scheduled_at ?? null,
			webhook_url: body.webhook_url ?? null,
			webhook_events: body.webhook_events ?? [],
			status: 'pending',
			created_at: new Date().toISOString(),
		};
		orgs[org].tasks.push(task);
		return task;
	}

	function addCall(org, task, status = 'completed') {
		const call = {
			id: crypto.randomUUID(),
			task_id: task ? task.id : null,
			agent_id: task ? task.agent_id : orgs[org].agents[0].id,
			to_number: task ? task.to_number : '+15550000000',
			status,
			duration_seconds: status === 'completed' ? 42 : 0,
			transcript: null,
			report: null,
			created_at: new Date().toISOString(),
		};
		orgs[org].calls.push(call);
		return call;
	}

	const transcriptOf = (call) => [
		{ role: 'agent', message: 'Hello, this is a call from our company.', time_in_call_secs: 0 },
		{ role: 'user', message: 'Hi, yes, I am John.', time_in_call_secs: 3 },
		{ role: 'agent', message: 'Your order 12345 ships tomorrow.', time_in_call_secs: 6 },
		{ role: 'user', message: call.status === 'failed' ? '' : 'Great, thanks!', time_in_call_secs: 9 },
	];
	const reportOf = (call) => ({ summary: `Call ${call.status}: customer informed about order 12345.`, sentiment: 'positive', outcome: call.status === 'completed' ? 'success' : 'no_answer', extracted_data: { customer_name: 'John Doe' } });

	function webhookPayload(task, call, eventType) {
		return {
			event_type: eventType,
			task_id: task.id,
			call_id: call.id,
			status: call.status,
			data: eventType === 'call_started' ? {} : { transcript_excerpt: transcriptOf(call)[2].message, report_excerpt: reportOf(call).summary },
		};
	}

	async function notify(task, call, eventType) {
		if (!task.webhook_url || !task.webhook_events.includes(eventType)) return;
		await sim.deliver(task.webhook_url, webhookPayload(task, call, eventType));
	}

	/** pending → in_progress (call_started) → completed / failed (numbers ending 0000 fail). */
	function runCall(org, task) {
		const call = addCall(org, task, 'initiated');
		task.status = 'in_progress';
		const run = (async () => {
			await new Promise((r) => setTimeout(r, 5));
			call.status = 'in_progress';
			await notify(task, call, 'call_started');
			// The call lasts `duration` unless it is ended or cancelled first.
			for (const until = Date.now() + duration; Date.now() < until && call.status === 'in_progress'; ) {
				await new Promise((r) => setTimeout(r, 5));
			}
			if (call.status !== 'in_progress') return;
			const failed = task.to_number.endsWith('0000');
			call.status = failed ? 'failed' : 'completed';
			call.duration_seconds = failed ? 0 : 42;
			task.status = call.status;
			live.ended(call);
			await notify(task, call, failed ? 'call_failed' : 'call_completed');
		})();
		pending.add(run);
		run.finally(() => pending.delete(run));
		return call;
	}

	/**
	 * The live transcript stream. Not specified by the document beyond the URL, the two auth
	 * query parameters and the four message types; the payloads below are our reading:
	 * `connected` {call_id, status}; `transcript_update` {call_id, transcript: every turn so far}
	 * (a reconnecting client gets the turns it missed in the first update); `call_status_update`
	 * {call_id, status}, after which the server closes the socket; `error` {error} then close 1008.
	 */
	function createLiveHub() {
		const wss = new WebSocketServer({ noServer: true });
		const tokens = new Map();
		const spoken = new Map(); // call id → turns said so far
		const timers = new Set();
		let tokenTtlMs = SESSION_TOKEN_TTL_MS;
		let generation = 0; // scripted calls stop talking after a reset
		const counters = { connections: 0, rejected: 0, updatesProduced: 0, messagesSent: 0, drops: 0 };

		const socketsOf = (callId) => [...wss.clients].filter((ws) => ws.callId === callId);
		const send = (ws, message) => {
			if (ws.readyState !== 1) return;
			counters.messagesSent++;
			ws.send(typeof message === 'string' ? message : JSON.stringify(message));
		};
		const update = (call) => ({ type: 'transcript_update', data: { call_id: call.id, transcript: spoken.get(call.id) ?? [] } });
		const findCall = (id) => {
			for (const [org, data] of Object.entries(orgs)) {
				const call = data.calls.find((c) => c.id === id);
				if (call) return { org, call };
			}
			return {};
		};

		function authenticate(query, callId) {
			const apiKey = query.get('api_key');
			const sessionToken = query.get('session_token');
			if (apiKey) {
				if (!keys[apiKey]) return { error: 'Invalid API key' };
				return { org: keys[apiKey].org };
			}
			if (sessionToken) {
				const token = tokens.get(sessionToken);
				if (!token || token.callId !== callId) return { error: 'Invalid session token' };
				if (Date.now() >= token.expiresAt) return { error: 'Session token expired' };
				return { org: token.org };
			}
			return { error: 'Missing api_key or session_token' };
		}

		function reject(ws, message) {
			counters.rejected++;
			send(ws, { type: 'error', error: message });
			ws.close(1008, message.slice(0, 100));
		}

		const hub = {
			wss,
			upgrade(req, socket, head) {
				const url = new URL(req.url, 'http://sim.local');
				const match = /^\/ws\/calls\/([^/]+)\/?$/.exec(url.pathname);
				if (!match) {
					socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
					return;
				}
				const callId = decodeURIComponent(match[1]);
				wss.handleUpgrade(req, socket, head, (ws) => {
					const auth = authenticate(url.searchParams, callId);
					if (auth.error) return reject(ws, auth.error);
					const { org, call } = findCall(callId);
					if (!call || org !== auth.org) return reject(ws, 'Call not found');
					counters.connections++;
					ws.callId = call.id;
					ws.on('message', (raw) => {
						let message;
						try {
							message = JSON.parse(String(raw));
						} catch {
							return send(ws, { type: 'error', error: 'Messages must be JSON' });
						}
						if (message.type === 'ping') send(ws, { type: 'pong' });
					});
					send(ws, { type: 'connected', data: { call_id: call.id, status: call.status } });
					if ((spoken.get(call.id) ?? []).length) send(ws, update(call));
					if (ENDED.includes(call.status)) {
						send(ws, { type: 'call_status_update', data: { call_id: call.id, status: call.status } });
						ws.close(1000, 'Call ended');
					}
				});
			},
			issueToken(org, callId) {
				const token = crypto.randomBytes(24).toString('base64');
				tokens.set(token, { org, callId, expiresAt: Date.now() + tokenTtlMs });
				return token;
			},
			/** A turn said on the call: every socket of the call gets the transcript so far. */
			say(call, turn) {
				const turns = spoken.get(call.id) ?? [];
				turns.push({ role: turn.role, message: turn.message, time_in_call_secs: turn.time_in_call_secs ?? turns.length * 3 });
				spoken.set(call.id, turns);
				counters.updatesProduced++;
				for (const ws of socketsOf(call.id)) send(ws, update(call));
			},
			/** The call's status changed to completed/failed: tell the sockets, then close them. */
			ended(call) {
				if (spoken.has(call.id)) call.transcript ??= spoken.get(call.id);
				for (const ws of socketsOf(call.id)) {
					send(ws, { type: 'call_status_update', data: { call_id: call.id, status: call.status } });
					ws.close(1000, 'Call ended');
				}
			},
			/** Cuts sockets without a close frame (a network drop); all of them when no call is given. */
			drop(callId) {
				const victims = callId ? socketsOf(callId) : [...wss.clients];
				for (const ws of victims) ws.terminate();
				counters.drops += victims.length;
				return victims.length;
			},
			/**
			 * A scripted call that is in progress at once, says `turns` ({role, message} or {raw}
			 * for a malformed frame) every `intervalMs`, then ends with `endStatus` ('hold' keeps it
			 * open). `dropAfterTurn: n` cuts its sockets right after the n-th turn.
			 */
			startScriptedCall(body) {
				const org = body.org ?? 'org-1';
				const agentId = body.agent_id ?? orgs[org].agents[0].id;
				const task = addTask(org, { agent_id: agentId, name: body.name ?? 'live call', to_number: body.to_number ?? '+15550003333' });
				task.status = 'in_progress';
				const call = addCall(org, task, 'in_progress');
				const turns = body.turns ?? transcriptOf(call).map(({ role, message }) => ({ role, message }));
				const intervalMs = Number(body.intervalMs ?? 200);
				const born = generation;
				const run = (async () => {
					await sleep(Number(body.startDelayMs ?? intervalMs));
					let said = 0;
					for (const turn of turns) {
						if (call.status !== 'in_progress' || born !== generation) return;
						if (turn.raw !== undefined) {
							for (const ws of socketsOf(call.id)) send(ws, turn.raw);
						} else {
							hub.say(call, { ...turn, time_in_call_secs: turn.time_in_call_secs ?? said * 3 });
							said++;
							if (body.dropAfterTurn === said) hub.drop(call.id);
						}
						await sleep(intervalMs);
					}
					if (call.status !== 'in_progress' || born !== generation || body.endStatus === 'hold') return;
					call.status = body.endStatus ?? 'completed';
					call.duration_seconds = said * 3;
					task.status = call.status;
					hub.ended(call);
				})();
				timers.add(run);
				run.finally(() => timers.delete(run));
				return { call_id: call.id, task_id: task.id, agent_id: agentId, turns: turns.filter((t) => t.raw === undefined).length };
			},
			configure(body) {
				if (body.sessionTokenTtlMs !== undefined) tokenTtlMs = Number(body.sessionTokenTtlMs);
				return { sessionTokenTtlMs: tokenTtlMs };
			},
			state: () => ({ openSockets: wss.clients.size, ...counters }),
			reset() {
				generation++;
				for (const ws of wss.clients) ws.terminate();
				tokens.clear();
				spoken.clear();
				tokenTtlMs = SESSION_TOKEN_TTL_MS;
				for (const key of Object.keys(counters)) counters[key] = 0;
			},
		};
		return hub;
	}

	const data = (ctx) => orgs[ctx.principal.org];
	const find = (list, id, what) => {
		const item = list.find((x) => x.id === id);
		if (!item) throw sim.fail(404, `${what} not found`);
		return item;
	};
	const requireWrite = (ctx) => {
		if (!ctx.principal.write) throw sim.fail(403, 'Insufficient permissions: this API key is read-only');
	};

	function validateAgent(body, partial) {
		const details = {};
		if (!partial || 'name' in body) if (typeof body.name !== 'string' || !body.name.trim()) details.name = 'name is required';
		if (!partial || 'system_prompt' in body) if (typeof body.system_prompt !== 'string' || !body.system_prompt.trim()) details.system_prompt = 'system_prompt is required';
		for (const key of ['voice_settings', 'dtmf_rules']) {
			if (body[key] !== undefined && body[key] !== null && (typeof body[key] !== 'object' || Array.isArray(body[key]))) details[key] = `${key} must be an object`;
		}
		if (body.enabled !== undefined && typeof body.enabled !== 'boolean') details.enabled = 'enabled must be a boolean';
		if (Object.keys(details).length) throw sim.fail(400, 'Validation failed', details);
	}

	function validateTask(ctx, body, partial) {
		const details = {};
		if (!partial) {
			if (!data(ctx).agents.some((a) => a.id === body.agent_id)) details.agent_id = 'agent_id must reference an existing agent';
			if (typeof body.name !== 'string' || !body.name.trim()) details.name = 'name is required';
		}
		if (!partial || 'to_number' in body) if (typeof body.to_number !== 'string' || !E164.test(body.to_number)) details.to_number = 'to_number must be in E.164 format';
		if (body.context_data !== undefined && (typeof body.context_data !== 'object' || body.context_data === null || Array.isArray(body.context_data))) details.context_data = 'context_data must be an object';
		if (body.priority !== undefined && !Number.isInteger(body.priority)) details.priority = 'priority must be an integer';
		if (body.scheduled_at !== undefined && body.scheduled_at !== null && Number.isNaN(Date.parse(body.scheduled_at))) details.scheduled_at = 'scheduled_at must be an ISO 8601 date';
		if (body.webhook_url !== undefined && body.webhook_url !== null) {
			try {
				sim.assertWebhookUrl(body.webhook_url, 'webhook_url');
			} catch (error) {
				details.webhook_url = error.body.error;
			}
		}
		if (body.webhook_events !== undefined && (!Array.isArray(body.webhook_events) || body.webhook_events.some((e) => !WEBHOOK_EVENTS.includes(e)))) {
			details.webhook_events = `webhook_events must be a subset of ${WEBHOOK_EVENTS.join(', ')}`;
		}
		if (Object.keys(details).length) throw sim.fail(400, 'Validation failed', details);
	}

	const pick = (body, fields) => Object.fromEntries(Object.entries(body || {}).filter(([k]) => fields.includes(k)));
	const AGENT_FIELDS = ['name', 'description', 'system_prompt', 'starting_message', 'voice_settings', 'dtmf_rules', 'enabled'];
	const TASK_FIELDS = ['name', 'description', 'to_number', 'starting_message', 'context_data', 'priority', 'scheduled_at', 'webhook_url', 'webhook_events'];

	function filterBy(list, query, fields, statuses) {
		const status = query.get('status');
		if (status && !statuses.includes(status)) throw sim.fail(400, `status must be one of ${statuses.join(', ')}`);
		return list.filter((x) => fields.every((f) => !query.get(f) || x[f] === query.get(f)) && (!status || x.status === status));
	}

	const callRoute = (method, suffix, handler) => ({
		method,
		path: `/api/v1/calls/:id${suffix}`,
		handler(ctx) {
			const call = find(data(ctx).calls, ctx.params.id, 'Call');
			return handler(ctx, call);
		},
	});

	const routes = [
		{
			method: 'GET', path: '/api/v1/agents',
			handler(ctx) {
				let list = data(ctx).agents;
				const enabled = ctx.query.get('enabled');
				if (enabled !== null) {
					if (!['true', 'false'].includes(enabled)) throw sim.fail(400, 'enabled must be true or false');
					list = list.filter((a) => String(a.enabled) === enabled);
				}
				return ok(paginateOffset(sim, list, ctx.query, { defaultLimit: 50, maxLimit: 100 }));
			},
		},
		{ method: 'GET', path: '/api/v1/agents/:id', handler: (ctx) => ok(find(data(ctx).agents, ctx.params.id, 'Agent')) },
		{
			method: 'POST', path: '/api/v1/agents',
			handler(ctx) {
				requireWrite(ctx);
				validateAgent(ctx.body || {}, false);
				return sim.response(201, ok(addAgent(ctx.principal.org, pick(ctx.body, AGENT_FIELDS))));
			},
		},
		{
			method: 'PATCH', path: '/api/v1/agents/:id',
			handler(ctx) {
				requireWrite(ctx);
				const agent = find(data(ctx).agents, ctx.params.id, 'Agent');
				const patch = pick(ctx.body, AGENT_FIELDS);
				if (!Object.keys(patch).length) throw sim.fail(400, 'No updatable fields given');
				validateAgent(patch, true);
				Object.assign(agent, patch, { updated_at: new Date().toISOString() });
				return ok(agent);
			},
		},
		{
			method: 'DELETE', path: '/api/v1/agents/:id',
			handler(ctx) {
				requireWrite(ctx);
				const agent = find(data(ctx).agents, ctx.params.id, 'Agent');
				const active = data(ctx).tasks.filter((t) => t.agent_id === agent.id && ['pending', 'in_progress'].includes(t.status));
				if (active.length) throw sim.fail(400, 'Agent has active tasks and cannot be deleted', { active_tasks: active.length });
				data(ctx).agents.splice(data(ctx).agents.indexOf(agent), 1);
				return ok({ id: agent.id, deleted: true });
			},
		},
		{
			method: 'GET', path: '/api/v1/tasks',
			handler: (ctx) => ok(paginateOffset(sim, filterBy(data(ctx).tasks, ctx.query, ['agent_id'], TASK_STATUSES), ctx.query, { defaultLimit: 50, maxLimit: 100 })),
		},
		{
			method: 'POST', path: '/api/v1/tasks',
			handler(ctx) {
				requireWrite(ctx);
				const body = ctx.body || {};
				validateTask(ctx, body, false);
				return sim.response(201, ok(addTask(ctx.principal.org, { ...pick(body, TASK_FIELDS), agent_id: body.agent_id })));
			},
		},
		{
			method: 'GET', path: '/api/v1/tasks/:id',
			handler(ctx) {
				const task = find(data(ctx).tasks, ctx.params.id, 'Task');
				return ok({ ...task, agent: data(ctx).agents.find((a) => a.id === task.agent_id) ?? null });
			},
		},
		{
			method: 'PATCH', path: '/api/v1/tasks/:id',
			handler(ctx) {
				requireWrite(ctx);
				const task = find(data(ctx).tasks, ctx.params.id, 'Task');
				if (task.status !== 'pending') throw sim.fail(400, `Only pending tasks can be updated (task is ${task.status})`);
				const patch = pick(ctx.body, TASK_FIELDS);
				if (!Object.keys(patch).length) throw sim.fail(400, 'No updatable fields given');
				validateTask(ctx, patch, true);
				Object.assign(task, patch, { updated_at: new Date().toISOString() });
				return ok(task);
			},
		},
		{
			method: 'DELETE', path: '/api/v1/tasks/:id',
			handler(ctx) {
				requireWrite(ctx);
				const task = find(data(ctx).tasks, ctx.params.id, 'Task');
				if (!['pending', 'failed'].includes(task.status)) throw sim.fail(400, `Only pending or failed tasks can be deleted (task is ${task.status})`);
				data(ctx).tasks.splice(data(ctx).tasks.indexOf(task), 1);
				return ok({ id: task.id, deleted: true });
			},
		},
		{
			method: 'POST', path: '/api/v1/tasks/:id/execute',
			handler(ctx) {
				requireWrite(ctx);
				const task = find(data(ctx).tasks, ctx.params.id, 'Task');
				if (task.status !== 'pending') throw sim.fail(400, `Only pending tasks can be executed (task is ${task.status})`);
				const call = runCall(ctx.principal.org, task);
				return ok({ call_id: call.id, message: 'Call initiated' });
			},
		},
		{
			method: 'POST', path: '/api/v1/tasks/:id/reset',
			handler(ctx) {
				requireWrite(ctx);
				const task = find(data(ctx).tasks, ctx.params.id, 'Task');
				if (task.status === 'pending') throw sim.fail(400, 'Task is already pending');
				task.status = 'pending';
				return ok(task);
			},
		},
		{
			method: 'GET', path: '/api/v1/calls',
			// Newest first (the document names no order; the Record Trigger relies on this one).
			handler: (ctx) => ok(paginateOffset(sim, filterBy([...data(ctx).calls].reverse(), ctx.query, ['task_id', 'agent_id'], CALL_STATUSES), ctx.query, { defaultLimit: 50, maxLimit: 100 })),
		},
		callRoute('GET', '', (ctx, call) => ok({ ...call, transcript: call.transcript, report: call.report })),
		callRoute('GET', '/transcript', (ctx, call) => {
			if (!call.transcript) throw sim.fail(404, 'Transcript not available yet; fetch it with POST /calls/:id/transcript');
			return ok({ call_id: call.id, transcript: call.transcript });
		}),
		callRoute('POST', '/transcript', (ctx, call) => {
			requireWrite(ctx);
			if (!['completed', 'failed'].includes(call.status)) throw sim.fail(400, 'Transcript is only available after the call ended');
			call.transcript = transcriptOf(call);
			call.report = reportOf(call);
			return ok({ call_id: call.id, transcript: call.transcript, extracted_data: call.report.extracted_data, report: call.report });
		}),
		callRoute('GET', '/report', (ctx, call) => {
			if (!['completed', 'failed'].includes(call.status)) throw sim.fail(400, 'Report is only available after the call ended');
			call.report ??= reportOf(call);
			return ok({ call_id: call.id, report: call.report });
		}),
		callRoute('GET', '/recording', (ctx, call) => {
			if (!['completed', 'failed'].includes(call.status)) throw sim.fail(400, 'Recording is only available for completed or failed calls');
			return ok({ call_id: call.id, recording_url: `${sim.url}/api/v1/calls/${call.id}/recording/stream`, content_type: 'audio/wav', size_bytes: recording.length });
		}),
		callRoute('GET', '/recording/stream', (ctx, call) => {
			if (!['completed', 'failed'].includes(call.status)) throw sim.fail(400, 'Recording is only available for completed or failed calls');
			const headers = { 'content-type': serving.contentType, 'content-length': String(recording.length) };
			if (serving.disposition) headers['content-disposition'] = `attachment; filename="call-${call.id}.wav"`;
			return sim.response(200, recording, headers);
		}),
		callRoute('GET', '/live', (ctx, call) => {
			const ws = `${sim.url.replace(/^http/, 'ws')}/ws/calls/${call.id}`;
			return ok({
				websocket_url: ws,
				call_id: call.id,
				temp_token: live.issueToken(ctx.principal.org, call.id),
				connection_info: { url: ws, auth_method: 'query_param', auth_param: 'api_key', temp_auth_param: 'session_token', message_format: 'json', message_types: ['connected', 'transcript_update', 'call_status_update', 'error'] },
			});
		}),
		callRoute('POST', '/end', (ctx, call) => {
			requireWrite(ctx);
			if (!['initiated', 'in_progress'].includes(call.status)) throw sim.fail(400, `Call is not active (status ${call.status})`);
			call.status = 'completed';
			live.ended(call);
			const task = data(ctx).tasks.find((t) => t.id === call.task_id);
			if (task) task.status = 'completed';
			return ok({ call_id: call.id, status: call.status, message: 'Call ended' });
		}),
		callRoute('POST', '/cancel', (ctx, call) => {
			requireWrite(ctx);
			if (!['initiated', 'in_progress'].includes(call.status)) throw sim.fail(400, `Call is not active (status ${call.status})`);
			call.status = 'failed';
			live.ended(call);
			const task = data(ctx).tasks.find((t) => t.id === call.task_id);
			if (task) task.status = 'failed';
			return ok({ call_id: call.id, status: call.status, message: 'Call cancelled' });
		}),
	];

	const sim = createSimulator({
		name: 'voxstack',
		routes,
		errorBody,
		rateLimit: { limit: 1000, windowMs: 60_000 },
		// Documented: Limit, Remaining and Reset (Unix timestamp); nothing said of Retry-After.
		rateLimitHeaders: ['limit', 'remaining', 'reset'],
		authenticate(req) {
			const match = /^Bearer (va_\S+)$/.exec(String(req.headers.authorization || ''));
			const key = match && keys[match[1]];
			if (!key) throw sim.fail(401, 'Invalid or missing API key');
			return { id: match[1].slice(0, 12), ...key };
		},
		control: {
			seed(body) {
				const org = body.org ?? 'org-1';
				let task;
				if (body.calls) task = addTask(org, { agent_id: orgs[org].agents[0].id, name: 'seed', to_number: '+15550001111' });
				for (let i = 0; i < (body.calls ?? 0); i++) addCall(org, task, i % 5 === 4 ? 'failed' : 'completed');
				return { calls: orgs[org].calls.length };
			},
			data: (body) => orgs[body.org ?? 'org-1'],
			callDuration: (body) => ({ callDurationMs: (duration = Number(body.ms)) }),
			liveCall: (body) => live.startScriptedCall(body),
			liveConfig: (body) => live.configure(body),
			liveState: () => live.state(),
			dropSockets: (body) => ({ dropped: live.drop(body.call_id) }),
			// {contentType, disposition}: the Content-Type of the recording stream, and whether it names the file.
			recordingServing: (body) => (serving = { ...WAV_SERVING, ...body }),
		},
		exposeState: () => ({ live: live.state() }),
		onReset: () => {
			duration = callDurationMs;
			live.reset();
			serving = { ...WAV_SERVING };
			seed();
		},
	});
	sim.server.on('upgrade', (req, socket, head) => live.upgrade(req, socket, head));
	const closeHttp = sim.close;
	sim.close = async () => {
		live.reset();
		live.wss.close();
		await closeHttp();
	};
	sim.live = live;
	seed();
	sim.data = (org = 'org-1') => orgs[org];
	sim.idle = async () => {
		while (pending.size) await Promise.all([...pending]);
	};
	sim.recording = recording;
	return sim;
}

module.exports = { createVoxStackSimulator, DEFAULT_KEYS };

if (require.main === module) {
	const sim = createVoxStackSimulator();
	sim.listen(Number(process.env.PORT || 0)).then((url) => console.log(`voxstack simulator on ${url}`));
}
