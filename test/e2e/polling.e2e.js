'use strict';
// The four Record Triggers (polling) in a real n8n against the simulators: every event of every
// poller is one active workflow, all activated together so that one poll tick (n8n allows no
// schedule under a minute) serves them all. Records are created and changed in the simulators and
// the executions counted: each change once, nothing from before activation, and nothing twice
// across an n8n restart. On n8n 2.x the same runs again with n8n's durable poll cursors on.
const assert = require('node:assert/strict');
const { after, before, describe, it } = require('node:test');

const { createConvoSimulator, DEFAULT_TOKENS } = require('../simulators/convo/server');
const { createRaiaSimulator, DEFAULT_AGENT_KEYS, DEFAULT_ORG_KEYS } = require('../simulators/raia/server');
const { createTimelySimulator, DEFAULT_KEYS: TIMELY_KEYS } = require('../simulators/timely/server');
const { createVoxStackSimulator, DEFAULT_KEYS: VOX_KEYS } = require('../simulators/voxstack/server');
const { startN8n, startN8nProcess, waitFor } = require('./n8n');
const { node } = require('./workflows');

const TIMELY_KEY = Object.keys(TIMELY_KEYS)[0];
const CONVO_TOKEN = Object.keys(DEFAULT_TOKENS)[0];
const RAIA_KEY = Object.keys(DEFAULT_AGENT_KEYS)[0];
const VOX_KEY = Object.keys(VOX_KEYS)[0];
/** One poll tick plus the time n8n needs to run the executions it starts. */
const TICK_MS = 75_000;

/** Every poller configuration: [workflow name, node type, parameters]. */
const POLLERS = [
	...['contactCreated', 'contactUpdated', 'leadCreated', 'leadStatusChanged', 'opportunityCreated', 'opportunityStageChanged', 'conversationCreated'].map((event) => [`timely ${event}`, 'timelyAiRecordTrigger', { event }]),
	['convo leadCreated', 'convoRecordTrigger', { event: 'leadCreated', minScore: 0 }],
	['convo conversationCreated', 'convoRecordTrigger', { event: 'conversationCreated' }],
	['convo conversationStatusChanged', 'convoRecordTrigger', { event: 'conversationStatusChanged', toStatus: 'CLOSED' }],
	['raia conversationCreated', 'raiaRecordTrigger', { event: 'conversationCreated' }],
	['raia userCreated', 'raiaRecordTrigger', { authentication: 'raiaOrganizationApi', event: 'userCreated', agentId: 'RAIA_AGENT_ID' }],
	['voxstack completed', 'voxStackRecordTrigger', { event: 'completed' }],
	['voxstack failed', 'voxStackRecordTrigger', { event: 'failed' }],
	['voxstack any', 'voxStackRecordTrigger', { event: 'any' }],
];

