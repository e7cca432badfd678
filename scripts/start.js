'use strict';
// `npm start`: the sandbox (provider simulators) plus a real n8n with this package installed
// from `npm pack`, an owner account, credentials pointing at the sandbox and example
// workflows. Prints the editor URL and login; Ctrl-C stops everything it started.
const { createConvoSimulator, DEFAULT_TOKENS: CONVO_TOKENS } = require('../test/simulators/convo/server');
const { createVelentsSimulator, DEFAULT_AGENT_TOKENS, DEFAULT_SUPPORT_TOKENS } = require('../test/simulators/velents/server');
const { createVoxStackSimulator, DEFAULT_KEYS: VOXSTACK_KEYS } = require('../test/simulators/voxstack/server');
const { createTimelySimulator, DEFAULT_KEYS: TIMELY_KEYS } = require('../test/simulators/timely/server');
const { createRaiaSimulator, DEFAULT_AGENT_KEYS: RAIA_AGENT_KEYS, DEFAULT_ORG_KEYS: RAIA_ORG_KEYS } = require('../test/simulators/raia/server');
const { startN8n } = require('../test/e2e/n8n');
const { node, triggerOnly, webhookChain } = require('../test/e2e/workflows');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SIM_PORTS = {
	convo: Number(process.env.CONVO_SIM_PORT || 5701),
	velents: Number(process.env.VELENTS_SIM_PORT || 5702),
	voxstack: Number(process.env.VOXSTACK_SIM_PORT || 5703),
	timely: Number(process.env.TIMELY_SIM_PORT || 5704),
	raia: Number(process.env.RAIA_SIM_PORT || 5705),
};

