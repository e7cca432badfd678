'use strict';
// Reliability in a real n8n, for all five triggers at once: activation churn leaves exactly the
// registrations the provider allows, bad deliveries are refused without executions, and no
// credential secret shows up in n8n's log or execution data.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const { after, before, describe, it } = require('node:test');

const { startN8n } = require('./n8n');
const { sandboxCredentialData, startSimulators } = require('./sandbox');
const { node, triggerOnly, webhookChain } = require('./workflows');

const CYCLES = Number(process.env.CHURN_CYCLES || 50);
const rl = (value) => ({ __rl: true, mode: 'id', value });

describe('reliability in a real n8n', { timeout: 1_800_000 }, () => {
	let n8n;
	let sims;
	const secrets = [];
	const triggers = {};

	before(async () => {
		sims = await startSimulators();
		n8n = await startN8n();
		const sandbox = sandboxCredentialData(sims);
		const credential = async (type, secretFields, overrides = {}) => {
			const data = { ...sandbox[type].data, ...overrides };
			secrets.push(...secretFields.map((f) => data[f]));
			return { [type]: { id: await n8n.createCredential(type, type, data), name: type } };
		};
		// A random webhook secret: a value that cannot turn up in the log by coincidence.
		const velentsSecret = crypto.randomBytes(24).toString('hex');
		const creds = {
			convo: await credential('convoApi', ['apiToken']),
			velents: await credential('velentsAgentApi', ['token', 'webhookSecret'], { webhookSecret: velentsSecret }),
			voxstack: await credential('voxStackApi', ['apiKey']),
			timely: await credential('timelyAiApi', ['apiKey']),
			raia: await credential('raiaAgentApi', ['secretKey']),
		};
		// A pending VoxStack task to attach to, and a foreign Timely webhook entry to keep.
		const voxAgent = sims.voxstack.data().agents[0];
		const task = { id: crypto.randomUUID(), agent_id: voxAgent.id, name: 'churn', to_number: '+15550001234', status: 'pending', webhook_url: null, webhook_events: [] };
		sims.voxstack.data().tasks.push(task);
		const timelyAgent = sims.timely.data().agents[0];
		timelyAgent.webhooks = [{ url: 'https://crm.example.com/hook', events: ['message.received'], headers: null, is_active: true }];
		const specs = {
			convo: ['convoTrigger', { events: ['lead.created'], customEvents: '' }],
			velents: ['velentsTrigger', { events: ['onStarted', 'onEnded'], platformAuthorization: '' }],
			voxstack: ['voxStackTrigger', { events: ['call_completed'], attachTaskIds: [task.id] }],
			timely: ['timelyAiTrigger', { agentId: rl(timelyAgent.id), events: ['message.received'], customEvents: '' }],
			raia: ['raiaTrigger', { triggerCondition: 'each_message' }],
		};
		for (const [name, [type, parameters]] of Object.entries(specs)) {
			const { workflow, webhookId } = triggerOnly(`${name} churn`, n8n.type(type), parameters, creds[name]);
			const id = await n8n.createWorkflow(workflow);
			triggers[name] = { id, webhookId, path: type === 'voxStackTrigger' ? 'voxstack' : 'webhook' };
		}
		Object.assign(triggers, { task, timelyAgent, creds });
	});

	after(async () => {
		await n8n?.stop();
		await sims?.close();
	});

	/** What each provider holds for our triggers right now. */
	function registrations() {
		const ours = (name) => `${n8n.baseUrl}/webhook/${triggers[name].webhookId}/${triggers[name].path}`;
		return {
			convo: sims.convo.workspaces()['ws-a'].integrations.filter((i) => i.url === ours('convo')).length,
			velents: 0, // nothing to register: the link travels with each dispatch
			voxstack: sims.voxstack.data().tasks.filter((t) => String(t.webhook_url ?? '').startsWith(ours('voxstack'))).length,
			timely: triggers.timelyAgent.webhooks.filter((w) => w.url === ours('timely')).length,
			raia: sims.raia.agent().webhooks.filter((w) => w.url === ours('raia')).length,
		};
	}

	it(`${CYCLES} activate/deactivate cycles per trigger leave exactly the registrations each provider allows`, async () => {
		const started = Date.now();
		for (let cycle = 0; cycle < CYCLES; cycle++) {
			for (const name of ['convo', 'velents', 'voxstack', 'timely', 'raia']) {
				const status = await n8n.activate(triggers[name].id);
				assert.equal(status.status, 'published', `${name} cycle ${cycle}: ${JSON.stringify(status)}`);
			}
			const active = registrations();
			assert.deepEqual(active, { convo: 1, velents: 0, voxstack: 1, timely: 1, raia: 1 }, `active, cycle ${cycle}`);
			for (const name of ['convo', 'velents', 'voxstack', 'timely', 'raia']) await n8n.deactivate(triggers[name].id);
		}
		// Convo and raia cannot delete: one kept and reused. Timely and VoxStack: ours removed.
		assert.deepEqual(registrations(), { convo: 1, velents: 0, voxstack: 0, timely: 0, raia: 1 });
		assert.equal(triggers.timelyAgent.webhooks.length, 1, 'the foreign Timely entry survives');
		assert.equal(sims.convo.workspaces()['ws-a'].integrations.length, 1);
		assert.equal(sims.raia.agent().webhooks.length, 1);
		console.log(`# churn: ${CYCLES} cycles × 5 triggers in ${Math.round((Date.now() - started) / 1000)} s; final registrations convo 1, raia 1, timely 0, voxstack 0`);
	});

	it('bad deliveries get 401/400/413 and start no execution, for every trigger', async () => {
		for (const name of Object.keys(registrations())) assert.equal((await n8n.activate(triggers[name].id)).status, 'published');
		const url = (name, query = '') => `${n8n.baseUrl}/webhook/${triggers[name].webhookId}/${triggers[name].path}${query}`;
		const post = async (target, body, headers = {}) =>
			(await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).status;
		const now = Math.floor(Date.now() / 1000);
		const convoSecret = sims.convo.workspaces()['ws-a'].integrations[0].signingSecret;
		const sign = (secret, unix, body) => crypto.createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex');
		const event = JSON.stringify({ id: 'e', event: 'lead.created', data: {} });
		const cases = [
			['convo forged signature', () => post(url('convo'), event, { 'X-Convo-Signature': `t=${now},v1=${sign('wh_forged', now, event)}` }), 401],
			['convo stale timestamp', () => post(url('convo'), event, { 'X-Convo-Signature': `t=${now - 400},v1=${sign(convoSecret, now - 400, event)}` }), 401],
			['convo missing signature', () => post(url('convo'), event), 401],
			['convo signed non-JSON', () => post(url('convo'), 'not json', { 'content-type': 'text/plain', 'X-Convo-Signature': `t=${now},v1=${sign(convoSecret, now, 'not json')}` }), 400],
			['convo oversized body', () => post(url('convo'), JSON.stringify({ event: 'lead.created', pad: 'x'.repeat(1024 * 1024) }), {}), 413],
			['velents missing secret', () => post(url('velents'), JSON.stringify({ event: { type: 'onEnded' } })), 401],
			['velents wrong secret', () => post(url('velents'), JSON.stringify({ event: { type: 'onEnded' } }), { 'X-Webhook-Secret': 'guess' }), 401],
			['voxstack missing token', () => post(url('voxstack'), JSON.stringify({ event_type: 'call_completed' })), 401],
			['voxstack wrong token', () => post(url('voxstack', `?token=${'0'.repeat(64)}`), JSON.stringify({ event_type: 'call_completed' })), 401],
			['timely missing secret', () => post(url('timely'), JSON.stringify({ event: 'message.received' })), 401],
			['timely wrong secret', () => post(url('timely'), JSON.stringify({ event: 'message.received' }), { 'X-Webhook-Secret': 'guess' }), 401],
			['raia missing secret', () => post(url('raia'), JSON.stringify({ conversationId: 'c' })), 401],
			['raia wrong secret', () => post(url('raia'), JSON.stringify({ conversationId: 'c' }), { 'X-Webhook-Secret': 'guess' }), 401],
		];
		const results = [];
		for (const [label, send, expected] of cases) {
			const status = await send();
			results.push(`${label}: ${status}`);
			assert.equal(status, expected, label);
		}
		await new Promise((r) => setTimeout(r, 500));
		for (const name of Object.keys(triggers).filter((k) => triggers[k].id)) {
			assert.equal((await n8n.executions(triggers[name].id)).length, 0, `${name} must not have run`);
		}
		console.log(`# webhook security: ${cases.length} bad deliveries refused, 0 executions (${results.join('; ')})`);
	});

	it('no credential secret appears in n8n\'s log or in execution data after failing runs', async () => {
		// One failing action run per provider: unknown IDs (404s) and a forced connection reset.
		const missing = '00000000-0000-4000-8000-000000000000';
		const failing = {
			convo: ['convo', { resource: 'agent', operation: 'get', agentId: rl(missing) }],
			velents: ['velents', { authentication: 'velentsAgentApi', resource: 'conversation', operation: 'dispatch', channel: 3, phone: '+966500000001', valuesMode: 'json', valuesJson: '{}', webhook: {} }],
			voxstack: ['voxStack', { resource: 'call', operation: 'get', callId: rl(missing) }],
			timely: ['timelyAi', { resource: 'contact', operation: 'get', contactId: rl(missing) }],
			raia: ['raia', { authentication: 'raiaAgentApi', resource: 'user', operation: 'get', userId: rl('missing-user') }],
		};
		await fetch(`${sims.velents.url}/_sim/faults`, { method: 'POST', body: JSON.stringify({ kind: 'reset', remaining: 1 }) });
		const ids = [];
		for (const [name, [type, parameters]] of Object.entries(failing)) {
			const id = await n8n.createWorkflow(webhookChain(`${name} failing`, `fail-${name}`, [node('Action', n8n.type(type), parameters, { credentials: triggers.creds[name] })]));
			await n8n.activate(id);
			ids.push(id);
			await (await fetch(`${n8n.baseUrl}/webhook/fail-${name}`, { method: 'POST' })).text();
		}
		const executions = [];
		for (const id of ids) {
			const runs = await n8n.waitFor('the failed run', async () => {
				const list = await n8n.executions(id);
				return list.length ? list : undefined;
			}, 15_000);
			assert.equal(runs[0].status, 'error', 'each action run failed as intended');
			executions.push(...runs);
		}
		const haystack = fs.readFileSync(n8n.logFile, 'utf8') + JSON.stringify(executions);
		for (const secret of secrets) assert.ok(!haystack.includes(secret), 'a credential value leaked');
		console.log(`# secrets: ${secrets.length} credential values searched in ${haystack.length} characters of log and ${executions.length} failed executions, none found`);
	});
});
