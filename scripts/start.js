'use strict';
// `npm start`: the sandbox (provider simulators) plus a real n8n with this package installed
// from `npm pack`, an owner account, credentials pointing at the sandbox and every workflow in
// examples/ imported and active. Prints the editor URL, the login and a curl line per example;
// Ctrl-C stops everything it started.
//   npm start -- --queue   the same in n8n's queue mode: Postgres, Redis, a main, 2 workers and a
//                          webhook processor behind a load balancer (test/queue/topology.js) on
//                          N8N_WEBHOOK_PORT (default N8N_PORT + 1), which is WEBHOOK_URL
const { startN8n } = require('../test/e2e/n8n');
const { startQueueTopology } = require('../test/queue/topology');
const { exampleRequest, startSimulators, createSandboxCredentials, importExamples } = require('../test/e2e/sandbox');

const N8N_PORT = Number(process.env.N8N_PORT || 5678);
const QUEUE = process.argv.includes('--queue');
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
		const sims = await startSimulators(SIM_PORTS);
		stoppers.push(() => sims.close());
		for (const [name, sim] of Object.entries(sims)) console.log(`${name.padEnd(9)} simulator  ${sim.url}`);

		console.log('Starting n8n (the first run installs Node 24 and n8n into ~/.cache, several minutes)…');
		let n8n;
		let topology;
		if (QUEUE) {
			console.log('Queue mode: Postgres, Redis, main, webhook processor and 2 workers (installs postgresql and redis-server when missing)…');
			topology = await startQueueTopology({ port: N8N_PORT, webhookPort: Number(process.env.N8N_WEBHOOK_PORT || N8N_PORT + 1) });
			stoppers.push(() => topology.stop());
			n8n = topology.n8n;
		} else {
			n8n = await startN8n({ port: N8N_PORT });
			stoppers.push(() => n8n.stop());
		}
		const examples = await importExamples(n8n, sims, await createSandboxCredentials(n8n, sims));

		const tryIt = examples
			.filter((e) => e.webhookPath)
			.map((e) => `  # ${e.name}\n  curl -X POST ${n8n.webhookUrl}/webhook/${e.webhookPath} -H 'content-type: application/json' -d '${JSON.stringify(exampleRequest(e.webhookPath, sims))}'`);
		console.log(`
n8n is ready:  ${n8n.baseUrl}   (n8n ${n8n.version})
Login:         ${n8n.owner.email} / ${n8n.owner.password}
Package:       ${require('../package.json').name} (installed from npm pack, ${n8n.packageInfo.size} bytes)
Workflows:     ${examples.length} examples from examples/, active, with sandbox credentials${topology ? `
Queue mode:    webhooks (WEBHOOK_URL, a load balancer) ${n8n.webhookUrl} → webhook processor ${topology.webhook.baseUrl}
               ${topology.workers.length} workers run the executions; Postgres :${topology.pg.port}, Redis :${topology.redis.port}
               logs: main ${topology.main.logFile}, workers ${topology.workers.map((w) => w.logFile).join(', ')}` : ''}

Try it:
${tryIt.join('\n')}
  (trigger-started examples run when the sandbox sends events: a dispatched Velents batch or a
   VoxStack call plays its events back into n8n; see each workflow's sticky note; the Record
   Trigger examples poll the sandbox every minute for new and changed records)

Ctrl-C stops n8n and the simulators.`);
	} catch (error) {
		console.error(error);
		await stop(1);
	}
}

main();
