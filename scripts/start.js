'use strict';
// `npm start`: the sandbox (provider simulators) plus a real n8n with this package installed
// from `npm pack`, an owner account, credentials pointing at the sandbox and example
// workflows. Prints the editor URL and login; Ctrl-C stops everything it started.
const { createConvoSimulator, DEFAULT_TOKENS: CONVO_TOKENS } = require('../test/simulators/convo/server');
const { startN8n } = require('../test/e2e/n8n');
const { node, triggerOnly, webhookChain } = require('../test/e2e/workflows');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const SIM_PORTS = { convo: Number(process.env.CONVO_SIM_PORT || 5701) };

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

		console.log(`
n8n is ready:  ${n8n.baseUrl}
Login:         ${n8n.owner.email} / ${n8n.owner.password}
Package:       ${require('../package.json').name} (installed from npm pack, ${n8n.packageInfo.size} bytes)

Try it:
  curl -X POST ${n8n.baseUrl}/webhook/convo-lead -H 'content-type: application/json' -d '{"name":"Anna","email":"anna@example.com"}'
  (the new lead also fires the Convo Trigger workflow through a signed delivery)

Ctrl-C stops n8n and the simulators.`);
	} catch (error) {
		console.error(error);
		await stop(1);
	}
}

main();