async function call(base, method, url, headers, body) {
	const res = await fetch(`${base}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	assert.ok(res.ok, `${method} ${url} → ${res.status}: ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/** The four simulators and what the tests do to them, through their APIs. */
function providers() {
	const sims = {
		timely: createTimelySimulator(),
		convo: createConvoSimulator({ leads: 5 }),
		raia: createRaiaSimulator(),
		voxstack: createVoxStackSimulator({ callDurationMs: 10 }),
	};
	const timely = (method, url, body) => call(sims.timely.url, method, url, { 'x-api-key': TIMELY_KEY }, body);
	const convo = (method, url, body) => call(sims.convo.url, method, `/api/v1${url}`, { authorization: `Bearer ${CONVO_TOKEN}` }, body);
	const raia = (method, url, body) => call(sims.raia.url, method, `/external${url}`, { 'agent-secret-key': RAIA_KEY }, body);
	let n = 0;
	return {
		sims,
		async listen() {
			for (const sim of Object.values(sims)) await sim.listen();
		},
		async close() {
			for (const sim of Object.values(sims)) await sim.close();
		},
		credentials: () => ({
			timelyAiApi: ['Timely', { apiKey: TIMELY_KEY, baseUrl: sims.timely.url }],
			convoApi: ['Convo', { apiToken: CONVO_TOKEN, baseUrl: `${sims.convo.url}/api/v1` }],
			raiaAgentApi: ['raia', { secretKey: RAIA_KEY, region: 'custom', baseUrl: sims.raia.url }],
			raiaOrganizationApi: ['raia organization', { secretKey: Object.keys(DEFAULT_ORG_KEYS)[0], region: 'custom', baseUrl: sims.raia.url }],
			voxStackApi: ['VoxStack', { apiKey: VOX_KEY, baseUrl: sims.voxstack.url }],
		}),
		/** Records that exist before activation: the past. */
		async seedPast() {
			for (let i = 0; i < 3; i++) {
				await timely('POST', '/v1/contacts', { customer_name: `Old contact ${i}` });
				await timely('POST', '/v1/leads', { customer_name: `Old lead ${i}`, status: 'new' });
				await timely('POST', '/v1/opportunities', { title: `Old deal ${i}`, stage: 'prospecting' });
			}
			const user = await raia('POST', '/users', { firstName: 'Old', lastName: 'User', email: 'old@example.com' });
			await raia('POST', '/conversations', { conversationUserId: user.id, title: 'Old' });
			await call(sims.voxstack.url, 'POST', '/_sim/seed', {}, { calls: 3 });
		},
		/** One change of every kind; returns how many items each workflow must receive for it. */
		async changeEverything() {
			n++;
			const expected = {};
			const data = sims.timely.data();
			await timely('POST', '/v1/contacts', { customer_name: `New contact ${n}` });
			expected['timely contactCreated'] = 1;
			await timely('PUT', `/v1/contacts/${data.contacts[0].id}`, { notes: `edited ${n}` });
			expected['timely contactUpdated'] = 1;
			await timely('POST', '/v1/leads', { customer_name: `New lead ${n}` });
			expected['timely leadCreated'] = 1;
			const lead = data.leads[0];
			await timely('PUT', `/v1/leads/${lead.id}`, { status: lead.status === 'won' ? 'lost' : 'won' });
			expected['timely leadStatusChanged'] = 1;
			await timely('POST', '/v1/opportunities', { title: `New deal ${n}` });
			expected['timely opportunityCreated'] = 1;
			const deal = data.opportunities[0];
			await timely('PUT', `/v1/opportunities/${deal.id}`, { stage: deal.stage === 'won' ? 'lost' : 'won' });
			expected['timely opportunityStageChanged'] = 1;
			// Conversations start on the customer's side: the simulator gets one as a channel would.
			data.conversations.push({ ...data.conversations[0], id: crypto.randomUUID(), customer_name: `Visitor ${n}`, created_at: new Date().toISOString(), messages: [] });
			expected['timely conversationCreated'] = 1;

			await convo('POST', '/leads', { fields: { name: `Lead ${n}a` } });
			await convo('POST', '/leads', { fields: { name: `Lead ${n}b` } });
			expected['convo leadCreated'] = 2;
			const ws = sims.convo.workspaces()['ws-a'];
			ws.conversations.push({ ...ws.conversations[0], id: crypto.randomUUID(), status: 'OPEN', createdAt: new Date().toISOString() });
			expected['convo conversationCreated'] = 1;
			const open = ws.conversations.find((c) => c.status === 'OPEN' && c.createdAt < new Date(Date.now() - 1000).toISOString());
			await convo('POST', '/conversations/bulk', { ids: [open.id], action: 'close' });
			expected['convo conversationStatusChanged'] = 1;

			const user = await raia('POST', '/users', { firstName: 'Poll', lastName: `User ${n}`, email: `poll${n}@example.com` });
			expected['raia userCreated'] = 1;
			await raia('POST', '/conversations', { conversationUserId: user.id, title: `Polled ${n}` });
			expected['raia conversationCreated'] = 1;

			// Five ended calls: four completed, one failed.
			await call(sims.voxstack.url, 'POST', '/_sim/seed', {}, { calls: 5 });
			Object.assign(expected, { 'voxstack completed': 4, 'voxstack failed': 1, 'voxstack any': 5 });
			return expected;
		},
	};
}

/** Items each workflow received, summed over its executions, and whether every run succeeded. */
async function received(n8n, workflows) {
	const counts = {};
	for (const [name, id] of Object.entries(workflows)) {
		// Runs still queued or running (`new`, `running`) are counted once they finish.
		const executions = (await n8n.executions(id)).filter((e) => !['new', 'running', 'waiting'].includes(e.status));
		for (const e of executions) assert.equal(e.status, 'success', `${name}: ${JSON.stringify(e.data?.resultData?.error ?? e.status)}`);
		counts[name] = executions.reduce((sum, e) => sum + (Object.values(e.data.resultData.runData)[0]?.[0]?.data?.main?.[0]?.length ?? 0), 0);
	}
	return counts;
}

function pollingSuite(title, env, { tickMs = TICK_MS, settleMs = 0 } = {}) {
	describe(title, { timeout: 900_000 }, () => {
		let n8n;
		let main;
		let world;
		const workflows = {};
		const total = {};
		const add = (expected) => {
			for (const [name, count] of Object.entries(expected)) total[name] = (total[name] ?? 0) + count;
		};
		const allReceived = async () =>
			await waitFor('every poller to deliver', async () => {
				const counts = await received(n8n, workflows);
				return POLLERS.every(([name]) => counts[name] >= (total[name] ?? 0)) ? counts : undefined;
			}, tickMs + 30_000, 2000);

		before(async () => {
			world = providers();
			await world.listen();
			n8n = await startN8n({ env });
			main = n8n.process;
			const credentials = {};
			for (const [type, [name, data]] of Object.entries(world.credentials())) {
				credentials[type] = { id: await n8n.createCredential(name, type, data), name };
			}
			// Everything that exists before activation is the past: none of it may be emitted.
			await world.seedPast();
			for (let [name, type, parameters] of POLLERS) {
				const credentialType = parameters.authentication ?? { timelyAiRecordTrigger: 'timelyAiApi', convoRecordTrigger: 'convoApi', raiaRecordTrigger: 'raiaAgentApi', voxStackRecordTrigger: 'voxStackApi' }[type];
				if (parameters.agentId === 'RAIA_AGENT_ID') parameters = { ...parameters, agentId: world.sims.raia.agent().id };
				const poller = node(name, n8n.type(type), { ...parameters, pollTimes: { item: [{ mode: 'everyMinute' }] } }, { credentials: { [credentialType]: credentials[credentialType] }, typeVersion: 1 });
				const workflow = { name, nodes: [poller], connections: {} };
				workflows[name] = await n8n.createWorkflow(workflow);
			}
			for (const id of Object.values(workflows)) assert.equal((await n8n.activate(id)).status ?? 'published', 'published');
		});

		after(async () => {
			await main?.stop();
			await world?.close();
		});

		it('first activation emits nothing from the past; one tick delivers every change once', async () => {
			// With durable cursors n8n keeps no cursor from the activation poll when it emits nothing:
			// the first scheduled poll sets the starting point (see docs/polling-triggers.md).
			await new Promise((resolve) => setTimeout(resolve, settleMs));
			assert.deepEqual(Object.values(await received(n8n, workflows)).filter(Boolean), []);
			add(await world.changeEverything());
			const counts = await allReceived();
			for (const [name] of POLLERS) assert.equal(counts[name], total[name], name);
		});

		it('across an n8n restart: what changed while it was down is delivered once, nothing twice', async () => {
			await main.stop();
			add(await world.changeEverything());
			main = await startN8nProcess({ port: main.port, userFolder: main.userFolder, tarball: n8n.packageInfo.tarball, env });
			let counts = await allReceived();
			for (const [name] of POLLERS) assert.equal(counts[name], total[name], `${name} after the restart`);
			// A further tick with nothing new starts nothing.
			await new Promise((resolve) => setTimeout(resolve, tickMs));
			counts = await received(n8n, workflows);
			for (const [name] of POLLERS) assert.equal(counts[name], total[name], `${name} a tick later`);
		});
	});
}

pollingSuite('Record Triggers in a real n8n (cursor in workflow static data)', {});

// n8n 2.36+ can keep poll cursors in their own table, committed with the execution.
if (!process.env.N8N_VERSION || Number(process.env.N8N_VERSION.split('.')[0]) >= 2) {
	pollingSuite('Record Triggers with n8n durable poll cursors on', {
		N8N_SCHEDULER_ENABLED: 'true',
		N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
		N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
		N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
	// The durable scheduler runs each poll job once a minute at its own second (jitter).
	}, { tickMs: 2 * TICK_MS, settleMs: TICK_MS + 15_000 });
}