async function main() {
	const stoppers = [];
	let stopping = false;
	const stop = async (code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping…');
		for (const s of stoppers.reverse()) await s().catch(() => {});
		process.exit(code);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		const convo = createConvoSimulator();
		await convo.listen(SIM_PORTS.convo);
		stoppers.push(() => convo.close());
		console.log(`Convo simulator    ${convo.url}/api/v1`);
		const velents = createVelentsSimulator();
		await velents.listen(SIM_PORTS.velents);
		stoppers.push(() => velents.close());
		console.log(`Velents simulator  ${velents.url}`);
		const voxstack = createVoxStackSimulator({ callDurationMs: 2000 });
		await voxstack.listen(SIM_PORTS.voxstack);
		stoppers.push(() => voxstack.close());
		console.log(`VoxStack simulator ${voxstack.url}`);
		const timely = createTimelySimulator();
		await timely.listen(SIM_PORTS.timely);
		stoppers.push(() => timely.close());
		console.log(`Timely simulator   ${timely.url}`);
		const raia = createRaiaSimulator();
		await raia.listen(SIM_PORTS.raia);
		stoppers.push(() => raia.close());
		console.log(`raia simulator     ${raia.url}`);

		console.log('Starting n8n (the first run installs Node 24 and n8n into ~/.cache, several minutes)…');
		const n8n = await startN8n({ port: N8N_PORT });
		stoppers.push(() => n8n.stop());

		const convoCredential = await n8n.createCredential('Convo (sandbox)', 'convoApi', {
			apiToken: Object.keys(CONVO_TOKENS)[0],
			baseUrl: `${convo.url}/api/v1`,
		});
		const credentials = { convoApi: { id: convoCredential, name: 'Convo (sandbox)' } };

		const createLead = webhookChain('Convo · create lead from a form (POST /webhook/convo-lead)', 'convo-lead', [
			node('Convo', n8n.type('convo'), { resource: 'lead', operation: 'create', fieldsMode: 'json', fieldsJson: '={{ JSON.stringify($json.body) }}', source: 'n8n' }, { credentials }),
		]);
		await n8n.activate(await n8n.createWorkflow(createLead));
		const { workflow: trigger } = triggerOnly('Convo Trigger · new leads and closed conversations', n8n.type('convoTrigger'), { events: ['lead.created', 'conversation.closed'], customEvents: '' }, credentials);
		await n8n.activate(await n8n.createWorkflow(trigger));
		await n8n.createWorkflow({
			name: 'Convo · list QUALIFIED leads (run manually)',
			nodes: [
				node('When clicking ‘Execute workflow’', 'n8n-nodes-base.manualTrigger', {}),
				node('Convo', n8n.type('convo'), { resource: 'lead', operation: 'getAll', returnAll: true, filters: { status: 'QUALIFIED' } }, { credentials }),
			],
			connections: { 'When clicking ‘Execute workflow’': { main: [[{ node: 'Convo', type: 'main', index: 0 }]] } },
		});

		const velentsAgent = await n8n.createCredential('Velents Agent.sa (sandbox)', 'velentsAgentApi', {
			token: Object.keys(DEFAULT_AGENT_TOKENS)[0],
			baseUrl: velents.url,
			webhookSecret: 'sandbox-webhook-secret-change-me',
		});
		await n8n.createCredential('Velents Support Center (sandbox)', 'velentsSupportApi', { token: Object.keys(DEFAULT_SUPPORT_TOKENS)[0], baseUrl: velents.url });
		const agentCredentials = { velentsAgentApi: { id: velentsAgent, name: 'Velents Agent.sa (sandbox)' } };
		const { workflow: velentsTrigger, webhookId } = triggerOnly('Velents Trigger · conversation events', n8n.type('velentsTrigger'), { events: ['onStarted', 'onMessage', 'onUpdate', 'onEnded'] }, agentCredentials);
		await n8n.activate(await n8n.createWorkflow(velentsTrigger));
		const dispatch = webhookChain('Velents · dispatch a voice call (POST /webhook/velents-dispatch)', 'velents-dispatch', [
			node('Velents', n8n.type('velents'), {
				authentication: 'velentsAgentApi', resource: 'conversation', operation: 'dispatch', channel: 3,
				phone: '={{ $json.body.phone }}', valuesMode: 'json', valuesJson: '={{ JSON.stringify($json.body.values || {}) }}',
				webhook: { link: `${n8n.baseUrl}/webhook/${webhookId}/webhook` },
			}, { credentials: agentCredentials }),
		]);
		await n8n.activate(await n8n.createWorkflow(dispatch));

		const voxCredential = await n8n.createCredential('VoxStack (sandbox)', 'voxStackApi', { apiKey: Object.keys(VOXSTACK_KEYS)[0], baseUrl: voxstack.url });
		const voxCredentials = { voxStackApi: { id: voxCredential, name: 'VoxStack (sandbox)' } };
		const { workflow: voxTrigger, webhookId: voxHook } = triggerOnly('VoxStack Trigger · call events', n8n.type('voxStackTrigger'), { events: ['call_started', 'call_completed', 'call_failed'], attachTaskIds: [] }, voxCredentials);
		await n8n.activate(await n8n.createWorkflow(voxTrigger));
		const agentId = voxstack.data().agents[0].id;
		const callFlow = webhookChain('VoxStack · create and execute a call task (POST /webhook/voxstack-call)', 'voxstack-call', [
			node('Create Task', n8n.type('voxStack'), {
				resource: 'task', operation: 'create', agentId: { __rl: true, mode: 'id', value: agentId }, name: 'Call from n8n', toNumber: '={{ $json.body.phone }}',
				additionalFields: { webhook_url: `${n8n.baseUrl}/webhook/${voxHook}/voxstack`, webhook_events: ['call_started', 'call_completed', 'call_failed'] },
			}, { credentials: voxCredentials }),
			node('Execute', n8n.type('voxStack'), { resource: 'task', operation: 'execute', taskId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, { credentials: voxCredentials }),
		]);
		await n8n.activate(await n8n.createWorkflow(callFlow));

		const timelyCredential = await n8n.createCredential('Timely AI (sandbox)', 'timelyAiApi', { apiKey: Object.keys(TIMELY_KEYS)[0], baseUrl: timely.url });
		const timelyCredentials = { timelyAiApi: { id: timelyCredential, name: 'Timely AI (sandbox)' } };
		const timelyAgent = { __rl: true, mode: 'id', value: timely.data().agents[0].id };
		const { workflow: timelyTrigger } = triggerOnly('Timely AI Trigger · agent events', n8n.type('timelyAiTrigger'), { agentId: timelyAgent, events: ['conversation.started', 'conversation.ended', 'message.received'], customEvents: '' }, timelyCredentials);
		await n8n.activate(await n8n.createWorkflow(timelyTrigger));
		const converse = webhookChain('Timely AI · ask the agent (POST /webhook/timely-ask)', 'timely-ask', [
			node('Converse', n8n.type('timelyAi'), { resource: 'agent', operation: 'converse', agentId: timelyAgent, message: '={{ $json.body.message }}' }, { credentials: timelyCredentials }),
		]);
		await n8n.activate(await n8n.createWorkflow(converse));

		const raiaAgent = await n8n.createCredential('raia agent (sandbox)', 'raiaAgentApi', { secretKey: Object.keys(RAIA_AGENT_KEYS)[0], region: 'custom', baseUrl: raia.url });
		await n8n.createCredential('raia organization (sandbox)', 'raiaOrganizationApi', { secretKey: Object.keys(RAIA_ORG_KEYS)[0], region: 'custom', baseUrl: raia.url });
		const raiaCredentials = { raiaAgentApi: { id: raiaAgent, name: 'raia agent (sandbox)' } };
		const { workflow: raiaTrigger } = triggerOnly('raia Trigger · each message', n8n.type('raiaTrigger'), { triggerCondition: 'each_message' }, raiaCredentials);
		await n8n.activate(await n8n.createWorkflow(raiaTrigger));
		const raiaPrompt = webhookChain('raia · prompt and wait for the answer (POST /webhook/raia-prompt)', 'raia-prompt', [
			node('Prompt', n8n.type('raia'), { authentication: 'raiaAgentApi', resource: 'prompt', operation: 'sendAsync', prompt: '={{ $json.body.prompt }}', waitForResponse: true, pollInterval: 1, maxWait: 60 }, { credentials: raiaCredentials }),
		]);
		await n8n.activate(await n8n.createWorkflow(raiaPrompt));

		console.log(`
n8n is ready:  ${n8n.baseUrl}
Login:         ${n8n.owner.email} / ${n8n.owner.password}
Package:       ${require('../package.json').name} (installed from npm pack, ${n8n.packageInfo.size} bytes)

Try it:
  curl -X POST ${n8n.baseUrl}/webhook/convo-lead -H 'content-type: application/json' -d '{"name":"Anna","email":"anna@example.com"}'
  (the new lead also fires the Convo Trigger workflow through a signed delivery)
  curl -X POST ${n8n.baseUrl}/webhook/velents-dispatch -H 'content-type: application/json' -d '{"phone":"+966500000001","values":{"order_id":"1212"}}'
  (the sandbox then plays the conversation into the Velents Trigger workflow: 4 executions)
  curl -X POST ${n8n.baseUrl}/webhook/voxstack-call -H 'content-type: application/json' -d '{"phone":"+14155550123"}'
  (numbers ending in 0000 fail; the VoxStack Trigger workflow receives call_started and call_completed/failed)
  curl -X POST ${n8n.baseUrl}/webhook/timely-ask -H 'content-type: application/json' -d '{"message":"Preciso de ajuda"}'
  (the new conversation fires conversation.started and message.received into the Timely AI Trigger workflow)
  curl -X POST ${n8n.baseUrl}/webhook/raia-prompt -H 'content-type: application/json' -d '{"prompt":"Summarise our refund policy"}'
  (an async prompt: the node polls raia until the answer is ready)

Ctrl-C stops n8n and the simulators.`);
	} catch (error) {
		console.error(error);
		await stop(1);
	}
}

main();
