'use strict';
// The package in n8n's queue mode (test/queue/topology.js: Postgres, Redis, a main, two workers
// and a webhook processor behind a load balancer), one topology for the whole suite. Triggers
// are activated by the main and verified by the webhook processor from what the main stored;
// actions run on the workers, binary data crosses processes through the database.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { after, before, describe, it } = require('node:test');

const { DEFAULT_KEYS: TIMELY_KEYS } = require('../simulators/timely/server');
const { startSimulators, createSandboxCredentials } = require('../e2e/sandbox');
const { node, triggerOnly, webhookChain } = require('../e2e/workflows');
const { startQueueTopology } = require('./topology');

const CHURN_CYCLES = 10;
const PROVIDERS = ['convo', 'velents', 'voxstack', 'timely', 'raia'];
const rl = (value) => ({ __rl: true, mode: 'id', value });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const post = (url, body, headers = {}) =>
	fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('queue mode: main + 2 workers + webhook processor on Postgres and Redis', { timeout: 1_200_000 }, () => {
	let topology;
	let n8n;
	let sims;
	let creds;
	const triggers = {};
	const tally = { accepted: 0, rejected: 0 };
	const started = Date.now();

	before(async () => {
		sims = await startSimulators();
		topology = await startQueueTopology({ settleCrashes: true });
		n8n = topology.n8n;
		creds = await createSandboxCredentials(n8n, sims);
		console.log(`# topology up in ${Math.round((Date.now() - started) / 1000)} s: main ${n8n.baseUrl}, webhook processor ${topology.webhook.baseUrl}, ${topology.workers.length} workers, load balancer (WEBHOOK_URL) ${n8n.webhookUrl}`);
	});

	after(async () => {
		await topology?.stop();
		await sims?.close();
		console.log(`# queue suite wall time ${Math.round((Date.now() - started) / 1000)} s`);
	});

	const use = (type) => ({ [type]: creds[type] });
	/** The production URL a trigger registers: the load balancer, i.e. WEBHOOK_URL. */
	const hookUrl = (name) => `${n8n.webhookUrl}/webhook/${triggers[name].webhookId}/${triggers[name].path}`;
	const callWebhook = (path, body) => post(`${n8n.webhookUrl}/webhook/${path}`, body ?? {});

	async function successfulRuns(workflowId, count) {
		return await n8n.waitFor(`${count} successful executions of ${workflowId}`, async () => {
			const done = (await n8n.executions(workflowId)).filter((e) => e.status === 'success');
			return done.length >= count ? done : undefined;
		}, 60_000);
	}

	/** Every execution was finished by a worker (from the workers' logs); returns their indexes. */
	async function assertRanOnWorkers(executions) {
		const owners = await n8n.waitFor('the workers to log the executions', async () => {
			const ranOn = topology.ranOn();
			return executions.every((e) => ranOn[e.id] !== undefined) ? ranOn : undefined;
		}, 10_000);
		return executions.map((e) => owners[e.id]);
	}

	/** The items a Respond to Webhook answered with; on a failed run, says why. */
	async function answered(workflowId, res) {
		const body = await res.json();
		if (res.status !== 200 || !Array.isArray(body)) {
			const [last] = await n8n.executions(workflowId);
			assert.fail(`${res.status} ${JSON.stringify(body)}: ${JSON.stringify(last?.data?.resultData?.error ?? last?.status)}`);
		}
		return body;
	}

	/** The item a trigger execution started with. */
	const eventOf = (run, nodeName) => run.data.resultData.runData[nodeName][0].data.main[0][0].json;

	/** What each provider holds for the production triggers right now. */
	function registrations() {
		return {
			convo: sims.convo.workspaces()['ws-a'].integrations.filter((i) => i.url === hookUrl('convo')).length,
			velents: 0, // nothing to register: the link travels with each dispatch
			voxstack: String(triggers.task.webhook_url ?? '').startsWith(hookUrl('voxstack')) ? 1 : 0,
			timely: triggers.timelyAgent.webhooks.filter((w) => w.url === hookUrl('timely')).length,
			raia: sims.raia.agent().webhooks.filter((w) => w.url === hookUrl('raia')).length,
		};
	}

	/** The provider's deliveries to our load balancer: accepted ones must be a clean 200. */
	function deliveriesTo(sim, prefix) {
		return sim.state.deliveries.filter((d) => d.url.startsWith(prefix));
	}

	it('every trigger, activated through the main\'s public API, registers exactly once at WEBHOOK_URL', async () => {
		const task = { id: crypto.randomUUID(), agent_id: sims.voxstack.data().agents[0].id, name: 'queue attach', to_number: '+15550001234', status: 'pending', webhook_url: null, webhook_events: [] };
		sims.voxstack.data().tasks.push(task);
		const timelyAgent = sims.timely.data().agents[0];
		timelyAgent.webhooks = [{ url: 'https://crm.example.com/hook', events: ['message.received'], headers: null, is_active: true }];
		Object.assign(triggers, { task, timelyAgent });
		const specs = {
			convo: ['convoTrigger', { events: ['lead.created'], customEvents: '' }, 'convoApi'],
			velents: ['velentsTrigger', { events: ['onStarted', 'onEnded'], platformAuthorization: '' }, 'velentsAgentApi'],
			voxstack: ['voxStackTrigger', { events: ['call_completed'], attachTaskIds: [task.id] }, 'voxStackApi'],
			timely: ['timelyAiTrigger', { agentId: rl(timelyAgent.id), events: ['message.received'], customEvents: '' }, 'timelyAiApi'],
			raia: ['raiaTrigger', { triggerCondition: 'each_message' }, 'raiaAgentApi'],
		};
		for (const [name, [type, parameters, credential]] of Object.entries(specs)) {
			const { workflow, webhookId } = triggerOnly(`${name} queue trigger`, n8n.type(type), parameters, use(credential));
			triggers[name] = { id: await n8n.createWorkflow(workflow), webhookId, nodeName: workflow.nodes[0].name, path: type === 'voxStackTrigger' ? 'voxstack' : 'webhook', type, parameters, credential };
			const status = await n8n.activate(triggers[name].id);
			assert.equal(status.status, 'published', `${name}: ${JSON.stringify(status)}`);
		}
		assert.deepEqual(registrations(), { convo: 1, velents: 0, voxstack: 1, timely: 1, raia: 1 });
		assert.ok(hookUrl('convo').startsWith(`${n8n.webhookUrl}/webhook/`));
		// The main takes no production webhooks: only the webhook processor can.
		assert.equal((await post(`${n8n.baseUrl}/webhook/${triggers.convo.webhookId}/webhook`, {})).status, 404);
	});

	it('Convo: a file uploaded to a Webhook on the webhook processor reaches Convo byte-identical from a worker; lead.created runs the trigger on a worker', async () => {
		const id = await n8n.createWorkflow(webhookChain('queue convo upload', 'queue-convo-upload', [
			node('Upload', n8n.type('convo'), { resource: 'knowledge', operation: 'upload', binaryPropertyName: 'file', fileName: '' }, { credentials: use('convoApi') }),
			node('Lead', n8n.type('convo'), { resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '={{ JSON.stringify({ name: $("Webhook").item.json.body.name }) }}', source: 'queue-e2e' }, { credentials: use('convoApi') }),
		]));
		assert.equal((await n8n.activate(id)).status, 'published');
		// Not valid UTF-8 on purpose: any re-encoding on the way would change the bytes.
		const file = Buffer.concat([Buffer.from('# FAQ\n'), crypto.randomBytes(64 * 1024)]);
		const form = new FormData();
		form.append('name', 'Queue Lead');
		form.append('file', new Blob([file], { type: 'text/markdown' }), 'faq.md');
		const res = await fetch(`${n8n.webhookUrl}/webhook/queue-convo-upload`, { method: 'POST', body: form });
		assert.equal(res.status, 200, await res.clone().text());
		const [lead] = await res.json();
		assert.deepEqual(lead.fields, { name: 'Queue Lead' });
		const job = sims.convo.workspaces()['ws-a'].jobs.at(-1);
		assert.equal(job.size, file.length);
		assert.equal(job.sha256, crypto.createHash('sha256').update(file).digest('hex'));
		assert.equal(job.fileName, 'faq.md');
		const [action] = await successfulRuns(id, 1);
		const [trigger] = await successfulRuns(triggers.convo.id, 1);
		assert.equal(eventOf(trigger, triggers.convo.nodeName).data.id, lead.id);
		const workers = await assertRanOnWorkers([action, trigger]);
		console.log(`# convo: ${file.length}-byte upload byte-identical at Convo (sha256), action on worker ${workers[0]}, trigger on worker ${workers[1]}`);
	});

	it('Velents: a dispatch from a worker plays back to the trigger through the webhook processor', async () => {
		const id = await n8n.createWorkflow(webhookChain('queue velents dispatch', 'queue-velents-dispatch', [
			node('Dispatch', n8n.type('velents'), { authentication: 'velentsAgentApi', resource: 'conversation', operation: 'dispatch', channel: 3, phone: '={{ $json.body.phone }}', valuesMode: 'json', valuesJson: '{"order_id":"42"}', webhook: { link: '={{ $json.body.link }}' } }, { credentials: use('velentsAgentApi') }),
		]));
		await n8n.activate(id);
		const [started] = await answered(id, await callWebhook('queue-velents-dispatch', { phone: '+966500000001', link: hookUrl('velents') }));
		assert.equal(started.status, 'queued');
		const runs = await successfulRuns(triggers.velents.id, 2);
		const events = runs.sort((a, b) => Number(a.id) - Number(b.id)).map((e) => eventOf(e, triggers.velents.nodeName));
		assert.deepEqual(events.map((e) => e.eventType), ['onStarted', 'onEnded']);
		assert.ok(events.every((e) => e.conversationId === started.conversation_id));
		await assertRanOnWorkers([...runs, ...(await successfulRuns(id, 1))]);
	});

	it('VoxStack: Create Task + Execute on a worker; call events to the trigger; the recording comes back as binary through the webhook processor', async () => {
		const agentId = sims.voxstack.data().agents[0].id;
		const id = await n8n.createWorkflow(webhookChain('queue voxstack call', 'queue-voxstack-call', [
			node('Create Task', n8n.type('voxStack'), { resource: 'task', operation: 'create', agentId: rl(agentId), name: 'Queue call', toNumber: '={{ $json.body.phone }}', additionalFields: { webhook_url: '={{ $json.body.hook }}', webhook_events: ['call_started', 'call_completed'] } }, { credentials: use('voxStackApi') }),
			node('Execute', n8n.type('voxStack'), { resource: 'task', operation: 'execute', taskId: rl('={{ $json.id }}') }, { credentials: use('voxStackApi') }),
		]));
		await n8n.activate(id);
		const [call] = await answered(id, await callWebhook('queue-voxstack-call', { phone: '+14155550123', hook: hookUrl('voxstack') }));
		assert.equal(call.message, 'Call initiated');
		const [completed] = await successfulRuns(triggers.voxstack.id, 1);
		const event = eventOf(completed, triggers.voxstack.nodeName);
		assert.equal(event.event_type, 'call_completed');
		assert.equal(event.call_id, call.call_id);

		const download = await n8n.createWorkflow(webhookChain('queue voxstack recording', 'queue-voxstack-recording', [
			node('Download', n8n.type('voxStack'), { resource: 'call', operation: 'downloadRecording', callId: rl('={{ $json.body.callId }}'), binaryPropertyName: 'data' }, { credentials: use('voxStackApi') }),
		], 'binary'));
		await n8n.activate(download);
		const res = await callWebhook('queue-voxstack-recording', { callId: call.call_id });
		assert.equal(res.status, 200);
		assert.equal(res.headers.get('content-type'), 'audio/wav');
		const bytes = Buffer.from(await res.arrayBuffer());
		assert.ok(bytes.equals(sims.voxstack.recording), 'the recording must arrive byte-identical');
		const workers = await assertRanOnWorkers([completed, ...(await successfulRuns(id, 1)), ...(await successfulRuns(download, 1))]);
		console.log(`# voxstack: ${bytes.length}-byte recording byte-identical through worker ${workers[2]} → database → webhook processor`);
	});

	it('Timely AI: Converse on a worker; message.received runs the trigger on a worker', async () => {
		const id = await n8n.createWorkflow(webhookChain('queue timely converse', 'queue-timely-converse', [
			node('Converse', n8n.type('timelyAi'), { resource: 'agent', operation: 'converse', agentId: rl(triggers.timelyAgent.id), message: '={{ $json.body.message }}' }, { credentials: use('timelyAiApi') }),
		]));
		await n8n.activate(id);
		const [reply] = await answered(id, await callWebhook('queue-timely-converse', { message: 'Preciso de ajuda' }));
		const [run] = await successfulRuns(triggers.timely.id, 1);
		assert.equal(eventOf(run, triggers.timely.nodeName).data.conversation_id, reply.conversation_id);
		await assertRanOnWorkers([run, ...(await successfulRuns(id, 1))]);
	});

	it('raia: a message sent from a worker comes back as each_message and runs the trigger on a worker', async () => {
		const id = await n8n.createWorkflow(webhookChain('queue raia chat', 'queue-raia-chat', [
			node('User', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'user', operation: 'create', firstName: 'Ana', lastName: 'Lima', additionalFields: { email: 'ana@example.com' } }, { credentials: use('raiaAgentApi') }),
			node('Conversation', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'conversation', operation: 'create', conversationUserId: '={{ $json.id }}' }, { credentials: use('raiaAgentApi') }),
			node('Send', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'message', operation: 'send', conversationId: rl('={{ $json.id }}'), message: '={{ $("Webhook").item.json.body.message }}' }, { credentials: use('raiaAgentApi') }),
		]));
		await n8n.activate(id);
		const [answer] = await answered(id, await callWebhook('queue-raia-chat', { message: 'Where is my order?' }));
		const [run] = await successfulRuns(triggers.raia.id, 1);
		const item = eventOf(run, triggers.raia.nodeName);
		assert.equal(item.conversationId, answer.conversationId);
		assert.equal(item.message.text, 'Where is my order?');
		await assertRanOnWorkers([run, ...(await successfulRuns(id, 1))]);
	});

	it('every accepted delivery was taken by the webhook processor and answered with a clean 200', async () => {
		const bodies = [];
		for (const name of PROVIDERS) {
			for (const d of deliveriesTo(sims[name], `${n8n.webhookUrl}/webhook/`)) {
				assert.equal(d.status, 200, `${name}: ${d.status} ${d.body}`);
				bodies.push(d.body);
			}
		}
		// Deliveries that started a run answer an empty body; unselected events say so.
		assert.ok(bodies.every((b) => b === '' || JSON.parse(b).received === true), bodies.join(' | '));
		assert.ok(!bodies.includes('firstEntryJson'));
		tally.accepted = bodies.length;
		const runs = [];
		for (const name of PROVIDERS) runs.push(...(await n8n.executions(triggers[name].id)));
		const workers = await assertRanOnWorkers(runs);
		assert.ok(topology.lb.counts.webhook >= bodies.length);
		console.log(`# deliveries: ${bodies.length} accepted by the webhook processor (${bodies.filter((b) => b === '').length} started runs, empty 200; ${bodies.filter((b) => b !== '').length} unselected events); ${workers.length} trigger runs, all on workers`);
	});

	it('forged, stale and unauthenticated deliveries get 401 from the webhook processor and start nothing', async () => {
		const before = {};
		for (const name of PROVIDERS) before[name] = (await n8n.executions(triggers[name].id)).length;
		const viaLb = topology.lb.counts.webhook;
		const now = Math.floor(Date.now() / 1000);
		const convoSecret = sims.convo.workspaces()['ws-a'].integrations.find((i) => i.url === hookUrl('convo')).signingSecret;
		const sign = (secret, unix, body) => crypto.createHmac('sha256', secret).update(`${unix}.${body}`).digest('hex');
		const event = JSON.stringify({ id: 'e', event: 'lead.created', data: {} });
		const cases = [
			['convo forged', () => post(hookUrl('convo'), event, { 'X-Convo-Signature': `t=${now},v1=${sign('wh_forged', now, event)}` })],
			['convo stale', () => post(hookUrl('convo'), event, { 'X-Convo-Signature': `t=${now - 400},v1=${sign(convoSecret, now - 400, event)}` })],
			['convo unsigned', () => post(hookUrl('convo'), event)],
			['velents no secret', () => post(hookUrl('velents'), { event: { type: 'onEnded' } })],
			['velents wrong secret', () => post(hookUrl('velents'), { event: { type: 'onEnded' } }, { 'X-Webhook-Secret': 'guess' })],
			['voxstack no token', () => post(hookUrl('voxstack'), { event_type: 'call_completed' })],
			['voxstack wrong token', () => post(`${hookUrl('voxstack')}?token=${'0'.repeat(64)}`, { event_type: 'call_completed' })],
			['timely no secret', () => post(hookUrl('timely'), { event: 'message.received' })],
			['timely wrong secret', () => post(hookUrl('timely'), { event: 'message.received' }, { 'X-Webhook-Secret': 'guess' })],
			['raia no secret', () => post(hookUrl('raia'), { conversationId: 'c' })],
			['raia wrong secret', () => post(hookUrl('raia'), { conversationId: 'c' }, { 'X-Webhook-Secret': 'guess' })],
		];
		for (const [label, send] of cases) assert.equal((await send()).status, 401, label);
		assert.equal(topology.lb.counts.webhook - viaLb, cases.length, 'all of them went to the webhook processor');
		await sleep(1500);
		for (const name of PROVIDERS) assert.equal((await n8n.executions(triggers[name].id)).length, before[name], `${name} must not have run`);
		tally.rejected = cases.length;
		console.log(`# forged: ${cases.length} deliveries → 401 from the webhook processor, 0 executions`);
	});

	it(`${CHURN_CYCLES} deactivate/activate cycles end with the same registrations as in single-process mode`, async () => {
		for (let cycle = 0; cycle < CHURN_CYCLES; cycle++) {
			for (const name of PROVIDERS) await n8n.deactivate(triggers[name].id);
			for (const name of PROVIDERS) assert.equal((await n8n.activate(triggers[name].id)).status, 'published', `${name} cycle ${cycle}`);
			assert.deepEqual(registrations(), { convo: 1, velents: 0, voxstack: 1, timely: 1, raia: 1 }, `active, cycle ${cycle}`);
		}
		for (const name of PROVIDERS) await n8n.deactivate(triggers[name].id);
		// As test/e2e/reliability.e2e.js: Convo and raia cannot delete, one kept and reused.
		assert.deepEqual(registrations(), { convo: 1, velents: 0, voxstack: 0, timely: 0, raia: 1 });
		assert.equal(triggers.timelyAgent.webhooks.length, 1, 'the foreign Timely entry survives');
		assert.equal(sims.convo.workspaces()['ws-a'].integrations.length, 1);
		assert.equal(sims.raia.agent().webhooks.length, 1);
		console.log(`# churn: ${CHURN_CYCLES} cycles × 5 triggers; registrations after: convo 1, velents 0, voxstack 0, timely 0, raia 1 (= single-process)`);
	});

	it('the editor\'s calls on the main: credential test and every node\'s list-search pickers', async () => {
		for (const [type, { id }] of Object.entries(creds)) assert.equal((await n8n.testCredential(id)).status, 'OK', type);
		// Something for every picker to list: Timely contacts and a lead.
		await post(`${sims.timely.url}/_sim/seed`, { contacts: 3 });
		await post(`${sims.timely.url}/v1/leads`, { customer_name: 'Queue Lead' }, { 'x-api-key': Object.keys(TIMELY_KEYS)[0] });
		const types = await n8n.rest('GET', '/types/nodes.json');
		const ours = types.filter((t) => t.name.startsWith(n8n.type('')) && !t.name.endsWith('Tool'));
		const pickers = [];
		for (const type of ours) {
			for (const property of type.properties) {
				for (const mode of property.modes ?? []) {
					const method = mode.typeOptions?.searchListMethod;
					if (method && !pickers.some((p) => p.type === type && p.method === method)) pickers.push({ type, method, property: property.name });
				}
			}
		}
		const credentialFor = (type) => {
			const names = (type.credentials ?? []).map((c) => c.name);
			return names.includes('raiaAgentApi') ? 'raiaAgentApi' : names.includes('velentsAgentApi') ? 'velentsAgentApi' : names[0];
		};
		const counts = [];
		const needParent = [];
		for (const { type, method, property } of pickers) {
			const credential = credentialFor(type);
			const version = Array.isArray(type.version) ? Math.max(...type.version) : type.version;
			const result = await n8n.rest('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
				path: `parameters.${property}`,
				nodeTypeAndVersion: { name: type.name, version },
				currentNodeParameters: { authentication: credential },
				methodName: method,
				credentials: { [credential]: creds[credential] },
			}).catch((error) => {
				// Pickers that list a parent's records (a conversation's messages, an agent's
				// trainings) answer with the node's own clear message until the parent is chosen;
				// their listing is unit-tested through n8n-core's LoadOptionsContext.
				if (/^Choose the .+ first/.test(error.data?.message ?? '')) return { parent: error.data.message };
				throw error;
			});
			if (result.parent) {
				needParent.push(`${type.name.split('.').pop()}.${method}`);
				continue;
			}
			// Every picker answers through the main; those whose records the sandbox holds list them.
			assert.ok(Array.isArray(result.data.results), `${type.name}.${method}: ${JSON.stringify(result.data)}`);
			counts.push(`${type.name.split('.').pop()}.${method} ${result.data.results.length}`);
		}
		const listing = counts.filter((c) => !c.endsWith(' 0'));
		assert.ok(listing.length >= 13, `only ${listing.length} pickers listed records: ${counts.join(', ')}`);
		console.log(`# editor on the main: ${Object.keys(creds).length} credential tests OK; ${counts.length} list searches: ${counts.join(', ')}; ${needParent.length} ask for their parent first: ${needParent.join(', ')}`);
	});

	describe('each trigger\'s test URL ("Listen for test event") on the main', () => {
		const testUrl = (webhookId, path) => `${n8n.webhookUrl}/webhook-test/${webhookId}/${path}`;

		/** Saves a trigger-only workflow and asks the main to listen, as the editor's button does. */
		async function listen(name, parameters) {
			const { type, credential, path } = triggers[name];
			const { workflow, webhookId } = triggerOnly(`${name} listen`, n8n.type(type), parameters ?? triggers[name].parameters, use(credential));
			const id = await n8n.createWorkflow(workflow);
			const answer = (await n8n.rest('POST', `/rest/workflows/${id}/run`, { triggerToStartFrom: { name: workflow.nodes[0].name } })).data;
			assert.deepEqual(answer, { waitingForWebhook: true });
			return { id, url: testUrl(webhookId, path), nodeName: workflow.nodes[0].name };
		}

		async function oneManualRun(listening) {
			const runs = await n8n.waitFor('the test execution', async () => {
				const all = await n8n.executions(listening.id);
				return all.some((e) => e.status === 'success') ? all : undefined;
			}, 30_000);
			assert.equal(runs.length, 1);
			assert.equal(runs[0].mode, 'manual');
			// Test runs stay on the main (n8n offloads them only with OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS).
			assert.equal(topology.ranOn()[runs[0].id], undefined);
			// The listener is gone after one event: a second delivery finds nothing.
			await n8n.waitFor('the test webhook to be removed', async () => (await post(listening.url, '{}')).status === 404, 10_000);
			return runs[0];
		}

		it('Convo: subscribes the test URL, runs one signed event, stops listening (the subscription stays: Convo cannot delete)', async () => {
			const listening = await listen('convo');
			const integration = sims.convo.workspaces()['ws-a'].integrations.find((i) => i.url === listening.url);
			assert.ok(integration, 'subscribed with the test URL');
			const [result] = (await (await post(`${sims.convo.url}/_sim/emit`, { event: 'lead.created', data: { id: 'listen-1' } })).json()).results.filter((r) => r.url === listening.url);
			assert.equal(result.status, 200);
			const run = await oneManualRun(listening);
			assert.equal(eventOf(run, listening.nodeName).data.id, 'listen-1');
			assert.equal(sims.convo.workspaces()['ws-a'].integrations.filter((i) => i.url === listening.url).length, 1);
		});

		it('Velents: the test URL as a dispatch link takes one authenticated event', async () => {
			const listening = await listen('velents', { events: ['onStarted'], platformAuthorization: '' });
			const [started] = await (await callWebhook('queue-velents-dispatch', { phone: '+966500000002', link: listening.url })).json();
			const run = await oneManualRun(listening);
			assert.equal(eventOf(run, listening.nodeName).conversationId, started.conversation_id);
		});

		it('VoxStack: attaches to a pending task, takes one call event, restores the task', async () => {
			const pending = { id: crypto.randomUUID(), agent_id: sims.voxstack.data().agents[0].id, name: 'listen attach', to_number: '+15550009999', status: 'pending', webhook_url: 'https://crm.example.com/old', webhook_events: ['call_failed'] };
			sims.voxstack.data().tasks.push(pending);
			const listening = await listen('voxstack', { events: ['call_started'], attachTaskIds: [pending.id] });
			assert.ok(pending.webhook_url.startsWith(`${listening.url}?token=`), 'attached with the test URL');
			// Another task pointed at the test URL (the node adds the token) makes the call.
			const [call] = await (await callWebhook('queue-voxstack-call', { phone: '+14155550100', hook: listening.url })).json();
			const run = await oneManualRun(listening);
			assert.equal(eventOf(run, listening.nodeName).call_id, call.call_id);
			await n8n.waitFor('the pending task restored', () => pending.webhook_url === 'https://crm.example.com/old', 10_000);
		});

		it('Timely AI: adds its entry, takes one event, removes the entry again', async () => {
			const listening = await listen('timely');
			assert.equal(triggers.timelyAgent.webhooks.filter((w) => w.url === listening.url).length, 1);
			await post(`${sims.timely.url}/_sim/emit`, { event: 'message.received', agentId: triggers.timelyAgent.id, data: { conversation_id: 'listen-t' } });
			const run = await oneManualRun(listening);
			assert.equal(eventOf(run, listening.nodeName).data.conversation_id, 'listen-t');
			await n8n.waitFor('the test entry removed', () => triggers.timelyAgent.webhooks.every((w) => w.url !== listening.url), 10_000);
			assert.equal(triggers.timelyAgent.webhooks.length, 1, 'only the foreign entry is left');
		});

		it('raia: creates a webhook for the test URL and takes one each_message call (the webhook stays: raia cannot delete)', async () => {
			const listening = await listen('raia');
			assert.equal(sims.raia.agent().webhooks.filter((w) => w.url === listening.url).length, 1);
			const results = (await (await post(`${sims.raia.url}/_sim/fire`, { condition: 'each_message', payload: { conversationId: 'listen-r', message: { text: 'hi' } } })).json()).results;
			assert.equal(results.find((r) => r.url === listening.url).status, 200);
			const run = await oneManualRun(listening);
			assert.equal(eventOf(run, listening.nodeName).conversationId, 'listen-r');
			console.log(`# test URLs: 5 triggers registered, took one event each and stopped listening; left behind by design: Convo ${sims.convo.workspaces()['ws-a'].integrations.length - 1} and raia ${sims.raia.agent().webhooks.length - 1} test subscriptions (no delete API)`);
		});
	});

	it('a worker killed mid-run: its in-flight executions fail as stalled and are never retried, so no POST reaches the provider twice', async () => {
		const id = await n8n.createWorkflow({
			name: 'queue kill',
			nodes: [
				node('Webhook', 'n8n-nodes-base.webhook', { httpMethod: 'POST', path: 'queue-kill', options: {} }, { typeVersion: 2.1, webhookId: crypto.randomUUID() }),
				node('Lead', n8n.type('convo'), { resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '={{ JSON.stringify({ name: $json.body.name }) }}', source: 'queue-kill' }, { credentials: use('convoApi') }),
			],
			connections: { Webhook: { main: [[{ node: 'Lead', type: 'main', index: 0 }]] } },
		});
		await n8n.activate(id);
		const leadPosts = () => sims.convo.state.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/leads');
		const postsBefore = leadPosts().length;
		// Convo answers slowly, so every execution is inside its POST when the worker dies.
		await post(`${sims.convo.url}/_sim/config`, { latencyMs: 6000 });
		const names = Array.from({ length: 8 }, (_, i) => `kill-${i}`);
		for (const name of names) assert.equal((await callWebhook('queue-kill', { name })).status, 200);
		await n8n.waitFor('all POSTs in flight', () => leadPosts().length - postsBefore === names.length, 30_000);
		const executions = await n8n.executions(id);
		const onWorker = topology.workers.map((_, i) => executions.filter((e) => topology.startedOn(i).includes(String(e.id))).map((e) => e.id));
		const victim = onWorker[0].length >= onWorker[1].length ? 0 : 1;
		const killedAt = Date.now();
		topology.workers[victim].kill('SIGKILL');
		const inFlight = onWorker[victim];
		assert.ok(inFlight.length > 0);

		const settled = await n8n.waitFor('every execution to settle', async () => {
			const all = await n8n.executions(id);
			return all.length === names.length && all.every((e) => ['success', 'error', 'crashed'].includes(e.status)) ? all : undefined;
		}, 120_000, 1000);
		const settledAfter = Math.round((Date.now() - killedAt) / 1000);
		await post(`${sims.convo.url}/_sim/config`, { latencyMs: 0 });
		const status = Object.fromEntries(settled.map((e) => [e.id, e.status]));
		// The webhook processor that queued them is told by Bull that the job stalled (the lock
		// expired; n8n allows 0 stalls) and fails the execution instead of queueing it again.
		for (const e of inFlight) {
			assert.equal(status[e], 'error', `execution ${e} was on the killed worker`);
			assert.match(settled.find((x) => x.id === e).data.resultData.error.message, /failed to be processed too many times and will no longer retry/);
		}
		for (const e of onWorker[1 - victim]) assert.equal(status[e], 'success', `execution ${e} was on the surviving worker`);
		// Past another lock period and stalled check: nothing was re-queued or re-sent.
		await sleep(16_000);
		assert.equal(leadPosts().length - postsBefore, names.length, 'each lead was POSTed exactly once');
		const leads = sims.convo.workspaces()['ws-a'].leads.filter((l) => l.source === 'queue-kill');
		assert.deepEqual(leads.map((l) => l.fields.name).sort(), names);
		assert.deepEqual(Object.fromEntries((await n8n.executions(id)).map((e) => [e.id, e.status])), status, 'no execution was resumed or re-run');
		// The survivor keeps working.
		assert.equal((await callWebhook('queue-kill', { name: 'after-kill' })).status, 200);
		const after = await n8n.waitFor('a run after the kill', async () => (await n8n.executions(id)).find((e) => e.status === 'success' && !status[e.id]), 30_000);
		assert.equal((await assertRanOnWorkers([after]))[0], 1 - victim);

		const perWorker = Object.values(topology.ranOn()).reduce((acc, w) => ((acc[w] = (acc[w] ?? 0) + 1), acc), {});
		console.log(`# worker kill: ${inFlight.length} executions in flight on worker ${victim} → status "error" (stalled job, not retried) ${settledAfter} s later; ${onWorker[1 - victim].length} on the other worker succeeded; ${names.length} POSTs for ${names.length} deliveries, each lead created once, the failed runs' included`);
		console.log(`# executions per worker (finished, whole suite): ${Object.entries(perWorker).map(([w, n]) => `worker ${w}: ${n}`).join(', ')}; deliveries accepted ${tally.accepted}, rejected ${tally.rejected}`);
	});
});

