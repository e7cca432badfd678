'use strict';
// The sandbox that `npm start`, the examples test and the browser tests share: all five provider
// simulators, one n8n credential per credential type pointing at them, and the example
// workflows from examples/ imported with their placeholders filled in.
const fs = require('node:fs');
const path = require('node:path');

const convo = require('../simulators/convo/server');
const velents = require('../simulators/velents/server');
const voxstack = require('../simulators/voxstack/server');
const timely = require('../simulators/timely/server');
const raia = require('../simulators/raia/server');
const llm = require('../simulators/llm/server');
const { ROOT } = require('./n8n');

const EXAMPLES_DIR = path.join(ROOT, 'examples');
/** Placeholder host in the examples; a user replaces it with their n8n's address. */
const EXAMPLE_HOST = 'https://your-n8n.example.com';
/** The sample each webhook-started example is run with (`npm start` prints them as curl lines). */
const EXAMPLE_REQUESTS = {
	'convo-close-open': {},
	'velents-batch': { rows: [{ phone: '+966500000001', name: 'Sara', order_id: '1212' }, { phone: '+966500000002', name: 'Omar', order_id: '1213' }] },
	'voxstack-call': { phone: '+14155550123', name: 'John' },
	'timely-contact': { name: 'Ana Souza', email: 'ana@example.com', phone: '+5547999990000' },
	'raia-ask': { question: 'Summarise our refund policy' },
	'raia-signup': { firstName: 'Lea', lastName: 'Park', phone: '+14155550199' },
	// TIMELY_CONVERSATION_ID: the sandbox's seeded conversation (see exampleRequest).
	'timely-support-agent': { email: 'joao@example.com', conversationId: 'TIMELY_CONVERSATION_ID', message: 'Quero falar com uma pessoa, please put me through to a human' },
	'voxstack-follow-up': { message: 'Please call me back on +14155550123, this is John' },
};

/** The sample request of a webhook example with the sandbox's IDs filled in. */
function exampleRequest(webhookPath, sims) {
	return JSON.parse(JSON.stringify(EXAMPLE_REQUESTS[webhookPath] ?? {}).replaceAll('TIMELY_CONVERSATION_ID', sims.timely.data().conversations[0].id));
}

const first = (content) => (Array.isArray(content) ? content[0] : content) ?? {};

/**
 * What the scripted model does in the AI-agent examples, keyed by the start of the prompt each
 * example's AI Agent sends; it acts on what the caller wrote, as a real model would.
 */
const EXAMPLE_MODEL_SCRIPTS = {
	'Support request from': [
		{ call: 'Find_Contact', args: (results, said) => ({ search: /from (\S+@\S+)/.exec(said)?.[1] ?? '' }) },
		(results, said) => {
			const [, conversationId, message] = /conversation (\S+)\): ([\s\S]*)$/.exec(said) ?? [];
			if (!/person|human|humano|pessoa|agent/i.test(message ?? '')) return { say: 'Thanks for your message, how can I help?' };
			const contact = first(results[0]?.content);
			return { call: 'Hand_Off_to_a_Person', args: { conversationId, reason: `${contact.customer_name ?? 'The customer'} asked to talk to a person` } };
		},
		{ say: (results) => `A colleague will take over now (${first(results.at(-1).content).status ?? 'handed off'}).` },
	],
	'Follow-up request:': [
		(results, said) => {
			const phone = /\+\d[\d ]{7,}\d/.exec(said)?.[0].replaceAll(' ', '');
			if (!phone) return { say: 'No call was asked for, so I did not place one.' };
			const name = /this is (\w+)|I am (\w+)/i.exec(said)?.slice(1).find(Boolean) ?? 'there';
			return { call: 'Create_Call_Task', args: { taskName: `Follow-up with ${name}`, phone, openingLine: `Hi ${name}, you asked us to call you back.` } };
		},
		{ call: 'Place_the_Call', args: (results) => ({ taskId: first(results[0].content).id }) },
		{ say: (results) => `Calling you now: call ${first(results.at(-1).content).call_id}.` },
	],
};

/** Examples that need n8n 2.x (live transcripts use the WebSocket client of Node.js 22+): on 1.x
 * they are imported but left inactive, marked `inactive`. */
const NEEDS_N8N_2 = new Set(['voxstack-alert-on-cancel.json']);

/** Starts the five simulators; fixed ports when given (npm start), free ones otherwise. */
async function startSimulators(ports = {}) {
	const sims = {
		convo: convo.createConvoSimulator(),
		velents: velents.createVelentsSimulator(),
		voxstack: voxstack.createVoxStackSimulator({ callDurationMs: 1000 }),
		timely: timely.createTimelySimulator(),
		raia: raia.createRaiaSimulator(),
		// The scripted model behind the OpenAI Chat Model of the AI-agent examples and tests.
		llm: llm.createLlmSimulator(),
	};
	for (const [name, sim] of Object.entries(sims)) await sim.listen(ports[name]);
	for (const [when, steps] of Object.entries(EXAMPLE_MODEL_SCRIPTS)) sims.llm.script(when, steps);
	// Not enumerable, so that Object.values(sims) stays the list of simulators.
	Object.defineProperty(sims, 'close', { value: async () => Promise.all(Object.values(sims).map((sim) => sim.close())) });
	return sims;
}

