'use strict';
// n8n's queue mode as its docs describe a scaled installation, from the same runtime and package
// install as every other test (test/e2e/n8n.js): a throw-away Postgres and Redis, one main
// (editor, API, trigger activation), workers that run the executions, and a webhook processor
// that takes production webhooks behind a small load balancer. WEBHOOK_URL is the load
// balancer, as in production: /webhook/… goes to the webhook processor, everything else
// (editor, REST, /webhook-test/…) to the main, so production deliveries can only be taken by
// the webhook processor (the main also has N8N_DISABLE_PRODUCTION_MAIN_PROCESS=true).
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const { startN8n, startN8nProcess, packPackage, freePort, waitFor, ROOT } = require('../e2e/n8n');

/** Same key on every process: credentials are encrypted by the main and decrypted by workers. */
const ENCRYPTION_KEY = 'agent-platforms-queue-key';
/**
 * Shorter than n8n's defaults (60 s job lock, 30 s stalled-job check) so that a killed worker's
 * executions are settled within the test; the behaviour is the same.
 */
const CRASH_SETTLING = { QUEUE_WORKER_LOCK_DURATION: '10000', QUEUE_WORKER_LOCK_RENEW_TIME: '2000', QUEUE_WORKER_STALLED_INTERVAL: '5000' };

/** Installs Postgres and Redis when missing (scripts/queue-runtime.sh); returns their binaries. */
function queueRuntime() {
	const out = execFileSync('bash', [path.join(ROOT, 'scripts/queue-runtime.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).toString();
	const read = (name) => new RegExp(`^${name}=(.+)$`, 'm').exec(out)[1].trim();
	return { pgBin: read('PG_BIN'), redisServer: read('REDIS_SERVER') };
}

// Whatever happens to this process (failure, Ctrl-C, a test runner's kill), nothing is left
// behind: a synchronous last resort on exit and on SIGINT/SIGTERM, and for Postgres and Redis
// PR_SET_PDEATHSIG (setpriv) even when this process is SIGKILLed.
const leftovers = new Set();
process.on('exit', () => {
	for (const { kill, dir } of leftovers) {
		kill?.();
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	}
});
let signalsHandled = false;
function cleanUpOnSignals() {
	if (signalsHandled) return;
	signalsHandled = true;
	// Exit (which runs the clean-up above) unless the program handles the signal itself.
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.listenerCount(signal) === 1 && process.exit(130));
}

/** A folder for one service, owned by the user it runs as. */
function serviceDir(name) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agent-platforms-${name}-`));
	if (process.getuid?.() === 0) execFileSync('chown', ['nobody:nogroup', dir]);
	return dir;
}

/** Postgres refuses to run as root: as root, the services run as `nobody`. */
function asService(command, args) {
	const unprivileged = process.getuid?.() === 0 ? ['--reuid=nobody', '--regid=nogroup', '--clear-groups'] : [];
	return ['setpriv', ['--pdeathsig', 'TERM', ...unprivileged, command, ...args]];
}

function spawnService(name, dir, command, args) {
	const log = fs.openSync(path.join(dir, `${name}.log`), 'a');
	const child = spawn(...asService(command, args), { stdio: ['ignore', log, log] });
	const entry = { kill: () => child.exitCode === null && child.kill('SIGKILL'), dir };
	leftovers.add(entry);
	return {
		child,
		logFile: path.join(dir, `${name}.log`),
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
				if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			}
			fs.closeSync(log);
			fs.rmSync(dir, { recursive: true, force: true });
			leftovers.delete(entry);
		},
	};
}

async function startPostgres(pgBin) {
	const dir = serviceDir('pg');
	const data = path.join(dir, 'data');
	execFileSync(...asService(path.join(pgBin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync']), { stdio: 'ignore' });
	const port = await freePort();
	// A throw-away cluster: durability settings off, loopback TCP only, no Unix socket.
	const server = spawnService('postgres', dir, path.join(pgBin, 'postgres'), ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', '', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']);
	await waitFor('postgres', () => {
		try {
			execFileSync(path.join(pgBin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port)]);
			return true;
		} catch {
			return false;
		}
	}, 30_000);
	execFileSync(path.join(pgBin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	return { ...server, port, env: { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'n8n', DB_POSTGRESDB_PASSWORD: '' } };
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
		socket.on('data', (d) => {
			socket.destroy();
			resolve(d.toString().startsWith('+PONG'));
		});
		socket.on('error', () => resolve(false));
	});
}

async function startRedis(redisServer) {
	const dir = serviceDir('redis');
	const port = await freePort();
	// No persistence: nothing is written to disk, the queue lives as long as the run.
	const server = spawnService('redis', dir, redisServer, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir]);
	await waitFor('redis', () => redisPing(port), 30_000);
	return { ...server, port, env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) } };
}

/** Routes by path like a production load balancer; counts the requests each side took. */
async function startLoadBalancer(route, port) {
	const agent = new http.Agent({ keepAlive: true });
	const counts = {};
	const server = http.createServer((req, res) => {
		const target = route(req.url);
		counts[target.name] = (counts[target.name] ?? 0) + 1;
		const upstream = http.request({ host: '127.0.0.1', port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
			res.writeHead(answer.statusCode, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => {
			if (!res.headersSent) res.writeHead(502);
			res.end();
		});
		req.pipe(upstream);
	});
	port ??= await freePort();
	await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${port}`,
		counts,
		async stop() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			agent.destroy();
		},
	};
}