// Record Trigger (polling) in queue mode: the main polls, a worker runs the execution, and each
// new record starts exactly one run; with n8n's durable poll cursors on (Postgres), as 2.41 offers.
describe('queue mode: a Record Trigger polls on the main, workers run each batch once', { timeout: 600_000 }, () => {
	let topology;
	let n8n;
	let sims;
	before(async () => {
		sims = await startSimulators();
		topology = await startQueueTopology({
			workers: 1,
			env: { N8N_SCHEDULER_ENABLED: 'true', N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true', N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true', N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true' },
		});
		n8n = topology.n8n;
	});
	after(async () => {
		await topology?.stop();
		await sims?.close();
	});

	it('Convo Record Trigger: three new leads → one execution on the worker with three items, none twice', async () => {
		const creds = await createSandboxCredentials(n8n, sims);
		const poller = node('New Lead', n8n.type('convoRecordTrigger'), { event: 'leadCreated', pollTimes: { item: [{ mode: 'everyMinute' }] } }, { credentials: { convoApi: creds.convoApi } });
		const id = await n8n.createWorkflow({ name: 'queue poller', nodes: [poller], connections: {} });
		assert.equal((await n8n.activate(id)).status, 'published');
		// With durable cursors the first scheduled poll sets the starting point (the activation
		// poll's is not kept when it emits nothing): create the leads after it.
		const leadLists = () => sims.convo.state.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/leads').length;
		const afterActivation = leadLists();
		await n8n.waitFor('the first scheduled poll', async () => (leadLists() > afterActivation ? true : undefined), 150_000);
		const token = Object.keys(require('../simulators/convo/server').DEFAULT_TOKENS)[0];
		const created = [];
		for (const name of ['q1', 'q2', 'q3']) {
			const res = await post(`${sims.convo.url}/api/v1/leads`, { fields: { name } }, { authorization: `Bearer ${token}` });
			created.push((await res.json()).id);
		}
		const [run] = await n8n.waitFor('the poll tick', async () => {
			const done = (await n8n.executions(id)).filter((e) => e.status === 'success');
			return done.length ? done : undefined;
			// The durable scheduler may serve a new poll job on the second tick only.
		}, 160_000);
		const items = Object.values(run.data.resultData.runData)[0][0].data.main[0].map((item) => item.json.id);
		assert.deepEqual(items.sort(), created.sort());
		const owners = await n8n.waitFor('the worker to log the run', async () => (topology.ranOn()[run.id] !== undefined ? topology.ranOn() : undefined), 10_000);
		assert.equal(owners[run.id], 0);
		// The next tick finds nothing new: no second execution.
		await sleep(70_000);
		assert.equal((await n8n.executions(id)).length, 1);
	});
});

// Replay protection across webhook processors: its own topology with two webhook processors
// behind the load balancer (round-robin), so a replay reaches the other processor than the
// original. The delivery memory lives in the trigger's static data in Postgres.
describe('queue mode: a replay that reaches the other webhook processor starts no execution', { timeout: 900_000 }, () => {
	let topology;
	let n8n;
	let sims;
	const triggers = {};

	before(async () => {
		sims = await startSimulators();
		topology = await startQueueTopology({ webhookProcessors: 2 });
		n8n = topology.n8n;
		const creds = await createSandboxCredentials(n8n, sims);
		const timelyAgent = sims.timely.data().agents[0];
		const specs = {
			convo: ['convoTrigger', { events: ['lead.created'], customEvents: '' }, 'convoApi'],
			velents: ['velentsTrigger', { events: ['onEnded'], platformAuthorization: '' }, 'velentsAgentApi'],
			voxstack: ['voxStackTrigger', { events: ['call_completed'], attachTaskIds: [] }, 'voxStackApi'],
			timely: ['timelyAiTrigger', { agentId: rl(timelyAgent.id), events: ['message.received'], customEvents: '' }, 'timelyAiApi'],
			raia: ['raiaTrigger', { triggerCondition: 'each_message' }, 'raiaAgentApi'],
		};
		for (const [name, [type, parameters, credentialType]] of Object.entries(specs)) {
			const { workflow, webhookId } = triggerOnly(`${name} replay`, n8n.type(type), parameters, { [credentialType]: creds[credentialType] });
			const id = await n8n.createWorkflow(workflow);
			assert.equal((await n8n.activate(id)).status, 'published', name);
			triggers[name] = { id, webhookId, url: `${n8n.webhookUrl}/webhook/${webhookId}/${type === 'voxStackTrigger' ? 'voxstack' : 'webhook'}` };
		}
		triggers.timelyAgent = timelyAgent;
		triggers.velentsSecret = require('../e2e/sandbox').sandboxCredentialData(sims).velentsAgentApi.data.webhookSecret;
		triggers.voxKey = Object.keys(require('../simulators/voxstack/server').DEFAULT_KEYS)[0];
	});

	after(async () => {
		await topology?.stop();
		await sims?.close();
	});

	/** One authentic delivery per trigger, as its provider sends it. */
	function authenticDeliveries() {
		const unique = crypto.randomUUID();
		const now = Math.floor(Date.now() / 1000);
		const convoSecret = sims.convo.workspaces()['ws-a'].integrations.find((i) => i.url === triggers.convo.url).signingSecret;
		const timelySecret = triggers.timelyAgent.webhooks.find((w) => w.url === triggers.timely.url).headers['X-Webhook-Secret'];
		const raiaSecret = sims.raia.agent().webhooks.find((w) => w.url === triggers.raia.url).headers['X-Webhook-Secret'];
		const convoBody = JSON.stringify({ id: `evt_${unique}`, event: 'lead.created', workspaceId: 'ws-a', data: { id: unique } });
		const voxToken = crypto.createHmac('sha256', triggers.voxKey).update(`voxstack-trigger:${triggers.voxstack.webhookId.toLowerCase()}`).digest('hex');
		return {
			convo: [triggers.convo.url, convoBody, { 'X-Convo-Signature': `t=${now},v1=${crypto.createHmac('sha256', convoSecret).update(`${now}.${convoBody}`).digest('hex')}` }],
			velents: [triggers.velents.url, JSON.stringify({ event: { type: 'onEnded', about: 'conversation' }, conversation: { id: unique } }), { 'X-Webhook-Secret': triggers.velentsSecret }],
			voxstack: [`${triggers.voxstack.url}?token=${voxToken}`, JSON.stringify({ event_type: 'call_completed', task_id: 't', call_id: unique, status: 'completed', data: {} }), {}],
			timely: [triggers.timely.url, JSON.stringify({ event: 'message.received', agent_id: triggers.timelyAgent.id, timestamp: unique, data: {} }), { 'X-Webhook-Secret': timelySecret }],
			raia: [triggers.raia.url, JSON.stringify({ triggerCondition: 'each_message', conversationId: unique }), { 'X-Webhook-Secret': raiaSecret }],
		};
	}

	it('the first copy runs once on one processor; the replay, taken by the other processor, answers 200 and starts nothing', async () => {
		const processors = () => ({ first: topology.lb.counts.webhook ?? 0, second: topology.lb.counts.webhook2 ?? 0 });
		for (const [name, [url, body, headers]] of Object.entries(authenticDeliveries())) {
			const before = processors();
			assert.equal((await post(url, body, headers)).status, 200, `${name} delivery`);
			const afterFirst = processors();
			// The replay comes once the first copy has run, as a provider's retry does. (A copy that
			// reaches the other processor within the milliseconds before the first copy's static
			// data is saved can also run: the limit docs/security.md states.)
			await n8n.waitFor(`${name}: one execution`, async () => (await n8n.executions(triggers[name].id)).filter((e) => e.status === 'success').length === 1, 60_000);
			assert.equal((await post(url, body, headers)).status, 200, `${name} replay`);
			const afterReplay = processors();
			// Round-robin: the two copies went to different webhook processors.
			const firstTook = afterFirst.first > before.first ? 'first' : 'second';
			const replayTook = afterReplay.first > afterFirst.first ? 'first' : 'second';
			assert.notEqual(firstTook, replayTook, `${name}: both copies reached the same processor`);
		}
		await sleep(3000);
		const counts = {};
		for (const name of PROVIDERS) counts[name] = (await n8n.executions(triggers[name].id)).length;
		assert.deepEqual(counts, { convo: 1, velents: 1, voxstack: 1, timely: 1, raia: 1 });
		console.log(`# queue replay: 5 triggers × (delivery + replay on the other webhook processor) → 1 execution each; load balancer ${JSON.stringify(topology.lb.counts)}`);
	});
});