/** The values each credential type needs to reach its simulator. */
function sandboxCredentialData(sims) {
	return {
		convoApi: { name: 'Convo (sandbox)', data: { apiToken: Object.keys(convo.DEFAULT_TOKENS)[0], baseUrl: `${sims.convo.url}/api/v1` } },
		velentsAgentApi: { name: 'Velents Agent.sa (sandbox)', data: { token: Object.keys(velents.DEFAULT_AGENT_TOKENS)[0], baseUrl: sims.velents.url, webhookSecret: 'sandbox-webhook-secret-change-me' } },
		velentsSupportApi: { name: 'Velents Support Center (sandbox)', data: { token: Object.keys(velents.DEFAULT_SUPPORT_TOKENS)[0], baseUrl: sims.velents.url } },
		voxStackApi: { name: 'VoxStack (sandbox)', data: { apiKey: Object.keys(voxstack.DEFAULT_KEYS)[0], baseUrl: sims.voxstack.url } },
		timelyAiApi: { name: 'Timely AI (sandbox)', data: { apiKey: Object.keys(timely.DEFAULT_KEYS)[0], baseUrl: sims.timely.url } },
		raiaAgentApi: { name: 'raia agent (sandbox)', data: { secretKey: Object.keys(raia.DEFAULT_AGENT_KEYS)[0], region: 'custom', baseUrl: sims.raia.url } },
		raiaOrganizationApi: { name: 'raia organization (sandbox)', data: { secretKey: Object.keys(raia.DEFAULT_ORG_KEYS)[0], region: 'custom', baseUrl: sims.raia.url } },
		...(sims.llm ? { openAiApi: { name: 'Scripted model (sandbox)', data: { apiKey: Object.keys(llm.DEFAULT_KEYS)[0], url: `${sims.llm.url}/v1`, header: false } } } : {}),
	};
}

/** Creates every credential in n8n; returns { type: { id, name } } for workflow nodes. */
async function createSandboxCredentials(n8n, sims) {
	const refs = {};
	for (const [type, { name, data }] of Object.entries(sandboxCredentialData(sims))) {
		refs[type] = { id: await n8n.createCredential(name, type, data), name };
	}
	return refs;
}

/** The example workflows as files: [{ file, workflow }]. */
function readExamples() {
	return fs
		.readdirSync(EXAMPLES_DIR)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8')) }));
}

/**
 * Imports every example: the placeholder host becomes this n8n's public webhook URL, agent
 * placeholders become the sandbox's agents, credentials are matched by type. Trigger workflows
 * are activated first so that the workflows pointing at them find them live.
 * Returns [{ file, id, name, webhookPath }].
 */
async function importExamples(n8n, sims, credentials) {
	const fill = (text) =>
		text
			.replaceAll(EXAMPLE_HOST, n8n.webhookUrl)
			.replaceAll('YOUR_VOXSTACK_AGENT_ID', sims.voxstack.data().agents[0].id)
			.replaceAll('YOUR_TIMELY_AGENT_ID', sims.timely.data().agents[0].id)
			.replaceAll('YOUR_RAIA_AGENT_ID', sims.raia.agent().id);
	const imported = [];
	for (const { file, workflow: original } of readExamples()) {
		const workflow = JSON.parse(fill(JSON.stringify(original)));
		for (const node of workflow.nodes) {
			for (const type of Object.keys(node.credentials ?? {})) {
				if (!credentials[type]) throw new Error(`${file}: no sandbox credential of type ${type}`);
				node.credentials[type] = credentials[type];
			}
		}
		const { name, nodes, connections, settings } = workflow;
		const id = await n8n.createWorkflow({ name, nodes, connections, settings });
		const webhook = nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
		imported.push({ file, id, name, webhookPath: webhook?.parameters.path });
	}
	const startedByWebhook = (e) => (e.webhookPath ? 1 : 0);
	for (const example of [...imported].sort((a, b) => startedByWebhook(a) - startedByWebhook(b))) {
		if (NEEDS_N8N_2.has(example.file) && Number(n8n.version.split('.')[0]) < 2) {
			example.inactive = `needs n8n 2.x (this is ${n8n.version})`;
			continue;
		}
		const status = await n8n.activate(example.id);
		if (status && status.status && status.status !== 'published') throw new Error(`${example.file} did not activate: ${JSON.stringify(status)}`);
	}
	return imported;
}

module.exports = { EXAMPLE_HOST, EXAMPLE_REQUESTS, exampleRequest, startSimulators, sandboxCredentialData, createSandboxCredentials, readExamples, importExamples };
