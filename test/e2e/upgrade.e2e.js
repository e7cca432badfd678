'use strict';
// Upgrading the package keeps saved work working. The previous release (built from its commit)
// is installed into a real n8n the way n8n installs a community package; workflows that use every
// webhook trigger and a set of actions of every provider are saved with that release's parameter
// shapes and activated, and their results recorded. Then the package is replaced with this
// checkout's build in the same user folder (same database, same encryption key), n8n restarts on
// the same port, and the same workflows must give the same results: triggers stay registered
// once at the provider and keep authenticating deliveries, credentials are not re-entered.
const assert = require('node:assert/strict');
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const { after, before, describe, it } = require('node:test');

const { startN8n, packPackage, packRelease, waitFor, ROOT } = require('./n8n');
const { startSimulators, createSandboxCredentials } = require('./sandbox');
const { node, webhookChain } = require('./workflows');

/** 0.1.0, the previous release: its commit (CI clones may have no tags). */
const PREVIOUS_RELEASE = { version: '0.1.0', commit: '74c324b691c169ea2113e3a2ecbcb91aa6de818f' };
const PACKAGE = require(path.join(ROOT, 'package.json'));

const rl = (value) => ({ __rl: true, mode: 'id', value });
/** Saved nodes carry the type versions the previous release offered. */
const ACTION_VERSION = 1;
const TRIGGER_VERSION = 1.1;

/**
 * What must be equal between two runs of the same workflow: everything except what the provider
 * assigns anew on every run: record IDs, timestamps, URLs, and the score Convo gives a new lead.
 */
const VOLATILE_KEY = /(^id$|_id$|Id$|^uuid$|_at$|At$|^timestamp$|^date$|_url$|Url$|^url$|^score$)/;
const VOLATILE_VALUE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|\d{4}-\d{2}-\d{2}[T ]\d{2}:)/i;
function stable(value, key = '') {
	if (Array.isArray(value)) return value.map((v) => stable(v, key));
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stable(v, k)]));
	if ((typeof value === 'string' || typeof value === 'number') && (VOLATILE_KEY.test(key) || VOLATILE_VALUE.test(String(value)))) return `<${typeof value}>`;
	return value;
}

/**
 * An upgrade may add fields to an item (a new release can output more), never drop or change one:
 * `actual` keeps every field of `expected` with the same value, and every array the same length.
 */
function assertKeeps(actual, expected, label, at = '') {
	if (Array.isArray(expected)) {
		assert.ok(Array.isArray(actual), `${label}: ${at || 'the result'} is no longer a list`);
		assert.equal(actual.length, expected.length, `${label}: ${at || 'the result'} has ${actual.length} entries instead of ${expected.length}`);
		expected.forEach((value, i) => assertKeeps(actual[i], value, label, `${at}[${i}]`));
	} else if (expected && typeof expected === 'object') {
		assert.ok(actual && typeof actual === 'object', `${label}: ${at || 'the result'} is no longer an object`);
		for (const [key, value] of Object.entries(expected)) assertKeeps(actual[key], value, label, at ? `${at}.${key}` : key);
	} else {
		assert.deepEqual(actual, expected, `${label}: ${at} changed`);
	}
}

/** The node types (and their versions) the package's current build declares. */
function currentNodeVersions() {
	const versions = {};
	for (const file of PACKAGE.n8n.nodes) {
		const exported = require(path.join(ROOT, file));
		const type = new (Object.values(exported)[0])();
		// A versioned node (n8n's VersionedNodeType) lists one implementation per version.
		const descriptions = type.nodeVersions ? Object.values(type.nodeVersions).map((v) => v.description) : [type.description];
		const all = [...new Set(descriptions.flatMap((d) => [d.version].flat()))];
		versions[`${PACKAGE.name}.${type.description.name}`] = all.sort((a, b) => a - b);
	}
	return versions;
}

