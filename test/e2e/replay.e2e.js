'use strict';
// Every delivery runs once, and webhook secrets stay out of the workflow, in a real n8n:
//  1. the previous release (plain secrets in static data) is installed and its triggers activated,
//  2. the package is upgraded in place and n8n restarted: the old secrets still verify, and the
//     workflow JSON (public API) no longer holds them,
//  3. an exact replay of an accepted delivery answers 200 and starts no execution, for all five
//     triggers, in the same process and again after another n8n restart.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { after, before, describe, it } = require('node:test');

const { packPackage, packRelease, startN8n, startN8nProcess } = require('./n8n');
const { sandboxCredentialData, startSimulators } = require('./sandbox');
const { triggerOnly } = require('./workflows');

/** The last commit whose triggers kept their webhook secrets in plain static data. */
const PLAIN_SECRETS_COMMIT = process.env.UPGRADE_FROM_COMMIT || '74c324b691c169ea2113e3a2ecbcb91aa6de818f';
const NAMES = ['convo', 'velents', 'voxstack', 'timely', 'raia'];
const rl = (value) => ({ __rl: true, mode: 'id', value });


describe('replayed deliveries and stored webhook secrets in a real n8n', { timeout: 1_200_000 }, () => {
	let n8n;
	let main;
	let newTarball;
	let sims;
	const triggers = {};
	let velentsSecret;
	let voxKey;

	before(async () => {
		sims = await startSimulators();
		const oldTarball = packRelease(PLAIN_SECRETS_COMMIT);
		newTarball = packPackage();
		n8n = await startN8n({ tarball: oldTarball });
		main = n8n.process;
		const sandbox = sandboxCredentialData(sims);
		velentsSecret = crypto.randomBytes(24).toString('hex');
		voxKey = sandbox.voxStackApi.data.apiKey;
		const credential = async (type, overrides = {}) => ({ [type]: { id: await n8n.createCredential(type, type, { ...sandbox[type].data, ...overrides }), name: type } });
		const creds = {
			convo: await credential('convoApi'),
			velents: await credential('velentsAgentApi', { webhookSecret: velentsSecret }),
			voxstack: await credential('voxStackApi'),
			timely: await credential('timelyAiApi'),
			raia: await credential('raiaAgentApi'),
		};
		const timelyAgent = sims.timely.data().agents[0];
		const specs = {
			convo: ['convoTrigger', { events: ['lead.created'], customEvents: '' }],
			velents: ['velentsTrigger', { events: ['onEnded'], platformAuthorization: '' }],
			voxstack: ['voxStackTrigger', { events: ['call_completed'], attachTaskIds: [] }],
			timely: ['timelyAiTrigger', { agentId: rl(timelyAgent.id), events: ['message.received'], customEvents: '' }],
			raia: ['raiaTrigger', { triggerCondition: 'each_message' }],
		};
		for (const [name, [type, parameters]] of Object.entries(specs)) {
			const { workflow, webhookId } = triggerOnly(`${name} replay`, n8n.type(type), parameters, creds[name]);
			const id = await n8n.createWorkflow(workflow);
			triggers[name] = { id, webhookId, url: `${n8n.baseUrl}/webhook/${webhookId}/${type === 'voxStackTrigger' ? 'voxstack' : 'webhook'}` };
		}
		triggers.timelyAgent = timelyAgent;
	});

	after(async () => {
		await main?.stop();
		await sims?.close();
	});

	/** Restarts n8n on the same port and user folder, with the given package installed. */
	async function restart(tarball) {
		await main.stop();
		main = await startN8nProcess({ command: 'start', port: main.port, userFolder: main.userFolder, logFile: main.logFile, tarball });
	}

	/** The secrets each provider was given (what it sends with every delivery). */
	function providerSecrets() {
		return {
			convo: sims.convo.workspaces()['ws-a'].integrations.find((i) => i.url === triggers.convo.url)?.signingSecret,
			timely: triggers.timelyAgent.webhooks.find((w) => w.url === triggers.timely.url)?.headers?.['X-Webhook-Secret'],
			raia: sims.raia.agent().webhooks.find((w) => w.url === triggers.raia.url)?.headers?.['X-Webhook-Secret'],
		};
	}

	/** One authentic delivery per trigger, exactly as its provider would send it (fresh ids). */
	function authenticDeliveries() {
		const secrets = providerSecrets();
		const unique = crypto.randomUUID();
		const now = Math.floor(Date.now() / 1000);
		const convoBody = JSON.stringify({ id: `evt_${unique}`, event: 'lead.created', createdAt: new Date().toISOString(), workspaceId: 'ws-a', data: { id: unique } });
		const voxToken = crypto.createHmac('sha256', voxKey).update(`voxstack-trigger:${triggers.voxstack.webhookId.toLowerCase()}`).digest('hex');
		return {
			convo: { url: triggers.convo.url, body: convoBody, headers: { 'X-Convo-Signature': `t=${now},v1=${crypto.createHmac('sha256', secrets.convo).update(`${now}.${convoBody}`).digest('hex')}` } },
			velents: { url: triggers.velents.url, body: JSON.stringify({ event: { type: 'onEnded', about: 'conversation' }, conversation: { id: unique, phone: '+966500000001' }, result: {} }), headers: { 'X-Webhook-Secret': velentsSecret } },
			voxstack: { url: `${triggers.voxstack.url}?token=${voxToken}`, body: JSON.stringify({ event_type: 'call_completed', task_id: 't-1', call_id: unique, status: 'completed', data: {} }), headers: {} },
			timely: { url: triggers.timely.url, body: JSON.stringify({ event: 'message.received', agent_id: triggers.timelyAgent.id, timestamp: new Date().toISOString(), data: { id: unique } }), headers: { 'X-Webhook-Secret': secrets.timely } },
			raia: { url: triggers.raia.url, body: JSON.stringify({ triggerCondition: 'each_message', conversationId: unique, timestamp: new Date().toISOString() }), headers: { 'X-Webhook-Secret': secrets.raia } },
		};
	}

	const send = async ({ url, body, headers }) => {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
		await res.text();
		return res.status;
	};
	const counts = async () => Object.fromEntries(await Promise.all(NAMES.map(async (name) => [name, (await n8n.executions(triggers[name].id)).length])));
	const waitForCounts = async (expected) => {
		await n8n.waitFor(`executions ${JSON.stringify(expected)}`, async () => JSON.stringify(await counts()) === JSON.stringify(expected), 30_000).catch(() => undefined);
		// Give a wrongly started execution time to show up before comparing.
		await new Promise((r) => setTimeout(r, 1000));
		assert.deepEqual(await counts(), expected);
	};
	const workflowJson = async (name) => JSON.stringify(await n8n.api('GET', `/workflows/${triggers[name].id}`));

	it('the previous release activates all five triggers and keeps the generated or issued secrets in plain static data', async () => {
		for (const name of NAMES) assert.equal((await n8n.activate(triggers[name].id)).status, 'published', name);
		const secrets = providerSecrets();
		for (const name of ['convo', 'timely', 'raia']) {
			assert.ok(secrets[name], `${name} registered a secret`);
			assert.ok((await workflowJson(name)).includes(secrets[name]), `${name}: the old release stores the secret readably (the starting point)`);
		}
		for (const [name, delivery] of Object.entries(authenticDeliveries())) assert.equal(await send(delivery), 200, name);
		await waitForCounts({ convo: 1, velents: 1, voxstack: 1, timely: 1, raia: 1 });
	});

	it('after the upgrade and a restart, the stored secrets still verify and the workflow JSON no longer reveals them', async () => {
		const before = providerSecrets();
		await restart(newTarball);
		for (const [name, delivery] of Object.entries(authenticDeliveries())) assert.equal(await send(delivery), 200, name);
		await waitForCounts({ convo: 2, velents: 2, voxstack: 2, timely: 2, raia: 2 });
		// The upgrade registered nothing new: the providers still send the secrets they were given.
		assert.deepEqual(providerSecrets(), before);
		assert.equal(sims.convo.workspaces()['ws-a'].integrations.length, 1);
		assert.equal(sims.raia.agent().webhooks.length, 1);
		for (const name of ['convo', 'timely', 'raia']) {
			const json = await workflowJson(name);
			assert.ok(!json.includes(before[name]), `${name}: the secret is no longer readable from GET /workflows/:id`);
		}
	});

	it('an exact replay of an accepted delivery answers 200 and starts no second execution, for every trigger', async () => {
		const start = await counts();
		const deliveries = authenticDeliveries();
		for (const [name, delivery] of Object.entries(deliveries)) {
			assert.equal(await send(delivery), 200, `${name} first delivery`);
			assert.equal(await send(delivery), 200, `${name} replay`);
		}
		const once = Object.fromEntries(NAMES.map((name) => [name, start[name] + 1]));
		await waitForCounts(once);
		// Every item carries the delivery key for downstream dedupe.
		for (const name of NAMES) {
			const [latest] = await n8n.executions(triggers[name].id);
			const runData = latest.data.resultData.runData;
			const item = Object.values(runData)[0][0].data.main[0][0].json;
			assert.equal(typeof item.eventId, 'string', `${name} item has an eventId`);
		}
		triggers.replayed = { deliveries, once };
	});

	it('the replay still starts nothing after another n8n restart', async () => {
		await restart(newTarball);
		for (const [name, delivery] of Object.entries(triggers.replayed.deliveries)) assert.equal(await send(delivery), 200, `${name} replay after restart`);
		await waitForCounts(triggers.replayed.once);
		console.log(`# replay: 5 triggers × (1 delivery + 1 replay + 1 replay after restart) → 1 execution each`);
	});
});