/**
 * Starts Postgres, Redis, the main (on `port`, or a free one), `workers` workers and
 * `webhookProcessors` webhook processors (one by default) behind the load balancer (on
 * `webhookPort`, or a free one). Returns
 * { n8n (the main, as startN8n returns it), main, webhook, webhooks, workers, lb, ranOn(), stop() }.
 */
async function startQueueTopology({ workers: workerCount = 2, webhookProcessors = 1, port, webhookPort: lbPort, version, env = {}, settleCrashes = false } = {}) {
	cleanUpOnSignals();
	const stoppers = [];
	const stop = async () => {
		for (const s of stoppers.reverse()) await s().catch(() => {});
		stoppers.length = 0;
	};
	try {
		const { pgBin, redisServer } = queueRuntime();
		const pg = await startPostgres(pgBin);
		stoppers.push(() => pg.stop());
		const redis = await startRedis(redisServer);
		stoppers.push(() => redis.stop());
		const webhookPorts = [];
		for (let i = 0; i < webhookProcessors; i++) webhookPorts.push(await freePort());
		let mainPort;
		// Production webhooks go round-robin to the webhook processors ('webhook', 'webhook2', …).
		let turn = 0;
		const nextWebhook = () => {
			const index = turn++ % webhookPorts.length;
			return { name: index === 0 ? 'webhook' : `webhook${index + 1}`, port: webhookPorts[index] };
		};
		const lb = await startLoadBalancer((url) => (/^\/webhook(-waiting)?\//.test(url) ? nextWebhook() : { name: 'main', port: mainPort }), lbPort);
		stoppers.push(() => lb.stop());
		const shared = {
			...pg.env,
			...redis.env,
			EXECUTIONS_MODE: 'queue',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			// What n8n 2.x picks by itself in queue mode; said out loud because workers must
			// read what the webhook processor and the main stored.
			N8N_DEFAULT_BINARY_DATA_MODE: 'database',
			WEBHOOK_URL: `${lb.url}/`,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			...(settleCrashes ? CRASH_SETTLING : {}),
			...env,
		};
		const tarball = packPackage();
		const n8n = await startN8n({ port, version, tarball, webhookUrl: lb.url, env: shared });
		mainPort = n8n.process.port;
		// The workers and the webhook processor need the main's schema and start together.
		const settled = await Promise.allSettled([
			...webhookPorts.map((webhookPort) => startN8nProcess({ command: 'webhook', port: webhookPort, version, tarball, env: shared })),
			...Array.from({ length: workerCount }, () => startN8nProcess({ command: 'worker', version, tarball, env: shared })),
		]);
		const started = settled.filter((r) => r.status === 'fulfilled').map((r) => r.value);
		for (const p of [n8n.process, ...started]) {
			const entry = { kill: () => p.kill('SIGKILL') };
			leftovers.add(entry);
			stoppers.push(async () => {
				await p.stop();
				leftovers.delete(entry);
			});
		}
		const failed = settled.find((r) => r.status === 'rejected');
		if (failed) throw failed.reason;
		const webhooks = started.slice(0, webhookPorts.length);
		const [webhook] = webhooks;
		const workers = started.slice(webhookPorts.length);
		return {
			n8n,
			main: n8n.process,
			webhook,
			/** Every webhook processor, in load-balancer order. */
			webhooks,
			workers,
			lb,
			pg,
			redis,
			/** Which worker (index) logged finishing each execution id: { id: index }. */
			ranOn() {
				const owners = {};
				workers.forEach((worker, index) => {
					for (const [, id] of worker.log().matchAll(/Worker finished execution (\d+)/g)) owners[id] = index;
				});
				return owners;
			},
			/** Execution ids a worker logged as started. */
			startedOn(index) {
				return [...workers[index].log().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
			},
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

module.exports = { startQueueTopology, queueRuntime, ENCRYPTION_KEY };