describe('upgrading from the previous release keeps workflows, triggers and credentials working', { timeout: 1_200_000 }, () => {
	let sims;
	let pendingTask;
	let n8n;
	let userFolder;
	let port;
	let credentials;
	const triggers = {};
	const actions = [];
	const timings = {};
	const phases = { before: {}, after: {} };

	// --- what the saved workflows are --------------------------------------------------------

	const triggerNode = (name, type, parameters, credential) =>
		node(name, `${PACKAGE.name}.${type}`, parameters, { typeVersion: TRIGGER_VERSION, webhookId: randomUUID(), credentials: { [credential]: credentials[credential] } });
	const action = (name, type, parameters, credential) =>
		node(name, `${PACKAGE.name}.${type}`, parameters, { typeVersion: ACTION_VERSION, credentials: { [credential]: credentials[credential] } });

	/** Trigger workflows: one per webhook trigger, each with how many runs one phase's actions cause. */
	function triggerWorkflows() {
		const convo = triggerNode('Convo Trigger', 'convoTrigger', { events: ['lead.created', 'conversation.closed'], customEvents: '' }, 'convoApi');
		const velents = triggerNode('Velents Trigger', 'velentsTrigger', { events: ['onStarted', 'onMessage', 'onUpdate', 'onEnded'] }, 'velentsAgentApi');
		const voxstack = triggerNode('VoxStack Trigger', 'voxStackTrigger', { events: ['call_started', 'call_completed', 'call_failed'], attachTaskIds: [pendingTask.id] }, 'voxStackApi');
		const timely = triggerNode('Timely AI Trigger', 'timelyAiTrigger', { agentId: rl(sims.timely.data().agents[0].id), events: ['conversation.started', 'message.received'], customEvents: '' }, 'timelyAiApi');
		const raia = triggerNode('raia Trigger', 'raiaTrigger', { triggerCondition: 'each_message' }, 'raiaAgentApi');
		return {
			convo: { node: convo, path: 'webhook', runsPerPhase: 1 },
			velents: { node: velents, path: 'webhook', runsPerPhase: 4 },
			voxstack: { node: voxstack, path: 'voxstack', runsPerPhase: 2 },
			timely: { node: timely, path: 'webhook', runsPerPhase: 2 },
			raia: { node: raia, path: 'webhook', runsPerPhase: 1 },
		};
	}

	/** Webhook → actions → Respond to Webhook, with the parameters as the previous release saved them. */
	function actionWorkflows() {
		const timelyAgent = sims.timely.data().agents[0].id;
		return [
			['convo-lead', { name: 'Upgrade Lead', email: 'upgrade@example.com' }, [
				action('Create Lead', 'convo', { resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '={{ JSON.stringify($json.body) }}', source: 'upgrade' }, 'convoApi'),
			]],
			['convo-open-conversations', {}, [
				action('Open Conversations', 'convo', { resource: 'conversation', operation: 'getAll', returnAll: false, limit: 3, filters: { status: 'OPEN' } }, 'convoApi'),
			]],
			['velents-dispatch', { phone: '+966 50 000 0001', values: { order_id: '1212' } }, [
				action('Dispatch', 'velents', {
					authentication: 'velentsAgentApi', resource: 'conversation', operation: 'dispatch', channel: 3, phone: '={{ $json.body.phone }}',
					valuesMode: 'json', valuesJson: '={{ JSON.stringify($json.body.values) }}', webhook: { link: triggers.velents.url },
				}, 'velentsAgentApi'),
			]],
			['velents-ticket', { subject: 'Damaged box', message: 'Crushed on arrival' }, [
				action('Create Ticket', 'velents', { authentication: 'velentsSupportApi', resource: 'ticket', operation: 'create', subject: '={{ $json.body.subject }}', message: '={{ $json.body.message }}' }, 'velentsSupportApi'),
				action('History', 'velents', { authentication: 'velentsSupportApi', resource: 'supportConversation', operation: 'history', conversationId: "={{ $('Create Ticket').item.json.conversation_id }}", returnAll: true }, 'velentsSupportApi'),
			]],
			['voxstack-call', { phone: '+1 415 555 0123' }, [
				action('Create Task', 'voxStack', {
					resource: 'task', operation: 'create', agentId: rl(sims.voxstack.data().agents[0].id), name: 'Upgrade call', toNumber: '={{ $json.body.phone }}',
					additionalFields: { webhook_url: triggers.voxstack.url, webhook_events: ['call_started', 'call_completed'], context_data: '{"order_id":"12345"}' },
				}, 'voxStackApi'),
				action('Execute', 'voxStack', { resource: 'task', operation: 'execute', taskId: rl('={{ $json.id }}') }, 'voxStackApi'),
			]],
			['voxstack-agent', {}, [
				action('Agent', 'voxStack', { resource: 'agent', operation: 'get', agentId: rl(sims.voxstack.data().agents[0].id) }, 'voxStackApi'),
			]],
			['timely-converse', { message: 'Preciso de ajuda' }, [
				action('Converse', 'timelyAi', { resource: 'agent', operation: 'converse', agentId: rl(timelyAgent), message: '={{ $json.body.message }}' }, 'timelyAiApi'),
			]],
			['timely-contact', { name: 'Ana Souza', email: 'ana@example.com' }, [
				action('Create Contact', 'timelyAi', { resource: 'contact', operation: 'create', customer_name: '={{ $json.body.name }}', additionalFields: { customer_email: '={{ $json.body.email }}' } }, 'timelyAiApi'),
				action('Find Contact', 'timelyAi', { resource: 'contact', operation: 'getAll', returnAll: false, limit: 1, filters: { status: 'active', search: '={{ $json.customer_email }}', sort: 'created_at', order: 'desc' } }, 'timelyAiApi'),
			]],
			['raia-chat', { email: 'ana@example.com', message: 'Where is my order?' }, [
				action('User', 'raia', { authentication: 'raiaAgentApi', resource: 'user', operation: 'create', firstName: 'Ana', lastName: 'Lima', additionalFields: { email: '={{ $json.body.email }}' } }, 'raiaAgentApi'),
				action('Conversation', 'raia', { authentication: 'raiaAgentApi', resource: 'conversation', operation: 'create', conversationUserId: '={{ $json.id }}' }, 'raiaAgentApi'),
				action('Send', 'raia', { authentication: 'raiaAgentApi', resource: 'message', operation: 'send', conversationId: rl('={{ $json.id }}'), message: '={{ $("Webhook").item.json.body.message }}' }, 'raiaAgentApi'),
			]],
			['raia-agent', {}, [action('Agent', 'raia', { authentication: 'raiaAgentApi', resource: 'agent', operation: 'get' }, 'raiaAgentApi')]],
		].map(([webhookPath, body, nodes]) => ({ path: `upgrade-${webhookPath}`, body, workflow: webhookChain(`Upgrade ${webhookPath}`, `upgrade-${webhookPath}`, nodes) }));
	}

	// --- what is observed, the same way in both phases ---------------------------------------

	/** Where each provider has this n8n's triggers registered (Velents takes the URL per dispatch). */
	function registrations() {
		const ours = new Set(Object.values(triggers).map((t) => t.url));
		const mine = (url) => typeof url === 'string' && ours.has(url.split('?')[0]);
		return {
			convo: sims.convo.workspaces()['ws-a'].integrations.filter((i) => mine(i.url)).map(({ id, url, events }) => ({ id, url, events })),
			timely: sims.timely.data().agents[0].webhooks.filter((w) => mine(w.url)),
			raia: sims.raia.agent().webhooks.filter((w) => mine(w.url)).map(({ id, url, headers, triggerCondition }) => ({ id, url, headers, triggerCondition })),
			voxstackPendingTask: (({ id, webhook_url, webhook_events }) => ({ id, webhook_url, webhook_events }))(sims.voxstack.data().tasks.find((t) => t.id === pendingTask.id)),
		};
	}

	const successfulRuns = async (trigger) => (await n8n.executions(trigger.id)).filter((e) => e.status === 'success').sort((a, b) => Number(a.id) - Number(b.id));

	/** Runs every action workflow and waits for the trigger runs they cause; returns what came out. */
	async function runPhase() {
		const started = Date.now();
		const counts = {};
		for (const [name, trigger] of Object.entries(triggers)) counts[name] = (await successfulRuns(trigger)).length;
		const results = {};
		for (const { path: webhookPath, body } of actions) {
			const res = await fetch(`${n8n.baseUrl}/webhook/${webhookPath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
			const text = await res.text();
			assert.equal(res.status, 200, `${webhookPath}: ${text.slice(0, 500)}`);
			results[webhookPath] = stable(JSON.parse(text));
		}
		await sims.voxstack.idle();
		await sims.velents.idle();
		const deliveries = {};
		for (const [name, trigger] of Object.entries(triggers)) {
			const expected = counts[name] + trigger.runsPerPhase;
			const runs = await waitFor(`${name}: ${trigger.runsPerPhase} trigger runs`, async () => {
				const done = await successfulRuns(trigger);
				return done.length >= expected ? done : undefined;
			}, 60_000);
			assert.equal(runs.length, expected, `${name}: no more runs than deliveries`);
			deliveries[name] = runs.slice(counts[name]).map((e) => stable(e.data.resultData.runData[trigger.node.name][0].data.main[0][0].json));
		}
		return { results, deliveries, ms: Date.now() - started };
	}

	/** Deliveries without (or with wrong) credentials: every trigger answers 401 and runs nothing. */
	async function forgedDeliveries() {
		const post = async (url, headers = {}, body = '{"event":"lead.created","event_type":"call_completed","conversationId":"x"}') =>
			(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).status;
		const before = {};
		for (const [name, trigger] of Object.entries(triggers)) before[name] = (await n8n.executions(trigger.id)).length;
		const statuses = {
			convo: [await post(triggers.convo.url), await post(triggers.convo.url, { 'X-Convo-Signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` })],
			velents: [await post(triggers.velents.url), await post(triggers.velents.url, { 'X-Webhook-Secret': 'guess' })],
			voxstack: [await post(triggers.voxstack.url), await post(`${triggers.voxstack.url}?token=${'0'.repeat(64)}`)],
			timely: [await post(triggers.timely.url), await post(triggers.timely.url, { 'X-Webhook-Secret': 'guess' })],
			raia: [await post(triggers.raia.url), await post(triggers.raia.url, { 'X-Webhook-Secret': 'guess' })],
		};
		await new Promise((r) => setTimeout(r, 500));
		for (const [name, trigger] of Object.entries(triggers)) assert.equal((await n8n.executions(trigger.id)).length, before[name], `${name}: a forged delivery started a run`);
		return statuses;
	}

	// --- the two phases ----------------------------------------------------------------------

	before(async () => {
		let started = Date.now();
		const tarball = packRelease(PREVIOUS_RELEASE.commit);
		timings.packPrevious = Date.now() - started;
		sims = await startSimulators();
		// A pending VoxStack task with a webhook of its own, for the trigger to attach to.
		pendingTask = (await (await fetch(`${sims.voxstack.url}/api/v1/tasks`, {
			method: 'POST',
			headers: { authorization: `Bearer ${Object.keys(require('../simulators/voxstack/server').DEFAULT_KEYS)[0]}`, 'content-type': 'application/json' },
			body: JSON.stringify({ agent_id: sims.voxstack.data().agents[0].id, name: 'attach me', to_number: '+15550002222', webhook_url: 'https://crm.example.com/old', webhook_events: ['call_failed'] }),
		})).json()).data;
		started = Date.now();
		n8n = await startN8n({ tarball });
		timings.startPrevious = Date.now() - started;
		({ userFolder, port } = n8n.process);
		credentials = await createSandboxCredentials(n8n, sims);
	});

	after(async () => {
		await n8n?.stop();
		await sims?.close();
	});

	it(`the previous release (${PREVIOUS_RELEASE.version}) runs every trigger and the actions`, async () => {
		assert.equal(n8n.packageInfo.version, PREVIOUS_RELEASE.version);
		for (const [name, trigger] of Object.entries(triggerWorkflows())) {
			const id = await n8n.createWorkflow({ name: `Upgrade ${trigger.node.name}`, nodes: [trigger.node], connections: {} });
			triggers[name] = { ...trigger, id, url: `${n8n.baseUrl}/webhook/${trigger.node.webhookId}/${trigger.path}` };
		}
		for (const [name, trigger] of Object.entries(triggers)) assert.equal((await n8n.activate(trigger.id)).status, 'published', name);
		for (const entry of actionWorkflows()) {
			const id = await n8n.createWorkflow(entry.workflow);
			assert.equal((await n8n.activate(id)).status, 'published', entry.path);
			actions.push({ ...entry, id });
		}
		phases.before.registrations = registrations();
		const { convo, timely, raia, voxstackPendingTask } = phases.before.registrations;
		assert.deepEqual([convo.length, timely.length, raia.length], [1, 1, 1], JSON.stringify(phases.before.registrations));
		assert.match(voxstackPendingTask.webhook_url, /\?token=[0-9a-f]{64}$/);
		Object.assign(phases.before, await runPhase());
		phases.before.forged = await forgedDeliveries();
		console.log(`# ${PREVIOUS_RELEASE.version}: ${actions.length} action workflows and ${Object.keys(triggers).length} triggers ran in ${phases.before.ms} ms`);
	});

	it(`after replacing it with ${PACKAGE.version} and restarting, n8n runs this build's nodes with every trigger active`, async () => {
		await n8n.stop();
		let started = Date.now();
		const tarball = packPackage();
		timings.packCurrent = Date.now() - started;
		started = Date.now();
		// Same user folder (database, stored credentials), same port (the URLs providers call).
		n8n = await startN8n({ tarball, userFolder, port });
		assert.equal(n8n.packageInfo.version, PACKAGE.version);
		for (const [name, trigger] of Object.entries(triggers)) {
			await waitFor(`${name} trigger active again`, async () => {
				if (n8n.version.startsWith('1.')) return (await n8n.api('GET', `/workflows/${trigger.id}`)).active;
				return (await n8n.publicationStatus(trigger.id)).status === 'published';
			}, 60_000);
		}
		timings.restartCurrent = Date.now() - started;
		const ours = Object.fromEntries((await n8n.rest('GET', '/types/nodes.json')).filter((t) => t.name.startsWith(`${PACKAGE.name}.`) && !t.name.endsWith('Tool')).map((t) => [t.name, t.version]));
		const loaded = {};
		for (const [name, version] of Object.entries(ours)) loaded[name] = [...new Set([loaded[name] ?? [], version].flat())].sort((a, b) => a - b);
		assert.deepEqual(loaded, currentNodeVersions());
	});

	it('no trigger is registered twice at a provider, and each keeps its registration', () => {
		assert.deepEqual(registrations(), phases.before.registrations);
	});

	it('no credential needs re-entering: every stored one still tests OK', async () => {
		for (const [type, { id }] of Object.entries(credentials)) {
			if (type === 'openAiApi') continue;
			assert.deepEqual(await n8n.testCredential(id), { status: 'OK', message: 'Connection successful!' }, type);
		}
	});

	it('every workflow gives the same results and every trigger receives the same deliveries', async () => {
		Object.assign(phases.after, await runPhase());
		assertKeeps(phases.after.results, phases.before.results, 'action workflow results');
		assertKeeps(phases.after.deliveries, phases.before.deliveries, 'trigger runs');
		assert.deepEqual(registrations(), phases.before.registrations, 'running the workflows registered nothing new');
	});

	it('every trigger still rejects unauthenticated deliveries', async () => {
		const statuses = await forgedDeliveries();
		assert.deepEqual(statuses, phases.before.forged);
		for (const [name, codes] of Object.entries(statuses)) assert.deepEqual(codes, [401, 401], name);
	});

	it("re-activating every trigger after the upgrade (as saving an edited workflow does) reuses the previous release's registrations", async () => {
		// n8n does not re-register webhooks at start-up, so the first code of this build to read what
		// the previous release stored is the next deactivation and activation.
		const started = Date.now();
		const task = () => sims.voxstack.data().tasks.find((t) => t.id === pendingTask.id);
		for (const [name, trigger] of Object.entries(triggers)) {
			await n8n.deactivate(trigger.id);
			// VoxStack restores the task it attached, from the attachment the previous release stored.
			if (name === 'voxstack') await waitFor('the pending task restored', () => task().webhook_url === 'https://crm.example.com/old', 10_000);
			assert.equal((await n8n.activate(trigger.id)).status, 'published', name);
		}
		const now = registrations();
		const before = phases.before.registrations;
		// Convo and raia cannot delete a webhook: the same one must be reused, secret and all.
		assert.deepEqual(now.convo, before.convo);
		assert.deepEqual(now.raia, before.raia);
		// Timely AI and VoxStack replace their own entry: still exactly one, at the same URL.
		assert.deepEqual(now.timely.map((w) => w.url), before.timely.map((w) => w.url));
		assert.deepEqual(now.voxstackPendingTask, before.voxstackPendingTask);
		phases.reactivated = await runPhase();
		timings.reactivate = Date.now() - started;
		assertKeeps(phases.reactivated.deliveries, phases.before.deliveries, 'trigger runs after re-activation');
		assert.deepEqual(await forgedDeliveries(), phases.before.forged);
		console.log(`# upgrade timings: pack ${PREVIOUS_RELEASE.version} ${timings.packPrevious} ms, start n8n with it ${timings.startPrevious} ms, run before ${phases.before.ms} ms; pack current ${timings.packCurrent} ms, restart with it until every trigger is active ${timings.restartCurrent} ms, run after ${phases.after.ms} ms, re-activate every trigger and run again ${timings.reactivate} ms (n8n ${n8n.version})`);
	});
});
